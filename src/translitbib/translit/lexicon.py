"""The Russian lexicon: words by skeleton, their frequency, and what pymorphy3 knows of them.

The words are wordfreq's large Russian list (about 670,000 Cyrillic word forms, inflected
forms included), indexed by skeleton in a compact ``wordindex.WordIndex`` that is built once
and then read from the user's cache (a few hundredths of a second, a few MB); the grammar
is pymorphy3's OpenCorpora dictionary.  Both load on first use (``get_lexicon()``), so
``translitbib --help`` stays fast.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .wordindex import UkrainianWord, WordIndex, default_cache_dir, load_index

if TYPE_CHECKING:
    import pymorphy3

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
    """Skeleton index over wordfreq's Russian words, plus pymorphy3 for grammar.

    ``Lexicon()`` reads the index from the cache (building it there the first time);
    pass a ``WordIndex`` to use another (tests build small ones)."""

    def __init__(self, index: WordIndex | None = None) -> None:
        import pymorphy3

        self.morph: pymorphy3.MorphAnalyzer = pymorphy3.MorphAnalyzer(lang="ru")
        self.index = index if index is not None else load_index(default_cache_dir())

    def candidates(self, skeleton: str) -> list[str]:
        return self.index.candidates(skeleton)

    def zipf(self, word: str) -> float:
        return self.index.zipf(word)

    def english_zipf(self, word: str) -> float:
        return self.index.english_zipf(word.lower().replace("’", "'"))

    def ukrainian_zipf(self, key: str) -> float:
        """How common the commonest Ukrainian word spelled ``key`` is (``ukrainian``)."""
        return self.index.ukrainian_zipf(key)

    def ukrainian_word(self, key: str) -> UkrainianWord | None:
        """The commonest Ukrainian word spelled ``key``, and how common the next one is:
        what a field settled as Ukrainian is written from (``ukrainian_writing``)."""
        return self.index.ukrainian_word(key)

    def other_language(self, word: str) -> tuple[str, float] | None:
        """(language, Zipf) when ``word`` is a common German, French, Polish, Czech or
        Italian word (``wordindex.OTHER_LANGUAGES``), the language it is commonest in."""
        return self.index.other_language(word.lower().replace("’", "'"))

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


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, loaded on first use (about 0.2 s; 5 s the very first time,
    when the index is built and cached)."""
    global _lexicon
    with _lock:
        if _lexicon is None:
            _lexicon = Lexicon()
        return _lexicon
