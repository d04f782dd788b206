"""Ukrainian (and other Cyrillic languages) told from Russian, so their titles are not
normalized as Russian (a romanized Ukrainian one is written in the Ukrainian table of the
chosen scheme instead: ``ukrainian_writing``; anything else is left as it is).

A romanized Ukrainian title reads as Russian word by word (*v Ukraini* as *в Украины*,
*henotsyd* as a typo of *геноцид*), so the normalizer asks first whether it is Ukrainian:
each word is looked up among wordfreq's Ukrainian words as English-language scholarship
spells them (``data/ukrainian.toml``: ALA-LC, the national system, the scholarly one; the
keys are in the word index) and compared with its Russian reading.  A word is Ukrainian
evidence when it spells a Ukrainian word far more common than any Russian word it spells
(*iak*, *shcho*, *usvidomlennia*, *Ukraini*); Russian evidence when it spells a common
Russian word and no Ukrainian one (*politicheskie*).  *Istoriia*, *Ukrainy*, *v* and *i*
spell both and count for neither.

Cyrillic text is told by its letters: і, ї, є, ґ are Ukrainian (unless the text has a
letter Ukrainian lacks: pre-1918 Russian wrote і too, with ъ and ѣ), ў Belarusian, ђ, ј,
љ, њ, ћ, џ Serbian, ѓ, ќ, ѕ Macedonian.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .tables import load_table

if TYPE_CHECKING:
    from ..model import Reference
    from .lexicon import Lexicon
    from .normalize import Token
    from .resolve import Resolution

#: words of a Ukrainian title that count as evidence must be this common (Zipf)
COMMON = 2.0
#: ... and this much more common than the Russian word the letters spell
MARGIN = 1.0
_UKRAINIAN_WORD = re.compile("^[а-щьюяєіїґʼ'’]+$")
_APOSTROPHES = str.maketrans("", "", "'\"’ʼʹʺ`´′″")


@dataclass(frozen=True, slots=True)
class LanguageReading:
    """A field read as another language than Russian: which, and why.  An unsettled
    reading only leans that way (one Ukrainian word in a short title, nothing Russian):
    the work's people or place can settle it (``settle``)."""

    language: str  # BCP 47: "uk", "be", "sr", "mk"
    evidence: tuple[str, ...]
    confidence: float
    settled: bool = True
    words: tuple[str, ...] = ()  # the words that are evidence

    @property
    def name(self) -> str:
        """The language's English name (Ukrainian)."""
        return LANGUAGE_NAMES.get(self.language, self.language)

    def settle(self, support: Sequence[str]) -> LanguageReading:
        """The reading settled by the work's other Ukrainian words (its author's name, its
        place of publication)."""
        words = (*self.words, *support)
        return LanguageReading(self.language, _evidence(words, 0), 0.7, True, words)

    def with_outcome(self, outcome: str) -> LanguageReading:
        """The reading of a romanized field whose evidence ends in ``outcome`` (what was
        done with it) instead of ``LEFT_AS_FOUND``."""
        return replace(self, evidence=(*self.evidence[:-1], outcome))


#: the Cyrillic languages besides Russian whose works are left as they are
OTHER_CYRILLIC = frozenset({"uk", "be", "sr", "mk", "bg"})
LANGUAGE_NAMES = {"uk": "Ukrainian", "be": "Belarusian", "sr": "Serbian", "mk": "Macedonian",
                  "bg": "Bulgarian", "de": "German", "fr": "French", "pl": "Polish",
                  "cs": "Czech", "it": "Italian"}

# -- Cyrillic ------------------------------------------------------------------------------

_LETTERS: tuple[tuple[str, frozenset[str], str], ...] = (
    ("be", frozenset("ўЎ"), "ў is Belarusian"),
    ("mk", frozenset("ѓќѕЃЌЅ"), "ѓ, ќ, ѕ are Macedonian"),  # before Serbian: both have ј, љ, њ
    ("sr", frozenset("ђјљњћџЂЈЉЊЋЏ"), "ђ, ј, љ, њ, ћ, џ are Serbian"),
    ("uk", frozenset("іїєґІЇЄҐ"), "і, ї, є, ґ are Ukrainian"),
)
# letters Ukrainian has not: a text with them is not Ukrainian (pre-1918 Russian wrote і)
_NOT_UKRAINIAN = frozenset("ыэъёѣѳѵЫЭЪЁѢѲѴ")
_NOT_UKRAINIAN_SEARCH = re.compile("[" + "".join(sorted(_NOT_UKRAINIAN)) + "]")
CYRILLIC = re.compile("[\u0400-\u04ff]")  # any Cyrillic letter
_SIGNS = re.compile("[" + "".join(sorted(set().union(*(s for _, s, _ in _LETTERS)))) + "]")


def cyrillic_language(text: str) -> LanguageReading | None:
    """The language Cyrillic ``text`` is written in when its letters say it is not Russian
    (None for Russian, and for text without Cyrillic)."""
    if not _SIGNS.search(text):  # Russian, or no Cyrillic at all: most titles
        return None
    letters = frozenset(text)
    for language, signs, reason in _LETTERS:
        found = sorted(letters & signs)
        if found and not (language == "uk" and letters & _NOT_UKRAINIAN):
            return LanguageReading(language, (f"written in {', '.join(found)}: {reason}",), 0.95)
    return None


