"""Zotero and Mendeley citation fields in a .docx read from their CSL-JSON: each item a
reference as the CSL-JSON reader makes it (one per item, however often cited), each field
one citation linked to them, its shown text the essay's but no citation of its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.documents import complex_field, note_reference, para, run, word_document
from translitbib.model import CitationKind, Library
from translitbib.pipeline import ConvertOptions
from translitbib.pipeline import run as run_pipeline

MUKHIN = {"id": 123, "type": "book", "title": "Ubiystvo Stalina i Beriia",
          "author": [{"family": "Mukhin", "given": "Iurii"}], "publisher": "Krymskii most-9D",
          "publisher-place": "Moskva", "issued": {"date-parts": [[2003]]}}
KNIGHT = {"id": 7, "type": "book", "title": "Beria: Stalin's First Lieutenant",
          "author": [{"family": "Knight", "given": "Amy"}],
          "publisher": "Princeton University Press", "publisher-place": "Princeton",
          "issued": {"date-parts": [[1993]]}}


def zotero(*cited: tuple[dict[str, Any], dict[str, Any]]) -> str:
    """A Zotero field's instruction citing each (item, locator and the like)."""
    return "ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps({
        "citationID": "x1", "properties": {"formattedCitation": "", "plainCitation": ""},
        "citationItems": [{"id": item["id"], "uris": [f"http://zotero.org/users/1/items/{item['id']}"],
                           "itemData": item, **more} for item, more in cited],
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"})


def _library(tmp_path: Path, body: str, normalize: bool = False, **parts: Any) -> Library:
    source = tmp_path / "essay.docx"
    source.write_bytes(word_document(body, **parts))
    return run_pipeline([source], ConvertOptions(normalize=normalize))


def _cited(library: Library) -> list[tuple[str, int, list[tuple[str, str | None, str]]]]:
    return [(c.text, c.source.line, [(t.reference.id if t.reference else "", t.locator, t.label)
                                     for t in c.targets]) for c in library.citations]


def test_a_zotero_field_cites_its_items_with_their_locators(tmp_path: Path) -> None:
    field = complex_field(zotero((MUKHIN, {"locator": "45", "label": "page"}),
                                 (KNIGHT, {"locator": "3", "label": "chapter", "prefix": "see"})),
                          run("(Mukhin 2003, 45; see Knight 1993, chap. 3)"), split=30)
    library = _library(tmp_path, para(run("Beria fell "), field, run(".")))
    assert _cited(library) == [("(Mukhin 2003, 45; see Knight 1993, chap. 3)", 1, [
        ("mukhin2003ubiystvo", "45", "page"), ("knight1993beria", "3", "chapter")])]
    assert library.citations[0].targets[1].remarks == ["prefix: see"]
    assert {r.origin for r in library.references} == {"field"}
    assert not any(r.stub for r in library.references)
    mukhin = library.citations[0].targets[0].reference
    assert mukhin is not None and mukhin.fields["publisher"] == "Krymskii most-9D"
    (fields,) = [p for p in library.problems if p.code == "document-citation-fields"]
    assert "1 Zotero" in fields.message and "2 works read" in fields.message


def test_an_item_cited_in_two_fields_is_one_reference(tmp_path: Path) -> None:
    first = complex_field(zotero((MUKHIN, {"locator": "45"})), run("(Mukhin 2003, 45)"))
    again = complex_field(zotero((MUKHIN, {"locator": "50"})), run("(Mukhin 2003, 50)"))
    library = _library(tmp_path, para(run("Beria fell "), first, run("."))
                       + para(run("He was shot "), again, run(".")))
    assert len(library.references) == 1
    assert _cited(library) == [("(Mukhin 2003, 45)", 1, [("mukhin2003ubiystvo", "45", "page")]),
                               ("(Mukhin 2003, 50)", 2, [("mukhin2003ubiystvo", "50", "page")])]


