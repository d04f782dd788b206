"""CSL-JSON, the hub format: one item per reference, valid against csl-data.json.

``custom.translitbib`` keeps what CSL has no variable for: the spellings found before
normalization (``originals``), the stub flag and the source line.  The original title is
written inside ``<span class="nocase">`` (``csl_nocase`` in targets.json: citeproc-js
re-cases it under a title-case style whatever the language).  A Zotero profile also
copies variables Zotero has no field for into ``note`` as ``variable: value`` lines, the
form Zotero keeps in Extra and citeproc-js reads back.  BibTeX fields CSL has no variable
for (``origlanguage``, ``file``, ``crossref``...) go to ``custom.translitbib.biblatex``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..layout import Layout, LibraryFacts, Records, render_pieces
from ..model import DATE_FIELDS, NAME_ROLES, Date, Library, Name, Reference
from ..textnorm import nfc
from .bibtex import CARRIED
from .profile import Target, effective, get_target, nocase_variables, protect_case

_NAMES = """author chair collection-editor compiler composer container-author contributor curator
director editor editorial-director executive-producer guest host interviewer illustrator
narrator organizer original-author performer producer recipient reviewed-author script-writer
series-creator translator"""
#: the CSL 1.0.2 name variables
NAME_VARIABLES = frozenset(_NAMES.split())


def csl_item(ref: Reference, target: Target) -> dict[str, Any]:
    """The CSL-JSON item for one reference under a target profile."""
    ref = effective(ref)
    item = {key: value for key, value in ref.to_csl().items() if not key.startswith(CARRIED)}
    _add_other_roles(item, ref)
    for key, date in ref.dates.items():
        if key in item and circa(date):
            item[key]["circa"] = True
    language = ref.fields.get("language", "")
    for var in nocase_variables():
        if item.get(var):
            item[var] = protect_case(item[var], language)
    extra = [f"{var}: {_plain(item[var])}" for var in target.extra_in_note if var in item]
    if extra:
        item["note"] = "\n".join([item.get("note", ""), *extra]).strip("\n")
    custom: dict[str, Any] = {"source": str(ref.source)}
    if ref.originals:
        custom["originals"] = dict(sorted(ref.originals.items()))
    if ref.aliases:
        custom["aliases"] = list(ref.aliases)
    if ref.stub:
        custom["stub"] = True
    carried = carried_values(ref)
    if carried:
        custom[CARRIED_KEY] = carried
    item["custom"] = {"translitbib": custom}
    return item


#: ``custom.translitbib.biblatex``: the BibTeX fields CSL has no variable for, by name
CARRIED_KEY = "biblatex"


def carried_values(ref: Reference) -> dict[str, str]:
    """The fields a reader carried (``writers.bibtex.CARRIED``), by their BibTeX names."""
    return {key[len(CARRIED):]: value for key, value in ref.fields.items()
            if key.startswith(CARRIED) and value}


def other_roles(ref: Reference) -> list[str]:
    """The CSL name variables ``ref`` has beyond ``NAME_ROLES`` (collection-editor,
    illustrator... from a CSL-JSON input), sorted."""
    return sorted(role for role, people in ref.names.items()
                  if people and role not in NAME_ROLES and role in NAME_VARIABLES)


def _add_other_roles(item: dict[str, Any], ref: Reference) -> None:
    for role in other_roles(ref):
        item[role] = [n.to_csl() for n in ref.names[role]]


def _plain(value: Any) -> str:
    """A CSL value as Extra-line text: dates as ISO-like ``2003-6-18``."""
    if isinstance(value, dict) and "date-parts" in value:
        return "-".join(str(p) for p in value["date-parts"][0])
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def format_csljson(library: Library, target: str = "default") -> str:
    """The whole CSL-JSON file: a list of items, UTF-8, two-space indent."""
    return nfc("".join(iter_csljson(library, target)))  # NFC, as the files are (textnorm)


def iter_csljson(library: Library, target: str = "default") -> Iterator[str]:
    """``format_csljson`` in pieces (an item at a time), for writing a file as it is made."""
    return render_pieces(layout_csljson(LibraryFacts.of(library), target), library)


def layout_csljson(facts: LibraryFacts, target: str = "default") -> Layout:
    """The CSL-JSON file: a list of items, two-space indent (see ``layout``)."""
    profile = get_target(target)
    if not facts.references:
        return ["[]\n"]
    if profile.extra_in_note:
        def item(ref: Reference) -> str:
            return indented_json(csl_item(ref, profile), "\n  ")
    else:
        def item(ref: Reference) -> str:
            return item_json(ref)
    return ["[\n  ", Records("references", item, ",\n  "), "\n]\n"]


_I2, _I3, _I4, _I5 = "\n    ", "\n      ", "\n        ", "\n          "


def item_json(ref: Reference) -> str:
    """``csl_item(ref, standard profile)`` as the indented JSON ``format_csljson`` writes,
    straight from the reference (no dict, no generic encoder): a quarter of the time."""
    ref = effective(ref)
    names, fields, dates = ref.names, ref.fields, ref.dates
    lines = ['"id": ' + _string(ref.id), '"type": ' + _string(ref.type)]
    for role in (*NAME_ROLES, *other_roles(ref)):
        people = names.get(role)
        if people:
            lines.append(_string(role) + ": [" + _I3 + ("," + _I3).join(
                [_name_json(n) for n in people]) + _I2 + "]")
    nocase = nocase_variables()
    for key in sorted(fields):
        if key.startswith(CARRIED):
            continue
        value = fields[key]
        if key in nocase and value:
            value = protect_case(value, fields.get("language", ""))
        if value:
            lines.append(_string(key) + ": " + (
                _string(value) if type(value) is str else indented_json(value, _I2)))
    for key in DATE_FIELDS:
        if key in dates:
            lines.append(_string(key) + ": " + _date_json(dates[key]))
    custom = ['"source": ' + _string(str(ref.source))]
    if ref.originals:
        custom.append('"originals": ' + indented_json(dict(sorted(ref.originals.items())), _I4))
    if ref.aliases:
        custom.append('"aliases": ' + indented_json(list(ref.aliases), _I4))
    if ref.stub:
        custom.append('"stub": true')
    carried = carried_values(ref)
    if carried:
        custom.append(_string(CARRIED_KEY) + ": " + indented_json(carried, _I4))
    lines.append('"custom": {' + _I3 + '"translitbib": {' + _I4 + ("," + _I4).join(custom)
                 + _I3 + "}" + _I2 + "}")
    return "{" + _I2 + ("," + _I2).join(lines) + "\n  }"


def _name_json(name: Name) -> str:
    if name.literal:
        return "{" + _I4 + '"literal": ' + _string(name.literal) + _I3 + "}"
    given = "," + _I4 + '"given": ' + _string(name.given) if name.given else ""
    return "{" + _I4 + '"family": ' + _string(name.family) + given + _I3 + "}"


def circa(date: Date) -> bool:
    """Whether a dated date was read as approximate or uncertain (EDTF ``1990~``, ``1990?``,
    ``1990%``: biblatex's circa), which CSL says with ``"circa": true``."""
    return date.year is not None and date.literal[-1:] in ("~", "?", "%")


def _date_json(date: Date) -> str:
    if date.year is None:
        return "{" + _I3 + '"literal": ' + _string(date.literal) + _I2 + "}"
    arrays = ("," + _I4).join(
        "[" + _I5 + ("," + _I5).join([str(p) for p in parts]) + _I4 + "]"
        for parts in date.to_csl()["date-parts"])
    circa_json = "," + _I3 + '"circa": true' if circa(date) else ""
    return ("{" + _I3 + '"date-parts": [' + _I4 + arrays + _I3 + "]" + circa_json + _I2
            + "}")


_string = json.encoder.encode_basestring  # ensure_ascii=False, C when available


def indented_json(value: Any, newline: str = "\n") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, byte for byte, several times
    faster: ``indent`` sends json to its pure-Python encoder.  ``newline`` is the line
    break plus the indentation ``value`` starts at."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is int:
        return int.__repr__(value)
    if value and (kind is dict or kind is list):
        inner = newline + "  "
        try:
            if kind is list:
                body = [_string(v) if type(v) is str else indented_json(v, inner) for v in value]
                return "[" + inner + ("," + inner).join(body) + newline + "]"
            body = [_string(k) + ": " + (_string(v) if type(v) is str else indented_json(v, inner))
                    for k, v in value.items()]  # a key that is no str: TypeError
            return "{" + inner + ("," + inner).join(body) + newline + "}"
        except TypeError:
            pass
    # floats, booleans, null, empty containers, keys json converts: json itself
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)
