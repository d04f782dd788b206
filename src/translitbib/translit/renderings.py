"""Is a Latin spelling a scheme-consistent reading of a Cyrillic word?

``align("Ubiystvo", "убийство")`` cuts the Latin into pieces that the schemes and common
habits write for each Cyrillic letter (data/renderings.toml) and returns the cheapest cut,
or ``None`` when there is none (``Ubyistvo`` is no scheme's spelling of убийство: a typo).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .skeleton import SCHOLARLY
from .tables import load_table

_FOLD = str.maketrans({
    "’": "'", "‘": "'", "ʹ": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'",
    "ʺ": '"', "”": '"', "“": '"', "″": '"',
    "·": None, "\u0361": None, "\ufe20": None, "\ufe21": None, "ё": "ë", "Ё": "ë",
})


def fold_latin(word: str) -> str:
    """Lower case, NFC, tie bars and middle dots dropped (BGN/PCGN's ·e is э), apostrophe-likes
    unified."""
    text = unicodedata.normalize("NFC", word).lower()
    if "·e" in text:  # BGN/PCGN writes э after a consonant ·e (m·er): keep it apart from е
        text = text.replace("·e", "ė")
    return text.translate(_FOLD).replace("''", '"')


WEAK, WEAKER, HABIT = 0.25, 0.5, 1.0
# й written a plain i: only ALA-LC without diacritics, ICAO, Yandex Money and BS 2979's
# ASCII form write it so (BGN/PCGN, Wikipedia and the rest write y, ISO 9 j), while every
# scheme writes и as i; so "izdanii" is likelier издании than изданий (tuned on the dev
# and tuning samples of bench/translit: 0.2-0.4 are about as good, 0.3 the best)
PLAIN_I_FOR_SHORT_I = 0.3
_TIE_BARS = frozenset("\u0361\ufe20\ufe21")
_SIGNS_AND_ENDINGS = frozenset({"ь", "ъ", "ий", "ый"})
_SIGN_PAIRS = frozenset({"ье", "ьи", "ьо"})  # Wikipedia's ye, yi, yo: no sign written
_YE = frozenset({"ye", "je"})
_SOFT = frozenset("аеёиоуыэюяйьъ")  # after these, е is written ye by BGN/PCGN, Wikipedia


@dataclass(frozen=True, slots=True)
class Alignment:
    """The cheapest cut: its cost (habits used) and the pieces, Cyrillic -> Latin."""

    cost: float
    pieces: tuple[tuple[str, str], ...]

    def describe(self) -> str:
        """The pieces that are not the plain one-letter reading, e.g. ``ий=y, я=ya``."""
        plain = _plain_readings()
        shown = [f"{c}={lat or '∅'}" for c, lat in self.pieces if plain.get(c) != lat]
        return ", ".join(shown) if shown else "letter for letter"


@lru_cache(maxsize=1)
def _plain_readings() -> dict[str, str]:
    return {c: options[0] for c, options in load_table("renderings")["schemes"].items()}


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[tuple[str, float], ...]]:
    table = load_table("renderings")
    units: dict[str, list[tuple[str, float]]] = {}
    for cost, section in ((0.0, "schemes"), (WEAK, "weak"), (WEAKER, "weaker"), (HABIT, "habits")):
        for cyrillic, latin in table[section].items():
            units.setdefault(cyrillic, []).extend((text, cost) for text in latin)
    return {c: tuple(options) for c, options in units.items()}


def _in_context(piece: str, text: str, price: float, before: str, strict: bool,
                marked: bool, overlined: bool, plain_i: float, ch_is_kh: bool = False) -> float:
    """A reading's cost given the rest of the spelling: a scheme that writes sign marks
    writes every ь, ъ and й (BS 2979 writes -ый and -ий as y, marks and all); one with
    diacritics marks э; ye for е after a consonant is no scheme's (BGN/PCGN and Wikipedia
    write it only after vowels and signs)."""
    if ch_is_kh and text == "ch" and piece in ("х", "ч"):
        return 0.0 if piece == "х" else HABIT  # ч is č there, and ch is х (Chlevnjuk)
    if strict and not text and piece in _SIGNS_AND_ENDINGS:
        return HABIT
    if strict and piece in _SIGN_PAIRS and text[0] != "'":  # a scheme with marks writes ь
        return HABIT
    if marked and piece == "э" and text == "e":
        return HABIT
    if overlined and piece == "ы" and text == "y":  # BS 2979 writes ы as ȳ, and -ый as y
        return HABIT
    if piece == "й" and text == "i":
        # ĭ (ALA-LC, BS 2979) or j (ISO 9, GOST) where marks are written
        return HABIT if marked else price + plain_i
    if piece == "е" and text in _YE and before and before not in _SOFT:
        return HABIT
    return price


@lru_cache(maxsize=1)
def _pair_starts() -> frozenset[str]:
    return frozenset(unit[0] for unit in _units() if len(unit) == 2)


@lru_cache(maxsize=64)
def _priced(strict: bool, marked: bool, overlined: bool, plain_i: float,
            ch_is_kh: bool = False) -> dict[str, tuple[tuple[str, float, bool], ...]]:
    """The readings priced for a spelling's kind (``_in_context`` worked out once per kind,
    not per letter): piece -> (Latin, cost, whether ye after a consonant makes it a habit)."""
    priced: dict[str, tuple[tuple[str, float, bool], ...]] = {}
    for piece, options in _units().items():
        priced[piece] = tuple(
            (text, _in_context(piece, text, price, "", strict, marked, overlined, plain_i,
                               ch_is_kh),
             piece == "е" and text in _YE)
            for text, price in options)
    return priced


@lru_cache(maxsize=100_000)
def _spelling(latin: str) -> tuple[str, bool, bool, bool]:
    """The folded spelling and what it says of its scheme: (folded, strict, marked,
    overlined)."""
    lat = fold_latin(latin)
    if latin.isascii():  # no tie bar, prime or diacritic
        return lat, "'" in lat or '"' in lat, False, False
    # a spelling that writes a sign mark or a diacritic comes from a scheme that writes
    # every ь, ъ and й: there, leaving one out is no scheme's habit
    # (ALA-LC's tie bars, dropped by the folding, say so too: negodi͡ai is негодяи)
    tied = any(ch in _TIE_BARS for ch in latin)
    strict = tied or not lat.isascii() or "'" in lat or '"' in lat
    # and one with diacritics or modifier primes (ALA-LC, ISO 9, scholarly, BS 2979) marks э
    marked = tied or any(ch in "ʹʺ" or (ch.isalpha() and not ch.isascii()) for ch in latin)
    overlined = "ȳ" in lat or "é" in lat  # BS 2979 (ȳ for ы, é for э): a plain y is -ый, -ий
    return lat, strict, marked, overlined


@lru_cache(maxsize=200_000)
def align(latin: str, cyrillic: str, plain_i: float = PLAIN_I_FOR_SHORT_I,
          signs_written: bool = False, ch_is_kh: bool = False) -> Alignment | None:
    """The cheapest scheme-consistent cut of ``latin`` as ``cyrillic``, or None.

    ``plain_i`` is what a й written as a plain i costs: 0 when the text is known to be in
    a scheme that writes it so (ALA-LC without diacritics, ICAO); ``signs_written``: the
    text is known to be in a scheme that writes every ь and ъ (ALA-LC); ``ch_is_kh``: the
    text writes ч as č (the Czech system, DIN 1460), so ch is х, as it is in a word that
    shows so itself (``skeleton.SCHOLARLY``: Chlevnjuk)."""
    lat, strict, marked, overlined = _spelling(latin)
    strict = strict or signs_written
    ch_is_kh = "ch" in lat and (ch_is_kh or SCHOLARLY.search(lat) is not None)
    cyr = cyrillic.lower()
    units = _priced(strict, marked, overlined, plain_i, ch_is_kh)
    pairs = _pair_starts()
    n, m = len(cyr), len(lat)
    # a forward pass: cost[i] maps a Latin position to the cheapest cost of writing cyr[:i];
    # back[i] remembers the piece that got there (the pieces are rebuilt only at the end)
    cost: list[dict[int, float]] = [{} for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int, str, str]]] = [{} for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n):
        current = cost[i]
        if not current:
            continue
        sizes = (1, 2) if cyr[i] in pairs and i + 1 < n else (1,)
        for size in sizes:
            piece = cyr[i : i + size]
            options = units.get(piece)
            if not options:
                continue
            following, came_from = cost[i + size], back[i + size]
            for j, spent in current.items():
                for text, price, after_hard in options:
                    if lat.startswith(text, j):
                        k = j + len(text)
                        if after_hard and i and cyr[i - 1] not in _SOFT:
                            price = HABIT  # ye for е after a consonant
                        total = spent + price
                        if total < following.get(k, 1e9):
                            following[k] = total
                            came_from[k] = (i, j, piece, text)
    if m not in cost[n]:
        return None
    pieces: list[tuple[str, str]] = []
    i, j = n, m
    while i > 0:
        i, j, piece, text = back[i][j]
        pieces.append((piece, text))
    total = cost[n][m]
    if total and not marked and ("е", "ye") in pieces:
        # е written ye: BGN/PCGN, Wikipedia, Yandex Maps or MVD, and all of them write й
        # as y, so a plain i is no й there (Yevgenii is Евгении)
        total += (HABIT - plain_i) * pieces.count(("й", "i"))
    return Alignment(total, tuple(reversed(pieces)))
