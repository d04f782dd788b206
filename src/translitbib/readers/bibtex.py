"""BibTeX / biblatex in: a fast scanner for the common case, pybtex as the parser of record.

The file is split at each ``@type{`` so that every entry keeps its line and raw text and a
broken entry cannot take the rest of the file with it: it becomes a problem (and, when its
type and key can be seen, a minimal reference).  Each chunk is read by ``bibtex_scan``,
which gives exactly what pybtex would give or says it is not sure; then pybtex reads it
(``fast=False`` makes pybtex read every chunk: the reference the scanner is tested
against).  A citation key used twice is a warning; both entries are kept.  Types and
fields map back to CSL through the writers' tables (``writers/data/bibtex.json``),
biblatex first, then classic BibTeX, then the aliases other programs write; LaTeX is
decoded to Unicode, URLs are kept as is.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, NamedTuple

from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import DuplicateField, Parser, UndefinedMacro
from pybtex.exceptions import PybtexError

from ..errors import FormatError
from ..model import Date, InputFile, Library, Name, Problem, Reference, Severity, SourceSpan
from ..parallel import fork_map, worker_count
from ..parse.dates import parse_iso_date
from ..transfer import (
    problem_from_tuple,
    problem_to_tuple,
    reference_from_tuple,
    reference_to_tuple,
)
from ..writers.bibtex import CARRIED, dialect, field_name
from ..writers.latex import decode, has_latex
from ..writers.profile import STUB_KEYWORD, STUB_NOTE
from ..writers.tables import language_tag, load_table
from .bibtex_names import parse_name, split_names
from .bibtex_scan import ParsedChunk, ParsedEntry, scan_chunk

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.MULTILINE)
_AT_TYPE = re.compile(r"@[ \t]*([A-Za-z]+)[ \t]*[{(]")
_KEY = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]*)")
_TITLE = re.compile(r"^\s*title\s*=\s*[{\"](.*?)[}\"]\s*,?\s*$", re.MULTILINE | re.IGNORECASE)
_YEARS = re.compile(r"(\d{4})\s*(?:-{1,2}|\u2013)\s*(\d{4})")
_RANGE = re.compile(r"^(\w+)\s*(?:-{1,3}|[\u2013\u2014])\s*(\w+)$")
_URL_COMMAND = re.compile(r"\\url\{([^{}]*)\}")
MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
DIALECTS = ("biblatex", "pandoc", "bibtex", "zotero")
SKIPPED = {"comment", "preamble", "string"}
DATE_KINDS = frozenset({"date", "date_literal", "year", "month", "day"})


class _FieldSpec(NamedTuple):
    """What the reader needs of one field spec of the writers' table."""

    kind: str
    csl: str
    prefix: str
    pattern: re.Pattern[str] | None
    #: the fixed fields the writer puts beside it (eprinttype): read with it
    companion: tuple[str, ...] = ()
    #: the writer appends it to the field (``+note``): it is one part of the value
    appended: bool = False


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
def _person_fields() -> frozenset[str]:
    return frozenset(name.lower() for name in _name_roles())


@cache
def _field_specs(entry: str, name: str) -> tuple[_FieldSpec, ...]:
    """Every spec that writes the field ``name`` for this entry type, biblatex first."""
    specs = [
        spec for d in DIALECTS for spec in dialect(d)["fields"]
        if (field_name(spec, entry) or "").lstrip("+") == name and spec["kind"] != "skip"
    ]
    specs.sort(key=lambda spec: "prefix" not in spec)  # prefixed ones are pickier
    return tuple(_FieldSpec(spec["kind"], spec["csl"], spec.get("prefix", ""),
                            re.compile(spec["pattern"]) if "pattern" in spec else None,
                            tuple(spec.get("companion", {})),
                            (field_name(spec, entry) or "").startswith("+"))
                 for spec in specs)


@cache
def _appended_parts(entry: str, name: str) -> re.Pattern[str] | None:
    """Where the parts a writer appended to the field (``Original title: …`` in the note)
    begin: the value read back is split there; None when no writer appends to it."""
    prefixes = {spec.prefix for spec in _field_specs(entry, name) if spec.appended and spec.prefix}
    if not prefixes:
        return None
    return re.compile(r"(?:^|(?<=\s))(?=(?:" + "|".join(map(re.escape, sorted(prefixes))) + "))")


