"""Citation keys: ASCII, unique, never empty, the same on every run.

A key is the first author's family name, the year and the first significant word of the
title, folded to lower-case ASCII (``mukhin2002ubiistvo``).  Cyrillic is romanized with
iuliia's ALA-LC (ASCII) scheme, anything else loses its diacritics.  A key the reader
brought along (``@book{Mukhin:2002,``) is kept when it is plain ASCII and not taken yet.
Clashes get the suffixes a, b, ..., z, aa, ab, ...
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import count, product
from string import ascii_lowercase

import iuliia

from ..model import Library, Reference
from ..richtext import strip_tags

VALID_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:.+\-]*$")
# Words that never make a key: articles, conjunctions and short prepositions.
_STOPWORDS = """a an and the of on in at to for from by with o ob obo i v vo na k ko s so u iz za
po do ot pro pri der die das le la les el"""
STOPWORDS = frozenset(_STOPWORDS.split())
_WORD = re.compile(r"[a-z0-9]+")


def fold_ascii(text: str) -> str:
    """Lower-case ASCII; Cyrillic romanized first, diacritics dropped."""
    if re.search(r"[\u0400-\u04ff]", text):
        text = iuliia.ALA_LC_ALT.translate(text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii()).lower()


def _name_part(ref: Reference) -> str:
    for role in ("author", "editor", "compiler", "translator"):
        for name in ref.names.get(role, []):
            words = _WORD.findall(fold_ascii(strip_tags(name.family or name.literal
                                                        or name.given)))
            if words:
                return "".join(words) if name.family else words[0]
    return ""


def _title_part(ref: Reference) -> str:
    title = ref.title or ref.fields.get("container-title", "")
    words = _WORD.findall(fold_ascii(strip_tags(title).replace("'", "")))
    significant = [w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return (significant or words or [""])[0]


def base_key(ref: Reference) -> str:
    """The key before uniqueness suffixes; ``ref`` when nothing usable is known."""
    year = str(ref.year) if ref.year is not None else ""
    key = f"{_name_part(ref)}{year}{_title_part(ref)}"
    if not key or not key[0].isalpha():
        key = f"ref{key}"
    return key


def _suffixes() -> Iterator[str]:
    for width in count(1):
        for letters in product(ascii_lowercase, repeat=width):
            yield "".join(letters)


def _unique(key: str, taken: set[str]) -> str:
    if key.lower() not in taken:
        return key
    return next(key + s for s in _suffixes() if (key + s).lower() not in taken)


def assign_keys(library: Library) -> Library:
    """Pipeline step: give every reference a unique ASCII citation key (``Reference.id``),
    and keep only the aliases no key or earlier alias took (``aliases_kept``)."""
    refs = library.references
    taken, needed = keys_kept([ref.id for ref in refs])
    for index, key in new_keys(taken, [(i, base_key(refs[i])) for i in needed]).items():
        refs[index].id = key
    kept = aliases_kept(taken, [(i, ref.aliases) for i, ref in enumerate(refs) if ref.aliases])
    for index, aliases in kept.items():
        refs[index].aliases = aliases
    return library


def aliases_kept(taken: set[str], aliases: list[tuple[int, list[str]]],
                 ) -> dict[int, list[str]]:
    """(index, aliases) in order -> index: the aliases it keeps: valid keys that no
    reference has (``taken``: every key, lower-cased) and no earlier reference keeps (biber
    refuses a key or alias used twice)."""
    seen = set(taken)
    kept = {}
    for index, keys in aliases:
        mine = []
        for key in keys:
            if VALID_KEY.match(key) and key.lower() not in seen:
                seen.add(key.lower())
                mine.append(key)
        kept[index] = mine
    return kept


def keys_kept(ids: list[str]) -> tuple[set[str], list[int]]:
    """The keys kept (lower-cased: BibTeX compares keys so), and the indexes of the
    references that need a new one: the first of each valid key keeps it."""
    taken: set[str] = set()
    needed = []
    for index, key in enumerate(ids):
        if VALID_KEY.match(key) and key.lower() not in taken:
            taken.add(key.lower())
        else:
            needed.append(index)
    return taken, needed


def new_keys(taken: set[str], bases: list[tuple[int, str]]) -> dict[int, str]:
    """(index, base key) in order -> index: its unique key (``taken`` grows with them)."""
    keys = {}
    for index, base in bases:
        keys[index] = _unique(base, taken)
        taken.add(keys[index].lower())
    return keys
