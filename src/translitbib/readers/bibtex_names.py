"""BibTeX names -> ``Name``: BibTeX's rules, as pybtex's ``Person`` applies them.

A name without braces or backslashes (nearly all of them) is split here, by the same steps
as ``pybtex.database.Person``: "von Last, Jr, First", "von Last, First" or "First von
Last", a word being "von" when it starts lower-case.  Any other name goes to ``Person``
itself, remembered by its text, so pybtex stays the authority on the hard ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pybtex.database import Person

from ..model import OTHERS, Name, is_others
from ..richtext import strip_tags
from ..writers.latex import decode

_AND = re.compile(" [Aa][Nn][Dd] ")  # pybtex.bibtex.utils.split_name_list's separator
_AND_OR_BRACE = re.compile(r"[{}]| [Aa][Nn][Dd] ")
_SPACE = re.compile(r"[\s~]+")  # BIBTEX_SPACE_RE for text without backslashes
_HARD = re.compile(r"[{}\\~`]|--")  # what only pybtex (and decode) read right

#: (family, given, literal, raw): what a ``Name`` is made of
NameParts = tuple[str, str, str, str]


def split_names(value: str) -> list[str]:
    """A name field's value (braces balanced) -> one string per name (`` and `` outside
    braces), as ``pybtex.bibtex.utils.split_name_list`` splits it."""
    if not value:
        return []
    if "{" not in value:
        return [part.strip() for part in _AND.split(value)]
    parts, depth, start = [], 0, 0
    for match in _AND_OR_BRACE.finditer(value):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            parts.append(value[start:match.start()].strip())
            start = match.end()
    return [*parts, value[start:].strip()]


def parse_name(text: str) -> Name:
    """One name as written in a name field -> ``Name`` (family/given or literal, raw);
    ``others`` (biblatex's "et al."; ``et al.`` written as a name too) a literal name."""
    if text.strip() == OTHERS or is_others(text):
        return Name(literal=OTHERS, raw=OTHERS)
    family, given, literal, raw = _name_parts(text)
    return Name(family=family, given=given, literal=literal, raw=raw)


def name_from_person(person: Person) -> Name:
    """pybtex's reading of a name -> ``Name``; a lone ``{Braced Name}`` is an institution."""
    last = person.prelast_names + person.last_names
    given = person.first_names + person.middle_names
    raw = str(person)
    if raw == OTHERS or is_others(raw):
        return Name(literal=OTHERS, raw=OTHERS)
    if not given and len(last) == 1 and last[0].startswith("{") and last[0].endswith("}"):
        return Name(literal=_plain(last[0]), raw=raw)
    family = _plain(" ".join(last + person.lineage_names))
    return Name(family=family, given=_plain(" ".join(given)), raw=raw)


def _plain(value: str) -> str:
    """A name part decoded: a name is no rich text (\\textsc{Zhukov} is Zhukov)."""
    return strip_tags(decode(value))


@lru_cache(maxsize=8192)
def _name_parts(text: str) -> NameParts:
    """Names repeat across a library; ``PybtexError`` for one pybtex will not read."""
    stripped = text.strip()
    extended = _extended_name_parts(stripped)
    if extended is not None:
        return extended
    parts = stripped.split(",")
    if not stripped or _HARD.search(stripped) or len(parts) > 3:
        name = name_from_person(Person(text))
        return name.family, name.given, name.literal, name.raw
    return _plain_name_parts([part.strip() for part in parts])


_EXTENDED_PART = re.compile(r"\s*([A-Za-z-]+)\s*=\s*(.*?)\s*$", re.DOTALL)
_EXTENDED_KEYS = {"family", "given", "prefix", "suffix", "useprefix", "family-i", "given-i",
                  "prefix-i", "suffix-i"}


def _extended_name_parts(text: str) -> NameParts | None:
    """biblatex's extended name format, ``family=Beria, given=Lavrentii`` (also with
    ``prefix``, ``suffix``, braced values), or None when the name is not written so."""
    if "=" not in text:
        return None
    values: dict[str, str] = {}
    for part in _top_level_commas(text):
        match = _EXTENDED_PART.fullmatch(part)
        if match is None or match.group(1).lower() not in _EXTENDED_KEYS:
            return None
        values[match.group(1).lower()] = _plain(match.group(2))
    if not values.get("family") and not values.get("given"):
        return None
    family = " ".join(v for v in (values.get("prefix", ""), values.get("family", ""),
                                  values.get("suffix", "")) if v)
    given = values.get("given", "")
    raw = ", ".join(part for part in (family, given) if part)
    return family, given, "", raw


def _top_level_commas(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [*parts, text[start:]]


def _plain_name_parts(parts: list[str]) -> NameParts:
    """The comma-separated parts of a name with no braces or backslashes -> ``NameParts``."""
    first: list[str] = []
    lineage: list[str] = []
    if len(parts) == 1:
        words = _words(parts[0])
        at = _first_von(words)
        first, von_last = words[:at], words[at:]
        if not von_last and first:
            von_last = [first.pop()]
    else:
        von_last = _words(parts[0])
        first = _words(parts[-1])
        if len(parts) == 3:
            lineage = _words(parts[1])
    von, last = _split_von_last(von_last)
    family = " ".join(von + last)
    raw = ", ".join(part for part in (family, " ".join(lineage), " ".join(first)) if part)
    return " ".join(von + last + lineage), " ".join(first), "", raw


def _words(text: str) -> list[str]:
    return [word for word in _SPACE.split(text) if word]


def _is_von(word: str) -> bool:
    """pybtex's test for a word with no braces: the first letter is lower-case."""
    if word[0].isupper():
        return False
    if word[0].islower():
        return True
    return next((ch.islower() for ch in word if ch.isalpha()), False)


def _first_von(words: list[str]) -> int:
    return next((i for i, word in enumerate(words) if _is_von(word)), len(words))


def _split_von_last(words: list[str]) -> tuple[list[str], list[str]]:
    """"de la Vallée Poussin" -> von up to the last lower-case word; the last word is Last."""
    if not words:
        return [], []
    candidates = words[:-1]
    end = next((i + 1 for i in range(len(candidates) - 1, -1, -1)
                if _is_von(candidates[i])), 0)
    return candidates[:end], candidates[end:] + words[-1:]
