"""Writing a field settled as Ukrainian in the Ukrainian table of the chosen scheme.

A library keeps *Hrushevs'kyi, Istoriia Ukraïny-Rusy*, *Hrushevskyi, Istoriia Ukrainy-Rusy*
and *Hruševs'kyj, Istorija Ukrajiny-Rusy*: three spellings of one work, which a Slavicist
expects in one scheme, as Russian ones are.  Each word's key (``ukrainian.latin_key``)
gives the commonest Ukrainian word spelled so (the word index); when that is the only one,
or far more common than the next (``ukrainian.MARGIN``), the word is written from its
Cyrillic in the scheme's Ukrainian table (``data/ukrainian_writing.toml``), keeping its
case.  A word that spells no Ukrainian word, or two alike, stays as found, and so does one
whose key meets a word's only with its háčeks dropped (*Persi* is not *perši*, перші).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .tables import load_table
from .ukrainian import MARGIN, latin_key

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .wordindex import UkrainianWord


@dataclass(frozen=True, slots=True)
class UkrainianTable:
    """How one scheme writes Ukrainian letters (``data/ukrainian_writing.toml``)."""

    scheme: str
    description: str  # "ALA-LC without diacritics"
    letters: dict[str, str]
    initial: dict[str, str]  # at the start of a word (the national system's ye, yi, y...)
    inside: dict[str, str]  # letter pairs written as one (the national system's зг: zgh)

    def write(self, word: str) -> str:
        """A lower-case Ukrainian word in this table (NFC: ISO 9's ì is one code point)."""
        if word[:1] in self.initial:
            head, word = self.initial[word[0]], word[1:]
        else:
            head = ""
        for pair, latin in self.inside.items():
            word = word.replace(pair, f"\0{latin}\0")  # (no letter of the table is \0)
        pieces = word.split("\0")
        latin = head + "".join(piece if index % 2 else self._letters(piece)
                               for index, piece in enumerate(pieces))
        return unicodedata.normalize("NFC", latin)

    def _letters(self, text: str) -> str:
        return "".join(self.letters.get(ch, ch) for ch in text)


@cache
def ukrainian_table(scheme: str) -> UkrainianTable | None:
    """The scheme's Ukrainian table, None when it has none (ala-lc-diacritics, wikipedia,
    as-found)."""
    tables = load_table("ukrainian_writing")
    if scheme not in tables or scheme == "examples":
        return None
    chain = []
    name: str | None = scheme
    while name is not None:  # the table, its base, the base's base...
        chain.append(tables[name])
        name = tables[name].get("base")
    letters: dict[str, str] = {}
    for table in reversed(chain):
        letters |= table.get("letters", {})
    own = chain[0]
    return UkrainianTable(scheme, own["description"], letters, own.get("initial", {}),
                          own.get("inside", {}))


@dataclass(frozen=True, slots=True)
class UkrainianReading:
    """The Ukrainian word a romanized word spells, and whether it is the only one."""

    cyrillic: str
    zipf: float
    rival: float  # the next commonest word spelled so (0.0: none)

    @property
    def sure(self) -> bool:
        """The only Ukrainian word spelled so, or one far more common than the next."""
        return not self.rival or self.zipf >= self.rival + MARGIN

    def evidence(self) -> str:
        if not self.rival:
            return f"Ukrainian {self.cyrillic}: the only Ukrainian word spelled so"
        comparison = "far more common than" if self.sure else "about as common as"
        return (f"Ukrainian {self.cyrillic}: {comparison} the next Ukrainian word spelled so"
                f" (Zipf {self.zipf:.2f} against {self.rival:.2f})")


# what no romanized word has: a space or hyphen (a table phrase such as Kommersant-Vlast'),
# a digit, a Cyrillic letter
_NOT_ROMANIZED = re.compile(r"[\s\d\-\u0400-\u04ff]")


def read_ukrainian(word: str, lexicon: Lexicon) -> UkrainianReading | None:
    """The Ukrainian word ``word`` spells (in any scheme the keys know: ALA-LC with or
    without marks, the national system, the scholarly one), None when it spells none."""
    if not word or _NOT_ROMANIZED.search(word):
        return None
    found: UkrainianWord | None = lexicon.ukrainian_word(latin_key(word))
    if found is None or not spells(word, found.word):
        return None
    return UkrainianReading(found.word, found.zipf, found.rival)


#: the schemes the index's keys are spelled in (``ukrainian.spellings``): what they write
#: reads back as the word it was written from
KEYED_SCHEMES = ("ala-lc", "bgn-pcgn", "scholarly")
_CARON = "\u030c"
_NOT_LETTERS = str.maketrans("", "", "'\"’ʼʹʺ`´′″")


def spells(word: str, cyrillic: str) -> bool:
    """Whether ``word`` is ``cyrillic`` as a keyed scheme writes it, case, apostrophes,
    soft signs and marks aside but háčeks kept: a key drops them all, so *Persi* has the
    key of the scholarly *perši* (перші), which it is not; *Hruševs'kyj* and *Ukraïny*
    spell грушевський and україни."""
    folded = _folded(word)
    return any(_folded(table.write(cyrillic)) == folded
               for table in map(ukrainian_table, KEYED_SCHEMES) if table is not None)


def _folded(latin: str) -> str:
    decomposed = unicodedata.normalize("NFD", latin.lower()).translate(_NOT_LETTERS)
    return "".join(ch for ch in decomposed if ch == _CARON or not unicodedata.combining(ch))
