"""A dropping particle (CSL ``{"given": "Charles", "dropping-particle": "de"}``, read as the
given name ``Charles de``) is written ``de Gaulle, Charles``: the form biber, pandoc and
bibtex all read as the particle.  ``Gaulle, Charles de`` gave biber the given name
``Charles de``."""

from __future__ import annotations

import json
import subprocess

import pytest

from translitbib.model import Library, Name, Reference, SourceSpan
from translitbib.readers.csljson import read_csljson
from translitbib.writers.bibtex import format_bibtex

CSL = [{"id": "gaulle", "type": "book", "title": "Memoires",
        "author": [{"family": "Gaulle", "given": "Charles", "dropping-particle": "de"}],
        "issued": {"date-parts": [[1954]]}}]


def _library() -> Library:
    return read_csljson(json.dumps(CSL), "in.json")


@pytest.mark.parametrize("dialect", ["biblatex", "bibtex", "pandoc", "zotero"])
def test_dropping_particle_goes_before_the_family_name(dialect):
    assert "  author = {de Gaulle, Charles}," in format_bibtex(_library(), dialect)


def test_only_a_particle_after_a_given_name_moves():
    def written(given: str) -> str:
        ref = Reference("book", SourceSpan("t", 1), "", {"title": "T"},
                        {"author": [Name("Family", given)]}, id="k")
        return format_bibtex(Library(references=[ref])).split("author = {")[1].split("}")[0]

    assert written("Ludwig van") == "van Family, Ludwig"
    assert written("Juan de la") == "de la Family, Juan"
    assert written("de") == "Family, de"  # no given name before it: nothing to split
    assert written("Iurii") == "Family, Iurii"


@pytest.mark.clients
def test_biber_and_pandoc_read_de_as_the_particle(tmp_path, require_client):
    biber, pandoc = require_client("biber"), require_client("pandoc")
    bib = tmp_path / "references.bib"
    bib.write_text(format_bibtex(_library()), "utf-8")
    read = subprocess.run([pandoc, "-f", "biblatex", "-t", "csljson", str(bib)],
                          capture_output=True, text=True, timeout=120)
    (item,) = json.loads(read.stdout)
    assert item["author"] == [{"dropping-particle": "de", "family": "Gaulle",
                               "given": "Charles"}]
    tool = subprocess.run([biber, "--tool", "--output-xname", "--output-file", "x.bib",
                           str(bib)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert tool.returncode == 0, tool.stdout
    assert "AUTHOR = {family=Gaulle, given=Charles, prefix=de}" in (
        tmp_path / "x.bib").read_text("utf-8")
