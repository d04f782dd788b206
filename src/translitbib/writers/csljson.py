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
    items = [csl_item(ref, profile) for ref in library.references]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