@cache
def _field_reading(entry: str, name: str) -> tuple[tuple[_FieldSpec, ...], re.Pattern[str] | None]:
    """``_field_specs`` and ``_appended_parts`` in one look-up (it is made for every field)."""
    return _field_specs(entry, name), _appended_parts(entry, name)


@cache
def _aliases() -> dict[str, Any]:
    return load_table("bibtex")["read_aliases"]


@cache
def csl_type(entry: str, subtype: str) -> str:
    """A BibTeX entry type (and biblatex entrysubtype) -> the CSL type."""
    for csl, spec in dialect("biblatex")["types"].items():
        if csl != "*" and spec["entry"] == entry and spec.get("entrysubtype", "") == subtype:
            return csl
    aliases = load_table("bibtex")["read_aliases"]
    if entry == "article" and subtype in aliases["subtypes"]:
        return aliases["subtypes"][subtype]
    return aliases["types"].get(entry, "document")


def _decode(value: str) -> str:
    """``decode``, skipped for the many values with no LaTeX in them."""
    return decode(value) if has_latex(value) else value


# What a date may carry around its ISO core: a bracketed (supplied) date, ``[1953]``; EDTF's
# approximate / uncertain marks, ``1990~``, ``1990?``, ``1990%`` (biblatex's circa); a time,
# ``2020-01-01T10:00:00Z`` (biblatex's urldate)
_SUPPLIED = re.compile(r"\[\s*([^\[\]]+?)\s*\]")
_QUALIFIED = re.compile(r"([^~?%T]+?)(?:[~?%]|T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)")


def _date(value: str) -> Date:
    """An ISO date; a qualified one (``[1953]``, ``1990~``, a time) keeps its text as the
    literal beside its year, so the writers can keep the qualifier; else a literal."""
    text = value.replace("\u00a0", "~").strip()  # the value came decoded: ~ was a tie
    core = _SUPPLIED.fullmatch(text) or _QUALIFIED.fullmatch(text)
    if core is None:
        return parse_iso_date(value) or Date(literal=value)
    date = parse_iso_date(core.group(1))
    if date is None or date.end is not None:
        return parse_iso_date(value) or Date(literal=value)
    date.literal = text
    return date


def _same_day(a: Date, b: Date) -> bool:
    return (a.year, a.month, a.day, a.end) == (b.year, b.month, b.day, b.end)


def _month(value: str) -> int | None:
    value = value.strip().lower()
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    return MONTHS.get(value[:3])


# what exporters escape in a URL (Mendeley's {\&}, JabRef's \_): no URL holds a backslash
# or a brace, so these are escapes, never the address
_URL_ESCAPE = re.compile(r"\{\\([&%_#$~])\}|\\([&%_#$~])")


def _unescape_url(value: str) -> str:
    if "\\" not in value:
        return value
    return _URL_ESCAPE.sub(lambda m: m.group(1) or m.group(2), value)


def _read_value(spec: _FieldSpec, raw: str) -> str | None:
    """The CSL value of one field under one spec, or None when the spec does not apply."""
    kind = spec.kind
    if kind == "verbatim":
        value = _unescape_url(raw.strip())
    elif kind == "list":
        value = "; ".join(_decode(part) for part in _split_and(raw))
    elif kind == "pages":
        value = _RANGE.sub(r"\1-\2", _decode(raw))
    elif kind == "language":
        value = language_tag(_decode(raw))
    else:
        value = _decode(raw)
    prefix = spec.prefix
    if prefix:
        if not value.startswith(prefix):
            return None
        value = value[len(prefix):]
    if spec.pattern is not None and not spec.pattern.search(value):
        return None
    return value


def _split_and(value: str) -> list[str]:
    """Split a biblatex list at `` and `` outside braces."""
    if "{" not in value and "}" not in value and " and and " not in value:
        return value.split(" and ")  # the same, when no braces or overlapping " and "s
    return _split_and_by_characters(value)


