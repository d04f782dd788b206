"""``report.json``: everything a run read, made and found, with where it came from.

Contract (later fields are added, none removed): ``references`` (``id``, ``csl``,
``source``, ``raw``, ``stub``, ``originals``), ``citations`` (``text``, ``source``,
``targets`` [{``reference``, ``locator``...}]), ``notes`` (``number``, ``text``,
``urls``), ``problems`` (``severity``, ``code``, ``message``, ``source``),
``normalizations``, ``links``, ``accounting`` and ``summary``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from .. import __version__
from ..model import Library, Reference, Severity


def reference_record(ref: Reference) -> dict[str, Any]:
    return {
        "id": ref.id,
        "csl": ref.to_csl(),
        "source": ref.source.to_dict(),
        "raw": ref.raw,
        "stub": ref.stub,
        "originals": dict(ref.originals),
    }


def accounting(library: Library) -> dict[str, Any]:
    """Entries read = references written from entries + entries merged as duplicates
    + entries that could not be written and are reported as problems (with their raw text).

    References made from full references in notes, and stubs made from citations, come
    from no entry and are counted apart.
    """
    read = sum(record.entries_read for record in library.inputs)
    origins = Counter(ref.origin for ref in library.references)
    merged = sum(1 for p in library.problems if p.code == "duplicate-merged")
    dropped = sum(1 for p in library.problems if p.dropped_entry)
    return {
        "entries_read": read,
        "references_from_entries": origins["entry"],
        "entries_merged_as_duplicates": merged,
        "entries_reported_as_problems": dropped,
        "references_from_notes": origins["note"],
        "stub_references": origins["citation"],
        "references_written": len(library.references),
        "balanced": read == origins["entry"] + merged + dropped,
    }


def summary(library: Library) -> dict[str, Any]:
    linked = sum(1 for c in library.citations for t in c.targets if t.reference is not None)
    targets = sum(len(c.targets) for c in library.citations)
    severities = Counter(str(p.severity) for p in library.problems)
    return {
        "references": len(library.references),
        "stubs": sum(1 for r in library.references if r.stub),
        "citations": len(library.citations),
        "citation_targets": targets,
        "targets_linked": linked,
        "notes": len(library.notes),
        "urls": len({u.url for u in library.urls}),
        "problems": {sev.value: severities.get(sev.value, 0) for sev in Severity},
    }


def _sections(library: Library) -> dict[str, Any]:
    """The report's sections in order; record lists stay lazy (one record at a time)."""
    return {
        "translitbib": __version__,
        "inputs": ({"path": i.path, "format": i.format, "encoding": i.encoding,
                    "entries_read": i.entries_read} for i in library.inputs),
        "summary": summary(library),
        "accounting": accounting(library),
        "references": (reference_record(ref) for ref in library.references),
        "citations": (c.to_dict() for c in library.citations),
        "notes": (n.to_dict() for n in library.notes),
        "problems": (p.to_dict() for p in library.problems),
        "normalizations": (n.to_dict() for n in library.normalizations),
        "links": (link.to_dict() for link in library.links),
    }


def build_report(library: Library) -> dict[str, Any]:
    """The whole report as one dict (``render_json`` writes the same, record by record)."""
    return {key: list(value) if isinstance(value, Iterator) else value
            for key, value in _sections(library).items()}


def _refuse(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _reused_encoder() -> Callable[[Any], str]:
    """``json.JSONEncoder(ensure_ascii=False).encode``, with json's C encoder made once
    rather than per record (a third of the time for small records; same text)."""
    make = json.encoder.c_make_encoder
    if make is None:  # no C accelerator (another Python): json's own, same text
        return json.JSONEncoder(ensure_ascii=False).encode
    encoder = make(None, _refuse, json.encoder.encode_basestring, None, ": ", ", ", False,
                   False, True)
    return lambda value: "".join(encoder(value, 0))


_encode = _reused_encoder()


def render_json(library: Library) -> str:
    """One record per line: readable, diffable, and written by json's C encoder
    (``indent`` would switch it to the pure-Python one, 10x slower on big libraries)."""
    return "".join(iter_json(library))


def iter_json(library: Library) -> Iterator[str]:
    """``render_json`` in pieces (a record at a time, each encoded as soon as it is made),
    for writing the report as it is made: no copy of the library is ever held whole."""
    opening = "{\n"
    for key, value in _sections(library).items():
        if not isinstance(value, Iterator):
            yield f'{opening}  "{key}": {_encode(value)}'
        else:
            separator = f'{opening}  "{key}": [\n    '
            for item in value:
                yield separator + _encode(item)
                separator = ",\n    "
            yield f'{opening}  "{key}": []' if separator != ",\n    " else "\n  ]"
        opening = ",\n"
    yield "\n}\n"
