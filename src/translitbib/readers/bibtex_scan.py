"""A fast scanner for the BibTeX chunks real files are made of; pybtex for everything else.

pybtex's scanner costs most of a large file's reading time.  This one reads one chunk (one
``@type{`` up to the next) with one regular expression per field, following pybtex's
grammar step by step: ``@type{key,`` then ``name = value`` pairs, a value being ``{...}``,
``"..."``, a number or a macro, joined with ``#``; ``@string``, ``@preamble`` and
``@comment`` as pybtex reads them.  It says ``None`` ("not sure") for whatever it does not
read exactly as pybtex would: parentheses as delimiters, braces nested deeper than five,
an undefined macro, a name pybtex rejects, anything after the entry that pybtex would try
to read (an ``@``), any syntax error.  The caller then hands that chunk to pybtex, so odd
input gets pybtex's answer, problems and all.
"""

from __future__ import annotations

import re
from collections.abc import Container, MutableMapping
from dataclasses import dataclass, field
from string import digits

from pybtex.database.input.bibtex import NAME_CHARS, DuplicateField
from pybtex.exceptions import PybtexError

from ..model import Name
from .bibtex_names import parse_name, split_names


@dataclass(slots=True)
class ParsedEntry:
    """One entry as either parser read it, with no pybtex objects left in it."""

    entry_type: str
    key: str
    #: lower-cased field name -> value (whitespace normalized), the first of repeats
    fields: dict[str, str] = field(default_factory=dict)
    #: lower-cased name field -> the names in it, fields in the order first seen
    persons: dict[str, list[Name]] = field(default_factory=dict)


@dataclass(slots=True)
class ParsedChunk:
    """What one chunk holds: entries (none for @string, @comment, @preamble) and warnings."""

    entries: list[ParsedEntry] = field(default_factory=list)
    #: (problem code, message), in the order pybtex reports them
    warnings: list[tuple[str, str]] = field(default_factory=list)


def _balanced(depth: int) -> str:
    """Text with braces balanced, nested at most ``depth`` deep (possessive: no backtracking)."""
    inner = r"[^{}]*+"
    for _ in range(depth):
        inner = r"(?:[^{}]++|\{" + inner + r"\})*+"
    return inner


_NAME = f"[{re.escape(NAME_CHARS)}][{re.escape(NAME_CHARS + digits)}]*"
_BALANCED = _balanced(4)  # with the value's own braces: five deep
_QUOTED = r'(?:[^"{}]++|\{' + _BALANCED + r"\})*+"
# braced | quoted | number | macro, then a '#' (more parts) or a ',' (the next field)
_PART = rf'\{{({_BALANCED})\}}|"({_QUOTED})"|([0-9]+)|({_NAME})'
_AFTER_PART = r"(?:(\s*#)|(\s*,))?"
# the commas before a field: pybtex allows empty fields (``@book{k,, title = {T}}``)
_FIELD = re.compile(rf"(?:\s*,)*\s*({_NAME})\s*=\s*(?:{_PART}){_AFTER_PART}")
_NEXT_PART = re.compile(rf"\s*(?:{_PART}){_AFTER_PART}")
_HEAD = re.compile(r"[ \t]*@[ \t]*([A-Za-z]+)[ \t]*\{")
_KEY = re.compile(r"\s*([^\s,}]+)")
_MACRO_NAME = re.compile(rf"\s*({_NAME})\s*=")
_CLOSE = re.compile(r"\s*\}")
_CLOSE_FIELDS = re.compile(r"(?:\s*,)*\s*\}")
_WHITESPACE = re.compile(r"\s+")  # as in pybtex.textutils.normalize_whitespace


class _Unsure(Exception):
    """The chunk is not one this scanner reads exactly as pybtex does."""


def scan_chunk(chunk: str, macros: MutableMapping[str, str],
               person_fields: Container[str]) -> ParsedChunk | None:
    """Read one chunk as pybtex would, or ``None`` when not sure (pybtex must read it).

    ``macros`` is the file's ``@string`` table (case-insensitive, shared with pybtex);
    an ``@string`` read here is added to it only when the whole chunk was read.
    ``person_fields`` holds the lower-cased names of the fields that list people.
    """
    head = _HEAD.match(chunk)
    if head is None:
        return None
    command, pos = head.group(1).lower(), head.end()
    try:
        if command == "comment":
            return _nothing_after(chunk, pos, ParsedChunk())
        if command == "string":
            return _read_string(chunk, pos, macros)
        if command == "preamble":
            _, pos = _read_value(chunk, pos, macros)
            return _nothing_after(chunk, _close(chunk, pos), ParsedChunk())
        return _read_entry(chunk, head.group(1), pos, macros, person_fields)
    except (_Unsure, PybtexError):
        return None


