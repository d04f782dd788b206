"""A key biber can cite is kept, Unicode or not; classic BibTeX gets an ASCII stand-in, and the
report says what a document must change.

``@book{renée2010,`` and ``@book{Мухин2002,`` were renamed (gire2010ecrits,
mukhin2002ubiistvo) with no alias: a document's ``\\cite{renée2010}`` broke.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.writers.writers_support import convert_bib_text

BIB = """@book{renée2010,
  title = {Les écrits},
  author = {Giré, René},
  date = {2010},
  publisher = {Gallimard},
}

@book{Мухин2002,
  title = {Убийство Сталина и Берия},
  author = {Мухин, Юрий Игнатьевич},
  date = {2002},
  publisher = {Крымский мост-9Д},
}

@book{o'neil2001,
  title = {Spaced},
  author = {Smith, Ann},
  date = {2001},
  publisher = {P},
}
"""


def _convert(tmp_path: Path, target: str) -> Path:
    return convert_bib_text(tmp_path, BIB, target, target=target)


def _keys(bib: str) -> list[str]:
    return [line[line.index("{") + 1:-1] for line in bib.splitlines() if line.startswith("@")]


def test_biblatex_keeps_unicode_keys_with_an_ascii_alias(tmp_path):
    out = _convert(tmp_path, "biblatex")
    bib = (out / "references.bib").read_text("utf-8")
    assert _keys(bib)[:2] == ["renée2010", "Мухин2002"]
    assert "  ids = {renee2010}," in bib and "  ids = {Mukhin2002}," in bib
    items = json.loads((out / "references.json").read_text("utf-8"))
    assert [i["id"] for i in items[:2]] == ["renée2010", "Мухин2002"]
    assert items[0]["custom"]["translitbib"]["aliases"] == ["renee2010"]
    assert "ID  - renée2010" in (out / "references.ris").read_text("utf-8")


def test_classic_bibtex_writes_the_ascii_alias_and_the_report_says_so(tmp_path):
    out = _convert(tmp_path, "bibtex")
    keys = _keys((out / "references.bib").read_text("utf-8"))
    assert keys[:2] == ["renee2010", "Mukhin2002"] and all(k.isascii() for k in keys)
    problems = json.loads((out / "report.json").read_text("utf-8"))["problems"]
    by_code = {}
    for p in problems:
        by_code.setdefault(p["code"], []).append(p["message"])
    assert any("'renée2010'" in m and "'renee2010'" in m for m in by_code["key-not-ascii"])
    assert any("'o'neil2001'" in m for m in by_code["key-renamed"])


@pytest.mark.clients
def test_clients_cite_the_kept_keys(tmp_path, require_client):
    """pandoc cites the Unicode keys in the .bib and the CSL-JSON; biber takes them and their
    ids; bibtex cites the ASCII stand-ins."""
    pandoc, biber, bibtex = (require_client(p) for p in ("pandoc", "biber", "bibtex"))
    out = _convert(tmp_path, "biblatex")
    doc = tmp_path / "doc.md"
    doc.write_text("[@renée2010; @Мухин2002]\n", "utf-8")
    for name in ("references.bib", "references.json"):
        result = subprocess.run([pandoc, str(doc), "--citeproc", f"--bibliography={out / name}",
                                 "-t", "plain"], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0 and "not found" not in result.stderr, result.stderr
        assert "Giré 2010" in result.stdout and "Мухин 2002" in result.stdout
    tool = subprocess.run([biber, "--tool", "--validate-datamodel", "--output-file", "t.bib",
                           "references.bib"], cwd=out, capture_output=True, text=True,
                          timeout=120)
    assert tool.returncode == 0 and "ERROR" not in tool.stdout, tool.stdout
    assert "@BOOK{renée2010," in (out / "t.bib").read_text("utf-8")
    classic = _convert(tmp_path, "bibtex")
    (classic / "t.aux").write_text("\\citation{renee2010}\n\\citation{Mukhin2002}\n"
                                   "\\bibdata{references}\n\\bibstyle{plain}\n", "utf-8")
    run = subprocess.run([bibtex, "t"], cwd=classic, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0 and "Warning" not in run.stdout, run.stdout
    bbl = (classic / "t.bbl").read_text("utf-8")
    assert "\\bibitem{renee2010}" in bbl and "\\bibitem{Mukhin2002}" in bbl
