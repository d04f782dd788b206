"""Word essays (.docx) read as the essay reader reads text, with what Word marks kept:
italics, hyperlinks, footnotes and endnotes, headings, list numbers; tracked changes read
as accepted.  A line is a paragraph's number.

``tests/data/documents/a Word essay with footnotes.docx`` was made once from the .md
beside it (``pandoc 'a Word essay with footnotes.md' -o 'a Word essay with
footnotes.docx'``, pandoc 2.17); the other documents are built here (``tests.documents``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.documents import note_reference, para, run, word_document
from tests.support import DATA
from translitbib.model import Library
from translitbib.pipeline import ConvertOptions
from translitbib.pipeline import run as run_pipeline
from translitbib.readers import read_path

ESSAY = DATA / "documents" / "a Word essay with footnotes"
KNIGHT = ("Knight, Amy. ", run("Beria: Stalin's First Lieutenant", "<w:i/>"),
          ". Princeton: Princeton University Press, 1993.")
MUKHIN = ("Mukhin, Iurii. ", run("Ubiystvo Stalina i Beriia", "<w:i/>"),
          ". Moskva: Krymskii most-9D, 2003.")


def _bibliography() -> str:
    return para(run("Bibliography"), style="Heading1") + "".join(
        para(*(run(p) if not p.startswith("<") else p for p in entry))
        for entry in (KNIGHT, MUKHIN))


def _linked(tmp_path: Path, data: bytes, name: str = "essay.docx") -> Library:
    source = tmp_path / name
    source.write_bytes(data)
    return run_pipeline([source], ConvertOptions(normalize=False))


def _targets(library: Library) -> dict[str, list[str | None]]:
    return {c.text: [t.reference.id if t.reference else None for t in c.targets]
            for c in library.citations}


def test_a_pandoc_word_essay_reads_as_its_markdown() -> None:
    """Notes, citations and the works they link are the Markdown's; a line is now the
    paragraph's number (1 the title, 2-3 the body, ... the notes after the body)."""
    options = ConvertOptions(normalize=False)
    word = run_pipeline([ESSAY.with_suffix(".docx")], options)
    markdown = run_pipeline([ESSAY.with_suffix(".md")], options)

    def facts(library: Library) -> object:
        return ([(n.number, n.text.replace("’", "'")) for n in library.notes],
                [(c.note, c.text.replace("’", "'"), [t.reference.id if t.reference else None
                                                     for t in c.targets])
                 for c in library.citations],
                sorted(r.id for r in library.references))

    assert facts(word) == facts(markdown)
    assert [(n.number, n.source.line, [c.line for c in n.calls]) for n in word.notes] == [
        (1, 11, [2]), (2, 12, [2]), (3, 14, [3]), (4, 15, [3]), (5, 16, [5])]
    assert [r.source.line for r in word.references] == [7, 8, 9, 10]
    assert word.inputs[0].format == "docx" and word.inputs[0].entries_read == 4
    # the URL of the hyperlink in note 2 survives
    assert [u.url for u in word.notes[1].urls] == ["https://www.hrono.ru/libris/lib_m/muhin00.php"]


def test_italics_split_across_runs_are_one_emphasis(tmp_path: Path) -> None:
    body = para(run("Mukhin argues otherwise (Mukhin, "), run("Ubi", "<w:i/>"),
                run("ystvo", "<w:i/>"), run(" 618-23).")) + _bibliography()
    library = _linked(tmp_path, word_document(body))
    assert _targets(library) == {"(Mukhin, *Ubiystvo* 618-23)": ["mukhin2003ubiystvo"]}


def test_an_italic_character_style_is_italic(tmp_path: Path) -> None:
    styles = ('<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/>'
              '<w:rPr><w:i/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="BookTitle"><w:basedOn w:val="Emphasis"/>'
              '</w:style>')
    body = para(run("As Knight shows (Knight, "), run("Beria", '<w:rStyle w:val="BookTitle"/>'),
                run(", 176), and Mukhin denies (Mukhin, "),
                run("Ubiystvo", '<w:rStyle w:val="Emphasis"/>'), run(", 620).")) + _bibliography()
    library = _linked(tmp_path, word_document(body, styles=styles))
    assert _targets(library) == {"(Knight, *Beria*, 176)": ["knight1993beria"],
                                 "(Mukhin, *Ubiystvo*, 620)": ["mukhin2003ubiystvo"]}


