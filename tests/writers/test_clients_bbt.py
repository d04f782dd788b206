"""Better BibTeX's parser takes the .bib in: the parser Zotero's Better BibTeX imports
.bib files with (npm's @retorquere/bibtex-parser, run with node).

For the golden set and both seeds, in the biblatex and zotero dialects: no parse error,
every entry under its key, and what Zotero would store (people, titles, URLs, dates) the
same as the references written.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.writers.test_clients import libraries, library_named
from tests.writers.writers_support import CLIENTS_DIR
from translitbib.model import OTHERS, Library, Name
from translitbib.writers import write_outputs
from translitbib.writers.keys import ascii_key

pytestmark = pytest.mark.clients
DIALECTS = ("biblatex", "zotero")


def parse_bbt(node: str, bib: Path) -> dict:
    result = subprocess.run([node, str(CLIENTS_DIR / "parse_bbt.mjs"), str(bib)],
                            cwd=CLIENTS_DIR, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def plain(text: str) -> str:
    """A value as a person reads it: markup (the parser marks protected words with
    ``<span class="nocase">``) and spacing aside."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def person(name: Name) -> dict[str, str]:
    if name.literal:
        return {"name": name.literal}
    found = {"lastName": name.family, "firstName": name.given}
    return {key: value for key, value in found.items() if value}


def bbt_person(creator: dict) -> dict[str, str]:
    """A creator as Zotero stores it: the particle is part of the last name."""
    if "name" in creator:
        return {"name": plain(creator["name"])}
    last = " ".join(p for p in (creator.get("prefix"), creator.get("lastName")) if p)
    found = {"lastName": plain(last), "firstName": plain(creator.get("firstName", ""))}
    return {key: value for key, value in found.items() if value}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    files = {}
    for param in libraries():
        name = param.values[0]
        for dialect in DIALECTS:
            out = tmp_path_factory.mktemp(f"{dialect}")
            (files[name, dialect],) = write_outputs(library_named(name), out, target=dialect,
                                                    formats=("bibtex",))
    return files


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("name", libraries())
def test_better_bibtex_reads_every_entry_as_written(name: str, dialect: str, written,
                                                     require_client) -> None:
    node = require_client("bibtex-parser")
    library: Library = library_named(name)
    parsed = parse_bbt(node, written[name, dialect])
    assert parsed["errors"] == []
    entries = {entry["key"]: entry["fields"] for entry in parsed["entries"]}
    keyed = {(ascii_key(ref) if dialect == "zotero" else ref.id): ref
             for ref in library.references}
    assert sorted(entries) == sorted(keyed)
    for key, ref in keyed.items():
        fields = entries[key]
        for role, bib in (("author", "author"), ("editor", "editor")):
            people = [n for n in ref.names.get(role, []) if n.literal != OTHERS]
            if people:
                assert [bbt_person(c) for c in fields.get(bib, [])][:len(people)] == [
                    person(n) for n in people], (key, role)
        if ref.title:
            assert plain(fields["title"]).startswith(plain(ref.title)), key
        if ref.fields.get("URL"):
            urls = fields.get("url") or fields.get("howpublished", "")
            assert ref.fields["URL"] in urls, key
        if ref.year is not None:
            assert str(ref.year) in (fields.get("date") or fields.get("year", "")), key
