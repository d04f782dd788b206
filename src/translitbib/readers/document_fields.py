"""Zotero and Mendeley citation fields read from the CSL-JSON their instruction holds.

A Zotero field's instruction is ``ADDIN ZOTERO_ITEM CSL_CITATION {json}``, Mendeley's
``ADDIN CSL_CITATION {json}``: the JSON (the CSL citation schema) lists the works cited,
each with its CSL item (``itemData``), its locator and its prefix and suffix.  Each item
becomes a reference as the CSL-JSON reader makes one (``read_item``), with ``origin``
"field" (like a note's, from no bibliography entry: counted apart in the report's
accounting); an item cited in several fields is one reference (keyed by its Zotero URI or
Mendeley id).  Each field becomes one citation, its text the text the field shows, its
targets linked to those references; a citation the essay reader found in that same text
is dropped: the field says it exactly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..model import (
    Citation,
    CitationKind,
    CitationTarget,
    Library,
    Reference,
    SourceSpan,
)
from .csljson import read_item
from .document import Paragraph, Run, markdown

#: the fields whose instruction holds CSL-JSON: Zotero's and Mendeley's
CSL_FIELDS = frozenset({"ZOTERO_ITEM", "CSL_CITATION"})
#: the most JSON a field's instruction may hold to be read (a field cites a few works)
FIELD_JSON_LIMIT = 1_000_000
FIELD_ORIGIN = "field"
_POSITIONAL = re.compile(r"ITEM-\d+")  # Mendeley's number of a work within one citation


@dataclass(slots=True, eq=False)
class FieldCitation:
    """A citation field as read: the works it cites (its ``citationItems``), the text it
    shows, its paragraph, and the note it stands in (``note_number``, once numbered)."""

    items: list[dict[str, Any]]
    shown: list[Run]
    paragraph: Paragraph
    note: tuple[str, str] | None = None  # (kind, key) of the note it is in
    note_number: int | None = None


def citation_items(instruction: str) -> tuple[list[dict[str, Any]] | None, str]:
    """The ``citationItems`` of a field's JSON, or None and why it cannot be read."""
    start = instruction.find("{")
    if start < 0:
        return None, "it holds no JSON"
    if len(instruction) - start > FIELD_JSON_LIMIT:
        return None, f"its JSON is over {FIELD_JSON_LIMIT:,} characters"
    try:
        data, _ = json.JSONDecoder().raw_decode(instruction, start)
    except json.JSONDecodeError as error:
        return None, f"not valid JSON: {error.msg} at character {error.pos - start + 1}"
    except RecursionError:
        return None, "its JSON nests too deep"
    items = data.get("citationItems") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None, "no list of citationItems"
    return [i for i in items if isinstance(i, dict)], ""


def item_key(cited: dict[str, Any]) -> str | None:
    """What names a cited item across fields: its URI (Zotero's, or Mendeley's), else its
    id (Zotero's number); None when it has neither.  Mendeley's ``ITEM-1`` is no name: it
    numbers the works of one citation, so the next field's ``ITEM-1`` is another work
    (such items are made apart, and dedupe merges those that are one)."""
    uris = cited.get("uris", cited.get("uri"))
    for uri in [uris] if isinstance(uris, str) else uris if isinstance(uris, list) else []:
        if isinstance(uri, str) and uri.strip():
            return uri.strip()
    data = cited.get("itemData")
    for value in (cited.get("id"), data.get("id") if isinstance(data, dict) else None):
        if (isinstance(value, str | int) and not isinstance(value, bool)
                and str(value).strip() and not _POSITIONAL.fullmatch(str(value))):
            return f"id:{value}"
    return None


def add_field_citations(library: Library, fields: list[FieldCitation], path: str) -> None:
    """The fields' works as references (before the essay's, so that a bibliography entry
    of the same work merges into the item's data) and each field as a citation."""
    known: dict[str, Reference] = {}
    made: list[Reference] = []
    for found in fields:
        source = SourceSpan(path, found.paragraph.number or 1)
        text = markdown(Paragraph(list(found.shown)), {})
        targets = []
        for cited in found.items:
            if not isinstance(cited.get("itemData"), dict):
                continue
            key = item_key(cited)
            ref = known.get(key) if key else None
            if ref is None:
                ref = _reference(cited["itemData"], source, library)
                made.append(ref)
                if key:
                    known[key] = ref
            targets.append(_target(cited, ref, text))
        if not targets:
            continue
        kind = CitationKind.NOTE if found.note_number is not None else CitationKind.PARENTHETICAL
        _drop_parsed(library, source, text)
        library.citations.append(Citation(text, source, targets, kind, found.note_number))
    library.references[:0] = made
    library.citations.sort(key=lambda c: c.source.line)


def _reference(item: dict[str, Any], source: SourceSpan, library: Library) -> Reference:
    """The item as the CSL-JSON reader reads it; its id (the manager's own number) left
    for a key to be made."""
    scratch = Library()
    read_item(scratch, {k: v for k, v in item.items() if k != "id"}, source,
              json.dumps(item, ensure_ascii=False))
    library.problems.extend(scratch.problems)
    (ref,) = scratch.references
    ref.origin = FIELD_ORIGIN
    return ref


_LABELS = {"p.": "page", "pp.": "page"}


def _target(cited: dict[str, Any], ref: Reference, text: str) -> CitationTarget:
    locator = cited.get("locator")
    label = cited.get("label")
    target = CitationTarget(
        raw=text, author=next((p.family or p.literal for p in ref.authors), None),
        title=ref.title or None, year=ref.year, reference=ref,
        locator=str(locator).strip() or None if isinstance(locator, str | int) else None,
        label=_LABELS.get(label, label) if isinstance(label, str) and label else "page")
    for part in ("prefix", "suffix"):
        value = cited.get(part)
        if isinstance(value, str) and value.strip():
            target.remarks.append(f"{part}: {value.strip()}")
    return target


_MARKS = re.compile(r"[*\s]+")


def _plain(text: str) -> str:
    return _MARKS.sub(" ", text).strip()


def _drop_parsed(library: Library, source: SourceSpan, text: str) -> None:
    """The citations the essay reader found in the field's text: the field says them.  (A
    work it read from that text in a note stays: dedupe merges it into the field's.)"""
    shown = _plain(text)
    if not shown:
        return

    def within(found: str) -> bool:
        found = _plain(found)
        return bool(found) and (found in shown or shown in found)

    library.citations = [c for c in library.citations
                         if c.source.line != source.line or not within(c.text)]