def test_a_footnote_with_a_citation_and_a_hyperlink(tmp_path: Path) -> None:
    body = para(run("Beria fell in June."), note_reference("footnote", 7)) + _bibliography()
    note = para(run("Knight, "), run("Beria", "<w:i/>"), run(", 176; see "),
                '<w:hyperlink r:id="rId9">' + run("the hrono page") + "</w:hyperlink>",
                run("."))
    library = _linked(tmp_path, word_document(body, footnotes={7: note},
                                              links={"rId9": "https://www.hrono.ru/x.php"}))
    (found,) = library.notes
    assert (found.number, found.source.line, [c.line for c in found.calls]) == (1, 5, [1])
    # the link's URL at the paragraph's end (after its words it cut citations in two)
    assert found.text == "Knight, Beria, 176; see the hrono page. https://www.hrono.ru/x.php"
    assert [u.url for u in found.urls] == ["https://www.hrono.ru/x.php"]
    assert _targets(library) == {"Knight, *Beria*, 176": ["knight1993beria"]}
    assert not [p for p in library.problems if p.code.startswith("note-")]


def test_endnotes_are_numbered_after_the_footnotes(tmp_path: Path) -> None:
    """Word numbers footnotes 1, 2... and endnotes i, ii...: here footnotes come first,
    then endnotes, and the report says where endnote i went."""
    body = para(run("Beria fell."), note_reference("endnote", 2), run(" Then the plenum."),
                note_reference("footnote", 5)) + _bibliography()
    library = _linked(tmp_path, word_document(
        body, footnotes={5: para(run("Knight, "), run("Beria", "<w:i/>"), run(", 190."))},
        endnotes={2: para(run("Mukhin, "), run("Ubiystvo", "<w:i/>"), run(", 618."))}))
    assert [(n.number, n.text) for n in library.notes] == [
        (1, "Knight, Beria, 190."), (2, "Mukhin, Ubiystvo, 618.")]
    assert {c.text: c.note for c in library.citations} == {"Knight, *Beria*, 190": 1,
                                                           "Mukhin, *Ubiystvo*, 618": 2}
    (numbered,) = [p for p in library.problems if p.code == "document-notes-numbered"]
    assert "is note 2" in numbered.message


def test_tracked_changes_are_read_as_accepted(tmp_path: Path) -> None:
    body = para(run("Mukhin argues (Mukhin, "),
                '<w:del w:id="1" w:author="A"><w:r><w:rPr><w:i/></w:rPr>'
                '<w:delText>Ubiistvo</w:delText></w:r></w:del>',
                '<w:ins w:id="2" w:author="A">' + run("Ubiystvo", "<w:i/>") + "</w:ins>",
                run(", 620).")) + _bibliography()
    library = _linked(tmp_path, word_document(body))
    assert _targets(library) == {"(Mukhin, *Ubiystvo*, 620)": ["mukhin2003ubiystvo"]}
    (changes,) = [p for p in library.problems if p.code == "document-tracked-changes"]
    assert "1 insertions, 1 deletions" in changes.message and changes.source.line == 1


def test_a_heading_opens_the_bibliography_and_empty_paragraphs_are_not_counted(
        tmp_path: Path) -> None:
    body = para() + para(run("Beria fell (Knight, "), run("Beria", "<w:i/>"), run(", 176).")) \
        + para() + _bibliography()
    library = _linked(tmp_path, word_document(body))
    assert library.inputs[0].entries_read == 2
    assert [(r.source.line, r.title) for r in library.references] == [
        (3, "Beria: Stalin's First Lieutenant"), (4, "Ubiystvo Stalina i Beriia")]
    assert library.citations[0].source.line == 1


def test_a_zotero_field_shows_its_text_and_cites_its_item(tmp_path: Path) -> None:
    """The field's text is the essay's; its item (the bibliography's entry merged into
    it) is what it cites (more in test_essay_docx_fields.py)."""
    instruction = ('ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems":[{"itemData":'
                   '{"type":"book","title":"Beria: Stalin\'s First Lieutenant",'
                   '"author":[{"family":"Knight","given":"Amy"}],'
                   '"issued":{"date-parts":[[1993]]}},"locator":"176"}]}')
    field = (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
             f'{instruction}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             + run("(Knight, ") + run("Beria", "<w:i/>") + run(", 176)")
             + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    body = para(run("Beria fell "), field, run(".")) + _bibliography()
    library = _linked(tmp_path, word_document(body))
    assert _targets(library) == {"(Knight, *Beria*, 176)": ["knight1993beria"]}
    (fields,) = [p for p in library.problems if p.code == "document-citation-fields"]
    assert "1 Zotero" in fields.message
    assert not any("itemData" in r.raw for r in library.references)


def test_a_hyperlink_field_keeps_its_url(tmp_path: Path) -> None:
    field = ('<w:fldSimple w:instr=" HYPERLINK &quot;http://www.aif.ru/online/air/1182/10_01&quot; ">'
             + run("Dobriukha's article") + "</w:fldSimple>")
    library = _linked(tmp_path, word_document(para(run("See "), field, run("."))))
    assert [u.url for u in library.urls] == ["http://www.aif.ru/online/air/1182/10_01"]


def test_a_numbered_list_of_notes_keeps_its_numbers(tmp_path: Path) -> None:
    """Notes typed as a Word list under "Notes": the numbers are Word's, in no w:t."""
    numbering = ('<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>')

    def item(*runs: str) -> str:
        return ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                + "".join(runs) + "</w:p>")

    body = (para(run("Beria fell.¹ The plenum followed.²")) + para(run("Notes"), style="Heading1")
            + item(run("Knight, "), run("Beria", "<w:i/>"), run(", 176."))
            + item(run("Mukhin, "), run("Ubiystvo", "<w:i/>"), run(", 618.")) + _bibliography())
    # headings numbered through their style ("2 Notes", "3 Bibliography") say no number
    styles = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    library = _linked(tmp_path, word_document(body, numbering=numbering, styles=styles))
    assert [(n.number, n.source.line, [c.line for c in n.calls]) for n in library.notes] == [
        (1, 3, [1]), (2, 4, [1])]
    assert library.inputs[0].entries_read == 2
    assert _targets(library) == {"Knight, *Beria*, 176": ["knight1993beria"],
                                 "Mukhin, *Ubiystvo*, 618": ["mukhin2003ubiystvo"]}


