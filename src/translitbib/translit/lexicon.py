"""The Russian lexicon: words by skeleton, their frequency, and what pymorphy3 knows of them.

Built once per process (``get_lexicon()``) from wordfreq's large Russian list (about 670,000
Cyrillic word forms, inflected forms included) and pymorphy3's OpenCorpora dictionary.
wordfreq and pymorphy3 are imported here only, so ``translitbib --help`` stays fast.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .skeleton import cyrillic_skeleton

_CYRILLIC_WORD = re.compile("^[а-яё]+$")
NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


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


class Lexicon:
    """Skeleton index over wordfreq's Russian words, plus pymorphy3 for grammar."""

    def __init__(self) -> None:
        import pymorphy3
        import wordfreq

        self.morph = pymorphy3.MorphAnalyzer(lang="ru")
        self._english = wordfreq
        frequencies: dict[str, float] = wordfreq.get_frequency_dict("ru", wordlist="large")
        index: dict[str, list[str]] = {}
        for word in frequencies:
            if _CYRILLIC_WORD.match(word):
                index.setdefault(cyrillic_skeleton(word), []).append(word)
        self.frequencies = frequencies
        self.index = index

    def candidates(self, skeleton: str) -> list[str]:
        return self.index.get(skeleton, [])

    def zipf(self, word: str) -> float:
        frequency = self.frequencies.get(word, 0.0)
        return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0

    def english_zipf(self, word: str) -> float:
        return _english_zipf(self._english, word)

    @lru_cache(maxsize=200_000)  # noqa: B019 - one lexicon per process, cache lives with it
    def info(self, word: str) -> WordInfo:
        parses = self.morph.parse(word)
        known = self.morph.word_is_known(word)
        restored = {p.word for p in parses}
        form = restored.pop() if known and len(restored) == 1 else word
        first = parses[0]
        name = next((p for p in parses if NAME_TAGS & p.tag.grammemes), None) if known else None
        chosen: Any = name or first
        if name is not None:
            nominative = next(
                (p for p in parses if NAME_TAGS & p.tag.grammemes and "nomn" in p.tag.grammemes),
                None,
            )
            if nominative is not None:
                chosen = nominative
        tag = next(iter(NAME_TAGS & chosen.tag.grammemes), "") if name is not None else ""
        is_nominative = "nomn" in chosen.tag.grammemes
        # a nominative surname is its own lemma: Прудникова is not lemmatized to Прудников
        name_lemma = form if (tag and is_nominative) else chosen.normal_form
        return WordInfo(
            word=form,
            zipf=max(self.zipf(word), self.zipf(form)),
            known=known,
            lemma=first.normal_form if known else word,
            name_tag=tag,
            name_lemma=name_lemma,
            nominative=is_nominative,
            plural="plur" in chosen.tag.grammemes,
        )


@lru_cache(maxsize=200_000)
def _english_zipf(module: Any, word: str) -> float:
    return float(module.zipf_frequency(word, "en", wordlist="large"))


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, built on first use (about two seconds)."""
    global _lexicon
    with _lock:
        if _lexicon is None:
            _lexicon = Lexicon()
        return _lexicon
