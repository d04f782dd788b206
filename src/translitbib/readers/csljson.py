"""CSL-JSON in: a list of CSL items (or one item) -> CSL-shaped references.

Each item keeps its line in the file (found by decoding the array one item at a time) and
its JSON text as ``raw``.  What translitbib's writer stored in ``custom.translitbib``
(original spellings, the stub flag) and in the note (the stub marker, ``variable: value``
lines for Zotero's Extra) is taken back.  An item of the wrong shape becomes a problem.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from ..errors import FormatError
from ..model import Date, InputFile, Library, Name, Reference, Severity, SourceSpan
from ..writers.profile import STUB_KEYWORD, STUB_NOTE
from ..writers.tables import language_tag, load_table

_NAMES = """author chair collection-editor compiler composer container-author contributor curator
director editor editorial-director executive-producer guest host interviewer illustrator
narrator organizer original-author performer producer recipient reviewed-author script-writer
series-creator translator"""
NAME_VARIABLES = frozenset(_NAMES.split())
DATE_VARIABLES = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)
UNTYPED = "document"  # CSL's type for a work that is nothing more specific
_EXTRA_LINE = re.compile(r"^([a-z][a-z-]*): (.+)$")


def _items_with_lines(text: str, path: str) -> list[tuple[int, Any, str]]:
    """Decode the top-level value; for an array, each item with its 1-based line."""
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
    except RecursionError as exc:
        raise FormatError("JSON nested too deeply to be CSL-JSON", path=path, line=1) from exc
    if isinstance(whole, dict):
        items = whole.get("items") if isinstance(whole.get("items"), list) else [whole]
        return [(1, item, json.dumps(item, ensure_ascii=False)) for item in items]
    if not isinstance(whole, list):
        raise FormatError("CSL-JSON must be a list of items", path=path, line=1)
    decoder = json.JSONDecoder()
    out = []
    pos = text.index("[") + 1
    for _ in whole:
        pos = re.compile(r"[\s,]*").match(text, pos).end()
        item, end = decoder.raw_decode(text, pos)
        out.append((text.count("\n", 0, pos) + 1, item, text[pos:end]))
        pos = end
    return out


def _name(value: Any) -> Name | None:
    if isinstance(value, str):
        return Name(literal=value, raw=value)
    if not isinstance(value, dict):
        return None
    if value.get("literal"):
        return Name(literal=str(value["literal"]), raw=str(value["literal"]))
    family = " ".join(str(value[k]) for k in ("non-dropping-particle", "family") if value.get(k))
    given = " ".join(str(value[k]) for k in ("given", "dropping-particle") if value.get(k))
    if value.get("suffix"):
        given = f"{given}, {value['suffix']}" if given else str(value["suffix"])
    return Name(family=family, given=given, raw=f"{family}, {given}".strip(", "))


def _date(value: Any) -> Date | None:
    if not isinstance(value, dict):
        return Date(literal=str(value)) if isinstance(value, str | int) else None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            numbers = []
        if numbers:
            return Date(*numbers)
    text = value.get("literal") or value.get("raw")
    return Date(literal=str(text)) if text else None


def _take_back_markers(ref: Reference, custom: dict[str, Any]) -> None:
    """Undo what the writer added: the stub marker, Extra lines, ``custom.translitbib``."""
    note_lines = []
    for line in ref.fields.get("note", "").split("\n"):
        match = _EXTRA_LINE.match(line)
        if match and match.group(1) in _extra_variables():
            var, value = match.groups()
            if var in DATE_VARIABLES:
                ref.dates.setdefault(var, _date({"raw": value}) or Date(literal=value))
            else:
                ref.fields.setdefault(var, value)
            continue
        note_lines.append(line)
    note = "\n".join(note_lines).replace(STUB_NOTE, "").strip()
    keywords = [k for k in ref.fields.get("keyword", "").split(", ") if k and k != STUB_KEYWORD]
    ref.stub = bool(custom.get("stub")) or STUB_KEYWORD in ref.fields.get("keyword", "")
    for var, value in (("note", note), ("keyword", ", ".join(keywords))):
        if value:
            ref.fields[var] = value
        else:
            ref.fields.pop(var, None)
    originals = custom.get("originals")
    if isinstance(originals, dict):
        ref.originals = {str(k): str(v) for k, v in originals.items()}


def _extra_variables() -> set[str]:
    profiles = load_table("targets")["csl_profiles"].values()
    return {var for profile in profiles for var in profile["extra_in_note"]}


@cache
def _csl_item() -> dict[str, frozenset[str]]:
    text = resources.files("translitbib.readers").joinpath("data/csl_item.json").read_text("utf-8")
    table = json.loads(text)
    return {"types": frozenset(table["types"]), "text": frozenset(table["text_variables"])}


@cache
def _variable_spellings() -> dict[str, str]:
    """``isbn`` -> ``ISBN``, ``url`` -> ``URL``: a variable in the wrong case is that variable."""
    every = _csl_item()["text"] | NAME_VARIABLES | DATE_VARIABLES
    return {name.lower(): name for name in every}


def _keep_in_note(ref: Reference, variable: str, value: Any) -> None:
    """What CSL has no place for becomes a ``variable: value`` line of the note."""
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    line = f"{variable}: {shown}"
    ref.fields["note"] = f"{ref.fields['note']}\n{line}" if ref.fields.get("note") else line


def item_to_reference(item: dict[str, Any], source: SourceSpan, raw: str,
                      library: Library) -> Reference:
    known = _csl_item()
    ref = Reference(type=str(item["type"]), source=source, raw=raw, id=str(item.get("id", "")))
    if ref.type not in known["types"]:
        library.add_problem(Severity.WARNING, "csljson-unknown-type",
                            f"{ref.type!r} is not a CSL type: read as {UNTYPED!r}, the type "
                            "kept in the note", source, raw)
        _keep_in_note(ref, "type", ref.type)
        ref.type = UNTYPED
    for key, value in item.items():
        if key in ("type", "id", "custom"):
            continue
        if key == "categories" and isinstance(value, list):
            words = ", ".join(str(v) for v in value if isinstance(v, str | int))
            if words:
                keyword = item.get("keyword")
                ref.fields["keyword"] = f"{keyword}, {words}" if keyword else words
            continue
        key = _variable_spellings().get(key.lower(), key)
        if key not in known["text"] and key not in NAME_VARIABLES and key not in DATE_VARIABLES:
            library.add_problem(Severity.WARNING, "csljson-unknown-variable",
                                f"{key!r} is not a CSL variable: kept in the note as "
                                f"'{key}: …'", source, raw)
            _keep_in_note(ref, key, value)
            continue
        if key in NAME_VARIABLES:
            people = [_name(v) for v in value] if isinstance(value, list) else [None]
            if None in people:
                library.add_problem(Severity.WARNING, "csljson-bad-name",
                                    f"{key}: names must be a list of objects", source, raw)
            ref.names[key] = [p for p in people if p is not None]
        elif key in DATE_VARIABLES:
            date = _date(value)
            if date is None:
                library.add_problem(Severity.WARNING, "csljson-bad-date",
                                    f"{key}: not a CSL date", source, raw)
            else:
                ref.dates[key] = date
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            ref.fields.setdefault(key, str(value))
        else:
            library.add_problem(Severity.WARNING, "csljson-bad-value",
                                f"{key}: CSL takes text or a number here: kept in the note",
                                source, raw)
            _keep_in_note(ref, key, value)
    if ref.fields.get("language"):
        ref.fields["language"] = language_tag(ref.fields["language"])
    custom = item.get("custom", {})
    ours = custom.get("translitbib", {}) if isinstance(custom, dict) else {}
    _take_back_markers(ref, ours if isinstance(ours, dict) else {})
    return ref


def read_csljson(text: str, path: str) -> Library:
    """Read CSL-JSON text; ``FormatError`` (with the line) when it is not JSON at all."""
    library = Library()
    count = 0
    for line, item, raw in _items_with_lines(text, path):
        source = SourceSpan(path, line)
        count += 1
        if not isinstance(item, dict):
            library.add_problem(Severity.ERROR, "csljson-not-an-item",
                                "not a CSL item (items are JSON objects): not written, "
                                "kept here with its text", source, raw, dropped_entry=True)
            continue
        if not isinstance(item.get("type"), str) or not item["type"].strip():
            library.add_problem(Severity.WARNING, "csljson-no-type",
                                f"item without a CSL type: read as {UNTYPED!r}", source, raw)
            item = {**item, "type": UNTYPED}
        library.references.append(item_to_reference(item, source, raw, library))
    library.inputs.append(InputFile(path, "csljson", entries_read=count))
    return library
