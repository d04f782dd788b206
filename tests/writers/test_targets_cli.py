"""``translitbib convert --target T`` as a user runs it: what each target changes.

One real subprocess per target on the golden set; every target is compared with the
default, so a profile key that changes nothing (as the RIS profile once did) shows up.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from tests.writers.writers_support import DATA
from translitbib.writers import TARGETS

FILES = ("references.bib", "references.json", "references.ris")


def translitbib() -> str:
    script = Path(sys.executable).with_name("translitbib")
    return str(script) if script.exists() else shutil.which("translitbib") or "translitbib"


@cache
def converted(target: str, root: Path) -> dict[str, str]:
    out = root / target
    result = subprocess.run(
        [translitbib(), "convert", str(DATA / "golden.json"), "--out", str(out),
         "--target", target], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return {name: (out / name).read_text("utf-8") for name in FILES}


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("targets")


def entry(bib: str, key_prefix: str) -> str:
    return re.search(r"^@\w+\{" + key_prefix + r"[^,]*,\n.*?^\}", bib, re.M | re.S).group()


def test_every_target_is_tested_here():
    assert set(TARGETS) == {"default", "biblatex", "bibtex", "pandoc", "zotero"}


def test_ris_is_the_same_for_every_target(root):
    ris = {converted(t, root)["references.ris"] for t in TARGETS}
    assert len(ris) == 1


def test_default_is_the_biblatex_target(root):
    assert converted("default", root) == converted("biblatex", root)


def test_biblatex_target(root):
    bib = converted("biblatex", root)["references.bib"]
    assert "entrysubtype = {newspaper}" in bib and "@online{" in bib and "@collection{" in bib
    assert "location = {Moscow and Smolensk}" in bib and "origtitle = {" in bib
    assert "eprinttype = {archived copy}" in bib and "date = {2003-06-18}" in bib


def test_bibtex_target(root):
    files, default = converted("bibtex", root), converted("default", root)
    bib = files["references.bib"]
    assert bib.startswith("% Written by translitbib (bibtex dialect).")
    assert "address = {Moscow; Smolensk}" in bib and "month = jun," in bib
    assert "entrysubtype" not in bib and "\n  date = {" not in bib and "@online{" not in bib
    assert files["references.json"] == default["references.json"]


def test_pandoc_target(root):
    files, default = converted("pandoc", root), converted("default", root)
    bib, default_bib = files["references.bib"], default["references.bib"]
    koshliakov = entry(bib, "koshliakov")
    assert "addendum = {Archived copy: https://web.archive.org/" in koshliakov
    assert "eprint" not in koshliakov and "eprint = {" in entry(default_bib, "koshliakov")
    # only the archived copy differs from biblatex
    assert entry(bib, "dobriukha") == entry(default_bib, "dobriukha")
    assert files["references.json"] == default["references.json"]


def test_zotero_target(root):
    files, default = converted("zotero", root), converted("default", root)
    bib = files["references.bib"]
    rubin = entry(bib, "rubin")
    assert "address = {Moscow; Smolensk}" in rubin and "publisher = {Olimp; Rusich}" in rubin
    assert "note = {Original title: Лаврентий Берия. Миф и реальность}" in rubin
    assert "origtitle" not in bib and "location = {" not in bib and "eprint" not in bib
    assert "Archived copy: https://web.archive.org/" in entry(bib, "koshliakov")
    assert "note = {Genre: interview" in entry(bib, "smirtiukhov")
    items = {i["id"]: i for i in json.loads(files["references.json"])}
    plain = {i["id"]: i for i in json.loads(default["references.json"])}
    chilachava = next(k for k in items if k.startswith("chilachava"))
    assert "original-title: " in items[chilachava]["note"]
    assert "note" not in plain[chilachava]
