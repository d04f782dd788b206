"""The Russian lexicon: words by skeleton, their frequency, and what pymorphy3 knows of them.

Built once per process (``get_lexicon()``) from wordfreq's large Russian list (about 670,000
Cyrillic word forms, inflected forms included) and pymorphy3's OpenCorpora dictionary.
wordfreq and pymorphy3 are imported here only, so ``translitbib --help`` stays fast.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .skeleton import cyrillic_skeleton

_CYRILLIC_WORD = re.compile("^[а-яё]+$")
NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
PROPER_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the lexicon knows of one Cyrillic word form."""

    word: str  # with ё restored when the dictionary is sure (хрущев -> хрущёв)
    zipf: float  # wordfreq's Zipf frequency (0 when unseen)
    known: bool  # in the OpenCorpora dictionary
    lemma: str
    name_tag: str  # "Name", "Surn", "Patr" when the word can be a person's name, else ""
    name_lemma: str  # the lemma of that name reading
    nominative: bool  # the name reading (or the first reading) is nominative
    plural: bool  # the name reading (or the first reading) is plural (Андреи, Юры)
    proper: bool  # some reading is a name, place or organization (keeps its capital)


class Lexicon:
    """Skeleton index over wordfreq's Russian words, plus pymorphy3 for grammar."""

    def __init__(self) -> None:
        import pymorphy3
        import wordfreq

        self.morph = pymorphy3.MorphAnalyzer(lang="ru")
        self.english: dict[str, float] = wordfreq.get_frequency_dict("en", wordlist="large")
        frequencies: dict[str, float] = wordfreq.get_frequency_dict("ru", wordlist="large")
        self.frequencies = frequencies
        self.index = build_index(frequencies)

    def candidates(self, skeleton: str) -> list[str]:
        return self.index.get(skeleton, [])

    def zipf(self, word: str) -> float:
        frequency = self.frequencies.get(word, 0.0)
        return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0

    def english_zipf(self, word: str) -> float:
        frequency = self.english.get(word.lower().replace("’", "'"), 0.0)
        return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0

    @lru_cache(maxsize=400_000)  # noqa: B019 - one lexicon per process, cache lives with it
    def info(self, word: str) -> WordInfo:
        """Read the OpenCorpora dictionary directly (a DAWG look-up, ~15 µs): pymorphy3's
        full ``parse`` also scores and predicts, several times slower, and we need neither."""
        dictionary = self.morph.dictionary
        found = dictionary.words.similar_items(word, self.morph.char_substitutes)
        if not found:
            return WordInfo(word, self.zipf(word), False, word, "", word, True, False, False)
        spellings = {fixed for fixed, _ in found}
        form = spellings.pop() if len(spellings) == 1 else word
        analyses = [(fixed, dictionary.build_tag_info(para, idx),
                     dictionary.build_normal_form(para, idx, fixed))
                    for fixed, pairs in found for para, idx in pairs]
        first = analyses[0]
        names = [a for a in analyses if NAME_TAGS & a[1].grammemes]
        chosen = first
        if names:
            chosen = next((a for a in names if "nomn" in a[1].grammemes
                           and "sing" in a[1].grammemes), None) or next(
                (a for a in names if "nomn" in a[1].grammemes), names[0])
        tag = next(iter(NAME_TAGS & chosen[1].grammemes), "") if names else ""
        is_nominative = "nomn" in chosen[1].grammemes
        # a nominative surname is its own lemma: Прудникова is not lemmatized to Прудников
        name_lemma = form if (tag and is_nominative) else chosen[2]
        proper = any(PROPER_TAGS & a[1].grammemes for a in analyses)
        return WordInfo(
            word=form,
            zipf=max(self.zipf(word), self.zipf(form)),
            known=True,
            lemma=first[2],
            name_tag=tag,
            name_lemma=name_lemma,
            nominative=is_nominative,
            plural="plur" in chosen[1].grammemes,
            proper=proper,
        )


def build_index(words: Iterable[str]) -> dict[str, list[str]]:
    """Skeleton -> the Cyrillic words with it.  The skeletons of all words are computed on
    one newline-joined string (a few C-level passes instead of 700,000 Python calls)."""
    cyrillic = [w for w in words if _CYRILLIC_WORD.match(w)]
    skeletons = cyrillic_skeleton("\n".join(cyrillic)).split("\n")
    index: dict[str, list[str]] = {}
    for word, skeleton in zip(cyrillic, skeletons, strict=True):
        index.setdefault(skeleton, []).append(word)
    return index


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, built on first use (about two seconds)."""
    global _lexicon
    with _lock:
        if _lexicon is None:
            _lexicon = Lexicon()
        return _lexicon
