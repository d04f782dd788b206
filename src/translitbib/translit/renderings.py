"""Is a Latin spelling a scheme-consistent reading of a Cyrillic word?

``align("Ubiystvo", "убийство")`` cuts the Latin into pieces that the schemes and common
habits write for each Cyrillic letter (data/renderings.toml) and returns the cheapest cut,
or ``None`` when there is none (``Ubyistvo`` is no scheme's spelling of убийство: a typo).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .tables import load_table

_FOLD = str.maketrans({
    "’": "'", "‘": "'", "ʹ": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'",
    "ʺ": '"', "”": '"', "“": '"', "″": '"',
    "·": None, "\u0361": None, "\ufe20": None, "\ufe21": None, "ё": "ë", "Ё": "ë",
})


def fold_latin(word: str) -> str:
    """Lower case, NFC, tie bars and middle dots dropped, apostrophe-likes unified."""
    return unicodedata.normalize("NFC", word).lower().translate(_FOLD).replace("''", '"')


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
    for cost, section in ((0.0, "schemes"), (0.25, "weak"), (0.5, "weaker"), (1.0, "habits")):
        for cyrillic, latin in table[section].items():
            units.setdefault(cyrillic, []).extend((text, cost) for text in latin)
    return {c: tuple(options) for c, options in units.items()}


@lru_cache(maxsize=100_000)
def align(latin: str, cyrillic: str) -> Alignment | None:
    """The cheapest scheme-consistent cut of ``latin`` as ``cyrillic``, or None."""
    lat = fold_latin(latin)
    cyr = cyrillic.lower()
    units = _units()
    n, m = len(cyr), len(lat)
    # best[i][j]: cheapest way to write cyr[i:] as lat[j:]; filled from the end
    best: dict[tuple[int, int], tuple[float, tuple[tuple[str, str], ...]] | None] = {}

    def solve(i: int, j: int) -> tuple[float, tuple[tuple[str, str], ...]] | None:
        if i == n:
            return (0, ()) if j == m else None
        key = (i, j)
        if key in best:
            return best[key]
        found: tuple[float, tuple[tuple[str, str], ...]] | None = None
        for size in (2, 1):
            piece = cyr[i : i + size]
            if len(piece) < size:
                continue
            for text, cost in units.get(piece, ()):
                if not lat.startswith(text, j):
                    continue
                rest = solve(i + size, j + len(text))
                if rest is not None and (found is None or rest[0] + cost < found[0]):
                    found = (rest[0] + cost, ((piece, text), *rest[1]))
                    if found[0] == 0:
                        break
            if found is not None and found[0] == 0:
                break
        best[key] = found
        return found

    result = solve(0, 0)
    return Alignment(*result) if result is not None else None
