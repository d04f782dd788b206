"""Where a .docx keeps what its text needs: the main document, its notes, styles and
numbering (found through the package's relationships, as Word finds them), each part's
hyperlink targets, and which character styles are italic.

WordprocessingML comes in two namespaces (Transitional, which Word writes by default, and
Strict); both are read.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field

from ..errors import FormatError
from .package import has_member, parse_part

W_NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "http://purl.oclc.org/ooxml/wordprocessingml/main")
R_NAMESPACES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "http://purl.oclc.org/ooxml/officeDocument/relationships")
_W = frozenset(W_NAMESPACES)
WHAT = "a Word document (.docx)"
MAIN_DOCUMENT = "word/document.xml"  # where Word puts it; the relationships say for sure


def word_name(tag: str) -> str | None:
    """The local name of a WordprocessingML element (``p``, ``r``, ``t``...), else None."""
    namespace, _, local = tag[1:].rpartition("}")
    return local if namespace in _W else None


def attribute(attrib: dict[str, str], name: str, namespaces: tuple[str, ...] = W_NAMESPACES,
              ) -> str | None:
    """A ``w:`` (or, with ``R_NAMESPACES``, ``r:``) attribute, in either namespace."""
    for namespace in namespaces:
        value = attrib.get(f"{{{namespace}}}{name}")
        if value is not None:
            return value
    return None


def is_on(attrib: dict[str, str]) -> bool:
    """A toggle such as ``<w:i/>``: on unless its ``w:val`` says 0, false or off."""
    return attribute(attrib, "val") not in ("0", "false", "off")


@dataclass(slots=True)
class Relationship:
    type: str
    target: str
    external: bool


class _Relationships:
    """Reads a ``.rels`` part: id -> relationship."""

    def __init__(self) -> None:
        self.found: dict[str, Relationship] = {}

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag.endswith("}Relationship") and "Id" in attrib:
            self.found[attrib["Id"]] = Relationship(
                attrib.get("Type", ""), attrib.get("Target", ""),
                attrib.get("TargetMode", "") == "External")

    def end(self, tag: str) -> None:
        return None

    def data(self, data: str) -> None:
        return None


def relationships(package: zipfile.ZipFile, part: str, path: str) -> dict[str, Relationship]:
    """The relationships of ``part`` (``word/document.xml`` -> its ``.rels``), with
    internal targets made package paths; none when it has no ``.rels``."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if not has_member(package, rels):
        return {}
    reader = _Relationships()
    parse_part(package, rels, reader, path)
    for rel in reader.found.values():
        if not rel.external:
            target = rel.target.lstrip("/") if rel.target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, rel.target))
            rel.target = target
    return reader.found


@dataclass(slots=True)
class WordParts:
    """The parts a .docx's text is in, and the hyperlinks of each."""

    main: str
    notes: dict[str, str] = field(default_factory=dict)  # "footnote"/"endnote" -> part
    styles: str | None = None
    numbering: str | None = None
    links: dict[str, dict[str, str]] = field(default_factory=dict)  # part -> id -> URL


def word_parts(package: zipfile.ZipFile, path: str) -> WordParts:
    """Find the main document (``FormatError`` when there is none) and its other parts."""
    main = next((rel.target for rel in relationships(package, "", path).values()
                 if rel.type.endswith("/officeDocument") and not rel.external), MAIN_DOCUMENT)
    if not has_member(package, main):
        raise FormatError(f"a ZIP archive without {main}: not {WHAT}", path=path,
                          hint="save it from Word as a .docx")
    parts = WordParts(main)
    for rel in relationships(package, main, path).values():
        kind = rel.type.rsplit("/", 1)[-1]
        if rel.external or not has_member(package, rel.target):
            continue
        if kind in ("footnotes", "endnotes"):
            parts.notes[kind[:-1]] = rel.target
        elif kind == "styles":
            parts.styles = rel.target
        elif kind == "numbering":
            parts.numbering = rel.target
    for part in (main, *parts.notes.values()):
        parts.links[part] = {rel_id: rel.target
                             for rel_id, rel in relationships(package, part, path).items()
                             if rel.external and rel.type.endswith("/hyperlink")}
    return parts


class _Styles:
    """Reads ``styles.xml``: each style's parent, whether its run properties say italic,
    the list numbering a paragraph style gives, and which styles are headings."""

    def __init__(self) -> None:
        self.based_on: dict[str, str] = {}
        self.italic: dict[str, bool] = {}
        self.numbering: dict[str, tuple[str, int]] = {}  # style -> (numId, level)
        self.headings: set[str] = set()
        self._style: str | None = None
        self._path: list[str] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = word_name(tag) or ""
        self._path.append(name)
        if name == "style":
            self._style = attribute(attrib, "styleId")
        elif self._style is None:
            return
        elif name == "basedOn":
            self.based_on[self._style] = attribute(attrib, "val") or ""
        elif (name == "name" and (attribute(attrib, "val") or "").lower().startswith(
                ("heading", "title"))) or (name == "outlineLvl" and self._path[-2] == "pPr"):
            self.headings.add(self._style)  # (built-in names stay English in any Word)
        elif name == "i" and self._path[-3:-1] == ["style", "rPr"]:
            self.italic[self._style] = is_on(attrib)
        elif name in ("numId", "ilvl") and self._path[-3:-1] == ["pPr", "numPr"]:
            num_id, level = self.numbering.get(self._style, ("", 0))
            value = attribute(attrib, "val") or ""
            self.numbering[self._style] = (value, level) if name == "numId" else (
                num_id, int(value) if value.isdecimal() else 0)

    def end(self, tag: str) -> None:
        if self._path.pop() == "style":
            self._style = None

    def data(self, data: str) -> None:
        return None


@dataclass(frozen=True, slots=True)
class WordStyles:
    italic: frozenset[str] = frozenset()  # the styles whose runs are italic
    numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: heading styles: their numbers ("5 Bibliography") would hide what the heading says
    headings: frozenset[str] = frozenset()


def word_styles(package: zipfile.ZipFile, part: str | None, path: str) -> WordStyles:
    """The italic styles (by their own ``w:i``, else their parent's: "Emphasis", "Book
    Title"...), the numbering paragraph styles give ("List Number") and the headings."""
    if part is None:
        return WordStyles()
    reader = _Styles()
    parse_part(package, part, reader, path)

    def italic(style: str, depth: int = 0) -> bool:
        if style in reader.italic or depth > 20:  # (a loop of basedOn ends somewhere)
            return reader.italic.get(style, False)
        parent = reader.based_on.get(style)
        return bool(parent) and italic(parent, depth + 1)  # type: ignore[arg-type]

    styles = set(reader.italic) | set(reader.based_on)
    return WordStyles(frozenset(s for s in styles if italic(s)), reader.numbering,
                      frozenset(reader.headings))
