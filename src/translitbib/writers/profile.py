"""Target profiles: which mapping each client gets, and the type every output maps from.

The profiles and the type rules are data (``data/targets.json``); this module only reads
them.  Every writer asks ``effective`` for the reference it should write, so the .bib, the
CSL-JSON and the RIS file always agree on what a work is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..model import Reference
from ..translit.ukrainian import cyrillic_language, cyrillic_work_language
from .tables import language_tag, load_table

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_EDGE = " \t\n.,;:!?\"'«»()[]"
STUB_KEYWORD = "translitbib-stub"
STUB_NOTE = "Cited in the text but missing from its bibliography (added by translitbib)."
NOCASE_OPEN, NOCASE_CLOSE = '<span class="nocase">', "</span>"


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    bib: str
    csl: str
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
    return Target(name, spec["bib"], spec["csl"], spec["help"], tuple(extra))


@cache
def _rules_for(ref_type: str) -> tuple[dict[str, Any], ...]:
    """The type rules that can match a CSL type, in table order."""
    rules = _targets()["type_rules"]
    return tuple(r for r in rules if ref_type in r["when"].get("type", [ref_type]))


def _rule_matches(when: dict[str, Any], ref: Reference) -> bool:
    present = {k for k, v in ref.fields.items() if v} | set(ref.dates)
    return (
        ref.type in when.get("type", [ref.type])
        and all(k in present for k in when.get("has", []))
        and not any(k in present for k in when.get("missing", []))
    )


@cache
def nocase_variables() -> tuple[str, ...]:
    """The CSL variables the CSL-JSON writer wraps in ``<span class="nocase">``."""
    return tuple(_targets()["csl_nocase"]["variables"])


def protect_case(value: str, language: str) -> str:
    """``value`` inside ``<span class="nocase">`` (citeproc-js would re-case it: see
    ``csl_nocase`` in targets.json), unless the work is English and the value is too: an
    English work's original title is in another language (*Poslednee delo Stalina*), so
    it is protected whatever its script, unless it reads as English."""
    if language.lower().startswith("en") and not CYRILLIC.search(value) and _reads_english(
            value):
        return value
    return NOCASE_OPEN + value + NOCASE_CLOSE


def _reads_english(value: str) -> bool:
    """Whether a Latin title is English: most of its words are common English words
    (*Stalin's last crime*, not *Poslednee delo Stalina*; wordfreq, loaded only here)."""
    from wordfreq import zipf_frequency

    words = re.findall(r"[^\W\d_]+", value.lower())
    english = sum(1 for word in words if zipf_frequency(word, "en") >= 3.0)
    return bool(words) and english * 2 > len(words)


_SPANS = re.compile(r"<span\b[^>]*>|</span>")


def _without_nocase(value: str) -> str:
    """A value the CSL-JSON writer wrapped (read back from our own file), unwrapped."""
    if not (value.startswith(NOCASE_OPEN) and value.endswith(NOCASE_CLOSE)):
        return value
    depth = 0
    for span in _SPANS.finditer(value):  # the first span must close at the very end
        depth += -1 if span.group() == "</span>" else 1
        if depth == 0:
            return value[len(NOCASE_OPEN):-len(NOCASE_CLOSE)] if span.end() == len(value) \
                else value
    return value


def work_language(ref: Reference) -> str:
    """The BCP 47 tag of the work's language: the field, else ``ru`` for Cyrillic titles
    (Ukrainian, Belarusian... by their letters, or by their people's and place's)."""
    value = ref.fields.get("language", "")
    if value:
        return language_tag(value)
    for title in (ref.fields.get("original-title", ""), ref.title):
        if CYRILLIC.search(title):
            other = cyrillic_language(title) or cyrillic_work_language(title, ref)
            return other.language if other is not None else "ru"
    return ""


def _same_words(a: str, b: str) -> bool:
    """``Interview`` and ``interview.`` say the same: case and edge punctuation aside."""
    return a.strip(_EDGE).casefold() == b.strip(_EDGE).casefold()


def effective(ref: Reference) -> Reference:
    """``ref`` as the writers should see it: type rules applied, language set.

    A genre that only repeats the title is dropped (a citation would print
    "Interview. Interview.").  A value the CSL-JSON writer wrapped in
    ``<span class="nocase">`` is seen unwrapped.  ``ref`` itself when nothing changes,
    else a copy.
    """
    fields = ref.fields
    for var in nocase_variables():
        value = fields.get(var)
        if value and value.startswith(NOCASE_OPEN) and _without_nocase(value) != value:
            fields = dict(fields) if fields is ref.fields else fields
            fields[var] = _without_nocase(value)
    ref_type = ref.type
    for rule in _rules_for(ref_type):
        if _rule_matches(rule["when"], ref):
            ref_type = rule["type"]
            fields = dict(fields)
            fields.update({k: v for k, v in rule.get("set", {}).items() if not fields.get(k)})
            break
    language = work_language(ref)
    genre = fields.get("genre")
    if (
        (language and fields.get("language") != language)
        or ref.stub
        or (genre and _same_words(genre, fields.get("title", "")))
    ):
        fields = _written_fields(fields if fields is not ref.fields else dict(fields),
                                 language, ref.stub)
    if ref_type == ref.type and fields is ref.fields:
        return ref
    # what dataclasses.replace(ref, type=..., fields=...) makes, a fifth of its time
    return Reference(ref_type, ref.source, ref.raw, fields, ref.names, ref.dates, ref.id,
                     ref.stub, ref.originals, ref.short_titles, ref.origin, ref.aliases)


def _written_fields(fields: dict[str, str], language: str, stub: bool) -> dict[str, str]:
    if language:
        fields["language"] = language
    if fields.get("genre") and _same_words(fields["genre"], fields.get("title", "")):
        del fields["genre"]
    if stub:
        keywords = [k for k in fields.get("keyword", "").split(", ") if k]
        if STUB_KEYWORD not in keywords:
            fields["keyword"] = ", ".join([*keywords, STUB_KEYWORD])
        if STUB_NOTE not in fields.get("note", ""):
            fields["note"] = " ".join(filter(None, [fields.get("note", ""), STUB_NOTE]))
    return fields