def test_a_mendeley_field_is_read_alike(tmp_path: Path) -> None:
    item = {**KNIGHT, "id": "ITEM-1"}
    instruction = ("ADDIN CSL_CITATION " + json.dumps({"citationItems": [
        {"id": "ITEM-1", "itemData": item, "locator": "176",
         "uris": ["http://www.mendeley.com/documents/?uuid=abc"]}],
        "mendeley": {"formattedCitation": "(Knight 1993, 176)"}, "properties": {"noteIndex": 0},
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"}))
    simple = (f'<w:fldSimple w:instr="{instruction.replace("&", "&amp;").replace(chr(34), "&quot;")}">'
              + run("(Knight 1993, 176)") + "</w:fldSimple>")
    library = _library(tmp_path, para(run("Beria rose "), simple, run(".")))
    assert _cited(library) == [("(Knight 1993, 176)", 1, [("knight1993beria", "176", "page")])]
    assert "1 Mendeley" in next(p.message for p in library.problems
                                if p.code == "document-citation-fields")


def test_a_field_whose_json_is_broken_is_read_as_its_text(tmp_path: Path) -> None:
    broken = complex_field('ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems":[{"itemData":',
                           run("(Mukhin 2003, 45)"))
    library = _library(tmp_path, para(run("Intro.")) + para(run("Beria fell "), broken, run(".")))
    (problem,) = [p for p in library.problems if p.code == "document-citation-field-unreadable"]
    assert problem.source is not None and problem.source.line == 2
    assert "not valid JSON" in problem.message
    assert [(c.text, c.source.line) for c in library.citations] == [("(Mukhin 2003, 45)", 2)]
    assert [r.origin for r in library.references] == ["citation"]  # a stub, as before


def test_a_romanized_russian_item_is_normalized_its_spelling_kept(tmp_path: Path) -> None:
    field = complex_field(zotero((MUKHIN, {"locator": "45"})), run("(Mukhin 2003, 45)"))
    library = _library(tmp_path, para(run("Beria fell "), field, run(".")), normalize=True)
    (ref,) = library.references
    assert ref.title == "Ubiistvo Stalina i Beriia"
    assert ref.originals["title"] == "Ubiystvo Stalina i Beriia"
    assert library.citations[0].targets[0].reference is ref


def test_a_field_in_a_footnote_is_that_notes_citation(tmp_path: Path) -> None:
    field = complex_field(zotero((KNIGHT, {"locator": "176"})),
                          run("Amy Knight, "), run("Beria: Stalin's First Lieutenant", "<w:i/>"),
                          run(" (Princeton: Princeton University Press, 1993), 176."))
    library = _library(tmp_path, para(run("Beria rose."), note_reference("footnote", 1)),
                       footnotes={1: para(field)})
    (citation,) = library.citations
    assert (citation.kind, citation.note) == (CitationKind.NOTE, 1)
    # the work the note's text gives in full is the field's item: merged into it
    assert [r.origin for r in library.references] == ["field"]


def test_the_cli_accounts_for_field_references_and_makes_no_stub(tmp_path: Path) -> None:
    cited = complex_field(zotero((MUKHIN, {"locator": "45"}), (KNIGHT, {})),
                          run("(Mukhin 2003, 45; Knight 1993)"), split=50)
    body = (para(run("Beria fell "), cited, run("."))
            + para(run("Bibliography"), style="Heading1")
            + para(run("Knight, Amy. "), run("Beria: Stalin's First Lieutenant", "<w:i/>"),
                   run(". Princeton: Princeton University Press, 1993."))
            + para(run("Mukhin, Iurii. 2003. "), run("Ubiystvo Stalina i Beriia", "<w:i/>"),
                   run(". Moskva: Krymskii most-9D.")))
    source = tmp_path / "essay.docx"
    source.write_bytes(word_document(body))
    done = subprocess.run([sys.executable, "-m", "translitbib.cli", "convert", str(source),
                           "--out", str(tmp_path / "out"), "--no-normalize"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    accounting = report["accounting"]
    assert accounting["balanced"] and accounting["entries_read"] == 2
    assert accounting["entries_merged_as_duplicates"] == 2  # each entry: a field's item
    assert accounting["references_from_fields"] == 2 and accounting["stub_references"] == 0
    ids = {r["id"] for r in report["references"]}
    (citation,) = report["citations"]
    assert [t["reference"] for t in citation["targets"]] == [
        "mukhin2003ubiystvo", "knight1993beria"]
    assert ids == {"mukhin2003ubiystvo", "knight1993beria"}
    assert not any(r["stub"] for r in report["references"])


def test_mendeley_item_numbers_name_no_work(tmp_path: Path) -> None:
    """Mendeley numbers the works of each citation ITEM-1, ITEM-2...: with no URI, two
    fields' ITEM-1 were taken for one work (the second field cited the first's book)."""
    def mendeley(item: dict[str, Any], shown: str) -> str:
        instruction = "ADDIN CSL_CITATION " + json.dumps({"citationItems": [
            {"id": "ITEM-1", "itemData": {**item, "id": "ITEM-1"}}]})
        return complex_field(instruction, run(shown))
    library = _library(tmp_path, para(run("Beria rose "), mendeley(KNIGHT, "(Knight 1993)"),
                                      run(" and fell "), mendeley(MUKHIN, "(Mukhin 2003)"),
                                      run(".")))
    assert sorted(r.id for r in library.references) == ["knight1993beria", "mukhin2003ubiystvo"]
    assert [[t.reference.id for t in c.targets if t.reference] for c in library.citations] == [
        ["knight1993beria"], ["mukhin2003ubiystvo"]]
