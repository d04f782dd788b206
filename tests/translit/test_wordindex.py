"""The word index and its disk cache: built once, reused, rebuilt when damaged, identical
to what wordfreq says; never written outside the test's own directory."""

from __future__ import annotations

import math
import os
import random
import re
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

import pytest

from translitbib.translit.lexicon import Lexicon
from translitbib.translit.skeleton import cyrillic_skeleton
from translitbib.translit.wordindex import (
    CACHE_ENV,
    WordIndex,
    build_index,
    cache_key,
    default_cache_dir,
    load_index,
)


def _frequency(zipf: float) -> float:
    return 10 ** (zipf - 9)


class SmallSource:
    """A handful of words, counting how often the index had to be built from them."""

    RUSSIAN: ClassVar[dict[str, float]] = {
        "убийство": 4.76, "убиство": 1.0, "берия": 3.5, "беря": 3.2, "весь": 6.1, "вес": 4.9,
        "хлевнюк": 1.7, "ь": 2.0, "otsy": 1.0, "что-то": 5.0,
    }
    ENGLISH: ClassVar[dict[str, float]] = {"the": 7.73, "beria": 2.4, "o'meara": 1.5}
    FOREIGN: ClassVar[dict[str, dict[str, float]]] = {
        "de": {"sicht": 4.86, "der": 7.46, "selten": 2.0}, "fr": {"des": 7.15},
        "cs": {"des": 3.82}}
    UKRAINIAN: ClassVar[dict[str, float]] = {"україни": 6.57, "україні": 6.08, "як": 6.77,
                                             "юрій": 4.5, "юрій-": 1.0, "ы": 3.0,
                                             "традиції": 4.53, "традицій": 4.06}

    def __init__(self, name: str = "small") -> None:
        self.name = name
        self.builds = 0

    def key(self) -> dict[str, str]:
        return {"source": self.name}

    def russian(self) -> Mapping[str, float]:
        self.builds += 1
        return {w: _frequency(z) for w, z in self.RUSSIAN.items()}

    def english(self) -> Mapping[str, float]:
        return {w: _frequency(z) for w, z in self.ENGLISH.items()}

    def ukrainian(self) -> Mapping[str, float]:
        return {w: _frequency(z) for w, z in self.UKRAINIAN.items()}

    def foreign(self, language: str) -> Mapping[str, float]:
        words = self.FOREIGN.get(language, {})
        return {w: _frequency(z) for w, z in words.items()}


def _contents(index: WordIndex) -> tuple[object, ...]:
    words = [*SmallSource.RUSSIAN, "нет-такого"]
    return (
        [index.candidates(cyrillic_skeleton(w)) for w in words],
        [index.zipf(w) for w in words],
        [index.english_zipf(w) for w in [*SmallSource.ENGLISH, "nope"]],
        [index.ukrainian_zipf(k) for k in ("ukrainy", "ukraini", "iak", "yurii", "nope")],
        [index.ukrainian_word(k) for k in ("ukrajiny", "tradytsii", "tradycij", "nope")],
        [cyrillic_skeleton(w) in index for w in words],
        [index.other_language(w) for w in ("sicht", "des", "der", "selten", "nope")],
    )


def _directory(cache: Path, source: SmallSource) -> Path:
    return cache / f"lexicon-{cache_key(source)}"


def test_the_index_answers_from_its_words() -> None:
    source = SmallSource()
    index = build_index(source.russian(), source.english(), source.ukrainian())
    assert index.candidates("ubistvo") == ["убийство", "убиство"]  # most frequent first
    assert index.candidates("beria") == ["берия", "беря"]
    assert index.candidates("") == ["ь"]  # ь alone has the empty skeleton
    assert index.candidates("otsy") == []  # Latin entries have frequencies, no skeleton
    assert index.zipf("убийство") == 4.76 and index.zipf("otsy") == 1.0
    assert index.zipf("нет") == 0.0
    assert index.english_zipf("the") == 7.73 and index.english_zipf("zzz") == 0.0
    assert "ves" in index and "vesy" not in index
    # Ukrainian words by every spelling's key; a word with letters Ukrainian lacks is left out
    assert [index.ukrainian_zipf(k) for k in ("ukrainy", "ukrajiny", "ukraini", "iak", "jak",
                                              "yurii", "iurii", "jurij")] == [
        6.57, 6.57, 6.08, 6.77, 6.77, 4.5, 4.5, 4.5]
    assert index.ukrainian_zipf("y") == 0.0 and index.ukrainian_zipf("nope") == 0.0


def test_a_ukrainian_key_gives_its_commonest_word_and_how_sure_it_is() -> None:
    """What a field settled as Ukrainian is written from: the Cyrillic of each romanized
    word, and how common the next word spelled so is (ALA-LC writes традиції and традицій
    alike, the scholarly system does not)."""
    source = SmallSource()
    index = build_index(source.russian(), source.english(), source.ukrainian())
    assert index.ukrainian_word("ukrajiny") == ("україни", 6.57, 0.0)
    assert index.ukrainian_word("iurii") == ("юрій", 4.5, 0.0)
    assert index.ukrainian_word("tradytsii") == ("традиції", 4.53, 4.06)
    assert index.ukrainian_word("tradycij") == ("традицій", 4.06, 0.0)
    assert index.ukrainian_word("nope") is None and index.ukrainian_word("") is None


