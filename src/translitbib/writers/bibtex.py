"""Our own BibTeX / biblatex writer (pybtex stays the parser).

pybtex's writer escapes LaTeX a second time (``50\\%`` -> ``50\\\\%``) and escapes URLs
(``a_b`` -> ``a\\_b``); this one writes brace-delimited values from plain text, escapes
only what needs it, never touches url/doi/eprint, and keeps Cyrillic as UTF-8.  Types and
fields come from ``data/bibtex.json`` (one dialect per client family).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote

from ..layout import Layout, LibraryFacts, Records, family_words, render_pieces
from ..model import OTHERS, Date, Library, Name, Reference
from ..textnorm import nfc
from .keys import ascii_key
from .latex import MARKS, escape, escape_title
from .profile import effective
from .tables import babel_name, load_table

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SIMPLE_RANGE = re.compile(r"^(\w+)\s*[-–]\s*(\w+)$")  # 241-255, 241–255, 241 - 255
# A URL is written as is, but for the few characters no valid URL holds raw and BibTeX
# cannot take in a value: braces, backslash, whitespace (percent-encoded, as browsers do).
_UNSAFE_IN_VERBATIM = re.compile(r"[{}\\\s]")
Field = tuple[str, str, bool]  # (name, value, is_macro)


@cache
def dialect(name: str) -> dict[str, Any]:
    """The dialect table, with ``base`` resolved (fields replaced by csl+bib, or by csl
    alone for a field marked ``replaces``)."""
    table = load_table("bibtex")["dialects"][name]
    if "base" not in table:
        return table
    merged = dict(dialect(table["base"]))
    override: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for f in table["fields"]:  # several with one csl+bib replace the base's one together
        if not f.get("replaces"):
            override.setdefault((f["csl"], _bib_key(f)), []).append(f)
    by_csl = {f["csl"]: f for f in table["fields"] if f.get("replaces")}
    merged["fields"] = [spec for f in merged["fields"] for spec in (
        override.pop((f["csl"], _bib_key(f)), None) or [by_csl.pop(f["csl"], f)])]
    merged["fields"] += [*(f for fs in override.values() for f in fs), *by_csl.values()]
    return merged


def _bib_key(spec: dict[str, Any]) -> str:
    bib = spec["bib"]
    return bib if isinstance(bib, str) else "|".join(sorted(v or "" for v in bib.values()))


def field_name(spec: dict[str, Any], entry: str) -> str | None:
    """The bib field a mapping writes for ``entry``; None when it writes none there."""
    bib = spec["bib"]
    return bib if isinstance(bib, str) else bib.get(entry, bib["*"])


def entry_type(ref_type: str, table: dict[str, Any]) -> dict[str, str]:
    return table["types"].get(ref_type, table["types"]["*"])


def _ruled_entry(ref: Reference, entry: str, table: dict[str, Any]) -> str:
    """The entry type after the dialect's ``entry_rules`` (an editor-only book: @collection)."""
    for rule in table.get("entry_rules", ()):
        when = rule["when"]
        if (entry in when.get("entry", [entry])
                and all(ref.names.get(role) for role in when.get("has_names", ()))
                and not any(ref.names.get(role) for role in when.get("missing_names", ()))):
            return rule["entry"]
    return entry


def _name(name: Name) -> str:
    """``Family, Given`` (the comma form keeps "de la Cruz" one family); an institution braced."""
    return _name_text(name.family, name.given, name.literal)


@lru_cache(maxsize=1 << 14)
def _name_text(family_text: str, given_text: str, literal: str) -> str:
    if literal == OTHERS:  # et al.: the word biblatex knows, not braced
        return OTHERS
    if literal:
        return "{" + escape(literal) + "}"
    given_text, particle = _dropping_particle(given_text) if family_text else (given_text, "")
    family, given = _name_part(family_text), _name_part(given_text)
    if particle:  # de Gaulle, Charles: biber, pandoc and bibtex all read "de" as the particle
        family = f"{_name_part(particle)} {family}"
    if not family:  # a given name alone (a pseudonym): BibTeX has nowhere else to put it
        family, given = given, ""
    if given:
        return f"{family}, {given}"
    return f"{family}," if " " in family_text.strip() else family


@cache
def _particles() -> frozenset[str]:
    return frozenset(load_table("bibtex")["name_particles"]["words"])


