"""Our own BibTeX / biblatex writer (pybtex stays the parser).

pybtex's writer escapes LaTeX a second time (``50\\%`` -> ``50\\\\%``) and escapes URLs
(``a_b`` -> ``a\\_b``); this one writes brace-delimited values from plain text, escapes
only what needs it, never touches url/doi/eprint, and keeps Cyrillic as UTF-8.  Types and
fields come from ``data/bibtex.json`` (one dialect per client family).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import quote

from ..model import Date, Library, Name, Reference
from .latex import escape, escape_title
from .profile import effective
from .tables import babel_name, load_table

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SIMPLE_RANGE = re.compile(r"^(\w+)-(\w+)$")
# A URL is written as is, but for the few characters no valid URL holds raw and BibTeX
# cannot take in a value: braces, backslash, whitespace (percent-encoded, as browsers do).
_UNSAFE_IN_VERBATIM = re.compile(r"[{}\\\s]")
Field = tuple[str, str, bool]  # (name, value, is_macro)


@cache
def dialect(name: str) -> dict[str, Any]:
    """The dialect table, with ``base`` resolved (fields replaced by csl+bib)."""
    table = load_table("bibtex")["dialects"][name]
    if "base" not in table:
        return table
    merged = dict(dialect(table["base"]))
    override = {(f["csl"], _bib_key(f)): f for f in table["fields"]}
    merged["fields"] = [override.pop((f["csl"], _bib_key(f)), f) for f in merged["fields"]]
    merged["fields"] += list(override.values())
    return merged


def _bib_key(spec: dict[str, Any]) -> str:
    bib = spec["bib"]
    return bib if isinstance(bib, str) else "|".join(sorted(bib.values()))


def field_name(spec: dict[str, Any], entry: str) -> str:
    bib = spec["bib"]
    return bib if isinstance(bib, str) else bib.get(entry, bib["*"])


def entry_type(ref_type: str, table: dict[str, Any]) -> dict[str, str]:
    return table["types"].get(ref_type, table["types"]["*"])


def _name(name: Name) -> str:
    """``Family, Given`` (the comma form keeps "de la Cruz" one family); an institution braced."""
    if name.literal:
        return "{" + escape(name.literal) + "}"
    family, given = _name_part(name.family), _name_part(name.given)
    if not family:  # a given name alone (a pseudonym): BibTeX has nowhere else to put it
        family, given = given, ""
    if given:
        return f"{family}, {given}"
    return f"{family}," if " " in name.family.strip() else family


def _name_part(text: str) -> str:
    """Escaped, with a word "and" braced so it does not split the name list."""
    return " ".join("{" + w + "}" if w.lower() == "and" else w for w in escape(text).split(" "))


def _date_value(date: Date, kind: str) -> tuple[str, bool] | None:
    if kind == "date":  # biblatex takes ISO dates only (biber drops anything else)
        return (date.iso(), False) if date.year is not None else None
    if kind == "date_literal":
        return (escape(date.literal), False) if date.year is None and date.literal else None
    if kind == "year" and date.year is None:
        return (escape(date.literal), False) if date.literal else None
    part = {"year": date.year, "month": date.month, "day": date.day}[kind]
    if part is None or date.year is None:
        return None
    return (MONTHS[part - 1], True) if kind == "month" else (str(part), False)


def _render(spec: dict[str, Any], ref: Reference,
            proper: frozenset[str]) -> tuple[str, bool] | None:
    kind = spec["kind"]
    if kind in ("date", "date_literal", "year", "month", "day"):
        date = ref.dates.get(spec["csl"])
        rendered = _date_value(date, kind) if date else None
        if rendered and spec.get("prefix"):
            rendered = (spec["prefix"] + rendered[0], rendered[1])
        return rendered
    value = ref.fields.get(spec["csl"], "")
    if not value or kind == "skip":
        return None
    if any(ref.names.get(role) for role in spec.get("unless_names", [])):
        return None
    if "pattern" in spec and not re.search(spec["pattern"], value):
        return None
    if "not_pattern" in spec and re.search(spec["not_pattern"], value):
        return None
    value = spec.get("prefix", "") + value
    russian = ref.fields.get("language") == "ru"
    rendered = {
        "title": lambda: escape_title(value, russian, proper),
        "text": lambda: escape(value),
        "list": lambda: " and ".join("{" + escape(v.strip()) + "}" if " and " in v else
                                     escape(v.strip()) for v in value.split(";")),
        "verbatim": lambda: _UNSAFE_IN_VERBATIM.sub(lambda m: quote(m.group()), value),
        "pages": lambda: _SIMPLE_RANGE.sub(r"\1--\2", escape(value)),
        "language": lambda: babel_name(value),
    }[kind]()
    return rendered, False


def entry_fields(ref: Reference, table: dict[str, Any], entry: str,
                 proper: frozenset[str]) -> Iterator[Field]:
    for spec in table["names"]:
        people = [n for n in ref.names.get(spec["csl"], []) if n.literal or n.family or n.given]
        if people:
            yield spec["bib"], " and ".join(_name(n) for n in people), False
            for name, value in spec.get("companion", {}).items():
                yield name, value, False
    for spec in table["fields"]:
        rendered = _render(spec, ref, proper)
        if rendered is not None:
            yield field_name(spec, entry), *rendered
            for name, value in spec.get("companion", {}).items():
                yield name, value, False


def _satisfies(fields: list[Field], required: list[list[str]]) -> bool:
    present = {name for name, _, _ in fields}
    return all(any(alt in present for alt in group) for group in required)


def format_entry(ref: Reference, dialect_name: str, proper: frozenset[str] = frozenset()) -> str:
    """One entry, fields in table order, two-space indent, brace-delimited values.

    ``proper``: capitalized words to brace-protect in titles that are not Russian.
    """
    table = dialect(dialect_name)
    ref = effective(ref)
    kind = entry_type(ref.type, table)
    entry = kind["entry"]
    fields = list(entry_fields(ref, table, entry, proper))
    required = table.get("required", {}).get(entry)
    if required and not _satisfies(fields, required):
        entry, kind = "misc", {"entry": "misc"}
        fields = list(entry_fields(ref, table, entry, proper))
    if kind.get("entrysubtype"):
        fields.insert(0, ("entrysubtype", kind["entrysubtype"], False))
    merged: dict[str, tuple[str, bool]] = {}
    for name, value, macro in fields:  # the first mapping of a field wins; "+" appends
        if name.startswith("+"):
            name, first = name[1:], merged.get(name[1:])
            value = f"{first[0]} {value}" if first else value
            merged[name] = (value, macro)
        else:
            merged.setdefault(name, (value, macro))
    lines = [f"@{entry}{{{ref.id},"]
    for name, (value, macro) in merged.items():
        lines.append(f"  {name} = {value}," if macro else f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)


@cache
def known_proper_names() -> frozenset[str]:
    """Proper names English titles use: our table, plus the normalizer's established
    names and place names (Beria, Moscow) when its tables can be read."""
    words = set(load_table("bibtex")["proper_words"]["words"])
    try:
        from ..translit.tables import load_table as translit_table

        words.update(translit_table("established_names").get("names", {}).values())
        words.update(translit_table("exonyms").get("places", {}))
    except Exception:  # the normalizer's data is optional here: our own list still applies
        pass
    return frozenset(w for w in words if " " not in w and "." not in w)


def library_proper_names(library: Library) -> frozenset[str]:
    """The known proper names and the family names of everyone the library names."""
    families = {
        part for ref in library.references for people in ref.names.values()
        for name in people for part in name.family.split() if part[:1].isupper()
    }
    return known_proper_names() | families


def format_bibtex(library: Library, dialect_name: str = "biblatex") -> str:
    """The whole .bib file: one entry per reference, separated by a blank line."""
    header = f"% Written by translitbib ({dialect_name} dialect). UTF-8.\n\n"
    proper = library_proper_names(library)
    entries = (format_entry(r, dialect_name, proper) for r in library.references)
    return header + "\n\n".join(entries) + "\n"