def work_names_and_place(ref: Reference) -> list[str]:
    """The texts besides a work's title that can say its language: its first role's people
    (authors, else editors) and its place of publication."""
    people = ref.names.get("author") or ref.names.get("editor") or []
    return [*(text for person in people for text in (person.family, person.given, person.literal)
              if text), ref.fields.get("publisher-place", "")]


def is_ukrainian(text: str) -> bool:
    """Whether Cyrillic ``text`` is Ukrainian by its letters (``cyrillic_language``); a quick
    look for і, ї, є, ґ first (most text has none)."""
    if not _UKRAINIAN_LETTERS.search(text):
        return False
    reading = cyrillic_language(text)
    return reading is not None and reading.language == "uk"


_UKRAINIAN_LETTERS = re.compile("[іїєґІЇЄҐ]")


def may_be_ukrainian(title: str) -> bool:
    """Whether a Cyrillic title has no letter Ukrainian lacks (ы, э, ъ, ё, ѣ...): most
    Russian titles have one, and need no look at their people (``cyrillic_work_language``)."""
    return bool(CYRILLIC.search(title)) and not _NOT_UKRAINIAN_SEARCH.search(title)


def cyrillic_work_language(title: str, ref: Reference) -> LanguageReading | None:
    """A Cyrillic title whose letters do not say its language (*Голодомор 1932–1933 рр. як
    геноцид*) is Ukrainian when its people's names or its place are written in Ukrainian
    letters (*Кульчицький, Станіслав*; *Київ*) and it has no letter Ukrainian lacks (most
    Russian titles have one: their people are not gathered)."""
    if not may_be_ukrainian(title):
        return None
    others = work_names_and_place(ref)
    reading = cyrillic_language(" ".join(text for text in others if CYRILLIC.search(text)))
    if reading is None or reading.language != "uk":
        return None
    return LanguageReading("uk", (f"its people or place {reading.evidence[0]}",), 0.8)


def romanize_ukrainian(text: str) -> str:
    """Ukrainian Cyrillic in ALA-LC without diacritics or soft signs, case kept (Історія
    України-Руси -> Istoriia Ukrainy-Rusy), so the matching key reads it as it reads the
    romanized record of the same work; other characters as they are."""
    table = _tables()[4]
    return "".join(table.get(ch, ch) for ch in text)


# -- romanized Ukrainian -------------------------------------------------------------------


def latin_key(word: str) -> str:
    """How a Latin word is looked up among the Ukrainian keys: lower case, without marks,
    apostrophes or soft signs (Hrushevs'kyi, Hruševs'kyj and Hrushevskyi meet)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(
        _APOSTROPHES)


@cache
def _tables() -> tuple[dict[int, str], dict[str, str], dict[str, str], dict[int, str],
                       dict[str, str]]:
    table = load_table("ukrainian")
    ala = dict(table["ala-lc"])
    scholarly = ala | table["scholarly"]
    cased = ala | {k.upper(): v[:1].upper() + v[1:] for k, v in ala.items() if k.isalpha()}
    return (str.maketrans(ala), table["national"]["initial"], table["national"]["inside"],
            str.maketrans(scholarly), cased)


def spellings(words: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """Each word's keys (``latin_key`` of its spellings), a tuple per word, in order; made
    on one joined string (a few C-level passes, not half a million Python calls)."""
    ala, initial, inside, scholarly, _ = _tables()
    joined = "\n".join(words)
    national = re.sub("(?m)^[" + "".join(initial) + "]",
                      lambda m: initial[m.group()], joined)
    for cyrillic, latin in inside.items():
        national = national.replace(cyrillic, latin)
    for forms in zip(*(text.translate(table).split("\n") for text, table in
                       ((joined, ala), (national, ala), (joined, scholarly))), strict=True):
        yield tuple(dict.fromkeys(latin_key(form) for form in forms))


class KeyWords(NamedTuple):
    """What one key spells among wordfreq's Ukrainian words (``ukrainian_keys``)."""

    frequency: float  # of the commonest word spelled so
    word: str  # that word, in Cyrillic: what a field settled as Ukrainian is written from
    rival: float  # of the next commonest word spelled so (0.0 when it is the only one)


def ukrainian_keys(frequencies: Iterable[tuple[str, float]]) -> dict[str, KeyWords]:
    """Key -> the commonest Ukrainian word spelled so, and how common the next one is (the
    index's ``ukrainian.dawg`` and ``ukrainian_words.dawg``); words with letters Ukrainian
    lacks are left out, and words rarer than ``COMMON``, which no verdict counts (a third
    of the list is left)."""
    floor = 10 ** (COMMON - 9)  # Zipf is log10 of the frequency per billion words
    words, found = [], []
    for word, frequency in frequencies:
        if frequency >= floor and _UKRAINIAN_WORD.match(word):
            words.append(word)
            found.append(frequency)
    keys: dict[str, KeyWords] = {}
    if not words:  # (spellings of no words would be the spellings of one empty word)
        return keys
    for word, forms, frequency in zip(words, spellings(words), found, strict=True):
        for key in forms:
            if key:
                keys[key] = _with_word(keys.get(key), word, frequency)
    return keys


