"""Read a Word essay (.docx) as the essay reader reads text, keeping what Word marks.

Saved as plain text, a Word essay loses the italics that mark its titles and puts its
notes in odd places.  Here the WordprocessingML is read as a stream (``package``) into
paragraphs (``document``): italic runs (``w:i``, or an italic character style such as
"Emphasis") stay italic, hyperlinks keep their URL, footnote and endnote references become
note calls and the notes (``footnotes.xml``, ``endnotes.xml``; not the separators) their
definitions, list numbers are drawn as Word draws them, tabs are spaces and line breaks
lines.  Tracked changes are read as if accepted (``w:ins`` kept, ``w:del`` and
``w:moveFrom`` left out).  A field shows its result: a Zotero, Mendeley or EndNote citation
is the text it shows (the CSL-JSON its instruction holds is not read), a ``HYPERLINK``
field keeps its URL, a table of contents is left out.  Text boxes, comments, headers and
footers are not read.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from ..model import Library, Severity
from .document import (
    ENDNOTE,
    FOOTNOTE,
    DocumentNote,
    DocumentText,
    NoteCall,
    Paragraph,
    Remark,
    Run,
    Tally,
    document_text,
    essay_library,
    run_text,
)
from .document_fields import CSL_FIELDS, FIELD_JSON_LIMIT, FieldCitation, citation_items, item_key
from .docx_numbering import ListNumbers, list_numbers
from .docx_parts import (
    R_NAMESPACES,
    WHAT,
    WordParts,
    WordStyles,
    attribute,
    is_on,
    word_name,
    word_parts,
    word_styles,
)
from .package import open_package, parse_part

#: the copy of a drawing kept for old readers (the mc:Choice beside it is read)
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: elements whose content is not the text as it reads: deleted or moved-away text, the old
#: properties of a formatting change, text boxes (reported), a content control's settings
SKIPPED = frozenset({"del", "moveFrom", "rPrChange", "pPrChange", "txbxContent", "sdtPr"})
NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_QUOTED = re.compile(r'"([^"]+)"')
# the citation managers' fields: Zotero, Mendeley, EndNote, Papers, Citavi
CITATION_FIELD = re.compile(r"ADDIN\s+(ZOTERO_ITEM|CSL_CITATION|EN\.CITE|PAPERS2_CITATIONS"
                            r"|CITAVI)")
MANAGERS = {"ZOTERO_ITEM": "Zotero", "CSL_CITATION": "Mendeley", "EN.CITE": "EndNote",
            "PAPERS2_CITATIONS": "Papers", "CITAVI": "Citavi"}


def read_docx(data: bytes, path: str) -> Library:
    """Read a .docx essay into a Library (``FormatError`` when it cannot be read)."""
    return essay_library(word_text(data, path), path, "docx")


def word_text(data: bytes, path: str) -> DocumentText:
    """A .docx's text as the essay reader takes it, with each line's paragraph."""
    package = open_package(data, path, WHAT)
    parts = word_parts(package, path)
    styles = word_styles(package, parts.styles, path)
    tally = Tally()
    story = WordStory(styles, list_numbers(package, parts.numbering, path), tally)
    body = _read_part(package, parts.main, story, parts, path).paragraphs
    notes: list[DocumentNote] = []
    for part in parts.notes.values():
        notes += _read_part(package, part, story, parts, path).notes
    return document_text(body, notes, tally.remarks() + story.remarks, story.citations)


def _read_part(package: zipfile.ZipFile, part: str, story: WordStory, parts: WordParts,
               path: str) -> WordStory:
    story.begin(part, parts.links.get(part, {}))
    parse_part(package, part, story, path)
    return story


@dataclass(slots=True)
class _Field:
    """A Word field: its instruction, and whether its result is being read."""

    instruction: list[str] = field(default_factory=list)
    size: int = 0  # the instruction's length so far (kept only up to what is read)
    showing: bool = False
    hidden: bool = False  # a table of contents: its result is not the essay's text
    result_start: tuple[Paragraph | None, int] = (None, 0)
    items: list[dict[str, Any]] | None = None  # a Zotero or Mendeley field's works


class WordStory:
    """An ``ElementTree`` parser target that reads a part's paragraphs as they stream by:
    the body's, or each note's."""

    def __init__(self, styles: WordStyles, numbers: ListNumbers, tally: Tally) -> None:
        self.styles = styles
        self.numbers = numbers
        self.tally = tally
        self.paragraphs: list[Paragraph] = []
        self.notes: list[DocumentNote] = []
        self.citations: list[FieldCitation] = []  # fields whose CSL-JSON was read
        self.remarks: list[Remark] = []
        self._works: set[str] = set()  # the keys of the fields' works counted so far

    def begin(self, part: str, links: dict[str, str]) -> None:
        """Start a part: its hyperlinks, and nothing open yet."""
        self.links = links
        self.paragraphs = []
        self.notes = []
        self._into: list[Paragraph] = self.paragraphs
        self._skip = 0  # depth inside a skipped element
        self._path: list[str] = []
        self._paragraph: Paragraph | None = None
        self._fields: list[_Field] = []
        self._hyperlinks: list[tuple[str | None, int]] = []
        self._in_text = self._in_instruction = False
        self._list: tuple[str, int] | None = None
        self._style = ""
        self._run_reset()

    def _run_reset(self) -> None:
        self._italic: bool | None = None
        self._run_style = ""
        self._hidden = False
        self._superscript = False

    # -- the parser's calls --------------------------------------------------------------

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = word_name(tag) or ""
        self._path.append(name)
        if self._skip or tag == MC_FALLBACK or name in SKIPPED:
            self._skip += 1
            self._note_skipped(name, attrib)
            return
        handler = _STARTS.get(name)
        if handler is not None:
            handler(self, attrib)

    def end(self, tag: str) -> None:
        name = self._path.pop()
        if self._skip:
            self._skip -= 1
            return
        if name in ("t", "instrText"):
            self._in_text = self._in_instruction = False
        elif name == "p":
            self._end_paragraph()
        elif name == "r":
            self._run_reset()
        elif name == "hyperlink" and self._hyperlinks:
            self._end_link(*self._hyperlinks.pop())
        elif name == "fldSimple" and self._fields:
            self._end_field(self._fields.pop())
        elif name in ("footnote", "endnote"):
            self._into = self.paragraphs

    def data(self, data: str) -> None:
        if self._in_instruction and self._fields:
            found = self._fields[-1]
            found.size += len(data)
            if found.size <= FIELD_JSON_LIMIT + 1000:  # beyond: refused, not held
                found.instruction.append(data)
        elif self._in_text and self._shown():
            self._add(run_text(data, self._superscript), self._is_italic())

    def close(self) -> None:
        return None

    # -- what each element does ----------------------------------------------------------

    def _note_skipped(self, name: str, attrib: dict[str, str]) -> None:
        """Count what is left out that a user should hear of (only where it starts)."""
        if self._skip != 1:
            return
        if name in ("del", "moveFrom") and not self._in_properties():
            self.tally.deletions += 1
            self.tally.changes_at = self.tally.changes_at or self._paragraph
        elif name == "txbxContent":
            self.tally.text_boxes += 1

    def _in_properties(self) -> bool:
        return "rPr" in self._path[-3:] or "pPr" in self._path[-3:]

    def _paragraph_start(self, attrib: dict[str, str]) -> None:
        self._paragraph = Paragraph()
        self._list = None
        self._style = ""

    def _end_paragraph(self) -> None:
        paragraph, self._paragraph = self._paragraph, None
        if paragraph is None:
            return
        numbered = self._list or self.styles.numbering.get(self._style)
        if numbered and self._style not in self.styles.headings:
            label = self.numbers.label(*numbered)
            if label:
                paragraph.pieces.insert(0, Run(label + " "))
        self._into.append(paragraph)

    def _note_start(self, attrib: dict[str, str]) -> None:
        kind = FOOTNOTE if self._path[-1] == "footnote" else ENDNOTE
        if attribute(attrib, "type") in NOTE_SEPARATORS:
            self._skip = 1  # the line above the notes, not a note
            return
        note = DocumentNote(kind, attribute(attrib, "id") or "")
        self.notes.append(note)
        self._into = note.paragraphs

    def _property(self, attrib: dict[str, str]) -> None:
        """A run's or a paragraph's property (only a run's own ``w:rPr`` styles its text)."""
        name, parents = self._path[-1], self._path[-3:-1]
        value = attribute(attrib, "val") or ""
        if parents == ["r", "rPr"]:
            if name == "i":
                self._italic = is_on(attrib)
            elif name == "rStyle":
                self._run_style = value
            elif name in ("vanish", "specVanish"):
                self._hidden = is_on(attrib)
            elif name == "vertAlign":
                self._superscript = value == "superscript"
        elif parents == ["p", "pPr"] and name == "pStyle":
            self._style = value
        elif parents == ["pPr", "numPr"]:
            num_id, level = self._list or ("", 0)
            self._list = (value, level) if name == "numId" else (num_id, _level(value))

    def _text_start(self, attrib: dict[str, str]) -> None:
        self._in_text = self._path[-2:-1] == ["r"]

    def _instruction_start(self, attrib: dict[str, str]) -> None:
        self._in_instruction = True

    def _run_content(self, attrib: dict[str, str]) -> None:
        """Tabs, breaks and hyphens inside a run (a ``w:tab`` elsewhere is a tab stop)."""
        if self._path[-2:-1] != ["r"] or not self._shown():
            return
        name = self._path[-1]
        self._add({"tab": " ", "ptab": " ", "br": "\n", "cr": "\n",
                   "noBreakHyphen": "-"}.get(name, ""), self._is_italic())

    def _note_reference(self, attrib: dict[str, str]) -> None:
        if self._paragraph is not None and self._shown():
            kind = FOOTNOTE if self._path[-1] == "footnoteReference" else ENDNOTE
            self._paragraph.pieces.append(NoteCall(kind, attribute(attrib, "id") or ""))

    def _insertion(self, attrib: dict[str, str]) -> None:
        if not self._in_properties():
            self.tally.insertions += 1
            self.tally.changes_at = self.tally.changes_at or self._paragraph

    def _link_start(self, attrib: dict[str, str]) -> None:
        rel_id = attribute(attrib, "id", R_NAMESPACES)
        url = self.links.get(rel_id or "")
        self._hyperlinks.append((url, len(self._paragraph.pieces) if self._paragraph else 0))

    def _end_link(self, url: str | None, start: int) -> None:
        if url and self._paragraph is not None:
            self._paragraph.end_link(url, start)

    def _numbering_restart(self, attrib: dict[str, str]) -> None:
        """Word numbering its notes anew in each section or page (a thesis's chapters):
        the report's numbers run through the document, and should say so."""
        where = {"eachSect": "section", "eachPage": "page"}.get(attribute(attrib, "val") or "")
        if where and ("footnotePr" in self._path or "endnotePr" in self._path):
            self.tally.notes_restart = where

    def _field_char(self, attrib: dict[str, str]) -> None:
        kind = attribute(attrib, "fldCharType")
        if kind == "begin":
            self._fields.append(_Field())
        elif kind == "separate" and self._fields:
            self._separate(self._fields[-1])
        elif kind == "end" and self._fields:
            self._end_field(self._fields.pop())

    def _simple_field(self, attrib: dict[str, str]) -> None:
        instruction = attribute(attrib, "instr") or ""
        found = _Field([instruction], len(instruction))
        self._fields.append(found)
        self._separate(found)

    def _separate(self, found: _Field) -> None:
        instruction = "".join(found.instruction).strip()
        found.showing = True
        found.hidden = instruction.upper().startswith("TOC")
        found.result_start = (self._paragraph, len(self._paragraph.pieces)
                              if self._paragraph else 0)
        manager = CITATION_FIELD.search(instruction)
        if manager:
            name = MANAGERS[manager.group(1)]
            self.tally.citations[name] = self.tally.citations.get(name, 0) + 1
            self.tally.citations_at = self.tally.citations_at or self._paragraph
            if manager.group(1) in CSL_FIELDS:
                self._read_items(found, name, instruction[manager.end():])

    def _read_items(self, found: _Field, manager: str, instruction: str) -> None:
        """A Zotero or Mendeley field's works, from its JSON (a problem when unreadable)."""
        items, why = (citation_items(instruction) if found.size <= FIELD_JSON_LIMIT + 1000
                      else (None, f"its JSON is over {FIELD_JSON_LIMIT:,} characters"))
        if items is None:
            self.remarks.append(Remark(
                Severity.WARNING, "document-citation-field-unreadable",
                f"a {manager} citation field's item data cannot be read ({why}): read as "
                "the text it shows", self._paragraph))
            return
        found.items = items
        for cited in items:
            if isinstance(cited.get("itemData"), dict):
                key = item_key(cited)
                if key is None or key not in self._works:
                    self.tally.field_items += 1
                    self._works.add(key or str(id(cited)))

    def _end_field(self, found: _Field) -> None:
        instruction = "".join(found.instruction).strip()
        url = _QUOTED.search(instruction)
        paragraph, start = found.result_start
        if found.items is not None and paragraph is not None:
            shown = [p for p in paragraph.pieces[start:] if isinstance(p, Run)]
            note = (self.notes[-1].kind, self.notes[-1].key) if (
                self._into is not self.paragraphs and self.notes) else None
            self.citations.append(FieldCitation(found.items, shown, paragraph, note))
        if (instruction.upper().startswith("HYPERLINK") and url and "\\l" not in instruction
                and paragraph is not None and paragraph is self._paragraph):
            self._end_link(url.group(1), start)

    # -- helpers -------------------------------------------------------------------------

    def _shown(self) -> bool:
        return not self._hidden and all(f.showing and not f.hidden for f in self._fields)

    def _is_italic(self) -> bool:
        return self._italic if self._italic is not None else (
            self._run_style in self.styles.italic)

    def _add(self, text: str, italic: bool) -> None:
        if self._paragraph is not None and text:
            self._paragraph.add(text, italic)


def _level(value: str) -> int:
    return int(value) if value.isdecimal() else 0


_STARTS = {
    "p": WordStory._paragraph_start,
    "t": WordStory._text_start,
    "footnote": WordStory._note_start,
    "endnote": WordStory._note_start,
    "footnoteReference": WordStory._note_reference,
    "endnoteReference": WordStory._note_reference,
    "hyperlink": WordStory._link_start,
    "fldChar": WordStory._field_char,
    "numRestart": WordStory._numbering_restart,
    "fldSimple": WordStory._simple_field,
    "instrText": WordStory._instruction_start,
    "ins": WordStory._insertion,
    "moveTo": WordStory._insertion,
    **{name: WordStory._run_content for name in ("tab", "ptab", "br", "cr", "noBreakHyphen")},
    **{name: WordStory._property for name in ("i", "rStyle", "vanish", "specVanish",
                                              "vertAlign", "pStyle", "numId", "ilvl")},
}
