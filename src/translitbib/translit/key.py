"""The spelling-tolerant key that links citations to references.

``match_key("Ubiystvo") == match_key("Ubyistvo") == match_key("*Ubiystvo*")``: every
Russian word becomes its resolved Cyrillic form (lower case, ё as е, й as и: ALA-LC writes
both i, and Moi is мой or мои; not its lemma, so two different case forms stay apart), a
word the lexicon lacks becomes its skeleton (so Khlevniuk and Khlevnyuk meet), and anything
else is folded (lower case, no diacritics).
Typo suspects take their correction: the key is for matching, not for rewriting.
Ukrainian Cyrillic (told by its letters) is romanized first, so it meets its romanized
record: *Історія України-Руси* and *Istoriia Ukrainy-Rusy* have one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..richtext import strip_tags
from .normalize import Token, tokenize
from .resolve import Kind, Resolver, Role, Source
from .skeleton import cyrillic_skeleton, latin_skeletons
from .ukrainian import is_ukrainian, romanize_ukrainian

_resolver: Resolver | None = None
_OTHER = re.compile(r"\d+")
MAX_KEY_CHARS = 2_000
MAX_WORD_KEYS = 500_000
_word_keys: dict[str, str] = {}


def _shared_resolver() -> Resolver:
    global _resolver
    if _resolver is None:
        _resolver = Resolver(other_languages=False)
    return _resolver


@lru_cache(maxsize=262_144)
def match_key(text: str) -> str:
    """One key per work title or author string; equal keys mean the same words."""
    resolver = _shared_resolver()
    text = text[:MAX_KEY_CHARS]  # a key needs the start of a title, not ten megabytes of it
    text = strip_tags(text)  # <i>Pravda</i> is Pravda
    if is_ukrainian(text):
        text = romanize_ukrainian(text)  # keyed as its romanized record is (Руси is Rusy)
    if _OTHER.search(text) is None:  # no number between the words: the words alone
        return " ".join(p for p in (_token_key(resolver, t) if t.followed_by_dot
                                    else word_key(resolver, t.text) for t in tokenize(text))
                        if p)
    parts: list[str] = []
    position = 0
    for token in tokenize(text):
        parts.extend(_OTHER.findall(text[position : token.start]))
        parts.append(_token_key(resolver, token))
        position = token.end
    parts.extend(_OTHER.findall(text[position:]))
    return " ".join(p for p in parts if p)


_INITIAL = re.compile(r"[A-Z][a-z]{1,3}")  # Iu., Zh., Shch.: one Cyrillic letter, romanized


def _token_key(resolver: Resolver, token: Token) -> str:
    """A word's key; an initial of several letters (Iu.) is keyed as the letter it stands
    for, as Yu., Ju. and Ю. are (as a word, Iu is the rare ию)."""
    if token.followed_by_dot and _INITIAL.fullmatch(token.text):
        letter = _initial_letter(resolver, token.text)
        if letter:
            return letter
    return word_key(resolver, token.text)


@lru_cache(maxsize=1024)
def _initial_letter(resolver: Resolver, word: str) -> str:
    """The Cyrillic letter a romanized initial stands for, lower case; "" when it is no
    single letter (St., Dr.)."""
    cyrillic = resolver.resolve(word, Role.NAME).cyrillic  # None: no reading (Ibid.)
    return cyrillic.lower().replace("й", "и") if cyrillic and len(cyrillic) == 1 else ""


def word_key(resolver: Resolver, word: str) -> str:
    if resolver is _resolver:  # the shared resolver's keys are remembered word by word
        found = _word_keys.get(word)
        if found is None:
            found = _word_keys[word] = _word_key(resolver, word)
            if len(_word_keys) > MAX_WORD_KEYS:
                _word_keys.clear()
        return found
    return _word_key(resolver, word)


def _word_key(resolver: Resolver, word: str) -> str:
    resolution = resolver.resolve(word, Role.TEXT)
    if resolution.kind is Kind.GUESS:
        return latin_skeletons(word)[0].lower()
    if resolution.source is Source.CYRILLIC:  # as a romanized word's reading is keyed:
        key = cyrillic_key(word)  # a word no list has (Чилачава) by its skeleton, as a guess is
        if resolver.lexicon.zipf(key) == 0 and not resolver.lexicon.info(key).known:
            return cyrillic_skeleton(key).lower()
        return key.replace("й", "и")
    if resolution.russian and resolution.language != "en":
        return resolution.cyrillic.lower().replace("ё", "е").replace("й", "и")
    return fold(word)


def cyrillic_key(word: str) -> str:
    """A Cyrillic word as its key: lower case, ё as е, й kept, stress marks and other
    diacritics dropped (Бе́рия -> берия, Убийство -> убийство)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    kept = "".join(ch for ch in decomposed if ch.isalnum() or ch == "\u0306")  # й's breve
    return unicodedata.normalize("NFC", kept).replace("ё", "е")


def fold(word: str) -> str:
    """Lower case without diacritics or apostrophes (for words that are not Russian)."""
    decomposed = unicodedata.normalize("NFKD", word)
    kept = "".join(ch for ch in decomposed if ch.isalnum())
    return kept.lower()
