"""Skeletons: the lossy spelling every romanization of a word and its Cyrillic share.

``cyrillic_skeleton("Убийство") == "ubistvo"`` and so is the skeleton of Ubiystvo, Ubiistvo,
Ubijstvo and Ubyistvo.  The lexicon is indexed by skeleton, so finding the Cyrillic words a
Latin spelling could stand for is one dictionary look-up; ``renderings`` then decides which
of them a real scheme could have produced.  The letter tables are data (data/skeleton.toml).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .tables import load_table

_I_RUN = re.compile("i+")
HACEK = re.compile("[čšžŝ]")  # (in lower-case text)
# what says ч is written č (ISO 9, the scholarly and Czech systems, DIN 1460): a háček, or
# я, ю, ё written ja, ju, jo; there ch is х (Chlevnjuk, Chruščov), not ч
SCHOLARLY = re.compile("[čšžŝ]|j[aouâû]")
# ICAO writes ъ as ie before the vowel that follows it (podieezd, obieiavlenie)
_ICAO_HARD_SIGN = re.compile("(?<=[bcdfgklmnprstvz])ie(?=e|i[aeu])")


def _collapse(text: str) -> str:
    text = text.replace("tC", "C")
    text = _I_RUN.sub("i", text)
    return text.replace("ie", "e")


@lru_cache(maxsize=1)
def _cyrillic_table() -> dict[int, str]:
    return str.maketrans(load_table("skeleton")["cyrillic"])


@lru_cache(maxsize=1)
def _latin_tables() -> tuple[dict[int, str], re.Pattern[str], dict[str, str]]:
    table = load_table("skeleton")
    characters = str.maketrans(table["latin_characters"])
    sequences: dict[str, str] = table["latin_sequences"]
    pattern = re.compile("|".join(re.escape(s) for s in sequences))
    return characters, pattern, sequences


def cyrillic_skeleton(word: str) -> str:
    """The skeleton of a Cyrillic word (lower-cased; other characters pass through)."""
    text = word.lower().translate(_cyrillic_table())
    return _collapse(text.replace("ts", "C"))


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def latin_skeletons(word: str, split_h: bool = False,
                    ch_is_kh: bool = False) -> tuple[str, ...]:
    """The skeletons a Latin spelling may stand for (usually one; "io" may be ё or йо).

    ``split_h`` reads every h as х on its own, as ISO 9 does (ISO "beshitrostnyj" is
    бесхитростный, where the digraph reading would give ш).  ``ch_is_kh``: the text writes
    ч as č (``SCHOLARLY``), so ch is х too, as it is in a word that shows so itself.
    """
    characters, pattern, sequences = _latin_tables()
    lower = unicodedata.normalize("NFC", word.lower())
    if not split_h and "h" in lower and (ch_is_kh or SCHOLARLY.search(lower)):
        # č, š, ž: ISO 9, GOST or the scholarly system, where h is х on its own (žkh: жкх),
        # and the Czech system and DIN 1460, where ch is (Chruščov, Chlevnjuk)
        return tuple(dict.fromkeys(
            _skeletons(lower, characters, pattern, sequences)
            + _skeletons(lower.replace("ch", "H").replace("h", "H"), characters, pattern,
                         sequences)
            + _skeletons(lower.replace("h", "H"), characters, pattern, sequences)))
    if split_h:
        lower = lower.replace("h", "H")
    return _skeletons(lower, characters, pattern, sequences)


def _skeletons(lower: str, characters: dict[int, str], pattern: re.Pattern[str],
               sequences: dict[str, str]) -> tuple[str, ...]:
    text = unicodedata.normalize("NFC", lower).translate(characters)
    text = _strip_marks(text)
    readings = [_collapse(pattern.sub(lambda m: sequences[m.group()], text))]
    if "ie" in text and _ICAO_HARD_SIGN.search(text):
        readings.append(_collapse(pattern.sub(lambda m: sequences[m.group()],
                                              _ICAO_HARD_SIGN.sub("", text))))
    if "x" in text:  # x is кс in English habit, х in the scholarly system (Xruščëv)
        readings.append(_collapse(pattern.sub(lambda m: _x_as_kh(m.group(), sequences), text)))
    out = list(readings)
    for reading in readings:
        # ё written yo/io/jo: try the ё reading too (at most the first two places); after
        # л, н and с, "yo" may be ьо (Wikipedia's batalyon, losyon)
        for start in [m.start() for m in re.finditer("io", reading)][:2]:
            for existing in list(out):
                if existing[start : start + 2] == "io":
                    out.append(_collapse(existing[:start] + "e" + existing[start + 2 :]))
                    if start and existing[start - 1] in "lns":
                        out.append(existing[:start] + existing[start + 1 :])
    return tuple(dict.fromkeys(out))


def _x_as_kh(sequence: str, sequences: dict[str, str]) -> str:
    return "H" if sequence == "x" else sequences[sequence]