def _with_word(known: KeyWords | None, word: str, frequency: float) -> KeyWords:
    """A key's entry once ``word`` is found to spell it too (the list comes commonest
    first, so most words only become a rival)."""
    if known is None:
        return KeyWords(frequency, word, 0.0)
    if frequency > known.frequency:
        return KeyWords(frequency, word, known.frequency)
    return known._replace(rival=max(known.rival, frequency))


# the readings a word is judged by (a place's Russian exonym too: Kyiv is not Kiev)
_JUDGED = frozenset({"lexicon", "typo-neighbour", "guess", "exonym",
                     "other-language"})  # (roky is Czech and Ukrainian)
# the Russian schemes a Russian title is spelled in (a word spelled so is Russian evidence)
_RUSSIAN_SCHEMES = ("ala-lc", "bgn-pcgn", "scholarly", "wikipedia")


@lru_cache(maxsize=100_000)
def _russian_spellings(cyrillic: str) -> frozenset[str]:
    from .romanize import romanize_lower

    return frozenset(latin_key(romanize_lower(cyrillic, s)) for s in _RUSSIAN_SCHEMES)


#: the last line of a romanized Ukrainian field's evidence: what was done with it
AS_RUSSIAN = "give the entry language = {russian} to normalize it as Russian"
LEFT_AS_FOUND = f"left as found; {AS_RUSSIAN}"


def _evidence(words: Sequence[str], russian: int) -> tuple[str, ...]:
    return (f"Ukrainian words: {', '.join(words)}",
            "no Russian word is as common in these spellings"
            + (f"; {russian} word(s) only Russian" if russian else ""),
            LEFT_AS_FOUND)


class UkrainianReader:
    """Decides whether the words of a field read as Russian are Ukrainian; remembers each
    word's verdict (a library repeats its words)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._words: dict[tuple[str, str | None, str], int] = {}

    def read(self, resolved: Sequence[tuple[Token, Resolution]]) -> LanguageReading | None:
        """A Ukrainian reading of the field, or None.  Ukrainian when two words or more are
        Ukrainian evidence and they outnumber the Russian evidence twice and the English
        words.  One word, with nothing Russian or English beside it, only leans Ukrainian
        (*Narysy istorii Ukrainy*, but also *Ubyistvo*, a misspelt Russian title): the
        work's people or place settle it."""
        memo = self._words
        ukrainian: list[str] = []
        russian = 0
        for token, r in resolved:  # one pass, no list: most titles have no Ukrainian word
            verdict = memo.get((token.text, r.cyrillic, r.source))
            if verdict is None:
                verdict = self._verdict(token.text, r)
            if verdict > 0:
                ukrainian.append(token.text)
            elif verdict < 0:
                russian += 1
        if not ukrainian:
            return None
        count = len(ukrainian)
        english = sum(1 for _, r in resolved if r.language == "en")
        ukrainian = list(dict.fromkeys(ukrainian))
        if count >= 2 and count > 2 * russian and count > english:
            return LanguageReading("uk", _evidence(ukrainian, russian),
                                   0.9 if russian == 0 else 0.75, True, tuple(ukrainian))
        if count == 1 and not russian and not english:
            return LanguageReading("uk", _evidence(ukrainian, 0), 0.5, False, tuple(ukrainian))
        return None

    def words(self, resolved: Sequence[tuple[Token, Resolution]]) -> list[tuple[str, int]]:
        """Each word with its verdict (see ``_verdict``)."""
        return [(token.text, self._verdict(token.text, r)) for token, r in resolved]

    def _verdict(self, text: str, r: Resolution) -> int:
        """1: Ukrainian (far more common than any Russian word spelled so); -1: Russian
        only; 0: either, or no evidence."""
        memo = (text, r.cyrillic, r.source)
        found = self._words.get(memo)
        if found is None:
            found = self._words[memo] = self._judge(text, r)
        return found

    def _judge(self, text: str, r: Resolution) -> int:
        from .resolve import Source

        if r.source not in _JUDGED or len(text) < 2:
            return 0  # established names, acronyms, English words, single letters
        parts = [p for p in text.split("-") if p] or [text]  # Ukrainy-Rusy: by its parts
        ukrainian = max(self.lexicon.ukrainian_zipf(latin_key(p)) for p in parts)
        spelled = (r.source in (Source.LEXICON, Source.EXONYM) and r.cyrillic is not None
                   and latin_key(text.replace("-", "")) in _russian_spellings(
                       r.cyrillic.lower().replace("-", "")))
        russian = self.lexicon.zipf(r.cyrillic.lower()) if spelled and r.cyrillic else 0.0
        if ukrainian >= COMMON and ukrainian >= russian + MARGIN:
            return 1
        if russian >= COMMON and ukrainian < COMMON:
            return -1
        return 0
