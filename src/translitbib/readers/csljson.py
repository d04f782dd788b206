"""CSL-JSON in: a list of CSL items (or one item) -> CSL-shaped references.

Each item keeps its line in the file (found by decoding the array one item at a time) and
its JSON text as ``raw``.  What translitbib's writer stored in ``custom.translitbib``
(original spellings, the stub flag) and in the note (the stub marker, ``variable: value``
lines for Zotero's Extra) is taken back.  An item of the wrong shape becomes a problem.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import Any

from ..errors import FormatError
from ..model import (
    OTHERS,
    Date,
    InputFile,
    Library,
    Name,
    Problem,
    Reference,
    Severity,
    SourceSpan,
    is_others,
)
from ..parse.dates import parse_iso_date
from ..writers.bibtex import CARRIED
from ..writers.csljson import CARRIED_KEY, NAME_VARIABLES
from ..writers.profile import STUB_KEYWORD, STUB_NOTE
from ..writers.tables import language_tag, load_table

DATE_VARIABLES = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)
UNTYPED = "document"  # CSL's type for a work that is nothing more specific
_EXTRA_LINE = re.compile(r"^([a-z][a-z-]*): (.+)$")
_JSON_SPACE = re.compile(r"[ \t\n\r]*")  # what json skips between tokens
JSON_DEPTH = 900  # how deep JSON may nest (see _Decoder): deeper is no CSL-JSON


def _items_with_lines(text: str, path: str) -> Iterator[tuple[int, Any, str]]:
    """Each item of the top-level array with its 1-based line and raw text, decoded one at
    a time (a library export is never held decoded whole); a single object is one item.
    Whatever is not valid JSON gets json's own error (``_loads``)."""
    if not _is_array(text):
        whole = _loads(text, path)
        if not isinstance(whole, dict):
            raise FormatError("CSL-JSON must be a list of items", path=path, line=1)
        items = whole.get("items") if isinstance(whole.get("items"), list) else [whole]
        for item in items:
            raw = json.dumps(item, ensure_ascii=False)
            if _LONE_SURROGATE.search(raw):  # half a character: as the escape it came as
                raw = json.dumps(item)
            yield 1, item, raw
        return
    for line, item, start, end in _array_items(text, path):
        yield line, item, text[start:end]


def _is_array(text: str) -> bool:
    return text.startswith("[", _JSON_SPACE.match(text).end())  # type: ignore[union-attr]


def item_spans(text: str, path: str) -> list[tuple[int, int, int]] | None:
    """(line, start, end) of every item of a top-level array (each decoded and dropped:
    where the items are, for readers of slices); None when the text is no array."""
    if not _is_array(text):
        return None
    return [(line, start, end) for line, _, start, end in _array_items(text, path)]


def _array_items(text: str, path: str) -> Iterator[tuple[int, Any, int, int]]:
    """(line, item, start, end) of each item of the array ``text`` holds, in one pass."""
    decoder = _Decoder()
    line, counted = 1, 0
    pos = _JSON_SPACE.match(text, text.index("[") + 1).end()  # type: ignore[union-attr]
    closed = text.startswith("]", pos)
    while not closed:
        try:
            item, end = decoder.raw_decode(text, pos)
        except (json.JSONDecodeError, RecursionError):
            break
        line += text.count("\n", counted, pos)  # a running count: linear time
        counted = pos
        yield line, item, pos, end
        pos = _JSON_SPACE.match(text, end).end()  # type: ignore[union-attr]
        if text.startswith(",", pos):
            pos = _JSON_SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        elif text.startswith("]", pos):
            closed = True
        else:
            break
    if not closed or _JSON_SPACE.match(text, pos + 1).end() != len(text):  # type: ignore[union-attr]
        _loads(text, path)  # raises json's error, at its line
        raise FormatError("not valid JSON", path=path, line=text.count("\n", 0, pos) + 1)


class _Decoder:
    """json's decoder with the same nesting allowed wherever it is called from.

    Python 3.11's C decoder counts each level of nesting against the recursion limit, so
    how deep an item may nest would depend on how deep the caller's stack is: one process
    and a shard, reading the same item from different depths, could disagree.  Here the
    limit is set, for each decoding, to what the stack uses (measured once, by recursing
    until the limit: frames alone miss the calls from C) plus ``JSON_DEPTH``.  Use it
    from the frame that made it."""

    def __init__(self) -> None:
        self.limit = sys.getrecursionlimit() - _headroom() + JSON_DEPTH
        self.decoder = json.JSONDecoder()

    def raw_decode(self, text: str, pos: int) -> tuple[Any, int]:
        with self._limited():
            return self.decoder.raw_decode(text, pos)

    def decode(self, text: str) -> Any:
        with self._limited():
            return self.decoder.decode(text)

    @contextmanager
    def _limited(self) -> Iterator[None]:
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(self.limit)
        try:
            yield
        finally:
            sys.setrecursionlimit(old)