def _dropping_particle(given: str) -> tuple[str, str]:
    """``Charles de`` -> (``Charles``, ``de``): the particle words that end a given name
    (``name_particles`` in bibtex.json), when a given name comes before them."""
    words = given.split(" ")
    cut = len(words)
    while cut > 1 and words[cut - 1] in _particles():
        cut -= 1
    if cut == len(words) or not words[cut - 1]:
        return given, ""
    return " ".join(words[:cut]), " ".join(words[cut:])


def _name_part(text: str) -> str:
    """Escaped, with a word "and" braced so it does not split the name list."""
    return " ".join("{" + w + "}" if w.lower() == "and" else w for w in escape(text).split(" "))


# A date as read beside its year (``Date.literal``) that biblatex's date fields take as
# written: EDTF's circa and uncertain marks (1990~, 1990?, 1990%), a time (urldate)
_BIBLATEX_DATE = re.compile(
    r"\d{4}(?:-\d\d(?:-\d\d)?)?(?:[~?%]|T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)")


def _date_value(date: Date, kind: str) -> tuple[str, bool] | None:
    edtf = bool(date.literal) and _BIBLATEX_DATE.fullmatch(date.literal) is not None
    if kind == "date":  # biblatex takes ISO dates only (biber drops anything else)
        if date.year is None:
            return None
        return (date.literal if edtf else date.iso()), False
    if kind == "date_literal":  # text only, or a supplied date ([1953]) beside its year
        return (escape(date.literal), False) if date.literal and not edtf else None
    if kind == "year" and date.year is None:
        return (escape(date.literal), False) if date.literal else None
    if kind == "year" and date.literal and not edtf and date.end is None and not date.month:
        return escape(date.literal), False  # year = {[1953]}: plain.bst prints it so
    part = {"year": date.year, "month": date.month, "day": date.day}[kind]
    if part is None or date.year is None or (kind == "month" and part > 12):
        return None  # a season (21-24) has no classic month
    if kind == "year" and date.end is not None and date.end[0] != date.year:
        return f"{date.year}--{date.end[0]}", False  # classic BibTeX writes a range so
    return (MONTHS[part - 1], True) if kind == "month" else (str(part), False)


_DATE_KINDS = frozenset(("date", "date_literal", "year", "month", "day"))


@lru_cache(maxsize=1 << 14)
def _list(value: str) -> str:
    """``Moscow; Smolensk`` -> ``Moscow and Smolensk`` (a part holding "and" braced)."""
    return " and ".join("{" + escape(v.strip()) + "}" if " and " in v else escape(v.strip())
                        for v in value.split(";"))


def _verbatim(value: str) -> str:
    if _UNSAFE_IN_VERBATIM.search(value) is None:
        return value
    return _UNSAFE_IN_VERBATIM.sub(lambda m: quote(m.group()), value)


def _pages(value: str) -> str:
    value = escape(value.replace("--", "-"))  # 12--14 is a range as 12-14 is
    simple = _SIMPLE_RANGE.match(value)
    return f"{simple[1]}--{simple[2]}{value[simple.end():]}" if simple else value


# kind -> plain value to BibTeX value (titles, dates and skip are handled apart)
_RENDER_TEXT: dict[str, Callable[[str], str]] = {
    "text": escape, "list": _list, "verbatim": _verbatim, "pages": _pages,
    "language": babel_name,
}
# One field mapping, resolved for one entry type:
# (csl, kind, bib name, prefix, pattern, not_pattern, unless_names, companion fields)
_Spec = tuple[str, str, str, str, "re.Pattern[str] | None", "re.Pattern[str] | None",
              tuple[str, ...], tuple[tuple[str, str], ...]]


@cache
def _field_specs(dialect_name: str, entry: str) -> dict[str, tuple[tuple[int, _Spec], ...]]:
    """The dialect's field mappings by CSL variable (dates under ``@issued``...), each
    with its place in the table, the bib name for ``entry`` and its patterns compiled."""
    by_csl: dict[str, list[tuple[int, _Spec]]] = {}
    for index, spec in enumerate(dialect(dialect_name)["fields"]):
        bib_name = field_name(spec, entry)
        if spec["kind"] == "skip" or bib_name is None:
            continue
        pattern, not_pattern = spec.get("pattern"), spec.get("not_pattern")
        key = "@" + spec["csl"] if spec["kind"] in _DATE_KINDS else spec["csl"]
        by_csl.setdefault(key, []).append((index, (
            spec["csl"], spec["kind"], bib_name, spec.get("prefix", ""),
            re.compile(pattern) if pattern is not None else None,
            re.compile(not_pattern) if not_pattern is not None else None,
            tuple(spec.get("unless_names", ())), tuple(spec.get("companion", {}).items()),
        )))
    return {key: tuple(specs) for key, specs in by_csl.items()}