def _split_and_by_characters(value: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        depth += (ch == "{") - (ch == "}")
        if depth == 0 and value.startswith(" and ", i):
            parts.append(value[start:i])
            start = i + 5
    return [*parts, value[start:]]


def entry_to_reference(entry: ParsedEntry, source: SourceSpan, raw: str) -> Reference:
    """One entry -> a reference: every field mapped to CSL, or carried (``CARRIED``)."""
    fields = entry.fields
    entry_type = entry.entry_type.lower()
    subtype = fields.get("entrysubtype", "").lower()
    ref = Reference(type=csl_type(entry_type, subtype), source=source, raw=raw, id=entry.key)
    used = _read_names(ref, entry)
    if subtype and csl_type(entry_type, "") != ref.type:
        used.add("entrysubtype")
    aliases = _aliases()
    left: list[str] = []
    for name, raw_value in fields.items():
        only_url = "\\url" in raw_value and _URL_COMMAND.fullmatch(raw_value.strip())
        if only_url:  # howpublished = {\url{...}}: the classic way to give a URL
            ref.fields.setdefault("URL", only_url.group(1))
            continue
        if _read_mapped(ref, entry_type, name, raw_value, used):
            continue  # the writers' table maps it
        if name in aliases["fields"] and raw_value:
            _set_alias(ref, aliases["fields"][name], raw_value, name)
        elif name == "ids":  # biblatex: other keys of this entry
            ref.aliases += [key for key in (k.strip() for k in raw_value.split(","))
                            if key and key not in ref.aliases]
        else:
            left.append(name)
    _join_parts(ref, fields)
    _read_eprint(ref, fields)
    for name in left:
        if name in aliases["appended"]:  # after the note it goes to
            _append(ref, *aliases["appended"][name], _decode(fields[name]))
        elif name not in used and name not in aliases["joined"] and fields[name]:
            _carry(ref, name, fields[name])
    _take_back_markers(ref)
    _restated_type(ref, entry_type)
    _thesis_genre(ref, entry_type)
    _classic_text(ref, fields)
    return ref


#: the fields biblatex reads as lists (split at " and ") that classic BibTeX reads as text
_CLASSIC_TEXT = {"publisher": "publisher", "institution": "publisher",
                 "organization": "publisher", "school": "publisher",
                 "address": "publisher-place"}
_BIBLATEX_ONLY = ("location", "date", "journaltitle", "urldate")


def _classic_text(ref: Reference, fields: dict[str, str]) -> None:
    """A classic BibTeX entry's publisher and address are one text: *Weidenfeld and
    Nicolson* is one publisher (pandoc -f bibtex keeps it whole); only an entry written for
    biblatex has lists there.  Classic: it gives its place as ``address`` and has none of
    biblatex's fields (location, date, journaltitle, urldate); an entry with neither place
    field is read as biblatex reads it."""
    if "address" not in fields or any(name in fields for name in _BIBLATEX_ONLY):
        return
    for name, csl in _CLASSIC_TEXT.items():
        raw = fields.get(name, "")
        if " and " in raw and "; " in ref.fields.get(csl, ""):
            ref.fields[csl] = _decode(raw)


def _restated_type(ref: Reference, entry_type: str) -> None:
    """EndNote writes its reference type's name into ``type`` (``Journal Article`` on an
    @article, ``Book`` on a @book): it says what the entry type says, and is no genre (APA
    printed "[Journal Article]")."""
    genre = ref.fields.get("genre", "").strip().lower()
    if genre and entry_type in _aliases()["restated_types"].get(genre, ()):
        del ref.fields["genre"]


#: biblatex's localization keys for a thesis's or report's type, and the entry types that
#: imply one, as pandoc reads them: what a reader sees, not a key
GENRE_LABELS = {"phdthesis": "PhD thesis", "mathesis": "Master's thesis",
                "mastersthesis": "Master's thesis", "candthesis": "Candidate thesis",
                "techreport": "technical report", "resreport": "research report"}


def _thesis_genre(ref: Reference, entry_type: str) -> None:
    """``type = {phdthesis}`` (or ``@phdthesis`` with no type) is a PhD thesis."""
    genre = ref.fields.get("genre", "")
    if genre.lower() in GENRE_LABELS:
        ref.fields["genre"] = GENRE_LABELS[genre.lower()]
    elif not genre and entry_type in ("phdthesis", "mastersthesis", "techreport"):
        ref.fields["genre"] = GENRE_LABELS[entry_type]


def _read_names(ref: Reference, entry: ParsedEntry) -> set[str]:
    """The name fields into CSL roles (editora by its editoratype); the companion fields
    that named a role are returned; a role CSL cannot take back is carried as read."""
    used: set[str] = set()
    types = _aliases()["editor_types"]
    for bib_role, people in entry.persons.items():
        role, companion = _name_roles().get(bib_role, (bib_role, None))
        if companion and companion in entry.fields:
            role = types.get(_decode(entry.fields[companion]).strip().lower(), "")
        if role:
            used.add(companion or "")
            ref.names.setdefault(role, []).extend(people)
        else:  # editoratype = {redactor}: editora and editoratype stay as they were
            _carry(ref, bib_role, " and ".join(person.raw for person in people))
    return used


def _read_mapped(ref: Reference, entry_type: str, name: str, raw_value: str,
                 used: set[str]) -> bool:
    """The field read through the writers' table; False when no mapping takes it."""
    specs, parts = _field_reading(entry_type, name)
    if not specs:
        return False
    if parts is None:  # nearly every field: no writer appends to it
        return _read_piece(ref, specs, raw_value, used)
    pieces = parts.split(raw_value)
    taken = [piece for piece in pieces if _read_piece(ref, specs, piece.strip(), used)]
    rest = " ".join(piece.strip() for piece in pieces if piece not in taken).strip()
    if rest and len(taken) < len(pieces) and taken:  # the note around what was appended
        return _read_piece(ref, specs, rest, used)
    return bool(taken)


def _read_piece(ref: Reference, specs: tuple[_FieldSpec, ...], raw_value: str,
                used: set[str]) -> bool:
    for spec in specs:
        value = _read_value(spec, raw_value)
        if value is None:
            continue
        if spec.kind in DATE_KINDS:
            _set_date(ref, spec, value)
        elif value:
            if ref.fields.get(spec.csl, value) != value:
                continue  # taken by another field (institution and publisher): carried
            ref.fields[spec.csl] = value
        used.update(spec.companion)
        return True
    return False


_ENDS_SENTENCE = tuple(".?!:;")


def _append(ref: Reference, csl: str, separator: str, value: str) -> None:
    """``value`` added to the end of the variable after ``separator`` (a space after a
    full stop), as pandoc adds the addendum to the note."""
    value = value.strip()
    if value:
        mine = ref.fields.get(csl, "").rstrip()
        glue = " " if mine.endswith(_ENDS_SENTENCE) else separator
        ref.fields[csl] = f"{mine}{glue}{value}" if mine else value


def _join_parts(ref: Reference, fields: dict[str, str]) -> None:
    """subtitle and titleaddon joined to the title (``Stalin: Paradoxes of Power``), as
    pandoc reads them; the title alone stays the short title."""
    for name, (csl, separator) in _aliases()["joined"].items():
        part = _decode(fields[name]).strip() if name in fields else ""
        if not part or (name == "titleaddon" and ref.fields.get("genre") == part):
            continue  # an article's titleaddon is its genre
        if csl == "title" and ref.fields.get(csl):
            ref.fields.setdefault("title-short", ref.fields[csl])
        _append(ref, csl, separator, part)


def _read_eprint(ref: Reference, fields: dict[str, str]) -> None:
    """``eprint`` + ``eprinttype`` of a known type: also the CSL variable (DOI, URL...)."""
    eprint, kind = fields.get("eprint", "").strip(), fields.get("eprinttype", "").strip()
    target = _aliases()["eprint_types"].get(kind.lower())
    if eprint and target and "archive_location" not in ref.fields:
        csl, prefix = target
        ref.fields.setdefault(csl, prefix + eprint)


@cache
def _carried_raw() -> frozenset[str]:
    return frozenset(_aliases()["carried_raw"])


def _carry(ref: Reference, name: str, raw_value: str) -> None:
    """A field CSL has no place for, kept under its own name: as its BibTeX text for
    names, paths and keys, else as Unicode text."""
    value = raw_value.strip() if name in _carried_raw() else _decode(raw_value).strip()
    if value:
        ref.fields.setdefault(CARRIED + name, value)


def _set_alias(ref: Reference, csl: str, raw_value: str, name: str = "") -> None:
    """Another program's field into its variable; when another field already gave that
    variable a different value (journal and journaltitle), carried under its own name."""
    url = _URL_COMMAND.search(raw_value)
    if url and "URL" not in ref.fields:
        ref.fields["URL"] = url.group(1)
    value = _decode(_URL_COMMAND.sub("", raw_value)).strip()
    if value and ref.fields.setdefault(csl, value) != value and name:
        _carry(ref, name, raw_value)


def _set_date(ref: Reference, spec: _FieldSpec, value: str) -> None:
    kind, csl = spec.kind, spec.csl
    found = ref.dates.get(csl)
    if kind in ("date", "date_literal"):
        date = _date(value) if kind == "date" else Date(literal=value)
        # the writer's "Date: [1953]" note beside date = {1953}, in either order: one date
        written, noted = (date, found) if kind == "date" else (found, _date(value))
        if (written is not None and noted is not None and written.year is not None
                and noted.literal and _same_day(written, _date(noted.literal))):
            written.literal = noted.literal
            date = written
        ref.dates[csl] = date
        return
    date = ref.dates.setdefault(csl, Date())
    if kind == "year":
        years = _YEARS.fullmatch(value.strip())
        qualified = _date(value) if not value.strip().isdigit() else None
        if value.strip().isdigit():
            date.year = int(value)
        elif years:  # year = {1999--2001}, as the classic writer makes a range
            date.year, date.end = int(years[1]), (int(years[2]), None, None)
        elif qualified is not None and qualified.year is not None and qualified.month is None:
            date.year, date.literal = qualified.year, qualified.literal  # year = {[1953]}
        else:
            date.literal = value
    elif kind == "month":
        date.month = _month(value)
    elif value.strip().isdigit():
        date.day = int(value)


def _take_back_markers(ref: Reference) -> None:
    """Undo what the writer added for a stub; drop a day or month without a year."""
    if "keyword" in ref.fields:
        _take_back_stub_keyword(ref)
    for date in ref.dates.values():
        if date.year is None and date.month is not None:
            date.month = date.day = None


def _take_back_stub_keyword(ref: Reference) -> None:
    keywords = [k.strip() for k in ref.fields.pop("keyword").split(",") if k.strip()]
    if STUB_KEYWORD in keywords:
        ref.stub = True
        keywords.remove(STUB_KEYWORD)
        note = ref.fields.get("note", "").replace(STUB_NOTE, "").strip()
        ref.fields.pop("note", None)
        if note:
            ref.fields["note"] = note
    if keywords:
        ref.fields["keyword"] = ", ".join(keywords)


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


def _chunks(text: str) -> Iterator[tuple[int, str, int, int]]:
    """(line, entry type, start, end) for each ``@type{`` in the file, one at a time.

    What ``_ENTRY_START`` finds, found faster: each ``@type{`` (the pattern has a literal
    to look for), kept when only blanks stand before it on its line.
    """
    line, counted, previous, searched = 1, 0, None, 0
    for match in _AT_TYPE.finditer(text):
        at = match.start()
        newline = text.rfind("\n", searched, at)  # never back past the last match: linear
        searched = match.end()
        if newline == -1 and at > 0 and (previous is not None or text[:at].strip(" \t")):
            continue  # the line holds the last match, or text before this one
        start = newline + 1
        if start != at and text[start:at].strip(" \t"):
            continue
        if previous is not None:
            yield (*previous, start)
        line += text.count("\n", counted, start)  # a running count: linear time
        counted = start
        previous = (line, match.group(1).lower(), start)
    if previous is not None:
        yield (*previous, len(text))


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


def _read_with_pybtex(parser: _Parser, chunk: str) -> ParsedChunk:
    """pybtex's reading of one chunk, copied out of pybtex's objects (none are kept)."""
    parser.data = BibliographyData()
    parser.warnings.clear()
    data = parser.parse_string(chunk)
    entries = [_from_pybtex(key, entry) for key, entry in data.entries.items()]
    return ParsedChunk(entries, list(parser.warnings))


def _from_pybtex(key: str, entry: Entry) -> ParsedEntry:
    fields: dict[str, str] = {}
    persons: dict[str, list[Name]] = {}
    person_fields = _person_fields()
    for name, value in entry.fields.items():
        lower = name.lower()
        if lower not in person_fields:
            fields[lower] = value
        elif value:
            persons[lower] = [parse_name(text) for text in split_names(value)]
    return ParsedEntry(entry.type, key, fields, persons)


def _read_broken(library: Library, chunk: str, entry_type: str, source: SourceSpan,
                 error: Exception) -> int:
    """A chunk pybtex gave up on: a problem, and what could be seen of it; entries counted."""
    library.add_problem(Severity.ERROR, "bibtex-syntax", f"entry not read in full: {error}",
                        source, chunk.rstrip())
    ref = _minimal_reference(chunk, source)
    if ref is not None:  # what could be seen of it, so the citation still links
        library.references.append(ref)
        return 1
    if entry_type not in SKIPPED:  # not even a key: the problem keeps its text
        library.problems[-1].dropped_entry = True
        return 1
    return 0


def _warn_repeated_keys(library: Library) -> None:
    refs = library.references
    library.problems += repeated_keys(((ref.id, ref.source) for ref in refs),
                                      lambda index: refs[index].raw)


def repeated_keys(entries: Iterable[tuple[str, SourceSpan]],
                  raw: Callable[[int], str]) -> list[Problem]:
    """A key used again (BibTeX compares keys ignoring case) of the (key, source) of each
    entry in order: a warning at the second (with ``raw(its index)``); both entries stay."""
    first_seen: dict[str, tuple[int, SourceSpan]] = {}
    problems = []
    for index, (key, source) in enumerate(entries):
        if not key:
            continue
        first, first_source = first_seen.setdefault(key.lower(), (index, source))
        if first != index:
            problems.append(Problem(
                Severity.WARNING, "bibtex-duplicate-key",
                f"citation key {key!r} is used again (first at {first_source}); "
                "both entries are kept and will get distinct keys", source, raw(index)))
    return problems


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading makes a dozen long-lived objects per entry and no garbage cycles, yet each
    object counts towards the next collection, and every full collection walks them all:
    a third of the time for 100,000 entries.  The collector is back on when done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_bibtex(text: str, path: str, *, fast: bool = True, jobs: int = 1) -> Library:
    """Read BibTeX or biblatex text; ``FormatError`` when there is no entry in it at all.

    ``fast=False`` has pybtex read every chunk (the scanner's reference; same results).
    ``jobs`` > 1 reads slices of the chunks in that many processes (``parallel``; the same
    library as one process reads, in the same order); 0 picks by the number of chunks.
    """
    check_has_entries(text, path)
    with _collector_paused():
        return _read_chunks(text, path, fast, jobs)


def check_has_entries(text: str, path: str) -> None:
    """``FormatError`` when text that is not blank holds no ``@type{`` at all."""
    if not _ENTRY_START.search(text) and text.strip():
        first = next(i for i, line in enumerate(text.splitlines(), 1) if line.strip())
        raise FormatError("no BibTeX entry (@type{key, ...}) found", path=path, line=first)


def chunks_of(text: str) -> list[tuple[int, str, int, int]]:
    """(line, entry type, start, end) of every chunk of a file: what slices are cut from."""
    return list(_chunks(text))


def read_slice(text: str, path: str, chunks: list[tuple[int, str, int, int]], start: int,
               stop: int) -> tuple[list[Reference], list[Problem], int, list[tuple[int, int]]]:
    """The chunks ``start`` to ``stop`` read as ``read_bibtex`` reads them in a file:
    (references, problems, entries read, where each reference's raw text is)."""
    with _collector_paused():
        return _read_slice(text, path, True, chunks, start, stop)


class _Slice(NamedTuple):
    """What a run of chunks gave: references, problems, and the entries read."""

    references: list[Reference]
    problems: list[Problem]
    count: int
    #: where each reference's raw text is in the file (a worker sends these, not the text)
    spans: list[tuple[int, int]]


def _read_chunks(text: str, path: str, fast: bool, jobs: int = 1) -> Library:
    """Each chunk: scanned (or left to pybtex), its warnings kept, its entries mapped; in
    slices side by side when there are many (``_read_slice``)."""
    chunks = chunks_of(text)

    def read(start: int, stop: int) -> _Slice:
        return _read_slice(text, path, fast, chunks, start, stop)

    def restore(data: Any) -> _Slice:
        return _slice_from_tuple(data, text)

    library = Library()
    count = 0
    for part in fork_map(read, len(chunks), worker_count(jobs, len(chunks)),
                         _slice_to_tuple, restore):
        library.references += part.references
        library.problems += part.problems
        count += part.count
    _warn_repeated_keys(library)
    library.inputs.append(InputFile(path, "bibtex", entries_read=count))
    return library


def _read_slice(text: str, path: str, fast: bool, chunks: list[tuple[int, str, int, int]],
                begin: int, stop: int) -> _Slice:
    library = Library()
    spans: list[tuple[int, int]] = []
    # names are split by bibtex_names on both paths (it hands hard ones to pybtex's Person),
    # so the biblatex extended name format reads the same whichever path reads the chunk
    parser = _Parser(person_fields=[])
    if begin:
        _define_macros_before(parser, text, fast, chunks, begin)
    count = 0
    parents = _Parents(parser, text, chunks, fast)
    for line, entry_type, start, end in chunks[begin:stop]:
        raw = text[start:end].rstrip()
        source = SourceSpan(path, line, line + raw.count("\n"))
        try:
            keyless = _KEYLESS.match(raw) if entry_type not in SKIPPED else None
            if keyless:  # EndNote writes @book{ and then the fields, with no key
                parsed = _read_keyless(parser, raw, keyless.end("open"), fast)
            else:
                parsed = _parse_chunk(parser, text, start, end, raw, fast)
            braced = _braced_key(raw) if any("{" in e.key for e in parsed.entries) else None
            if braced is not None:  # ren{\'e}2010: BibTeX ends the entry at the key's brace
                key, fixed = braced
                parsed = _parse_chunk(parser, fixed, 0, len(fixed), fixed, fast)
                parsed.warnings.insert(0, ("bibtex-key-braces", (
                    f"the key {key} holds braces: BibTeX would end the entry there and "
                    "lose its fields; read with the braces left out, and written under a "
                    "new key")))
        except (PybtexError, RecursionError) as exc:
            exc.__traceback__ = None  # pybtex's frames (and chunk) go now, not at a collection
            made = len(library.references)
            count += _read_broken(library, text[start:end], entry_type, source, exc)
            spans += [(start, end)] * (len(library.references) - made)
            continue
        for code, message in parsed.warnings:
            library.add_problem(Severity.WARNING, code, message, source, raw)
        if entry_type in SKIPPED:
            continue
        for entry in parsed.entries:
            if "crossref" in entry.fields:
                _inherit(entry, parents, library, source, raw)
            library.references.append(entry_to_reference(entry, source, raw))
            spans.append((start, start + len(raw)))
            count += 1
    return _Slice(library.references, library.problems, count, spans)


class _Parents:
    """The entries a crossref names, found by key anywhere in the file (a slice read apart
    finds its parents as the whole file would) and read when first asked for."""

    def __init__(self, parser: _Parser, text: str, chunks: list[tuple[int, str, int, int]],
                 fast: bool) -> None:
        self.parser, self.text, self.chunks, self.fast = parser, text, chunks, fast
        self.where: dict[str, int] | None = None
        self.read: dict[str, ParsedEntry | None] = {}

    def get(self, key: str) -> ParsedEntry | None:
        key = key.strip().lower()  # BibTeX compares keys ignoring case
        if key not in self.read:
            self.read[key] = self._parse(key)
        return self.read[key]

    def _parse(self, key: str) -> ParsedEntry | None:
        if self.where is None:
            self.where = {}
            for index, (_, _, start, end) in enumerate(self.chunks):
                match = _KEY.match(self.text, start, end)
                if match:
                    self.where.setdefault(match.group(2).lower(), index)
        index = self.where.get(key)
        if index is None:
            return None
        _, _, start, end = self.chunks[index]
        macros = dict(self.parser.macros)  # reading it must not change what follows
        try:
            parsed = _parse_chunk(self.parser, self.text, start, end,
                                  self.text[start:end].rstrip(), self.fast)
        except (PybtexError, RecursionError):
            return None
        finally:
            self.parser.macros.clear()
            self.parser.macros.update(macros)
        return next((e for e in parsed.entries if e.key.lower() == key), None)


@cache
def _crossref_table() -> dict[str, Any]:
    return _aliases()["crossref"]


def _inherit(entry: ParsedEntry, parents: _Parents, library: Library, source: SourceSpan,
             raw: str) -> None:
    """What the crossref parent has and the entry lacks, inherited as biber does (the
    renames of ``crossref`` in the table); a parent not in the file is a warning."""
    key = entry.fields["crossref"]
    parent = parents.get(key)
    if parent is None:
        library.add_problem(Severity.WARNING, "bibtex-crossref-missing",
                            f"crossref {key!r}: no entry with that key in the file; "
                            "nothing inherited, the crossref kept", source, raw)
        return
    table = _crossref_table()
    renames: dict[str, str | None] = {}
    child, kind = entry.entry_type.lower(), parent.entry_type.lower()
    for rule in table["rules"]:
        if kind in rule["parents"] and child in rule["children"]:
            renames = rule["fields"]
            break
    never = table["never"]
    for name, value in parent.fields.items():
        target = renames.get(name, name)
        if target and name not in never:
            entry.fields.setdefault(target, value)
    for name, people in parent.persons.items():
        target = renames.get(name, name)
        if target and target not in entry.persons:
            entry.persons[target] = list(people)


_KEYLESS = re.compile(r"\s*@\s*\w+\s*[{(](?P<open>)\s*[A-Za-z][\w.:+/-]*\s*=")
_NO_KEY = "translitbib-no-key"


def _read_keyless(parser: _Parser, raw: str, at: int, fast: bool) -> ParsedChunk:
    """An entry with no key (``@book{ author = ...``): read with a key put in, which is
    then taken out again (the keys step gives it one), and a warning."""
    fixed = f"{raw[:at]}{_NO_KEY},{raw[at:]}"
    parsed = _parse_chunk(parser, fixed, 0, len(fixed), fixed, fast)
    for entry in parsed.entries:
        if entry.key == _NO_KEY:
            entry.key = ""
    parsed.warnings.insert(0, ("bibtex-key-missing", (
        "the entry has no key (EndNote writes them so): read, and given a new key")))
    return parsed


_KEY_TEXT = re.compile(r"@\s*\w+\s*\{\s*(?P<key>[^,\s=]*)")


def _braced_key(raw: str) -> tuple[str, str] | None:
    """(the key, the entry with its key's braces taken out) for an entry whose key holds
    balanced braces (ren{\\'e}2010); None otherwise."""
    match = _KEY_TEXT.match(raw)
    if match is None:
        return None
    key = match.group("key")
    depth = 0
    for char in key:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return None
    if depth or "{" not in key:
        return None
    plain = key.replace("{", "").replace("}", "")
    return key, raw[: match.start("key")] + plain + raw[match.end("key"):]


def _parse_chunk(parser: _Parser, text: str, start: int, end: int, raw: str,
                 fast: bool) -> ParsedChunk:
    """One chunk read by the scanner, or by pybtex when the scanner is not sure (pybtex's
    errors are raised); either adds the @string macros it defines to ``parser.macros``."""
    parsed = scan_chunk(raw, parser.macros, _person_fields()) if fast else None
    if parsed is None:
        parsed = _read_with_pybtex(parser, text[start:end])
    return parsed


_STRING_COMMAND = re.compile(r"@\s*string", re.IGNORECASE)


def _define_macros_before(parser: _Parser, text: str, fast: bool,
                          chunks: list[tuple[int, str, int, int]], begin: int) -> None:
    """The macros the chunks before ``begin`` define, as reading them in order would leave
    them: every chunk that holds an ``@string`` is read again, its results dropped."""
    starts = [start for _, _, start, _ in chunks]
    holding = dict.fromkeys(
        bisect.bisect_right(starts, match.start()) - 1
        for match in _STRING_COMMAND.finditer(text, 0, chunks[begin][2]))
    for index in holding:
        if index < 0:
            continue  # before the first chunk: text no reader looks at
        _, _, start, end = chunks[index]
        with contextlib.suppress(PybtexError, RecursionError):
            _parse_chunk(parser, text, start, end, text[start:end].rstrip(), fast)


def _slice_to_tuple(part: _Slice) -> tuple[Any, ...]:
    """The slice for ``marshal``; each reference's raw text goes as its place in the file
    (half the bytes: the receiver holds the same text)."""
    references = []
    for ref in part.references:
        raw, ref.raw = ref.raw, ""
        references.append(reference_to_tuple(ref))
        ref.raw = raw
    return (references, [problem_to_tuple(p) for p in part.problems], part.count, part.spans)


def _slice_from_tuple(data: Any, text: str) -> _Slice:
    references, problems, count, spans = data
    refs = [reference_from_tuple(r) for r in references]
    for ref, (start, end) in zip(refs, spans, strict=True):
        ref.raw = text[start:end]
    return _Slice(refs, [problem_from_tuple(p) for p in problems], count, spans)
