"""Target profiles: which mapping each client gets, and the type every output maps from.

The profiles and the type rules are data (``data/targets.json``); this module only reads
them.  Every writer asks ``effective`` for the reference it should write, so the .bib, the
CSL-JSON and the RIS file always agree on what a work is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import Reference
from .tables import language_tag, load_table

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
STUB_KEYWORD = "translitbib-stub"
STUB_NOTE = "Cited in the text but missing from its bibliography (added by translitbib)."


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    bib: str
    csl: str
    ris: str
    help: str
    extra_in_note: tuple[str, ...] = field(default=())


def _targets() -> dict[str, Any]:
    return load_table("targets")


TARGETS: tuple[str, ...] = tuple(_targets()["targets"])
DEFAULT_TARGET: str = _targets()["default_target"]


def get_target(name: str) -> Target:
    """The profile called ``name``; ``ValueError`` for a name not in ``TARGETS``."""
    table = _targets()
    if name not in table["targets"]:
        raise ValueError(f"unknown target {name!r}; choose one of {', '.join(TARGETS)}")
    spec = table["targets"][name]
    extra = table["csl_profiles"][spec["csl"]]["extra_in_note"]
    return Target(name, spec["bib"], spec["csl"], spec["ris"], spec["help"], tuple(extra))


def _rule_matches(when: dict[str, Any], ref: Reference) -> bool:
    present = {k for k, v in ref.fields.items() if v} | set(ref.dates)
    return (
        ref.type in when.get("type", [ref.type])
        and all(k in present for k in when.get("has", []))
        and not any(k in present for k in when.get("missing", []))
    )


def work_language(ref: Reference) -> str:
    """The BCP 47 tag of the work's language: the field, else ``ru`` for Cyrillic titles."""
    value = ref.fields.get("language", "")
    if value:
        return language_tag(value)
    titles = (ref.fields.get("original-title", ""), ref.title)
    return "ru" if any(CYRILLIC.search(t) for t in titles) else ""


def effective(ref: Reference) -> Reference:
    """A copy of ``ref`` as the writers should see it: type rules applied, language set."""
    fields = dict(ref.fields)
    ref_type = ref.type
    for rule in _targets()["type_rules"]:
        if _rule_matches(rule["when"], ref):
            ref_type = rule["type"]
            fields.update({k: v for k, v in rule.get("set", {}).items() if not fields.get(k)})
            break
    language = work_language(ref)
    if language:
        fields["language"] = language
    if ref.stub:
        keywords = [k for k in fields.get("keyword", "").split(", ") if k]
        if STUB_KEYWORD not in keywords:
            fields["keyword"] = ", ".join([*keywords, STUB_KEYWORD])
        if STUB_NOTE not in fields.get("note", ""):
            fields["note"] = " ".join(filter(None, [fields.get("note", ""), STUB_NOTE]))
    return replace(ref, type=ref_type, fields=fields)