def test_the_text_made_of_runs_tabs_breaks_and_hidden_text() -> None:
    from translitbib.readers.docx import word_text

    body = (para(run("Mukhin, "), run("Ubi", "<w:i/>"), run("ystvo ", "<w:i/>"),
                 run("Stalina", "<w:i/>"), run(" 618.")) + para()
            + para(run("Knight, Amy.") + "<w:r><w:tab/></w:r>" + run("Beria, 1993.")
                   + run("a hidden remark", "<w:vanish/>") + "<w:r><w:br/></w:r>"
                   + run("Mukhin, Iurii.") + run("3", '<w:vertAlign w:val="superscript"/>')))
    made = word_text(word_document(body), "essay.docx")
    assert made.text == ("Mukhin, *Ubiystvo Stalina* 618.\n\n"
                         "Knight, Amy. Beria, 1993.\nMukhin, Iurii.³\n\n")
    assert made.paragraph_of_line == [1, 1, 2, 2, 2]


def _write(tmp_path: Path, data: bytes, name: str = "essay.docx") -> Path:
    source = tmp_path / name
    source.write_bytes(data)
    return source


def test_a_word_essay_named_txt_is_read_by_its_content(tmp_path: Path) -> None:
    library = read_path(_write(tmp_path, ESSAY.with_suffix(".docx").read_bytes(), "essay.txt"))
    assert library.inputs[0].format == "docx" and len(library.notes) == 5
    (said,) = [p for p in library.problems if p.code == "format-from-content"]
    assert "a Word document (docx)" in said.message


def test_the_cli_converts_a_word_essay(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "translitbib.cli", "convert",
                           str(ESSAY.with_suffix(".docx")), "--out", str(out)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "5 notes" in done.stdout
    report = json.loads((out / "report.json").read_text("utf-8"))
    (source,) = report["inputs"]
    assert (source["format"], source["entries_read"]) == ("docx", 4)
    accounting = report["accounting"]
    assert accounting["balanced"] is True
    assert accounting["entries_read"] == (accounting["references_from_entries"]
                                          + accounting["entries_merged_as_duplicates"]
                                          + accounting["entries_reported_as_problems"])
    assert {n["number"]: n["calls"][0]["line"] for n in report["notes"]} == {
        1: 2, 2: 2, 3: 3, 4: 3, 5: 5}
    written = json.loads((out / "references.json").read_text("utf-8"))
    assert len(written) == 4 and "knight1993beria" in {item["id"] for item in written}


def test_a_part_over_the_limit_is_refused_before_it_is_inflated() -> None:
    """The limit is 256 MB; here 1 KB, and a document.xml of 10 KB that says so."""
    import io
    import zipfile

    import pytest

    from translitbib.errors import FormatError
    from translitbib.readers.package import parse_part

    class Nothing:
        def start(self, tag: str, attrib: dict[str, str]) -> None: ...
        def end(self, tag: str) -> None: ...
        def data(self, data: str) -> None: ...

    body = para(run("Beria fell. " * 1000))
    archive = zipfile.ZipFile(io.BytesIO(word_document(body)))
    with pytest.raises(FormatError, match=r"word/document.xml would inflate to 1[23] KB \(the limit is 1 KB\)"):
        parse_part(archive, "word/document.xml", Nothing(), "essay.docx", limit=1024)
    parse_part(archive, "word/document.xml", Nothing(), "essay.docx")  # under 256 MB: read


def test_a_thesis_with_more_than_999_footnotes_keeps_them_all() -> None:
    """Note 1000 and after were folded into note 999 (and their calls called notes the
    essay lacked)."""
    from translitbib.readers.docx import read_docx

    body = "".join(para(run(f"Paragraph {i}."), note_reference("footnote", i))
                   for i in range(1, 1003))
    notes = {i: para(run(f"Knight, Beria, {i}.")) for i in range(1, 1003)}
    library = read_docx(word_document(body, footnotes=notes), "thesis.docx")
    assert [(n.number, n.text, [c.line for c in n.calls]) for n in library.notes[-2:]] == [
        (1001, "Knight, Beria, 1001.", [1001]), (1002, "Knight, Beria, 1002.", [1002])]
    assert not [p for p in library.problems if p.code.startswith("note-")]


def test_a_list_level_of_superscript_digits_is_level_0() -> None:
    """'²'.isdigit() is true but int('²') raises: such a w:ilvl ended the run with exit 70."""
    from translitbib.readers.docx import word_text

    body = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="²"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            + run("Text.") + "</w:p>")
    assert word_text(word_document(body), "essay.docx").text.startswith("Text.")


