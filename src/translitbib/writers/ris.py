"""RIS (``references.ris``) for Zotero, EndNote and Mendeley: tags from ``data/ris.json``.

Each entry is ``TY`` first, ``ER`` last, one ``TAG  - value`` line per value; line breaks
inside a value become spaces, since a RIS value cannot span lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Date, Library, Reference
from .profile import effective
from .tables import load_table


def _ris_date(date: Date) -> str:
    if date.year is None:
        return ""
    parts = [f"{date.year:04d}", f"{date.month:02d}" if date.month else "",
             f"{date.day:02d}" if date.day and date.month else ""]
    return "/".join(parts) + "/"


def _values(spec: dict[str, Any], ref: Reference) -> Iterator[str]:
    kind, csl = spec["kind"], spec["csl"]
    if kind == "names":
        for name in ref.names.get(csl, []):
            yield name.literal or ", ".join(p for p in (name.family, name.given) if p)
        return
    if kind in ("year", "date"):
        date = ref.dates.get(csl)
        if date is not None and date.year is not None:
            yield str(date.year) if kind == "year" else _ris_date(date)
        return
    value = ref.fields.get(csl, "")
    if not value:
        return
    if kind in ("page_start", "page_end"):
        start, _, end = value.partition("-")
        value = start if kind == "page_start" else end
    elif kind == "label":
        value = spec["label"] + value
    elif kind == "keywords":
        yield from (k.strip() for k in value.split(",") if k.strip())
        return
    if value.strip():
        yield value.strip()


def format_entry(ref: Reference) -> str:
    table = load_table("ris")
    ref = effective(ref)
    lines = [f"TY  - {table['types'].get(ref.type, table['types']['*'])}", f"ID  - {ref.id}"]
    for spec in table["fields"]:
        lines += [f"{spec['tag']}  - {' '.join(v.split())}" for v in _values(spec, ref)]
    lines.append("ER  - ")
    return "\n".join(lines)


def format_ris(library: Library) -> str:
    """The whole RIS file (UTF-8, entries separated by a blank line)."""
    return "\n\n".join(format_entry(ref) for ref in library.references) + "\n"
