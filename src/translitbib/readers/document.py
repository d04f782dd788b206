"""A word processor's document as the text the essay reader takes, with its paragraphs'
numbers.

The .docx and .odt readers turn their XML into ``Paragraph`` s (runs of text, italic or
not, and note calls) and ``DocumentNote`` s; ``document_text`` writes them as Markdown:
one paragraph a block with a blank line between, italic as ``*...*`` (runs joined first,
so ``Ubi`` + ``ystvo`` is ``*Ubiystvo*``), a note call as ``[^7]`` and each note as a
definition ``[^7]: ...`` after the body (its later paragraphs indented), which the essay
reader already reads as notes.

A document has no lines, so a paragraph's number stands for one: the body's paragraphs
that hold text are 1, 2, 3... in order (headings, list items and table cells included,
empty paragraphs not), then the notes' paragraphs go on counting.  ``document_text``
gives the paragraph of every line it writes, which the essay reader reports as the line.

Notes are numbered as Word and LibreOffice show them by default: footnotes 1, 2, 3... in
the order the text calls them, then the endnotes after the last footnote (Word's endnote
i is note F + 1 when there are F footnotes), then any note the text never calls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Library, Severity, SourceSpan
from ..parse.urls import is_web_url

if TYPE_CHECKING:
    from .document_fields import FieldCitation

FOOTNOTE, ENDNOTE = "footnote", "endnote"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True, slots=True)
class NoteCall:
    """A note's reference mark in the text: its kind and the id its part gives it."""

    kind: str
    key: str


@dataclass(slots=True)
class Run:
    text: str
    italic: bool = False


@dataclass(slots=True, eq=False)
class Paragraph:
    """A paragraph as read: runs and note calls in order; ``number`` once counted."""

    pieces: list[Run | NoteCall] = field(default_factory=list)
    number: int = 0
    links: list[str] = field(default_factory=list)  # URLs the text does not show

    def add(self, text: str, italic: bool = False) -> None:
        if text:
            self.pieces.append(Run(text, italic))

    def end_link(self, url: str, start: int) -> None:
        """A hyperlink over the pieces from ``start`` has ended: its URL, unless the text
        shows it, is written at the paragraph's end (``markdown``), not after the linked
        words, which would cut a citation in two: *Beria* <URL>, 176 is no citation the
        grammar reads, *Beria*, 176 is."""
        if not is_web_url(url):
            return
        shown = "".join(getattr(p, "text", "") for p in self.pieces[start:])
        if url.rstrip("/") not in shown:
            self.links.append(url)

    def text(self) -> str:
        return "".join(p.text for p in self.pieces if isinstance(p, Run))

    def is_empty(self) -> bool:
        return not self.text().strip() and not any(
            isinstance(p, NoteCall) for p in self.pieces)


#: the white space a run's text may hold, which Word and ODF show as spaces
RUN_SPACES = str.maketrans("\t\r\n", "   ")


def run_text(data: str, superscript: bool) -> str:
    """A text run's characters as the page shows them: white space as spaces, and a
    superscript number (a note number typed by hand) as superscript digits (¹²)."""
    if superscript and data.strip().isdecimal():
        data = data.translate(SUPERSCRIPT)
    return data.translate(RUN_SPACES)


@dataclass(slots=True)
class DocumentNote:
    kind: str
    key: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class Remark:
    """What a document reader tells the report, with the paragraph it was first seen in
    (None: the document as a whole)."""

    severity: Severity
    code: str
    message: str
    paragraph: Paragraph | None = None


