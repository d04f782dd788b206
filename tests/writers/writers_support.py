"""What the writer, reader and client tests share: the golden set, the seeds, the clients."""

from __future__ import annotations

import importlib.util
import os
import shutil
from functools import cache
from pathlib import Path

import pytest

from translitbib.model import Library
from translitbib.pipeline import ConvertOptions, run
from translitbib.readers.csljson import read_csljson
from translitbib.writers.keys import assign_keys

DATA = Path(__file__).parent / "data"
TESTS = Path(__file__).parent.parent
CSL_DIR = TESTS / "data" / "csl"
SEEDS = sorted((TESTS / "data" / "seeds").glob("*.txt"))
CLIENTS_DIR = TESTS / "clients"


def load_golden() -> Library:
    """Our golden set (every entry type the issue names), keys assigned."""
    path = DATA / "golden.json"
    return assign_keys(read_csljson(path.read_text("utf-8"), str(path)))


@cache
def convert_seed(path: Path) -> Library:
    """A seed essay through the default pipeline (normalizing when that step exists).

    Converted once per test session and shared: tests must not change it.
    """
    normalize = importlib.util.find_spec("translitbib.translit.step") is not None
    return run([path], ConvertOptions(normalize=normalize))


def convert_bib_text(tmp_path: Path, text: str, name: str, **options: object) -> Path:
    """``text`` as a .bib file converted into ``tmp_path/name`` with ``options``; the
    output directory."""
    from translitbib.pipeline import convert_to_directory

    source = tmp_path / "in.bib"
    source.write_text(text, "utf-8")
    out = tmp_path / name
    convert_to_directory([source], out, ConvertOptions(**options))  # type: ignore[arg-type]
    return out


#: the clients that are npm packages (in tests/clients/node_modules), run with node
NODE_CLIENTS = {"citeproc": "citeproc", "bibtex-parser": "@retorquere/bibtex-parser"}


def find_client(program: str) -> str:
    """The client program's path; skip the test (or fail it under TRANSLITBIB_REQUIRE_CLIENTS=1)."""
    if program in NODE_CLIENTS:
        ready = (CLIENTS_DIR / "node_modules" / NODE_CLIENTS[program]).is_dir()
        path = shutil.which("node") if ready else None
    else:
        path = shutil.which(program)
    if path:
        return path
    message = f"client program {program!r} is not installed (run: make clients)"
    if os.environ.get("TRANSLITBIB_REQUIRE_CLIENTS") == "1":
        pytest.fail(message)
    pytest.skip(message)