def _read_string(chunk: str, pos: int, macros: MutableMapping[str, str]) -> ParsedChunk:
    name = _MACRO_NAME.match(chunk, pos)
    if name is None:
        raise _Unsure
    value, pos = _read_value(chunk, name.end(), macros)
    result = _nothing_after(chunk, _close(chunk, pos), ParsedChunk())
    macros[name.group(1)] = value
    return result


def _read_entry(chunk: str, entry_type: str, pos: int, macros: MutableMapping[str, str],
                person_fields: Container[str]) -> ParsedChunk:
    """pybtex's ``parse_entry_body`` and ``process_entry`` in one pass over the fields."""
    key = _KEY.match(chunk, pos)
    if key is None:
        raise _Unsure
    result = ParsedChunk()
    entry = ParsedEntry(entry_type, key.group(1))
    seen: set[str] = set()
    pos = key.end()
    while True:
        match = _FIELD.match(chunk, pos)
        if match is None:
            break
        name, braced, quoted, number, macro, more, comma_after = match.groups()
        value = braced if braced is not None else _part_value(None, quoted, number, macro,
                                                              macros)
        pos = match.end()
        if more:
            value, pos, comma_after = _read_more_parts(chunk, pos, value, macros)
        _add_field(entry, name, value, seen, person_fields, result.warnings)
        if not comma_after:
            break
    end = _CLOSE_FIELDS.match(chunk, pos)
    if end is None:
        raise _Unsure
    _nothing_after(chunk, end.end(), None)
    result.entries.append(entry)
    return result


def _add_field(entry: ParsedEntry, name: str, value: str, seen: set[str],
               person_fields: Container[str], warnings: list[tuple[str, str]]) -> None:
    """The first of repeated fields wins; whitespace is normalized, name fields split."""
    lower = name.lower()
    if lower in seen:
        warnings.append(("bibtex-duplicate-field", str(DuplicateField(entry.key, name))))
        return
    seen.add(lower)
    value = normalize_whitespace(value)
    if lower not in person_fields:
        entry.fields[lower] = value
        return
    names = [parse_name(text) for text in split_names(value)]
    if names:
        entry.persons[lower] = names


def _read_value(chunk: str, pos: int, macros: MutableMapping[str, str]) -> tuple[str, int]:
    match = _NEXT_PART.match(chunk, pos)
    if match is None:
        raise _Unsure
    braced, quoted, number, macro, more, comma = match.groups()
    if comma:  # a comma after an @string or @preamble value is a syntax error
        raise _Unsure
    value = _part_value(braced, quoted, number, macro, macros)
    if not more:
        return value, match.end()
    value, pos, comma = _read_more_parts(chunk, match.end(), value, macros)
    if comma:
        raise _Unsure
    return value, pos


def _read_more_parts(chunk: str, pos: int, value: str,
                     macros: MutableMapping[str, str]) -> tuple[str, int, str | None]:
    """The parts after a ``#``: (the joined value, where it ends, the comma after it)."""
    parts = [value]
    while True:
        match = _NEXT_PART.match(chunk, pos)
        if match is None:
            raise _Unsure
        braced, quoted, number, macro, more, comma = match.groups()
        parts.append(_part_value(braced, quoted, number, macro, macros))
        pos = match.end()
        if not more:
            return "".join(parts), pos, comma


def _part_value(braced: str | None, quoted: str | None, number: str | None,
                macro: str | None, macros: MutableMapping[str, str]) -> str:
    if braced is not None:
        return braced
    if quoted is not None:
        return quoted
    if number is not None:
        return number
    value = macros.get(macro or "")
    if value is None:  # pybtex warns with the line inside the chunk: let it
        raise _Unsure
    return value


def _close(chunk: str, pos: int) -> int:
    match = _CLOSE.match(chunk, pos)
    if match is None:
        raise _Unsure
    return match.end()


def _nothing_after(chunk: str, pos: int, result: ParsedChunk | None) -> ParsedChunk | None:
    """pybtex reads on from any ``@`` after the entry; only pybtex knows what it makes of it."""
    if chunk.find("@", pos) != -1:
        raise _Unsure
    return result


def normalize_whitespace(value: str) -> str:
    """pybtex's ``normalize_whitespace``: runs of whitespace -> one space, none at the ends.

    Most values need nothing done, and saying so is five times quicker than the regular
    expression: every whitespace character but the space is unprintable.
    """
    if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value
    return _WHITESPACE.sub(" ", value.strip())