@dataclass(slots=True)
class Tally:
    """What a document reader met that the report should mention, and where first
    (Word and OpenDocument alike)."""

    insertions: int = 0
    deletions: int = 0
    changes_at: Paragraph | None = None
    citations: dict[str, int] = field(default_factory=dict)
    citations_at: Paragraph | None = None
    field_items: int = 0  # works read from the fields' item data (CSL-JSON)
    text_boxes: int = 0
    boxes: str = "text boxes"  # what the format puts outside the flow (ODF: and frames)
    notes_restart: str = ""  # "section", "page": Word numbers the notes anew on each

    def remarks(self) -> list[Remark]:
        remarks = []
        if self.insertions or self.deletions:
            remarks.append(Remark(Severity.INFO, "document-tracked-changes", (
                f"the document has tracked changes ({self.insertions} insertions, "
                f"{self.deletions} deletions): read as if all were accepted, deleted text "
                "left out"), self.changes_at))
        if self.citations:
            fields = ", ".join(f"{count} {manager}" for manager, count in
                               self.citations.items())
            read = (f"{self.field_items} works read from the item data (CSL-JSON) they "
                    "hold, each field a citation of them; any other field read as the text "
                    "it shows" if self.field_items else
                    "read as the text they show; no item data (CSL-JSON) read from them")
            remarks.append(Remark(Severity.INFO, "document-citation-fields",
                                  f"citation fields ({fields}): {read}", self.citations_at))
        if self.notes_restart:
            remarks.append(Remark(Severity.INFO, "document-notes-restart", (
                f"Word numbers the notes anew on each {self.notes_restart}; the report "
                "numbers them through the whole document, in the order the text calls "
                f"them, so after the first {self.notes_restart} its numbers are not the "
                "ones Word shows")))
        if self.text_boxes:
            remarks.append(Remark(Severity.INFO, "document-text-skipped", (
                f"{self.boxes} not read: {self.text_boxes} (their text is outside the "
                "essay's flow)")))
        return remarks


@dataclass(slots=True)
class DocumentText:
    text: str
    paragraph_of_line: list[int]  # the paragraph number of every line of ``text``
    remarks: list[Remark]
    fields: Sequence[FieldCitation] = ()  # citation fields whose item data was read


def document_text(body: list[Paragraph], notes: list[DocumentNote], remarks: list[Remark],
                  fields: Sequence[FieldCitation] = ()) -> DocumentText:
    """The body and notes as Markdown, each line's paragraph number, and the remarks
    (with one on how the notes were numbered, when there are footnotes and endnotes);
    ``fields``: the citation fields read, each given its note's number."""
    numbers = note_numbers(body, notes)
    writer = _Writer(numbers)
    for paragraph in body:
        writer.body_paragraph(paragraph)
    for note in sorted((n for n in notes if (n.kind, n.key) in numbers),
                       key=lambda n: numbers[(n.kind, n.key)]):
        writer.note(numbers[(note.kind, note.key)], note.paragraphs)
    for found in fields:
        found.note_number = numbers.get(found.note) if found.note else None
    return DocumentText("\n".join(writer.lines) + "\n", writer.paragraph_of_line,
                        [*remarks, *_numbering_remarks(notes, numbers)], fields)


def note_numbers(body: list[Paragraph], notes: list[DocumentNote]) -> dict[tuple[str, str], int]:
    """Each note's number (see the module): called footnotes, called endnotes, uncalled."""
    called = [(p.kind, p.key) for paragraph in body for p in paragraph.pieces
              if isinstance(p, NoteCall)]
    called += [(p.kind, p.key) for note in notes for paragraph in note.paragraphs
               for p in paragraph.pieces if isinstance(p, NoteCall)]
    order = dict.fromkeys(called)  # (a dict: the notes never called are found in it once)
    ranked = [key for kind in (FOOTNOTE, ENDNOTE) for key in order if key[0] == kind]
    ranked += [(n.kind, n.key) for n in notes if (n.kind, n.key) not in order]
    return {key: number for number, key in enumerate(dict.fromkeys(ranked), start=1)}


def _numbering_remarks(notes: list[DocumentNote],
                       numbers: dict[tuple[str, str], int]) -> list[Remark]:
    footnotes = [numbers[(n.kind, n.key)] for n in notes if n.kind == FOOTNOTE]
    endnotes = sorted(numbers[(n.kind, n.key)] for n in notes if n.kind == ENDNOTE)
    if not footnotes or not endnotes:
        return []
    return [Remark(Severity.INFO, "document-notes-numbered",
                   f"the document has {len(footnotes)} footnotes and {len(endnotes)} "
                   f"endnotes: the footnotes are notes 1-{len(footnotes)}, the endnotes "
                   f"follow them (the first endnote, i in Word, is note {endnotes[0]})")]