def test_numbering_many_notes_takes_no_square_time() -> None:
    """The uncalled notes were looked for in a set built again for every note: a thesis
    of 10,000 footnotes took 3.6 s to number (20,000: 15 s)."""
    import time

    from translitbib.readers.document import (
        FOOTNOTE,
        DocumentNote,
        NoteCall,
        Paragraph,
        note_numbers,
    )

    count = 10_000
    body = [Paragraph([NoteCall(FOOTNOTE, str(n))]) for n in range(1, count + 1)]
    notes = [DocumentNote(FOOTNOTE, str(n)) for n in range(count + 1)]  # "0" is never called
    started = time.perf_counter()
    numbers = note_numbers(body, notes)
    assert time.perf_counter() - started < 1.0
    assert numbers[(FOOTNOTE, "1")] == 1 and numbers[(FOOTNOTE, "0")] == count + 1


def test_direction_marks_go_as_from_a_text_file(tmp_path: Path) -> None:
    """A left-to-right mark (pasted from the web) after 'Iurii.' stayed in the Word essay,
    where a .txt loses it: the entry's author ran on through its title."""
    body = (para(run("Mukhin argues so (Mukhin 2003, 618).")) + para(run("Bibliography"))
            + para(run("Mukhin, Iurii.\u200e "), run("Ubiystvo Stalina i Beriia", "<w:i/>"),
                   run(". Moskva: Krymskii most-9D, 2003.")))
    library = _linked(tmp_path, word_document(body))
    [reference] = [r for r in library.references if r.origin == "entry"]
    assert (reference.authors[0].family, reference.title) == (
        "Mukhin", "Ubiystvo Stalina i Beriia")


def test_a_linked_title_keeps_its_citation(tmp_path: Path) -> None:
    """A footnote whose title is a hyperlink: '*Beria* <URL> (Princeton...), 176' lost its
    page and was reported unparsed."""
    body = para(run("Beria fell in June."), note_reference("footnote", 2)) + _bibliography()
    note = para(run("Amy Knight, "), '<w:hyperlink r:id="rId9">'
                + run("Beria: Stalin's First Lieutenant", "<w:i/>") + "</w:hyperlink>",
                run(" (Princeton: Princeton University Press, 1993), 176."))
    library = _linked(tmp_path, word_document(body, footnotes={2: note},
                                              links={"rId9": "https://archive.org/details/b"}))
    [citation] = [c for c in library.citations if c.text.startswith("Amy Knight")]
    assert citation.targets[0].locator == "176"
    assert citation.targets[0].reference is not None
    assert [u.url for u in library.notes[0].urls] == ["https://archive.org/details/b"]
    assert not [p for p in library.problems if p.code == "note-unparsed"]


def test_notes_numbered_anew_in_each_section_are_said_to_be(tmp_path: Path) -> None:
    """A thesis whose chapters restart their footnotes: the report's note 3 was Word's
    note 1 of chapter two, with no word of it."""
    restart = ('<w:p><w:pPr><w:sectPr><w:footnotePr><w:numRestart w:val="eachSect"/>'
               '</w:footnotePr></w:sectPr></w:pPr></w:p>')
    body = (para(run("Chapter one."), note_reference("footnote", 2)) + restart
            + para(run("Chapter two."), note_reference("footnote", 3)))
    notes = {2: para(run("One.")), 3: para(run("Two."))}
    library = read_path(_write(tmp_path, word_document(body, footnotes=notes)))
    [said] = [p for p in library.problems if p.code == "document-notes-restart"]
    assert "anew on each section" in said.message
    plain = read_path(_write(tmp_path, word_document(body.replace(restart, ""), footnotes=notes)))
    assert "document-notes-restart" not in {p.code for p in plain.problems}