def test_common_words_of_other_languages_are_indexed_by_their_commonest_language() -> None:
    from translitbib.translit.wordindex import _foreign

    index = build_index({}, {}, {}, _foreign(SmallSource()))
    assert index.other_language("sicht") == ("de", 4.86)
    assert index.other_language("des") == ("fr", 7.15)  # French's more than Czech's
    assert index.other_language("selten") is None  # rarer than OTHER_FLOOR: left out
    assert index.other_language("nope") is None


def test_built_once_then_read_from_the_cache(tmp_path: Path) -> None:
    source = SmallSource()
    first = load_index(tmp_path, source)
    assert (first.origin, source.builds) == ("built", 1)
    manifest = _directory(tmp_path, source) / "manifest.json"
    written = manifest.stat().st_mtime_ns
    second = load_index(tmp_path, source)
    assert (second.origin, source.builds) == ("cache", 1)
    assert manifest.stat().st_mtime_ns == written
    assert _contents(second) == _contents(first)
    assert [p.name for p in tmp_path.iterdir()] == [_directory(tmp_path, source).name]


def test_the_same_answers_with_and_without_the_cache(tmp_path: Path) -> None:
    source = SmallSource()
    load_index(tmp_path, source)
    cached = load_index(tmp_path, source)
    in_memory = load_index(None, source)
    assert (cached.origin, in_memory.origin) == ("cache", "memory")
    assert _contents(cached) == _contents(in_memory)


@pytest.mark.parametrize("damage", ["truncate", "flip", "delete", "manifest"])
def test_a_damaged_cache_is_rebuilt(tmp_path: Path, damage: str) -> None:
    source = SmallSource()
    expected = _contents(load_index(tmp_path, source))
    directory = _directory(tmp_path, source)
    victim = directory / "groups.dawg"
    data = victim.read_bytes()
    if damage == "truncate":
        victim.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        victim.write_bytes(data[:100] + bytes(b ^ 0xFF for b in data[100:200]) + data[200:])
    elif damage == "delete":
        victim.unlink()
    else:
        (directory / "manifest.json").write_text("{not json", "utf-8")
    rebuilt = load_index(tmp_path, source)
    assert (rebuilt.origin, source.builds) == ("built", 2)
    assert _contents(rebuilt) == expected
    assert load_index(tmp_path, source).origin == "cache"
    assert [p.name for p in tmp_path.iterdir()] == [directory.name]  # nothing left aside


def test_an_unwritable_cache_dir_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", "utf-8")  # even root cannot mkdir under a file
    source = SmallSource()
    index = load_index(blocker / "cache", source)
    assert index.origin == "memory"
    assert _contents(index) == _contents(load_index(None, SmallSource()))


def test_a_process_that_loses_the_race_uses_the_winners_index(tmp_path: Path) -> None:
    """Two processes build at once: the first rename wins, the second discards its copy."""
    source = SmallSource()
    winner = load_index(tmp_path, source)
    directory = _directory(tmp_path, source)
    from translitbib.translit.wordindex import _store

    assert _store(build_index(source.russian(), source.english(), source.ukrainian()),
                  tmp_path, directory)
    assert [p.name for p in tmp_path.iterdir()] == [directory.name]
    assert _contents(load_index(tmp_path, source)) == _contents(winner)


def test_another_source_or_version_gets_its_own_directory(tmp_path: Path) -> None:
    load_index(tmp_path, SmallSource("one"))
    load_index(tmp_path, SmallSource("two"))
    assert len(list(tmp_path.glob("lexicon-*"))) == 2


def test_the_cache_dir_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    assert default_cache_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv(CACHE_ENV)
    assert default_cache_dir().name == "translitbib"


def test_the_session_index_is_read_from_the_test_cache(lexicon: Lexicon) -> None:
    """conftest points the cache at a temporary directory: the user's cache is not touched."""
    cache = Path(os.environ[CACHE_ENV])
    assert cache.name == "translitbib-cache"
    assert list(cache.glob("lexicon-*/manifest.json"))


def test_the_full_index_matches_wordfreq(lexicon: Lexicon) -> None:
    """Skeleton groups (in wordfreq's order) and Zipf values for a random sample of the
    full lists, compared with a plain in-memory grouping."""
    import wordfreq

    russian = wordfreq.get_frequency_dict("ru", wordlist="large")
    cyrillic = [w for w in russian if re.fullmatch("[а-яё]+", w)]
    skeletons = cyrillic_skeleton("\n".join(cyrillic)).split("\n")
    sample = set(random.Random(20261122).sample(range(len(cyrillic)), 2_000))
    wanted = {skeletons[i] for i in sample}
    expected: dict[str, list[str]] = {s: [] for s in wanted}
    for word, skeleton in zip(cyrillic, skeletons, strict=True):
        if skeleton in wanted:
            expected[skeleton].append(word)
    assert {s: lexicon.candidates(s) for s in wanted} == expected
    for i in sample:
        word = cyrillic[i]
        assert lexicon.zipf(word) == round(math.log10(russian[word]) + 9, 2), word
    english = wordfreq.get_frequency_dict("en", wordlist="large")
    for word in random.Random(7).sample(sorted(english), 500):
        assert lexicon.english_zipf(word) == round(math.log10(english[word]) + 9, 2), word
