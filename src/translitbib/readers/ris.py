"""RIS (EndNote, Zotero, Mendeley, library catalogues) -> references.

A record runs from ``TY  - JOUR`` to ``ER  - ``, one ``TAG  - value`` line each; the tags
mean what ``data/ris.json`` says (checked against Zotero's RIS import, which the files in
the wild are written for).  A line that is no tag line continues the value before it
(EndNote wraps abstracts and notes).  Nothing is dropped: a tag the table lacks, an unknown
type or a second value of a one-value field goes to the note as ``TAG: value``, and what is
wrong with the file is reported with its line (a record without ``ER``, tags before any
``TY``, text between records).
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..errors import FormatError
from ..model import (
    OTHERS,
    Date,
    InputFile,
    Library,
    Name,
    Reference,
    Severity,
    SourceSpan,
    is_others,
)
from ..parse.dates import parse_date
from ..writers.tables import language_tag

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-(?:\s(.*))?$")  # Zotero's, spaces forgiven
# (spaces and tabs only: \s would run over blank lines from every line's start, quadratic)
_RECORD_START = re.compile(r"^[ \t]*TY[ \t]{1,2}-", re.MULTILINE)
_SLASHED = re.compile(r"^(\d{4})?/(\d{0,2})/(\d{0,2})/?(.*)$")  # 1994/05/12/, 1994///Spring
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,}/\S+)$", re.IGNORECASE)
UNTYPED = "document"


@cache
def _table() -> dict[str, Any]:
    text = resources.files("translitbib.readers").joinpath("data", "ris.json").read_text(
        "utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@dataclass(slots=True)
class _Record:
    line: int  # where it starts
    # (tag, the value's lines, line): a wrapped value's lines are joined once, at the end
    tags: list[tuple[str, list[str], int]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the raw text
    ended: bool = False
    typeless: bool = False  # began with another tag than TY (reported as ris-no-type)

    def values(self) -> Iterator[tuple[str, str, int]]:
        """(tag, value, line) of every tag line after TY, wrapped lines joined."""
        as_lines = _table()["wrapped_as_lines"]
        for tag, parts, line in self.tags[1:]:
            yield tag, ("\n" if tag in as_lines else " ").join(parts), line


def read_ris(text: str, path: str) -> Library:
    """Read RIS text; ``FormatError`` when the text holds no record at all."""
    if not _RECORD_START.search(text):
        first = next((i for i, line in enumerate(text.splitlines(), 1) if line.strip()), 1)
        raise FormatError("no RIS record (a record starts with 'TY  - ' and a type)",
                          path=path, line=first)
    library = Library()
    count = 0
    for record in _records(text, path, library):
        count += 1
        library.references.append(_reference(record, path, library))
    library.inputs.append(InputFile(path, "ris", entries_read=count))
    return library


def _records(text: str, path: str, library: Library) -> Iterator[_Record]:
    record: _Record | None = None
    stray: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _TAG_LINE.match(line.strip())
        if match is None:
            if record is not None and len(record.tags) > 1 and line.strip():
                record.tags[-1][1].append(line.strip())  # a wrapped value goes on
                record.lines.append(line)
            elif line.strip():
                stray.append((number, line))
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "ER" and record is None:  # an end with no record open: no empty record
            stray.append((number, line))
            continue
        if stray:
            _report_stray(stray, path, library)
            stray = []
        if tag == "TY" or record is None:
            if record is not None:
                yield _unended(record, path, library)
            record = _Record(number)
            if tag != "TY":
                library.add_problem(Severity.WARNING, "ris-no-type",
                                    f"a record begins with {tag}, not TY: read as a "
                                    f"{UNTYPED!r}", SourceSpan(path, number), line)
                record.tags.append(("TY", [""], number))
                record.typeless = True
        record.lines.append(line)
        if tag == "ER":
            record.ended = True
            yield record
            record = None
            continue
        record.tags.append((tag, [value], number))
    if stray:
        _report_stray(stray, path, library)
    if record is not None:
        yield _unended(record, path, library)


def _unended(record: _Record, path: str, library: Library) -> _Record:
    library.add_problem(Severity.WARNING, "ris-no-end",
                        "a record without its end (ER  - ): read up to where the next one "
                        "begins, or the file ends", SourceSpan(path, record.line),
                        "\n".join(record.lines))
    return record


def _report_stray(lines: list[tuple[int, str]], path: str, library: Library) -> None:
    library.add_problem(Severity.WARNING, "ris-stray-text",
                        f"{len(lines)} line(s) outside any record, no tag line: not read",
                        SourceSpan(path, lines[0][0]), "\n".join(text for _, text in lines))


def _reference(record: _Record, path: str, library: Library) -> Reference:
    table = _table()
    source = SourceSpan(path, record.line)
    raw = "\n".join(record.lines)
    ty = record.tags[0][1][0].strip().upper() if record.tags else ""
    ref = Reference(type=table["types"].get(ty, UNTYPED), source=source, raw=raw)
    if not ty and not record.typeless:
        library.add_problem(Severity.WARNING, "ris-unknown-type",
                            f"TY without a type: read as {UNTYPED!r}", source, raw)
    elif ty and ty not in table["types"]:
        library.add_problem(Severity.WARNING, "ris-unknown-type",
                            f"{ty!r} is no RIS type this reader knows: read as {UNTYPED!r}, "
                            "the type kept in the note", source, raw)
        _add_note(ref, f"TY: {ty}")
    pages: dict[str, str] = {}
    unknown: list[str] = []
    for tag, value, line in record.values():
        spec = table["tags"].get(tag)
        if not value:
            continue
        if spec is None:
            unknown.append(tag)
            _add_note(ref, f"{tag}: {value}")
            continue
        csl = spec.get("by_type", {}).get(ty, spec["csl"])
        _take(ref, spec["kind"], csl, tag, value, pages, SourceSpan(path, line), library)
    if pages:
        start, end = pages.get("page_start", ""), pages.get("page_end", "")
        ref.fields["page"] = f"{start}-{end}" if start and end and "-" not in start \
            else start or end
    if ref.fields.get("language"):
        ref.fields["language"] = language_tag(ref.fields["language"])
    if unknown:
        library.add_problem(Severity.INFO, "ris-unknown-tag",
                            f"tag(s) {', '.join(dict.fromkeys(unknown))} have no CSL place: "
                            "kept in the note as 'TAG: value'", source, raw)
    return ref


def _take(ref: Reference, kind: str, csl: str, tag: str, value: str, pages: dict[str, str],
          where: SourceSpan, library: Library) -> None:
    """One tag's value into the reference (see ``data/ris.json`` for the kinds)."""
    if kind == "names":
        ref.names.setdefault(csl, []).append(_name(value))
    elif kind in ("year", "date"):
        date = _date(value)
        if date is None:
            library.add_problem(Severity.WARNING, "ris-bad-date",
                                f"{tag}: {value!r} holds no year: kept in the note", where)
            _add_note(ref, f"{tag}: {value}")
        elif csl not in ref.dates or _finer(date, ref.dates[csl]):
            ref.dates[csl] = date  # DA is the finer date, PY its year: whichever comes first
    elif kind in ("page_start", "page_end"):
        pages.setdefault(kind, value)
    elif kind == "keywords":
        words = [w.strip() for w in value.split(";") if w.strip()]
        known = ref.fields.get("keyword", "")
        ref.fields["keyword"] = ", ".join(filter(None, [known, *words]))
    elif kind == "note":
        label = next((k for k in _table()["note_labels"] if value.startswith(k)), None)
        if label and not ref.fields.get(_table()["note_labels"][label]):
            ref.fields[_table()["note_labels"][label]] = value[len(label):].strip()
        else:
            _add_note(ref, value)
    elif kind == "labelled":
        _add_note(ref, f"{tag}: {value}")
    elif kind == "id":
        if not value.isdigit():  # EndNote's record numbers are no citation keys
            ref.id = value
    elif kind == "doi_or_genre":
        doi = _DOI.match(value)
        _set(ref, "DOI" if doi else csl, doi.group(1) if doi else value, tag)
    elif kind == "file":
        known = ref.fields.get(csl, "")
        ref.fields[csl] = f"{known};{value}" if known else value
    else:
        _set(ref, csl, value, tag)


