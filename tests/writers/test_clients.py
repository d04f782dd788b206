"""The real clients take the outputs in: pandoc/citeproc, citeproc-js, biber, bibtex.

Each test writes the golden set and both seeds, runs the program, and checks that every
entry comes out, that nothing warns, and that Russian titles keep their capitalization.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.writers.writers_support import CLIENTS_DIR, CSL_DIR, SEEDS, convert_seed, load_golden
from translitbib.model import Library
from translitbib.writers import write_outputs

pytestmark = pytest.mark.clients
STYLES = ("chicago-author-date.csl", "apa.csl")


def libraries() -> list:
    return [pytest.param("golden", id="golden"),
            *(pytest.param(seed.name, id=seed.stem[:3]) for seed in SEEDS)]


def library_named(name: str) -> Library:
    return load_golden() if name == "golden" else convert_seed(
        next(s for s in SEEDS if s.name == name))


def russian_titles(library: Library) -> list[str]:
    return [r.title for r in library.references if r.fields.get("language") == "ru" and r.title]


def original_titles(library: Library) -> list[str]:
    """The Cyrillic original titles: citeproc-js re-cased them (Chicago prints them) until
    the CSL-JSON wrapped them in <span class="nocase">."""
    return [r.fields["original-title"] for r in library.references
            if r.fields.get("original-title")]


def words(text: str) -> str:
    """The words of a text, case kept, punctuation and markup gone: titles are compared so,
    because clients rightly change quotes and punctuation, but must not re-case words."""
    return " ".join(re.findall(r"\w+", html.unescape(re.sub(r"<[^>]+>", "", text))))


PROTECTED = re.compile(r"\{([^\W\d_]\w*)\}")  # {Beriia}, {TsK}: a word the .bib protects


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)


# pandoc's built-in Chicago author-date (title case) and the shared APA (sentence case):
# the two ways a style re-cases titles.  (pandoc 2.17 takes seconds to load the shared
# 170 kB Chicago file, so its own, older Chicago stands in; that one prints no original
# title: citeproc-js below renders the shared Chicago, original titles included.)
PANDOC_STYLES = {"chicago": [], "apa": [f"--csl={CSL_DIR / 'apa.csl'}"]}


@pytest.mark.parametrize("name", libraries())
@pytest.mark.parametrize(("fmt", "target"), [
    ("bibtex", "pandoc"), ("bibtex", "default"), ("csljson", "default"), ("csljson", "zotero")])
@pytest.mark.parametrize("style", PANDOC_STYLES)
def test_pandoc_citeproc_renders_every_entry(name, fmt, target, style, tmp_path,
                                             require_client):
    pandoc = require_client("pandoc")
    library = library_named(name)
    (bib,) = write_outputs(library, tmp_path, target=target, formats=(fmt,))
    doc = tmp_path / "doc.md"
    doc.write_text('---\nnocite: "@*"\n---\n', "utf-8")
    result = run([pandoc, str(doc), "--citeproc", f"--bibliography={bib}",
                  *PANDOC_STYLES[style], "-t", "plain", "--wrap=none"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr.upper(), result.stderr
    entries = [p for p in result.stdout.strip().split("\n\n") if p.strip()]
    assert len(entries) == len(library.references), result.stdout
    rendered = words(result.stdout)
    for title in russian_titles(library):
        assert words(title) in rendered, title
    if fmt == "bibtex":  # every word the writer protects keeps its capital (APA lowers the rest)
        protected = {w for line in bib.read_text("utf-8").splitlines()
                     if line.startswith("  title = ") for w in PROTECTED.findall(line)}
        assert protected >= {"Dimitrov", "Georgi"} or name != "golden", protected
        assert {w for w in protected if w not in rendered.split()} == set()


@pytest.mark.parametrize("name", libraries())
def test_citeproc_js_renders_every_item(name, tmp_path, require_client):
    node = require_client("citeproc")
    library = library_named(name)
    (items,) = write_outputs(library, tmp_path, formats=("csljson",))
    styles = [str(CSL_DIR / style) for style in STYLES]
    result = run([node, str(CLIENTS_DIR / "render_citeproc.js"), str(items),
                  str(CSL_DIR / "locales-en-US.xml"), *styles], CLIENTS_DIR)
    assert result.returncode == 0, result.stderr
    rendered = json.loads(result.stdout)
    assert sorted(rendered) == sorted(styles)
    for style, out in rendered.items():
        assert len(out["bibliography"]) == len(library.references), style
        assert len(out["citations"]) == len(library.references), style
        everything = " ".join(out["citations"] + out["bibliography"])
        assert "[CSL STYLE ERROR" not in everything, style
        assert out["warnings"] == [], style
        for title in russian_titles(library):
            assert words(title) in words(everything), (style, title)
        originals = original_titles(library)
        assert originals or name != "golden"
        for title in originals:  # both styles print it, and must not re-case it
            assert words(title) in words(everything), (style, title)


@pytest.mark.parametrize("name", libraries())
def test_biber_validates_the_biblatex_output(name, tmp_path, require_client):
    biber = require_client("biber")
    library = library_named(name)
    (bib,) = write_outputs(library, tmp_path, target="biblatex", formats=("bibtex",))
    result = run([biber, "--tool", "--validate-datamodel", "--output-file", "validated.bib",
                  bib.name], tmp_path)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "ERROR" not in log, log
    warnings = [line for line in log.splitlines() if line.startswith("WARN")]
    unexplained = [line for line in warnings if not truly_missing(line, library)]
    assert unexplained == [], unexplained


# biber's warning for a field an entry lacks: (key, field), or (key, "date") for "one of
# 'date, year' must be defined".
_MISSING = re.compile(r"Entry '([^']+)' \([^)]*\): Missing mandatory field "
                      r"(?:'(\w+)'|- one of '(date), year' must be defined)")
# what the field is in the reference: there is nothing to write when the reference lacks it
_MISSING_IN_REFERENCE = {
    "author": lambda ref: not ref.names.get("author") and not ref.names.get("editor"),
    "title": lambda ref: not ref.title,
    "date": lambda ref: "issued" not in ref.dates or ref.dates["issued"].year is None,
}


def truly_missing(warning: str, library: Library) -> bool:
    """The only warnings allowed: a mandatory field the reference itself does not have (an
    undated work, an untitled stub, an anonymous article).  An editor-only book reported
    as missing its author, or any field or type the data model does not know, is ours."""
    match = _MISSING.search(warning)
    if match is None:
        return False
    key, field = match.group(1), match.group(2) or match.group(3)
    ref = next((r for r in library.references if r.id == key), None)
    check = _MISSING_IN_REFERENCE.get(field)
    return ref is not None and check is not None and check(ref)


@pytest.mark.parametrize("name", libraries())
def test_bibtex_plain_bst_runs_clean_on_the_classic_output(name, tmp_path, require_client):
    bibtex = require_client("bibtex")
    library = library_named(name)
    write_outputs(library, tmp_path, target="bibtex", formats=("bibtex",))
    (tmp_path / "doc.aux").write_text(
        "\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{references}\n", "utf-8")
    result = run([bibtex, "doc"], tmp_path)
    log = (tmp_path / "doc.blg").read_text("utf-8", errors="replace")
    assert result.returncode == 0, result.stdout
    assert "Warning--" not in log and "error message" not in log, log
    bbl = (tmp_path / "doc.bbl").read_text("utf-8")
    assert bbl.count("\\bibitem{") == len(library.references)