class _Writer:
    """Lines of Markdown, each with the number of the paragraph it belongs to."""

    def __init__(self, numbers: dict[tuple[str, str], int]) -> None:
        self.numbers = numbers
        self.lines: list[str] = []
        self.paragraph_of_line: list[int] = []
        self.count = 0

    def body_paragraph(self, paragraph: Paragraph) -> None:
        if paragraph.is_empty():  # not counted; what was found in it is told at the one before
            paragraph.number = max(self.count, 1)
        else:
            self._write(paragraph, markdown(paragraph, self.numbers).split("\n"))

    def note(self, number: int, paragraphs: list[Paragraph]) -> None:
        kept = [p for p in paragraphs if not p.is_empty()] or [Paragraph()]
        for index, paragraph in enumerate(kept):
            lines = [INDENT + line for line in markdown(paragraph, self.numbers).split("\n")]
            if index == 0:  # the definition, its later lines indented as Markdown allows
                lines[0] = f"[^{number}]: " + lines[0].lstrip()
            self._write(paragraph, lines)

    def _write(self, paragraph: Paragraph, lines: list[str]) -> None:
        self.count += 1
        paragraph.number = self.count
        for line in [*lines, ""]:  # a blank line after each paragraph
            self.lines.append(line)
            self.paragraph_of_line.append(self.count)


INDENT = "    "  # a note's later paragraph (pandoc's rule, which the essay reader follows)
_EDGE_SPACE = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


def markdown(paragraph: Paragraph, numbers: dict[tuple[str, str], int]) -> str:
    """A paragraph's Markdown: runs of one style joined, italic as ``*...*`` with the
    spaces at its edges outside, calls as ``[^N]``, lines stripped."""
    out: list[str] = []
    for italic, text in _joined(paragraph.pieces, numbers):
        if not italic:
            out.append(text)
            continue
        lead, inner, trail = _EDGE_SPACE.match(text).groups()  # type: ignore[union-attr]
        if inner and "\n" not in inner:
            out.append(f"{lead}*{inner}*{trail}")
        else:  # a line break inside: each line's emphasis its own
            out.append("\n".join(_emphasis(line) for line in text.split("\n")))
    out += [f" <{url}>" for url in paragraph.links]
    return "\n".join(" ".join(line.split()) for line in "".join(out).split("\n"))


def _emphasis(text: str) -> str:
    lead, inner, trail = _EDGE_SPACE.match(text).groups()  # type: ignore[union-attr]
    return f"{lead}*{inner}*{trail}" if inner else text


def _joined(pieces: list[Run | NoteCall],
            numbers: dict[tuple[str, str], int]) -> list[tuple[bool, str]]:
    """Consecutive runs of the same style as one (italic, text); a call is plain text."""
    joined: list[tuple[bool, str]] = []
    for piece in pieces:
        if isinstance(piece, NoteCall):
            italic, text = False, f"[^{numbers[(piece.kind, piece.key)]}]"
        elif piece.text.strip():
            italic, text = piece.italic, piece.text
        else:  # a space between two italic runs stays inside the emphasis
            italic, text = bool(joined) and joined[-1][0], piece.text
        if joined and joined[-1][0] == italic:
            joined[-1] = (italic, joined[-1][1] + text)
        else:
            joined.append((italic, text))
    return joined


def essay_library(document: DocumentText, path: str, fmt: str) -> Library:
    """Read the document's text as an essay, each line reported as its paragraph's number;
    the input recorded as ``fmt``, and the reader's remarks as problems.  Control
    characters and direction marks go, as from a text file (a left-to-right mark after
    ``Iurii.`` made the rest of the entry its author).  Citation fields' item data make
    references and citations of their own (``document_fields``)."""
    from . import clean_control_characters
    from .document_fields import add_field_citations
    from .essay import read_essay

    library = read_essay(clean_control_characters(document.text), path,
                         source_lines=document.paragraph_of_line)
    add_field_citations(library, list(document.fields), path)
    for record in library.inputs:
        record.format = fmt
    for remark in document.remarks:
        line = remark.paragraph.number if remark.paragraph and remark.paragraph.number else 1
        library.add_problem(remark.severity, remark.code, remark.message, SourceSpan(path, line))
    return library
