"""Cyrillic -> Latin in the scheme the user chose, through iuliia.

iuliia has every scheme we offer, but some of its schemes (ALA-LC with diacritics,
BGN/PCGN, ISO 9, scholarly) write ё as the *Cyrillic* letter ё inside Latin text; we turn it
into the Latin ë those standards mean.  Its ISO 9 and scholarly tables write ž, š, č
decomposed (z + U+030C): every romanization is returned in NFC, one code point per letter,
so a writer protects ``{Žukov}`` whole and every output holds the text as typed.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Any

from ..errors import ConfigError
from . import SCHEMES

# our scheme name -> iuliia schema name
IUULIA_SCHEMAS: dict[str, str] = {
    "ala-lc": "ala_lc_alt",
    "ala-lc-diacritics": "ala_lc",
    "bgn-pcgn": "bgn_pcgn",
    "iso9": "gost_779",
    "scholarly": "scientific",
    "wikipedia": "wikipedia",
}
SCHEME_DESCRIPTIONS: dict[str, str] = {
    "ala-lc": "ALA-LC without diacritics (Library of Congress): Khrushchev, Beriia, Iurii",
    "ala-lc-diacritics": "ALA-LC with diacritics and tie bars: Khrushchëv, Berii͡a, I͡uriĭ",
    "bgn-pcgn": "BGN/PCGN (US/UK geographic names): Khrushchëv, Beriya, Yuriy",
    "iso9": "ISO 9:1995 / GOST 7.79 system A, one Latin letter per Cyrillic: Hruŝëv, Beriâ",
    "scholarly": "Scholarly (linguists' system): Xruščëv, Berija, Jurij",
    "wikipedia": "English Wikipedia's popular romanization: Khrushchyov, Beriya, Yury",
    "as-found": "No change: every word is written as it was found",
}
_CYRILLIC_YO = str.maketrans({"ё": "ë", "Ё": "Ë"})


def check_scheme(scheme: str) -> str:
    if scheme not in SCHEMES:
        raise ConfigError(f"unknown scheme {scheme!r}; choose one of: {', '.join(SCHEMES)}")
    return scheme


@cache
def _schema(name: str) -> Any:
    import iuliia

    return iuliia.schemas.get(name)


@lru_cache(maxsize=200_000)
def romanize_lower(cyrillic: str, scheme: str) -> str:
    """The lower-case romanization of a lower-case Cyrillic word (None-scheme: as-found)."""
    schema = _schema(IUULIA_SCHEMAS[check_scheme(scheme)])
    latin = schema.translate(cyrillic.lower()).translate(_CYRILLIC_YO)
    return unicodedata.normalize("NFC", latin)


def romanize(cyrillic: str, scheme: str, like: str = "") -> str:
    """Romanize ``cyrillic``; letter case follows ``like`` (ALL CAPS, Capitalized or lower)."""
    latin = apply_case(romanize_lower(cyrillic, scheme), like or cyrillic)
    return latin if latin.isascii() else unicodedata.normalize("NFC", latin)


def apply_case(text: str, like: str) -> str:
    """Give ``text`` the case pattern of ``like``: ALL CAPS, Capitalized, or as it is.

    Hyphenated words take the pattern part by part (Kommersant-Vlast'); the same letters
    keep ``like``'s case whatever it is (SPb., GULag: inner capitals).
    """
    if text.lower() == like.lower():
        return like
    if "-" in like and "-" in text and like.count("-") == text.count("-"):
        return "-".join(apply_case(t, lk) for t, lk in zip(text.split("-"), like.split("-"),
                                                             strict=True))
    letters = [ch for ch in like if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return text.upper()
    if letters and letters[0].isupper():
        return capitalize_first(text)
    return text


def capitalize_first(text: str) -> str:
    """The first letter in capitals, unless a digit comes before it (60-e, 2002b)."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch.isdigit():
            return text
    return text


def lower_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.lower() + text[i + 1 :]
    return text