def _set(ref: Reference, csl: str, value: str, tag: str) -> None:
    """A one-value field: the first value wins, a different second one goes to the note."""
    known = ref.fields.get(csl)
    if not known:
        ref.fields[csl] = value
    elif known != value:
        _add_note(ref, f"{tag}: {value}")


def _add_note(ref: Reference, line: str) -> None:
    note = ref.fields.get("note")
    ref.fields["note"] = f"{note}\n{line}" if note else line


def _name(value: str) -> Name:
    """``Family, Given`` (``, Jr.`` kept with the given name); no comma: an institution
    when several words, else a family name alone (Aristotle)."""
    if is_others(value):  # AU  - et al.
        return Name(literal=OTHERS, raw=value)
    if "," not in value:
        text = value.strip()
        return Name(literal=text, raw=value) if " " in text else Name(family=text, raw=value)
    family, _, given = value.partition(",")
    given = ", ".join(part.strip() for part in given.split(",") if part.strip())
    return Name(family=family.strip(), given=given, raw=value)


def _date(value: str) -> Date | None:
    slashed = _SLASHED.match(value.strip())
    if slashed is None:
        return parse_date(value)
    year, month, day, other = slashed.groups()
    if not year:
        return parse_date(other) if other else None
    month_n = int(month) if month and 1 <= int(month) <= 12 else None
    day_n = (int(day) if day and month_n and 1 <= int(day)
             <= calendar.monthrange(int(year), month_n)[1] else None)  # no 31 February
    if month_n is None and other:  # 1994///Spring: the season, as a CSL date has it
        found = parse_date(f"{other} {year}")
        if found is not None:
            return found
    return Date(int(year), month_n, day_n)


def _finer(new: Date, old: Date) -> bool:
    return (new.year is not None and old.year is None) or (
        new.year == old.year and (new.month or 0, new.day or 0) > (old.month or 0, old.day or 0))