def _specs_for(ref: Reference, dialect_name: str, entry: str) -> tuple[tuple[int, _Spec], ...]:
    """The mappings for the variables ``ref`` has, in table order."""
    return _specs_for_variables(dialect_name, entry,
                                tuple([key for key, value in ref.fields.items() if value]),
                                tuple(ref.dates))


@lru_cache(maxsize=4096)  # a library has a few dozen shapes of entry, not one per entry
def _specs_for_variables(dialect_name: str, entry: str, fields: tuple[str, ...],
                         dates: tuple[str, ...]) -> tuple[tuple[int, _Spec], ...]:
    by_csl = _field_specs(dialect_name, entry)
    found = [spec for key in fields for spec in by_csl.get(key, ())]
    found += [spec for key in dates for spec in by_csl.get("@" + key, ())]
    found.sort()  # by place in the table: places are unique, specs never compared
    return tuple(found)


_NameSpec = tuple[int, str, str, tuple[tuple[str, str], ...]]
#: languages whose titles are sentence-cased: a capital in one is a name, and protected
SENTENCE_CASED = frozenset({"ru", "uk", "be", "bg", "sr", "mk"})


@cache
def _name_specs(dialect_name: str) -> dict[str, _NameSpec]:
    """Name variable -> (place in the table, the variable, bib field, companion fields)."""
    return {spec["csl"]: (index, spec["csl"], spec["bib"],
                          tuple(spec.get("companion", {}).items()))
            for index, spec in enumerate(dialect(dialect_name)["names"])}


def entry_fields(ref: Reference, dialect_name: str, entry: str,
                 proper: frozenset[str]) -> list[Field]:
    """The fields of one entry, in table order, as (name, BibTeX value, is_macro)."""
    out: list[Field] = []
    name_specs = _name_specs(dialect_name)
    roles = sorted(name_specs[role] for role, people in ref.names.items()
                   if people and role in name_specs)
    for _, role, bib, companion in roles:
        people = [_name(n) for n in ref.names[role] if n.literal or n.family or n.given]
        if people:
            out.append((bib, " and ".join(people), False))
            if companion:
                out += [(name, value, False) for name, value in companion]
    values, dates = ref.fields, ref.dates
    russian = values.get("language") in SENTENCE_CASED  # its capitals are names
    for _, (csl, kind, bib, prefix, pattern, not_pattern, unless, companion) in _specs_for(
            ref, dialect_name, entry):
        rendered: tuple[str, bool] | None
        if kind in _DATE_KINDS:
            rendered = _date_value(dates[csl], kind)
            if rendered is None:
                continue
            if prefix:
                rendered = (prefix + rendered[0], rendered[1])
        else:
            value = values[csl]
            if unless and any(ref.names.get(role) for role in unless):
                continue
            if pattern is not None and not pattern.search(value):
                continue
            if not_pattern is not None and not_pattern.search(value):
                continue
            value = prefix + value
            text = (escape_title(value, russian or sentence_cased(value), proper)
                    if kind == "title" else _RENDER_TEXT[kind](value))
            rendered = (text, False)
        out.append((bib, *rendered))
        if companion:
            out += [(name, value, False) for name, value in companion]
    out += carried_fields(values)
    return out


#: where a reader keeps a field no table maps, under its BibTeX name:
#: ``Reference.fields["tex.origlanguage"]`` (Better BibTeX's name for a BibTeX field in
#: Zotero's Extra).  The .bib writes it back; CSL-JSON keeps it in ``custom``.
CARRIED = "tex."


@cache
def _carried_raw() -> frozenset[str]:
    return frozenset(load_table("bibtex")["read_aliases"]["carried_raw"])