# a \u escape of a surrogate (half of a character beyond U+FFFF): json pairs two into one
# character, and leaves one alone as a lone surrogate, which no output can encode
_HALF_CHARACTER = re.compile(r"\\u[dD][89abcdefABCDEF]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _whole_characters(value: Any) -> tuple[Any, int]:
    """``value`` with every lone surrogate in its strings (keys too) made U+FFFD; how many."""
    if isinstance(value, str):
        return _LONE_SURROGATE.subn("\ufffd", value)
    if isinstance(value, list):
        done = [_whole_characters(v) for v in value]
        return [v for v, _ in done], sum(n for _, n in done)
    if isinstance(value, dict):
        count, out = 0, {}
        for key, item in value.items():
            (key, k), (item, i) = _whole_characters(key), _whole_characters(item)
            out[key] = item
            count += k + i
        return out, count
    return value, 0


def _headroom(calls: int = 0) -> int:
    """How many more calls the recursion limit allows from here."""
    try:
        return _headroom(calls + 1)
    except RecursionError:
        return calls


def _loads(text: str, path: str) -> Any:
    try:
        return _Decoder().decode(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
    except RecursionError as exc:
        raise FormatError("JSON nested too deeply to be CSL-JSON", path=path, line=1) from exc


def _name(value: Any) -> Name | None:
    if isinstance(value, str):
        return Name(literal=OTHERS if is_others(value) else value, raw=value)
    if not isinstance(value, dict):
        return None
    if value.get("literal"):  # {"literal": "et al."}: the people left out, as "and others"
        literal = str(value["literal"])
        return Name(literal=OTHERS if is_others(literal) else literal, raw=literal)
    family = " ".join(str(value[k]) for k in ("non-dropping-particle", "family") if value.get(k))
    given = " ".join(str(value[k]) for k in ("given", "dropping-particle") if value.get(k))
    if value.get("suffix"):
        given = f"{given}, {value['suffix']}" if given else str(value["suffix"])
    return Name(family=family, given=given, raw=f"{family}, {given}".strip(", "))


def _date(value: Any) -> Date | None:
    if not isinstance(value, dict):
        return Date(literal=str(value)) if isinstance(value, str | int) else None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts:
        start = _numbers(parts[0])
        if start:
            date = Date(*start)
            end = _numbers(parts[1]) if len(parts) > 1 else []
            if end and end != start:  # a range: [[1999], [2001]]
                padded: list[int | None] = [*end, None, None]
                date.end = (end[0], padded[1], padded[2])
            return date
    if value.get("raw"):
        parsed = parse_iso_date(str(value["raw"]))
        if parsed is not None:
            return parsed
    text = value.get("literal") or value.get("raw")
    return Date(literal=str(text)) if text else None


def _numbers(part: Any) -> list[int]:
    """One date-parts array as numbers (``["1999", "5"]`` too); [] when it is none."""
    if not isinstance(part, list) or not part:
        return []
    try:
        return [int(p) for p in part[:3]]
    except (TypeError, ValueError):
        return []


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
    aliases = custom.get("aliases")
    if isinstance(aliases, list):
        ref.aliases = [str(key) for key in aliases if isinstance(key, str | int)]
    carried = custom.get(CARRIED_KEY)
    if isinstance(carried, dict):  # the BibTeX fields CSL has no variable for
        for name, value in carried.items():
            if isinstance(value, str | int | float) and str(value):
                ref.fields.setdefault(CARRIED + str(name), str(value))


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
    key = item.get("citation-key")
    cited = isinstance(key, str) and bool(key.strip())
    if cited and key.strip() != ref.id:
        # Zotero's id is its item's URI; the citation key is what a document cites
        ref.id, ref.aliases = key.strip(), [ref.id] if ref.id else []
    if ref.type not in known["types"]:
        library.add_problem(Severity.WARNING, "csljson-unknown-type",
                            f"{ref.type!r} is not a CSL type: read as {UNTYPED!r}, the type "
                            "kept in the note", source, raw)
        _keep_in_note(ref, "type", ref.type)
        ref.type = UNTYPED
    for key, value in item.items():
        if key in ("type", "id", "custom") or (key == "citation-key" and cited):
            continue  # (the citation key is the key: kept as a field, a renamed key went stale)
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
        read_item(library, item, SourceSpan(path, line), raw)
        count += 1
    library.inputs.append(InputFile(path, "csljson", entries_read=count))
    return library


def read_slice(text: str, path: str, spans: list[tuple[int, int, int]], start: int,
               stop: int) -> tuple[list[Reference], list[Problem], int, list[tuple[int, int]]]:
    """The items ``start`` to ``stop`` of ``item_spans`` read as ``read_csljson`` reads
    them: (references, problems, items read, where each reference's raw text is)."""
    library = Library()
    places = []
    decoder = _Decoder()
    for line, begin, end in spans[start:stop]:
        made = len(library.references)
        read_item(library, decoder.raw_decode(text, begin)[0], SourceSpan(path, line),
                  text[begin:end])
        places += [(begin, end)] * (len(library.references) - made)
    return library.references, library.problems, stop - start, places


def read_item(library: Library, item: Any, source: SourceSpan, raw: str) -> None:
    """One item: a reference, or a problem that keeps its text."""
    if "\\u" in raw and _HALF_CHARACTER.search(raw):
        item, halves = _whole_characters(item)
        raw = _LONE_SURROGATE.sub("\ufffd", raw)
        if halves:
            library.add_problem(Severity.WARNING, "csljson-half-character",
                                f"{halves} \\u escape(s) of half a character (a lone "
                                "surrogate, no text can hold it): each read as U+FFFD",
                                source, raw)
    if not isinstance(item, dict):
        library.add_problem(Severity.ERROR, "csljson-not-an-item",
                            "not a CSL item (items are JSON objects): not written, "
                            "kept here with its text", source, raw, dropped_entry=True)
        return
    if not isinstance(item.get("type"), str) or not item["type"].strip():
        library.add_problem(Severity.WARNING, "csljson-no-type",
                            f"item without a CSL type: read as {UNTYPED!r}", source, raw)
        item = {**item, "type": UNTYPED}
    library.references.append(item_to_reference(item, source, raw, library))
