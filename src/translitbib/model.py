"""The model at the centre: CSL-shaped references and everything that points at them.

Every reader produces these records and every writer consumes them; no writer reads
another writer's output.  Each record keeps where it came from (``SourceSpan``) and the
raw text it was made from, so a report can say ``essay.txt:274`` and a user can check.

``Library`` is what flows through the pipeline: each step takes one and returns it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where a record came from: a file and a 1-based line (in the original file)."""

    path: str
    line: int
    end_line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "line": self.line}
        if self.end_line is not None and self.end_line != self.line:
            out["end_line"] = self.end_line
        return out


@dataclass(slots=True)
class Name:
    """A person (family/given) or an institution (literal), shaped like a CSL name."""

    family: str = ""
    given: str = ""
    literal: str = ""
    raw: str = ""

    def to_csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        out = {"family": self.family}
        if self.given:
            out["given"] = self.given
        return out

    @property
    def display(self) -> str:
        if self.literal:
            return self.literal
        return f"{self.given} {self.family}".strip()


@dataclass(slots=True)
class Date:
    """A CSL date: year with optional month and day, or a literal for what will not parse;
    ``end``: the (year, month, day) a range ends at (1999/2001)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    literal: str = ""
    end: tuple[int, int | None, int | None] | None = None

    def to_csl(self) -> dict[str, Any]:
        if self.year is None:
            return {"literal": self.literal}
        parts = [_date_parts(self.year, self.month, self.day)]
        if self.end is not None:
            parts.append(_date_parts(*self.end))
        return {"date-parts": parts}

    def iso(self) -> str:
        """``2003-06-18``, ``2003-06`` or ``2003`` (a range: ``1999/2001``, as biblatex and
        EDTF write it); the literal when there is no year."""
        if self.year is None:
            return self.literal
        out = _iso(self.year, self.month, self.day)
        return out if self.end is None else out + "/" + _iso(*self.end)


def _date_parts(year: int, month: int | None, day: int | None) -> list[int]:
    parts = [year]
    if month is not None:
        parts.append(month)
        if day is not None:
            parts.append(day)
    return parts


def _iso(year: int, month: int | None, day: int | None) -> str:
    return "-".join(f"{p:02d}" if i else f"{p:04d}"
                    for i, p in enumerate(_date_parts(year, month, day)))


#: the name biblatex writes for "et al." (``and others``), kept as a literal name, as pandoc
#: reads it into CSL-JSON
OTHERS = "others"
#: how exports write the rest of a list of people left out: biblatex's "others"
_OTHERS_SPELLINGS = frozenset({"others", "and others", "et al", "et al.", "et alii", "и др",
                               "и др.", "u. a.", "u.a.", "et autres"})


def is_others(text: str) -> bool:
    """Whether a name as written stands for the people left out (*et al.*, *и др.*)."""
    text = text.strip()  # (a name: most are longer, or begin otherwise)
    return (len(text) < 12 and text[:1].lower() in "oaeиu"
            and " ".join(text.lower().split()) in _OTHERS_SPELLINGS)
NAME_ROLES = ("author", "editor", "translator", "compiler", "interviewer", "container-author")
DATE_FIELDS = ("issued", "accessed", "original-date")


@dataclass(slots=True, eq=False)
class Reference:
    """One work, shaped like a CSL item.

    ``fields`` holds CSL ordinary and number variables under their CSL names (``title``,
    ``container-title``, ``publisher``, ``publisher-place``, ``page``, ``volume``,
    ``issue``, ``URL``, ``note``, ``language``, ``original-title``, ...); ``names`` the name
    variables (``author``, ``editor``, ...); ``dates`` the date variables (``issued``,
    ``accessed``).  ``originals`` keeps the spelling a field had before normalization.
    """

    type: str
    source: SourceSpan
    raw: str
    fields: dict[str, str] = field(default_factory=dict)
    names: dict[str, list[Name]] = field(default_factory=dict)
    dates: dict[str, Date] = field(default_factory=dict)
    id: str = ""
    stub: bool = False
    originals: dict[str, str] = field(default_factory=dict)
    short_titles: list[str] = field(default_factory=list)
    #: "entry" (bibliography or input file), "note", "field" (a Word citation field's item
    #: data), or "citation" (stub)
    origin: str = "entry"
    #: the keys of entries merged into this one, still citable (biblatex ``ids``)
    aliases: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def authors(self) -> list[Name]:
        return self.names.get("author", [])

    @property
    def year(self) -> int | None:
        issued = self.dates.get("issued")
        return issued.year if issued else None

    def to_csl(self) -> dict[str, Any]:
        """The CSL-JSON item for this reference (key order: id, type, names, fields, dates)."""
        item: dict[str, Any] = {"id": self.id, "type": self.type}
        for role in NAME_ROLES:
            people = self.names.get(role)
            if people:
                item[role] = [n.to_csl() for n in people]
        for key in sorted(self.fields):
            value = self.fields[key]
            if value:
                item[key] = value
        for key in DATE_FIELDS:
            if key in self.dates:
                item[key] = self.dates[key].to_csl()
        return item


@dataclass(slots=True)
class CitationTarget:
    """One work inside a citation: ``Mukhin, *Ubiystvo* 618-23`` -> author, title, locator."""

    raw: str
    author: str | None = None
    title: str | None = None
    locator: str | None = None
    label: str = "page"
    remarks: list[str] = field(default_factory=list)
    year: int | None = None  # "(Khinshtein 2003)": author-date citations give a year
    year_suffix: str = ""  # "(Filtzer 2002b)": the author's second listed work of 2002
    reference: Reference | None = None  # the work this target links to, once linked
    author_inferred: bool = False  # the author came from the surrounding text

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference.id if self.reference else None,
            "author": self.author,
            "title": self.title,
            "locator": self.locator,
            "label": self.label if self.locator else None,
            "remarks": list(self.remarks),
            "year": self.year,
            "author_inferred": self.author_inferred,
            "raw": self.raw,
        }


class CitationKind(StrEnum):
    PARENTHETICAL = "parenthetical"
    NOTE = "note"


@dataclass(slots=True)
class Citation:
    """A place in the text that cites one or more works."""

    text: str
    source: SourceSpan
    targets: list[CitationTarget]
    kind: CitationKind = CitationKind.PARENTHETICAL
    note: int | None = None  # the note number, when the citation sits in a note

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": str(self.kind),
            "note": self.note,
            "source": self.source.to_dict(),
            "targets": [t.to_dict() for t in self.targets],
        }


@dataclass(slots=True)
class Url:
    """A URL as cited, cleaned of extraction artefacts, with the line it came from."""

    url: str
    source: SourceSpan
    raw: str = ""


@dataclass(slots=True)
class Note:
    """An endnote or footnote, with the places in the body that call it."""

    number: int
    text: str
    source: SourceSpan
    raw: str = ""
    urls: list[Url] = field(default_factory=list)
    calls: list[SourceSpan] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "urls": [u.url for u in self.urls],
            "source": self.source.to_dict(),
            "calls": [c.to_dict() for c in self.calls],
        }


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(slots=True)
class Problem:
    """A recoverable problem, recorded as data; the run goes on."""

    severity: Severity
    code: str
    message: str
    source: SourceSpan | None = None
    raw: str = ""
    #: the problem stands for an input entry that could not be written out at all
    dropped_entry: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
            "source": self.source.to_dict() if self.source else None,
            "raw": self.raw,
        }


@dataclass(slots=True)
class InputFile:
    """What was read from one input file, for the accounting in the report."""

    path: str
    format: str
    encoding: str = "utf-8"
    entries_read: int = 0


class Reportable(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


@dataclass(slots=True)
class Library:
    """Everything read from the inputs, and what the steps made of it."""

    references: list[Reference] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    inputs: list[InputFile] = field(default_factory=list)
    normalizations: list[Reportable] = field(default_factory=list)
    links: list[Reportable] = field(default_factory=list)
    urls: list[Url] = field(default_factory=list)  # every URL cited, body and notes alike

    def add_problem(
        self,
        severity: Severity,
        code: str,
        message: str,
        source: SourceSpan | None = None,
        raw: str = "",
        *,
        dropped_entry: bool = False,
    ) -> Problem:
        problem = Problem(severity, code, message, source, raw, dropped_entry)
        self.problems.append(problem)
        return problem

    def extend(self, other: Library) -> Library:
        """Add another library's records to this one (several inputs -> one library)."""
        self.references.extend(other.references)
        self.citations.extend(other.citations)
        self.notes.extend(other.notes)
        self.problems.extend(other.problems)
        self.inputs.extend(other.inputs)
        self.normalizations.extend(other.normalizations)
        self.links.extend(other.links)
        self.urls.extend(other.urls)
        return self

    def reference_by_id(self, ref_id: str) -> Reference | None:
        return next((ref for ref in self.references if ref.id == ref_id), None)