def carried_fields(values: dict[str, str]) -> list[Field]:
    """The fields CSL has no place for, written back under their names: as read when the
    reader kept their BibTeX text (and its braces pair up), else escaped."""
    out: list[Field] = []
    for key, value in values.items():
        if not key.startswith(CARRIED) or not value:
            continue
        name = key[len(CARRIED):]
        raw = name in _carried_raw() and _braces_pair(value)
        out.append((name, value if raw else escape(value), False))
    return out


def _braces_pair(value: str) -> bool:
    depth = 0
    for char in value:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0


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
    entry = _ruled_entry(ref, kind["entry"], table)
    fields = entry_fields(ref, dialect_name, entry, proper)
    required = table.get("required", {}).get(entry)
    if required and not _satisfies(fields, required):
        entry, kind = "misc", {"entry": "misc"}
        fields = entry_fields(ref, dialect_name, entry, proper)
    if kind.get("entrysubtype"):
        fields.insert(0, ("entrysubtype", kind["entrysubtype"], False))
    merged: dict[str, tuple[str, bool]] = {}
    for name, value, macro in fields:  # the first mapping of a field wins; "+" appends
        if name[0] == "+":
            name, first = name[1:], merged.get(name[1:])
            value = f"{first[0]}\n{value}" if first else value  # each part on its own line
            merged[name] = (value, macro)
        elif name not in merged:
            merged[name] = (value, macro)
    key = ascii_key(ref) if table.get("ascii_keys") else ref.id
    lines = [f"@{entry}{{{key},"]
    if ref.aliases and dialect_name == "biblatex":  # merged entries' keys, still citable
        lines.append(f"  ids = {{{', '.join(ref.aliases)}}},")
    lines += [f"  {name} = {value}," if macro else f"  {name} = {{{value}}},"
              for name, (value, macro) in merged.items()]
    lines.append("}")
    return "\n".join(lines)


@cache
def known_proper_names() -> frozenset[str]:
    """Proper names English titles use: our table, plus the normalizer's established
    names and place names (Beria, Moscow) when its tables can be read."""
    table = load_table("bibtex")["proper_words"]
    words = {*table["words"], *table["given_names"]}
    try:
        from ..translit.tables import load_table as translit_table

        words.update(translit_table("established_names").get("names", {}).values())
        words.update(translit_table("exonyms").get("places", {}))
        words.update(translit_table("foreign_names").get("names", {}))
    except Exception:  # the normalizer's data is optional here: our own list still applies
        pass
    return frozenset(w for w in words if " " not in w and "." not in w)


_TITLE_WORD = re.compile(rf"[^\W\d_][\w{MARKS}'’\-]*")


@cache
def _small_words() -> frozenset[str]:
    return frozenset(load_table("bibtex")["proper_words"]["small_words"])


@lru_cache(maxsize=1 << 14)
def sentence_cased(title: str) -> bool:
    """Whether a (non-Russian) title is in sentence case: more of its words after the first
    are in lower case, other than the words title case leaves so, than capitalized.  Then
    a capitalized word after the first is a proper name (``the {Jewish} doctors``)."""
    lower = upper = 0
    small = _small_words()
    for word in _TITLE_WORD.findall(title)[1:]:
        if word.islower():
            lower += word not in small
        elif word[0].isupper() and word[1:] == word[1:].lower():
            upper += 1
    return lower > upper


def library_proper_names(library: Library) -> frozenset[str]:
    """The known proper names and the family names of everyone the library names."""
    return known_proper_names() | family_words(library)


def format_bibtex(library: Library, dialect_name: str = "biblatex") -> str:
    """The whole .bib file: one entry per reference, separated by a blank line."""
    return nfc("".join(iter_bibtex(library, dialect_name)))  # NFC, as the files are (textnorm)


def iter_bibtex(library: Library, dialect_name: str = "biblatex") -> Iterator[str]:
    """``format_bibtex`` in pieces (an entry at a time), for writing a file as it is made."""
    return render_pieces(layout_bibtex(LibraryFacts.of(library), dialect_name), library)


def layout_bibtex(facts: LibraryFacts, dialect_name: str = "biblatex") -> Layout:
    """The .bib file: a comment, then the entries (see ``layout``)."""
    proper = known_proper_names() | facts.families

    def entry(ref: Reference) -> str:
        return format_entry(ref, dialect_name, proper)

    return [f"% Written by translitbib ({dialect_name} dialect). UTF-8.\n\n",
            Records("references", entry, "\n\n"), "\n"]
