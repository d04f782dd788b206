"""CSL-JSON, the hub format: one item per reference, valid against csl-data.json.

``custom.translitbib`` keeps what CSL has no variable for: the spellings found before
normalization (``originals``), the stub flag and the source line.  A Zotero profile also
copies variables Zotero has no field for into ``note`` as ``variable: value`` lines, the
form Zotero keeps in Extra and citeproc-js reads back.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Library, Reference
from .profile import Target, effective, get_target


def csl_item(ref: Reference, target: Target) -> dict[str, Any]:
    """The CSL-JSON item for one reference under a target profile."""
    ref = effective(ref)
    item = ref.to_csl()
    extra = [f"{var}: {_plain(item[var])}" for var in target.extra_in_note if var in item]
    if extra:
        item["note"] = "\n".join([item.get("note", ""), *extra]).strip("\n")
    custom: dict[str, Any] = {"source": str(ref.source)}
    if ref.originals:
        custom["originals"] = dict(sorted(ref.originals.items()))
    if ref.stub:
        custom["stub"] = True
    item["custom"] = {"translitbib": custom}
    return item


def _plain(value: Any) -> str:
    """A CSL value as Extra-line text: dates as ISO-like ``2003-6-18``."""
    if isinstance(value, dict) and "date-parts" in value:
        return "-".join(str(p) for p in value["date-parts"][0])
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def format_csljson(library: Library, target: str = "default") -> str:
    """The whole CSL-JSON file: a list of items, UTF-8, two-space indent."""
    profile = get_target(target)
    if not library.references:
        return "[]\n"
    items = ",\n  ".join(indented_json(csl_item(ref, profile), "\n  ")
                          for ref in library.references)
    return f"[\n  {items}\n]\n"


_string = json.encoder.encode_basestring  # ensure_ascii=False, C when available


def indented_json(value: Any, newline: str = "\n") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, byte for byte, several times
    faster: ``indent`` sends json to its pure-Python encoder.  ``newline`` is the line
    break plus the indentation ``value`` starts at."""
    if type(value) is str:
        return _string(value)
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is dict and value and all(type(k) is str for k in value):
        inner = newline + "  "
        body = ("," + inner).join([
            _string(k) + ": " + (_string(v) if type(v) is str else indented_json(v, inner))
            for k, v in value.items()])
        return "{" + inner + body + newline + "}"
    if type(value) is list and value:
        inner = newline + "  "
        body = ("," + inner).join([
            _string(v) if type(v) is str else indented_json(v, inner) for v in value])
        return "[" + inner + body + newline + "]"
    # numbers, booleans, null, empty containers, anything unusual: json itself
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)
