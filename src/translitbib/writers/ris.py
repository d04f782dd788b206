"""RIS (``references.ris``) for Zotero, EndNote and Mendeley: tags from ``data/ris.json``.

Each entry is ``TY`` first, ``ER`` last, one ``TAG  - value`` line per value; line breaks
inside a value become spaces, since a RIS value cannot span lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from ..layout import Layout, LibraryFacts, Records, render_pieces
from ..model import OTHERS, Date, Library, Reference
from ..richtext import strip_tags
from ..textnorm import nfc
from .profile import effective
from .tables import load_table


def _ris_date(date: Date) -> str:
    if date.year is None:
        return ""
    month = date.month if date.month and date.month <= 12 else None  # no seasons in RIS
    parts = [f"{date.year:04d}", f"{month:02d}" if month else "",
             f"{date.day:02d}" if date.day and month else ""]
    return "/".join(parts) + "/"


# (place in the table, "TG  - ", kind, csl, label, the RIS types it is for (empty: all),
# the RIS types it is not for)
_RisSpec = tuple[int, str, str, str, str, frozenset[str], frozenset[str]]


@cache
def _specs_by_variable() -> dict[str, tuple[_RisSpec, ...]]:
    """The tag mappings by variable (names under ``#author``, dates under ``@issued``)."""
    by_key: dict[str, list[_RisSpec]] = {}
    for index, spec in enumerate(load_table("ris")["fields"]):
        kind, csl = spec["kind"], spec["csl"]
        key = {"names": "#", "year": "@", "date": "@"}.get(kind, "") + csl
        by_key.setdefault(key, []).append(
            (index, f"{spec['tag']}  - ", kind, csl, spec.get("label", ""),
             frozenset(spec.get("types", ())), frozenset(spec.get("not_types", ()))))
    return {key: tuple(specs) for key, specs in by_key.items()}


def _specs_for(ref: Reference, ris_type: str) -> tuple[_RisSpec, ...]:
    """The mappings for the variables ``ref`` has, in table order, that ``ris_type`` takes."""
    return _specs_for_variables(
        ris_type, tuple([key for key, value in ref.fields.items() if value]), tuple(ref.dates),
        tuple([key for key, people in ref.names.items() if people]))


@lru_cache(maxsize=4096)  # a library has a few dozen shapes of entry, not one per entry
def _specs_for_variables(ris_type: str, fields: tuple[str, ...], dates: tuple[str, ...],
                         names: tuple[str, ...]) -> tuple[_RisSpec, ...]:
    by_key = _specs_by_variable()
    found = [spec for key in fields for spec in by_key.get(key, ())]
    found += [spec for key in dates for spec in by_key.get("@" + key, ())]
    found += [spec for key in names for spec in by_key.get("#" + key, ())]
    found.sort()  # places are unique: the rest of a spec is never compared
    return tuple(spec for spec in found
                 if not (spec[5] and ris_type not in spec[5]) and ris_type not in spec[6])


def _values(kind: str, csl: str, label: str, ref: Reference) -> list[str]:
    """The values one tag gets, before line breaks become spaces."""
    if kind == "names":
        return [name.literal or ", ".join(p for p in (name.family, name.given) if p)
                for name in ref.names[csl] if name.literal != OTHERS]  # RIS has no et al.
    if kind in ("year", "date"):
        date = ref.dates[csl]
        if date.year is None:
            return []
        return [str(date.year) if kind == "year" else _ris_date(date)]
    value = ref.fields[csl]
    if kind in ("page_start", "page_end"):
        start, _, end = value.replace("–", "-").replace("—", "-").partition("-")
        start, end = start.strip(), end.strip()
        value = start if kind == "page_start" else end
    elif kind == "label":
        value = label + value
    elif kind == "keywords":
        return value.split(",")
    elif kind == "files":
        return [file_path(part) for part in value.split(";") if part.strip()]
    return [value]


_DESCRIBED_FILE = re.compile(r"^[^:]*:(.+):[^:]*$")  # JabRef, Mendeley: description:path:type


def file_path(value: str) -> str:
    """One attached file of a BibTeX ``file`` field -> its path (``:a.pdf:PDF`` ->
    ``a.pdf``; Mendeley's ``C$\\backslash$:`` and JabRef's ``\\:`` unescaped)."""
    value = value.strip().replace("$\\backslash$", "\\")
    described = _DESCRIBED_FILE.match(value)
    if described and not re.match(r"^[A-Za-z]:[\\/]", value):
        value = described.group(1)
    return value.replace("\\:", ":")


def format_entry(ref: Reference) -> str:
    types = load_table("ris")["types"]
    ref = effective(ref)
    ris_type = types.get(ref.type) or types["*"]
    lines = [f"TY  - {ris_type}", f"ID  - {ref.id}"]
    for _, prefix, kind, csl, label, _, _ in _specs_for(ref, ris_type):
        if kind == "text":  # most values: one line, nothing to split
            value = " ".join(strip_tags(ref.fields[csl]).split())
            if value:
                lines.append(prefix + value)
            continue
        values = [" ".join(strip_tags(v).split()) for v in _values(kind, csl, label, ref)]
        lines += [prefix + v for v in values if v or kind == "names"]
    lines.append("ER  - ")
    return "\n".join(lines)


def format_ris(library: Library) -> str:
    """The whole RIS file (UTF-8, entries separated by a blank line)."""
    return nfc("".join(iter_ris(library)))  # NFC, as the files are (textnorm)


def iter_ris(library: Library) -> Iterator[str]:
    """``format_ris`` in pieces (an entry at a time), for writing a file as it is made."""
    return render_pieces(layout_ris(), library)


def layout_ris(facts: LibraryFacts | None = None) -> Layout:
    """The RIS file: the entries, a blank line between two (see ``layout``)."""
    return [Records("references", format_entry, "\n\n"), "\n"]
