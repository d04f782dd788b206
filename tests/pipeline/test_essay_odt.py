"""LibreOffice and OpenDocument essays (.odt), read as Word essays are.

``tests/data/documents/a Word essay with footnotes.odt`` was made once from the .md
beside it with pandoc 2.17 (``-o 'a Word essay with footnotes.odt'``).
"""

from __future__ import annotations

from pathlib import Path

from tests.documents import open_document
from tests.support import DATA
from translitbib.model import Library
from translitbib.pipeline import ConvertOptions, run
from translitbib.readers import read_path

ESSAY = DATA / "documents" / "a Word essay with footnotes"
ITALIC = ('<style:style style:name="T1" style:family="text">'
          '<style:text-properties fo:font-style="italic"/></style:style>')
BIBLIOGRAPHY = ('<text:h text:outline-level="1">Bibliography</text:h>'
                '<text:p>Knight, Amy. <text:span text:style-name="T1">Beria: Stalin’s First '
                'Lieutenant</text:span>. Princeton: Princeton University Press, 1993.</text:p>'
                '<text:p>Mukhin, Iurii. <text:span text:style-name="T1">Ubiystvo Stalina i '
                'Beriia</text:span>. Moskva: Krymskii most-9D, 2003.</text:p>')


def _read(tmp_path: Path, data: bytes, name: str = "essay.odt") -> Library:
    source = tmp_path / name
    source.write_bytes(data)
    return run([source], ConvertOptions(normalize=False))


def _targets(library: Library) -> dict[str, list[str | None]]:
    return {c.text: [t.reference.id if t.reference else None for t in c.targets]
            for c in library.citations}


def test_a_pandoc_odt_essay_reads_as_the_word_one() -> None:
    options = ConvertOptions(normalize=False)
    odt = run([ESSAY.with_suffix(".odt")], options)
    docx = run([ESSAY.with_suffix(".docx")], options)

    def facts(library: Library) -> object:
        return ([(n.number, n.text, n.source.line, [c.line for c in n.calls])
                 for n in library.notes],
                [(c.source.line, c.text, [t.reference.id if t.reference else None
                                          for t in c.targets]) for c in library.citations],
                [(r.id, r.source.line) for r in library.references])

    assert facts(odt) == facts(docx)
    assert odt.inputs[0].format == "odt" and odt.inputs[0].entries_read == 4


def test_notes_italics_links_and_a_named_italic_style(tmp_path: Path) -> None:
    named = ('<style:style style:name="Emphasis" style:family="text">'
             '<style:text-properties fo:font-style="italic"/></style:style>')
    automatic = ITALIC + ('<style:style style:name="T2" style:family="text" '
                          'style:parent-style-name="Emphasis"/>')
    text = ('<text:p>Mukhin argues (Mukhin, <text:span text:style-name="T1">Ubi</text:span>'
            '<text:span text:style-name="T2">ystvo</text:span> 618).'
            '<text:note text:id="ftn0" text:note-class="endnote"><text:note-citation>i'
            '</text:note-citation><text:note-body><text:p>Knight, <text:span '
            'text:style-name="T1">Beria</text:span>, 176; see <text:a xlink:type="simple" '
            'xlink:href="https://www.hrono.ru/x.php">hrono</text:a>.</text:p></text:note-body>'
            '</text:note></text:p>' + BIBLIOGRAPHY)
    library = _read(tmp_path, open_document(text, automatic_styles=automatic, styles=named))
    assert _targets(library) == {"(Mukhin, *Ubiystvo* 618)": ["mukhin2003ubiystvo"],
                                 "Knight, *Beria*, 176": ["knight1993beria"]}
    (note,) = library.notes
    assert (note.number, note.source.line, [c.line for c in note.calls]) == (1, 5, [1])
    assert [u.url for u in note.urls] == ["https://www.hrono.ru/x.php"]


def test_tracked_changes_are_read_as_accepted(tmp_path: Path) -> None:
    changes = ('<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
               '<office:change-info/><text:p>Ubiistvo</text:p></text:deletion>'
               '</text:changed-region></text:tracked-changes>')
    text = changes + ('<text:p>Mukhin argues (Mukhin, <text:change text:change-id="ct1"/>'
                      '<text:span text:style-name="T1">Ubiystvo</text:span>, 620).</text:p>'
                      + BIBLIOGRAPHY)
    library = _read(tmp_path, open_document(text, automatic_styles=ITALIC))
    assert _targets(library) == {"(Mukhin, *Ubiystvo*, 620)": ["mukhin2003ubiystvo"]}
    (found,) = [p for p in library.problems if p.code == "document-tracked-changes"]
    assert "1 deletions" in found.message and found.source.line == 1


def test_an_odt_named_docx_is_read_by_its_content(tmp_path: Path) -> None:
    library = read_path(Path(_write(tmp_path, ESSAY.with_suffix(".odt").read_bytes(), "x.docx")))
    assert library.inputs[0].format == "odt" and len(library.notes) == 5


def _write(tmp_path: Path, data: bytes, name: str) -> Path:
    source = tmp_path / name
    source.write_bytes(data)
    return source


def test_outline_and_list_numbers(tmp_path: Path) -> None:
    """A heading's outline number ('2.Bibliography') hid the bibliography and its entries;
    a list item's number is its text, so notes typed as a numbered list are notes."""
    library = _read(tmp_path, open_document(
        "<text:p>Beria fell.<text:span>1</text:span></text:p>"
        "<text:h><text:number>1.</text:number>Notes</text:h>"
        "<text:list><text:list-item><text:number>1.</text:number><text:p>Amy Knight, "
        "Beria (Princeton: Princeton University Press, 1993), 176.</text:p></text:list-item>"
        "</text:list>"
        "<text:h><text:number>2.</text:number>Bibliography</text:h>"
        "<text:p>Knight, Amy. Beria. Princeton: Princeton University Press, 1993.</text:p>"))
    assert library.inputs[0].entries_read == 1
    assert [r.title for r in library.references if r.origin == "entry"] == ["Beria"]
    assert [n.number for n in library.notes] == [1]
