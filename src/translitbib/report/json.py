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
from ..layout import Layout, LibraryFacts, Records, render_pieces
from ..model import Library, Reference, Severity
from ..translit.record import ChangeTexts


def reference_record(ref: Reference) -> dict[str, Any]:
    return {
        "id": ref.id,
        "csl": ref.to_csl(),
        "source": ref.source.to_dict(),
        "raw": ref.raw,
        "stub": ref.stub,
        "originals": dict(ref.originals),
    }


def accounting(library: Library, facts: LibraryFacts | None = None) -> dict[str, Any]:
    """Entries read = references written from entries + entries merged as duplicates
    + entries that could not be written and are reported as problems (with their raw text).

    References made from full references in notes, from the item data of a Word
    document's Zotero or Mendeley citation fields, and stubs made from citations, come
    from no entry and are counted apart.  ``facts``: the references' (when the library
    does not hold them: see ``layout``).
    """
    facts = facts or LibraryFacts.of(library, families=False)
    read = sum(record.entries_read for record in library.inputs)
    from_entries = facts.from_origin("entry")
    merged = sum(1 for p in library.problems if p.code == "duplicate-merged")
    dropped = sum(1 for p in library.problems if p.dropped_entry)
    return {
        "entries_read": read,
        "references_from_entries": from_entries,
        "entries_merged_as_duplicates": merged,
        "entries_reported_as_problems": dropped,
        "references_from_notes": facts.from_origin("note"),
        "references_from_fields": facts.from_origin("field"),
        "stub_references": facts.from_origin("citation"),
        "references_written": facts.references,
        "balanced": read == from_entries + merged + dropped,
    }


def summary(library: Library, facts: LibraryFacts | None = None) -> dict[str, Any]:
    facts = facts or LibraryFacts.of(library, families=False)
    linked = sum(1 for c in library.citations for t in c.targets if t.reference is not None)
    targets = sum(len(c.targets) for c in library.citations)
    severities = Counter(str(p.severity) for p in library.problems)
    return {
        "references": facts.references,
        "stubs": facts.stubs,
        "citations": len(library.citations),
        "citation_targets": targets,
        "targets_linked": linked,
        "notes": len(library.notes),
        "urls": len({u.url for u in library.urls}),
        "problems": {sev.value: severities.get(sev.value, 0) for sev in Severity},
    }


def _sections(library: Library, facts: LibraryFacts) -> dict[str, Any]:
    """The report's sections in order: a value, or the list (a key of ``layout.LISTS``)
    whose items are written one record at a time, and how each is written."""
    return {
        "translitbib": __version__,
        "inputs": ("inputs", _encoded(lambda i: {"path": i.path, "format": i.format,
                                                 "encoding": i.encoding,
                                                 "entries_read": i.entries_read})),
        "summary": summary(library, facts),
        "accounting": accounting(library, facts),
        "references": ("references", _encoded(reference_record)),
        "citations": ("citations", _encoded(_to_dict)),
        "notes": ("notes", _encoded(_to_dict)),
        "problems": ("problems", _encoded(_to_dict)),
        "normalizations": ("normalizations", normalization_json),
        "links": ("links", _encoded(_to_dict)),
    }


def _to_dict(record: Any) -> dict[str, Any]:
    return record.to_dict()


def normalization_json(record: Any) -> str:
    """``_encode(record.to_dict())``, the part after the reference and field encoded once
    per change (``ChangeTexts``)."""
    def tail() -> str:
        whole = record.to_dict()
        del whole["reference"], whole["field"]
        return _encode(whole)[1:]

    text = _CHANGES.get(record, tail)
    if text is None:
        return _encode(record.to_dict())
    return ('{"reference": ' + _encode(record.reference_label()) + ', "field": '
            + _encode(record.field) + ", " + text)


def build_report(library: Library) -> dict[str, Any]:
    """The whole report as one dict (``render_json`` writes the same, record by record)."""
    return json.loads(render_json(library))


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
_CHANGES = ChangeTexts()  # normalization records' JSON after reference and field


def render_json(library: Library) -> str:
    """One record per line: readable, diffable, and written by json's C encoder
    (``indent`` would switch it to the pure-Python one, 10x slower on big libraries)."""
    return "".join(iter_json(library))


def iter_json(library: Library) -> Iterator[str]:
    """``render_json`` in pieces (a record at a time, each encoded as soon as it is made),
    for writing the report as it is made: no copy of the library is ever held whole."""
    return render_pieces(layout_json(library, LibraryFacts.of(library, families=False)),
                         library)


def layout_json(library: Library, facts: LibraryFacts) -> Layout:
    """report.json (see ``layout``): ``library`` gives the inputs, citations, notes,
    problems and links, ``facts`` the counts."""
    layout: Layout = []
    opening = "{\n"
    for key, value in _sections(library, facts).items():
        if not isinstance(value, tuple):
            layout.append(f'{opening}  "{key}": {_encode(value)}')
        elif not facts.count(value[0], library):
            layout.append(f'{opening}  "{key}": []')
        else:
            items, render = value
            layout += [f'{opening}  "{key}": [\n    ', Records(items, render, ",\n    "),
                       "\n  ]"]
        opening = ",\n"
    layout.append("\n}\n")
    return layout


def _encoded(as_dict: Callable[[Any], dict[str, Any]]) -> Callable[[Any], str]:
    def record(item: Any) -> str:
        return _encode(as_dict(item))

    return record
