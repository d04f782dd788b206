"""Read a LibreOffice or OpenDocument essay (.odt) as the essay reader reads text.

As for Word (``docx``): ``content.xml`` is read as a stream into paragraphs
(``document``): spans in an italic text style (the document's own, or a named one such
as "Emphasis" from ``styles.xml``) stay italic, links keep their URL, and each
``text:note`` (its ``text:note-body``; the ``text:note-citation`` is the number shown,
which the notes' numbering gives again) becomes a note call and a definition.  Tracked
changes are read as if accepted (the deleted text, kept in ``text:tracked-changes``, is
left out); a table of contents, text boxes and frames, and comments are not read.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import FormatError
from ..model import Library
from .document import (
    ENDNOTE,
    FOOTNOTE,
    DocumentNote,
    NoteCall,
    Paragraph,
    Tally,
    document_text,
    essay_library,
    run_text,
)
from .package import ODF_TEXT, has_member, open_package, parse_part, read_member

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
XLINK = "http://www.w3.org/1999/xlink"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
WHAT = "an OpenDocument text (.odt)"
#: subtrees that are not the essay's text as it reads
SKIPPED = frozenset({f"{{{TEXT}}}tracked-changes", f"{{{TEXT}}}table-of-content",
                     f"{{{TEXT}}}note-citation", f"{{{OFFICE}}}annotation",
                     f"{{{TEXT}}}sequence-decls"})
_NUMBER = f"{{{TEXT}}}number"  # a heading's or list item's number as last laid out


def read_odt(data: bytes, path: str) -> Library:
    """Read an .odt essay into a Library (``FormatError`` when it cannot be read)."""
    package = open_package(data, path, WHAT)
    if not has_member(package, "content.xml"):
        raise FormatError(f"a ZIP archive without content.xml: not {WHAT}", path=path)
    if has_member(package, "mimetype"):
        kind = read_member(package, "mimetype", path, limit=200).strip()
        if not kind.startswith(ODF_TEXT):
            raise FormatError(f"an OpenDocument file of type {kind.decode('ascii', 'replace')}"
                              f", not {WHAT}", path=path)
    if has_member(package, "META-INF/manifest.xml") and b"encryption-data" in read_member(
            package, "META-INF/manifest.xml", path, limit=10 * 1024 * 1024):
        raise FormatError("a password-protected (encrypted) document: translitbib cannot "
                          "read it; save it again without a password (File > Properties)",
                          path=path)
    story = OdfStory()
    if has_member(package, "styles.xml"):
        parse_part(package, "styles.xml", story, path)  # the named styles ("Emphasis")
    story.paragraphs.clear()  # (a page's header or footer is no text of the essay)
    parse_part(package, "content.xml", story, path)
    return essay_library(document_text(story.paragraphs, story.notes, story.tally.remarks()),
                         path, "odt")


@dataclass(slots=True)
class _Style:
    parent: str = ""
    italic: bool | None = None
    superscript: bool = False


@dataclass(slots=True)
class _Note:
    """A note being read, and where the text it interrupts goes on."""

    note: DocumentNote
    paragraph: Paragraph | None
    into: list[Paragraph]
    spans: list[tuple[bool, bool]]


_MANAGERS = "Zotero or Mendeley"  # whose marks an ODF citation's name holds


class OdfStory:
    """An ``ElementTree`` parser target reading styles, paragraphs and notes."""

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.notes: list[DocumentNote] = []
        self.styles: dict[str, _Style] = {}
        self._into = self.paragraphs
        self._paragraph: Paragraph | None = None
        self._skip = 0
        self._spans: list[tuple[bool, bool]] = []  # (italic, superscript) of open spans
        self._links: list[tuple[str, int]] = []
        self._open_notes: list[_Note] = []
        self._style: _Style | None = None
        self.tally = Tally(boxes="text boxes or frames")
        self._heading = False  # the paragraph open is a heading (text:h)
        self._numbering = False  # reading a list item's number ahead of its paragraph
        self._number: Paragraph | None = None  # that number, for the paragraph to come

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if (self._skip or tag in SKIPPED or tag.startswith(f"{{{DRAW}}}")
                or (tag == _NUMBER and self._heading)):  # "2." Bibliography: no heading
            # would be found with its outline number ("2.Bibliography"); a list item's
            # number ("1." before a note) is its text
            self._skip += 1
            self._count_skipped(tag)
            return
        namespace, _, name = tag[1:].partition("}")
        if namespace == STYLE:
            self._style_start(name, attrib)
        elif namespace == TEXT:
            self._text_start(name, attrib)

    def end(self, tag: str) -> None:
        if self._skip:
            self._skip -= 1
            return
        namespace, _, name = tag[1:].partition("}")
        if namespace == STYLE and name == "style":
            self._style = None
        elif namespace != TEXT:
            return
        elif name in ("p", "h") and self._paragraph is not None:
            self._into.append(self._paragraph)
            self._paragraph, self._heading = None, False
        elif name == "span" and self._spans:
            self._spans.pop()
        elif name == "number" and self._paragraph is not None:
            self._paragraph.add(" ")  # "1." then the item's text
            if self._numbering:  # a list item's number, before its paragraph: carried
                self._numbering, self._number, self._paragraph = False, self._paragraph, None
        elif name == "a" and self._links:
            self._end_link(*self._links.pop())
        elif name == "note" and self._open_notes:
            opened = self._open_notes.pop()
            self._paragraph, self._into = opened.paragraph, opened.into
            self._spans = opened.spans

    def data(self, data: str) -> None:
        if self._paragraph is None or self._skip:
            return
        italic, superscript = self._spans[-1] if self._spans else (False, False)
        self._paragraph.add(run_text(data, superscript), italic)

    def close(self) -> None:
        return None

    # -- styles --------------------------------------------------------------------------

    def _style_start(self, name: str, attrib: dict[str, str]) -> None:
        if name == "style" and attrib.get(f"{{{STYLE}}}family") == "text":
            self._style = self.styles.setdefault(attrib.get(f"{{{STYLE}}}name", ""), _Style())
            self._style.parent = attrib.get(f"{{{STYLE}}}parent-style-name", "")
        elif name == "text-properties" and self._style is not None:
            slant = attrib.get(f"{{{FO}}}font-style")
            if slant is not None:
                self._style.italic = slant in ("italic", "oblique")
            position = attrib.get(f"{{{STYLE}}}text-position", "")
            self._style.superscript = position.startswith("super") or (
                position[:1].isdigit() and not position.startswith("0"))

    def _resolved(self, name: str) -> _Style | None:
        """A style with what it does not say taken from its parents."""
        style, seen = self.styles.get(name), {name}
        if style is None:
            return None
        italic, current = style.italic, style
        while italic is None and current.parent and current.parent not in seen:
            seen.add(current.parent)
            parent = self.styles.get(current.parent)
            if parent is None:
                break
            italic, current = parent.italic, parent
        return _Style(style.parent, italic, style.superscript)

    # -- text ----------------------------------------------------------------------------

    def _text_start(self, name: str, attrib: dict[str, str]) -> None:
        if name in ("p", "h"):
            self._paragraph, self._number = self._number or Paragraph(), None
            self._spans = []
            self._heading = name == "h"
        elif name == "number" and self._paragraph is None:  # a list item's, before its text
            self._paragraph, self._numbering = Paragraph(), True
        elif self._paragraph is None:
            self._changes(name, attrib)
        elif name == "span":
            outer = self._spans[-1] if self._spans else (False, False)
            style = self._resolved(attrib.get(f"{{{TEXT}}}style-name", ""))
            self._spans.append((outer[0] if style is None or style.italic is None
                                else style.italic, bool(style and style.superscript)))
        elif name in ("s", "tab"):
            self._paragraph.add(" ")
        elif name == "line-break":
            self._paragraph.add("\n")
        elif name == "a":
            self._links.append((attrib.get(f"{{{XLINK}}}href", ""),
                                len(self._paragraph.pieces)))
        elif name == "note":
            self._note_start(attrib)
        else:
            self._changes(name, attrib)

    def _note_start(self, attrib: dict[str, str]) -> None:
        kind = ENDNOTE if attrib.get(f"{{{TEXT}}}note-class") == "endnote" else FOOTNOTE
        note = DocumentNote(kind, attrib.get(f"{{{TEXT}}}id", str(len(self.notes))))
        self.notes.append(note)
        assert self._paragraph is not None
        self._paragraph.pieces.append(NoteCall(kind, note.key))
        self._open_notes.append(_Note(note, self._paragraph, self._into, self._spans))
        self._paragraph, self._into, self._spans = None, note.paragraphs, []

    def _changes(self, name: str, attrib: dict[str, str]) -> None:
        """Where tracked changes and citation managers' marks are."""
        if name in ("change-start", "change"):
            self.tally.changes_at = self.tally.changes_at or self._paragraph
        elif name in ("reference-mark-start", "reference-mark", "bookmark-start"):
            mark = attrib.get(f"{{{TEXT}}}name", "")
            if "ZOTERO_ITEM" in mark or "CSL_CITATION" in mark:
                citations = self.tally.citations
                citations[_MANAGERS] = citations.get(_MANAGERS, 0) + 1
                self.tally.citations_at = self.tally.citations_at or self._paragraph

    def _count_skipped(self, tag: str) -> None:
        if tag == f"{{{TEXT}}}insertion":
            self.tally.insertions += 1
        elif tag == f"{{{TEXT}}}deletion":
            self.tally.deletions += 1
        elif tag == f"{{{DRAW}}}text-box":
            self.tally.text_boxes += 1

    def _end_link(self, url: str, start: int) -> None:
        if self._paragraph is not None:
            self._paragraph.end_link(url, start)
