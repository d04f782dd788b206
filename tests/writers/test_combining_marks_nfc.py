"""Diacritic schemes: a protected word keeps its combining marks inside its braces, and every
output is NFC.

ALA-LC writes the tie U+0361 (Berii͡a), iuliia's ISO 9 and scholarly tables a decomposed
caron (z + U+030C).  The .bib had ``{Berii}͡a`` and ``{Z}̌ukov``: the mark outside the braces
that protect the word, and references.json a decomposed ``Ž``.
"""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.writers.writers_support import convert_bib_text
from translitbib.model import Date, Library, Name, Reference, SourceSpan
from translitbib.translit.romanize import romanize
from translitbib.writers.latex import escape_title

BIB = """@book{s1,
  author = {Mukhin, Yuriy},
  title = {Ubiystvo Stalina i Beria: Zhukov i Iaroslavl'},
  year = {2002},
  langid = {russian},
}
"""
SCHEMES = {"ala-lc-diacritics": ("{Berii͡a}", "{I͡aroslavl'}"),
           "iso9": ("{Beriâ}", "{Žukov}", "{Âroslavl'}"),
           "scholarly": ("{Berija}", "{Žukov}", "{Jaroslavl'}")}


def _converted(tmp_path: Path, scheme: str) -> Path:
    return convert_bib_text(tmp_path, BIB, scheme, scheme=scheme)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_protected_words_keep_their_marks_and_every_output_is_nfc(tmp_path, scheme):
    out = _converted(tmp_path, scheme)
    bib = (out / "references.bib").read_text("utf-8")
    title = next(line for line in bib.splitlines() if line.startswith("  title"))
    for word in SCHEMES[scheme]:
        assert word in title, title
    assert "}\u0361" not in title and "}\u030c" not in title
    for name in ("references.bib", "references.json", "references.ris"):
        text = (out / name).read_text("utf-8")
        assert unicodedata.is_normalized("NFC", text), name


def test_romanizer_gives_nfc():
    assert romanize("Жуков", "iso9") == "\u017dukov"  # one letter Ž, not Z + caron
    assert romanize("Жуков", "scholarly") == "\u017dukov"


def test_decomposed_input_is_braced_whole_and_written_nfc():
    assert escape_title("Syn Z\u030cukova i Berii\u0361a", russian=True) == (
        "Syn {Z\u030cukova} i {Berii\u0361a}")
    ref = Reference("book", SourceSpan("t", 1), "", {"title": "Syn Z\u030cukova",
                                                     "language": "ru"},
                    {"author": [Name("S\u030calamov", "Varlam")]}, {"issued": Date(1978)},
                    id="s")
    from translitbib.writers.bibtex import format_bibtex
    from translitbib.writers.csljson import format_csljson
    from translitbib.writers.ris import format_ris

    library = Library(references=[ref])
    for text in (format_bibtex(library), format_csljson(library), format_ris(library)):
        assert "\u0160alamov" in text and unicodedata.is_normalized("NFC", text)
    assert "{\u017dukova}" in format_bibtex(library)


@pytest.mark.clients
def test_biber_and_pandoc_read_the_braced_word_whole(tmp_path, require_client):
    """biber keeps ``{Berii͡a}`` one protected unit and pandoc reads the same title words as
    the CSL-JSON has; with the mark outside (the old output) biber's own .bib kept
    ``{Berii}͡a``."""
    biber, pandoc = require_client("biber"), require_client("pandoc")
    out = _converted(tmp_path, "ala-lc-diacritics")
    bib = out / "references.bib"
    tool = subprocess.run([biber, "--tool", "--output-file", "t.bib", str(bib)], cwd=out,
                          capture_output=True, text=True, timeout=120)
    assert tool.returncode == 0, tool.stdout + tool.stderr
    biber_bib = unicodedata.normalize("NFC", (out / "t.bib").read_text("utf-8"))
    assert "{Berii͡a}" in biber_bib and "{I͡aroslavl'}" in biber_bib
    read = subprocess.run([pandoc, "-f", "biblatex", "-t", "csljson", str(bib)],
                          capture_output=True, text=True, timeout=120)
    assert read.returncode == 0, read.stderr
    (item,) = json.loads(read.stdout)
    (ours,) = json.loads((out / "references.json").read_text("utf-8"))
    assert _plain(item["title"]) == _plain(ours["title"]) == (
        "Ubiĭstvo Stalina i Berii͡a: Zhukov i I͡aroslavl'")


def _plain(title: str) -> str:
    """NFC, with every apostrophe-like as ' (pandoc makes it a typographic one)."""
    return unicodedata.normalize("NFC", title).translate(str.maketrans("’ʹ", "''"))
