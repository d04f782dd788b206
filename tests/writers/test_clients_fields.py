"""biblatex fields through translitbib, as the real clients read them: pandoc reads from
our .bib every variable it reads from the original, and biber finds nothing in our .bib
its data model does not know that the original did not already hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.readers_structured.test_bibtex_fields_kept import BIB
from tests.writers.test_clients import run, words
from translitbib.readers.bibtex import read_bibtex
from translitbib.writers import write_outputs

pytestmark = pytest.mark.clients


def _ours(tmp_path: Path, target: str = "biblatex") -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (bib,) = write_outputs(read_bibtex(BIB, "in.bib"), out, target=target, formats=("bibtex",))
    return bib


def _pandoc_csl(pandoc: str, path: Path) -> dict[str, dict]:
    result = run([pandoc, "-f", "biblatex", "-t", "csljson", path.name], path.parent)
    assert result.returncode == 0 and not result.stderr, result.stderr
    return {item["id"]: item for item in json.loads(result.stdout)}


@pytest.mark.parametrize("target", ["biblatex", "pandoc"])
def test_pandoc_reads_from_our_bib_what_it_reads_from_the_original(target, tmp_path,
                                                                   require_client):
    pandoc = require_client("pandoc")
    original = tmp_path / "in.bib"
    original.write_text(BIB, "utf-8")
    before, after = _pandoc_csl(pandoc, original), _pandoc_csl(pandoc, _ours(tmp_path, target))
    for key, item in before.items():
        for variable, value in item.items():
            if variable == "language":
                continue  # ours adds the language the original left out
            mine = after[key].get(variable)
            if isinstance(value, str) and "title" in variable:  # case: pandoc re-cases
                assert words(mine).lower() == words(value).lower(), (key, variable)
            else:
                assert mine == value, (key, variable, mine, value)
    # number of a @book is its series number, of a @report its own, as pandoc reads them
    assert after["solzhenitsyn1973"]["collection-number"] == "7"
    assert after["cia1953"]["number"] == "CIA-RDP80-00810A"


_INVALID = re.compile(r"Entry '([^']+)'.*(?:Field '(\w+)' invalid|Invalid field '(\w+)')")


def _invalid_fields(biber: str, path: Path) -> set[tuple[str, str]]:
    result = run([biber, "--tool", "--validate-datamodel", "--output-file", "v.bib",
                  path.name], path.parent)
    assert result.returncode == 0 and "ERROR" not in result.stdout, result.stdout
    return {(m[1], m[2] or m[3]) for m in _INVALID.finditer(result.stdout)}


def test_biber_finds_no_field_invalid_that_the_original_did_not_hold(tmp_path, require_client):
    biber = require_client("biber")
    original = tmp_path / "in.bib"
    original.write_text(BIB, "utf-8")
    before = _invalid_fields(biber, original)
    assert before == {("solzhenitsyn1973", "comment")}  # JabRef's comment: carried as read
    assert _invalid_fields(biber, _ours(tmp_path)) == before
