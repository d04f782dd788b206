"""BibTeX / biblatex in, with pybtex as the parser.

The file is split at each ``@type{`` so that every entry keeps its line and raw text and a
broken entry cannot take the rest of the file with it: it becomes a problem (and, when its
type and key can be seen, a minimal reference).  Types and fields map back to CSL through
the writers' tables (``writers/data/bibtex.json``), biblatex first, then classic BibTeX,
then the aliases other programs write; LaTeX is decoded to Unicode, URLs are kept as is.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pybtex.database import BibliographyData, Person
from pybtex.database.input.bibtex import DuplicateField, Parser, UndefinedMacro
from pybtex.exceptions import PybtexError

from ..errors import FormatError
from ..model import Date, InputFile, Library, Name, Reference, Severity, SourceSpan
from ..writers.bibtex import dialect, field_name
from ..writers.latex import decode
from ..writers.profile import STUB_KEYWORD, STUB_NOTE
from ..writers.tables import language_tag, load_table

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.MULTILINE)
_KEY = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]*)")
_TITLE = re.compile(r"^\s*title\s*=\s*[{\"](.*?)[}\"]\s*,?\s*$", re.MULTILINE | re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_RANGE = re.compile(r"^(\w+)\s*-{1,3}\s*(\w+)$")
_URL_COMMAND = re.compile(r"\\url\{([^{}]*)\}")
MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
DIALECTS = ("biblatex", "pandoc", "bibtex")
SKIPPED = {"comment", "preamble", "string"}


@cache
def _name_roles() -> dict[str, tuple[str, str | None]]:
    """BibTeX name field -> (CSL role, the companion field that may name another role)."""
    roles: dict[str, tuple[str, str | None]] = {}
    for name in DIALECTS:
        for spec in dialect(name)["names"]:
            companion = next(iter(spec.get("companion", {})), None)
            roles.setdefault(spec["bib"], (spec["csl"], companion))
    return roles


@cache
def _field_specs(entry: str, name: str) -> list[dict[str, Any]]:
    """Every spec that writes the field ``name`` for this entry type, biblatex first."""
    specs = [
        spec for d in DIALECTS for spec in dialect(d)["fields"]
        if field_name(spec, entry).lstrip("+") == name and spec["kind"] != "skip"
    ]
    return sorted(specs, key=lambda spec: "prefix" not in spec)  # prefixed ones are pickier


def csl_type(entry: str, subtype: str) -> str:
    """A BibTeX entry type (and biblatex entrysubtype) -> the CSL type."""
    for csl, spec in dialect("biblatex")["types"].items():
        if csl != "*" and spec["entry"] == entry and spec.get("entrysubtype", "") == subtype:
            return csl
    aliases = load_table("bibtex")["read_aliases"]
    if entry == "article" and subtype in aliases["subtypes"]:
        return aliases["subtypes"][subtype]
    return aliases["types"].get(entry, "document")


def _date(value: str) -> Date:
    match = _ISO_DATE.match(value.strip())
    if not match:
        return Date(literal=value)
    return Date(*(int(g) if g else None for g in match.groups()))


def _month(value: str) -> int | None:
    value = value.strip().lower()
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    return MONTHS.get(value[:3])


def _read_value(spec: dict[str, Any], raw: str) -> str | None:
    """The CSL value of one field under one spec, or None when the spec does not apply."""
    kind = spec["kind"]
    if kind == "verbatim":
        value = raw.strip()
    elif kind == "list":
        value = "; ".join(decode(part) for part in _split_and(raw))
    elif kind == "pages":
        value = _RANGE.sub(r"\1-\2", decode(raw))
    elif kind == "language":
        value = language_tag(decode(raw))
    else:
        value = decode(raw)
    prefix = spec.get("prefix", "")
    if prefix:
        if not value.startswith(prefix):
            return None
        value = value[len(prefix):]
    if "pattern" in spec and not re.search(spec["pattern"], value):
        return None
    return value


def _split_and(value: str) -> list[str]:
    """Split a biblatex list at `` and `` outside braces."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        depth += (ch == "{") - (ch == "}")
        if depth == 0 and value.startswith(" and ", i):
            parts.append(value[start:i])
            start = i + 5
    return [*parts, value[start:]]


def _person(person: Person) -> Name:
    last = person.prelast_names + person.last_names
    given = person.first_names + person.middle_names
    raw = str(person)
    if not given and len(last) == 1 and last[0].startswith("{") and last[0].endswith("}"):
        return Name(literal=decode(last[0]), raw=raw)
    family = decode(" ".join(last + person.lineage_names))
    return Name(family=family, given=decode(" ".join(given)), raw=raw)


def entry_to_reference(entry: Any, key: str, source: SourceSpan, raw: str) -> Reference:
    fields = {name.lower(): value for name, value in entry.fields.items()}
    entry_type = entry.type.lower()
    ref = Reference(type=csl_type(entry_type, fields.get("entrysubtype", "").lower()),
                    source=source, raw=raw, id=key)
    for bib_role, people in entry.persons.items():
        role, companion = _name_roles().get(bib_role.lower(), (bib_role.lower(), None))
        role = decode(fields.get(companion, role)) if companion else role
        ref.names.setdefault(role, []).extend(_person(p) for p in people)
    aliases = load_table("bibtex")["read_aliases"]["fields"]
    for name, raw_value in fields.items():
        only_url = _URL_COMMAND.fullmatch(raw_value.strip())
        if only_url:  # howpublished = {\url{...}}: the classic way to give a URL
            ref.fields.setdefault("URL", only_url.group(1))
            continue
        for spec in _field_specs(entry_type, name):
            value = _read_value(spec, raw_value)
            if value is None:
                continue
            if spec["kind"] in ("date", "date_literal", "year", "month", "day"):
                _set_date(ref, spec, value)
            elif value:
                ref.fields.setdefault(spec["csl"], value)
            break
        else:
            if name in aliases and raw_value:
                _set_alias(ref, aliases[name], raw_value)
    _take_back_markers(ref)
    return ref


def _set_alias(ref: Reference, csl: str, raw_value: str) -> None:
    url = _URL_COMMAND.search(raw_value)
    if url and "URL" not in ref.fields:
        ref.fields["URL"] = url.group(1)
    value = decode(_URL_COMMAND.sub("", raw_value)).strip()
    if value:
        ref.fields.setdefault(csl, value)


def _set_date(ref: Reference, spec: dict[str, Any], value: str) -> None:
    kind, csl = spec["kind"], spec["csl"]
    if kind in ("date", "date_literal"):
        ref.dates[csl] = _date(value) if kind == "date" else Date(literal=value)
        return
    date = ref.dates.setdefault(csl, Date())
    if kind == "year":
        if value.strip().isdigit():
            date.year = int(value)
        else:
            date.literal = value
    elif kind == "month":
        date.month = _month(value)
    elif value.strip().isdigit():
        date.day = int(value)


def _take_back_markers(ref: Reference) -> None:
    """Undo what the writer added for a stub; drop a day or month without a year."""
    keywords = [k.strip() for k in ref.fields.get("keyword", "").split(",") if k.strip()]
    if STUB_KEYWORD in keywords:
        ref.stub = True
        keywords.remove(STUB_KEYWORD)
        note = ref.fields.get("note", "").replace(STUB_NOTE, "").strip()
        ref.fields.pop("note", None)
        if note:
            ref.fields["note"] = note
    ref.fields.pop("keyword", None)
    if keywords:
        ref.fields["keyword"] = ", ".join(keywords)
    for date in ref.dates.values():
        if date.year is None and date.month is not None:
            date.month = date.day = None


def _minimal_reference(chunk: str, source: SourceSpan) -> Reference | None:
    match = _KEY.match(chunk.lstrip())
    if not match or match.group(1).lower() in SKIPPED:
        return None
    ref = Reference(type=csl_type(match.group(1).lower(), ""), source=source, raw=chunk,
                    id=match.group(2))
    title = _TITLE.search(chunk)
    if title:
        ref.fields["title"] = decode(title.group(1))
    return ref


def _chunks(text: str) -> list[tuple[int, str, str]]:
    """(line, entry type, text) for each ``@type{`` in the file."""
    starts = list(_ENTRY_START.finditer(text))
    out = []
    line, counted = 1, 0
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        line += text.count("\n", counted, match.start())  # a running count: linear time
        counted = match.start()
        out.append((line, match.group(1).lower(), text[match.start():end]))
    return out


class _Parser(Parser):
    """pybtex's parser, but a repeated field or an unknown macro is a warning, not the end
    of the entry (the first value wins; the macro reads as empty, as BibTeX does)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.warnings: list[tuple[str, str]] = []

    def handle_error(self, error: Exception) -> None:
        if isinstance(error, DuplicateField):
            self.warnings.append(("bibtex-duplicate-field", str(error)))
        elif isinstance(error, UndefinedMacro):
            self.warnings.append(("bibtex-undefined-macro", str(error)))
        else:
            raise error


def read_bibtex(text: str, path: str) -> Library:
    """Read BibTeX or biblatex text; ``FormatError`` when there is no entry in it at all."""
    library = Library()
    chunks = _chunks(text)
    if not chunks and text.strip():
        first = next(i for i, line in enumerate(text.splitlines(), 1) if line.strip())
        raise FormatError("no BibTeX entry (@type{key, ...}) found", path=path, line=first)
    parser = _Parser(person_fields=list(_name_roles()))
    count = 0
    for line, entry_type, chunk in chunks:
        source = SourceSpan(path, line, line + chunk.rstrip().count("\n"))
        parser.data = BibliographyData()
        parser.warnings.clear()
        try:
            data = parser.parse_string(chunk)
        except (PybtexError, RecursionError) as exc:
            library.add_problem(Severity.ERROR, "bibtex-syntax",
                                f"entry not read in full: {exc}", source, chunk.rstrip())
            ref = _minimal_reference(chunk, source)
            if ref is not None:  # what could be seen of it, so the citation still links
                library.references.append(ref)
                count += 1
            elif entry_type not in SKIPPED:  # not even a key: the problem keeps its text
                library.problems[-1].dropped_entry = True
                count += 1
            continue
        for code, message in parser.warnings:
            library.add_problem(Severity.WARNING, code, message, source, chunk.rstrip())
        if entry_type in SKIPPED:
            continue
        for key, entry in data.entries.items():
            library.references.append(entry_to_reference(entry, key, source, chunk.rstrip()))
            count += 1
    library.inputs.append(InputFile(path, "bibtex", entries_read=count))
    return library
