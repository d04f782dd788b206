"""The compact word index behind the lexicon, built once and cached on disk.

Six DAWGs and one byte string, together about 40 MB on disk and a few MB in memory:

    words.dawg     Russian word form -> Zipf frequency × 100 (all of wordfreq's large list)
    english.dawg   English word -> Zipf × 100 (the English look-ups need no word list)
    ukrainian.dawg a Ukrainian word's romanized key (``ukrainian.latin_key`` of its ALA-LC,
                   national and scholarly spellings) -> the highest Zipf × 100 among the
                   words spelled so (telling a romanized Ukrainian title from a Russian one)
    ukrainian_words.dawg  the same key + "\\x01" + the commonest Ukrainian word spelled so
                   -> the Zipf × 100 of the next commonest (0 when none): the Cyrillic a
                   field settled as Ukrainian is written from, and whether it is sure
                   (9 MB, read on first use: most runs meet no Ukrainian field)
    foreign.dawg   a common word of the other languages Slavic studies cite in (German,
                   French, Polish, Czech, Italian; Zipf >= 2.5) -> its highest Zipf × 100
                   × 8 + the index of its language in ``OTHER_LANGUAGES`` (telling a
                   German subtitle's words from Russian ones)
    groups.dawg    "~" + skeleton -> where its words start in groups.bin
    groups.bin     the Cyrillic words of each skeleton, "\\n"-separated, "\\t"-terminated,
                   in wordfreq's order (most frequent first); memory-mapped, so a run
                   touches only the pages of the skeletons it looks up

wordfreq stores frequencies in whole centibels, so Zipf × 100 is exact as an integer.

The cache lives in ``<cache dir>/lexicon-<key>/``: the cache dir is ``$TRANSLITBIB_CACHE_DIR``
or ``platformdirs.user_cache_dir("translitbib")``; the key hashes the format, the wordfreq
and pymorphy3-dicts-ru versions and the skeleton and Ukrainian code and tables, so an
upgrade builds a new directory (old ones can simply be deleted).  A directory is written
under a temporary name and renamed into place, so a reader sees a whole index or none, and
two processes building at once both succeed.  ``manifest.json`` holds each file's size and
CRC-32: a truncated or damaged index is moved aside and rebuilt, never read.  An unwritable
cache dir means the index is built in memory for this process (about 8 s) and the run goes
on.
"""

from __future__ import annotations

import hashlib
import json
import math
import mmap
import os
import re
import shutil
import tempfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import NamedTuple, Protocol

import dawg

from ..cachedir import CACHE_ENV as CACHE_ENV  # re-exported for tests and docs
from ..cachedir import cache_dir
from .skeleton import cyrillic_skeleton

FORMAT = 4  # 4: ukrainian_words.dawg
_CYRILLIC_WORD = re.compile("^[а-яё]+$")
_GROUP_PREFIX = "~"  # keys are never empty (ь alone has the empty skeleton)
_FILES = ("words.dawg", "english.dawg", "ukrainian.dawg", "foreign.dawg", "groups.dawg",
          "ukrainian_words.dawg", "groups.bin")
_WORD_MARK = "\x01"  # between a key and its word in ukrainian_words.dawg (no key has it)
#: the languages of foreign.dawg, in the order its values number them
OTHER_LANGUAGES = ("de", "fr", "pl", "cs", "it")
#: the rarest word of those languages kept (Zipf): befehls is 2.78
OTHER_FLOOR = 2.5


class WordSource(Protocol):
    """Where the words come from: wordfreq, or a small list in tests."""

    def key(self) -> dict[str, str]: ...

    def russian(self) -> Mapping[str, float]: ...

    def english(self) -> Mapping[str, float]: ...

    def ukrainian(self) -> Mapping[str, float]: ...

    def foreign(self, language: str) -> Mapping[str, float]: ...


class WordfreqSource:
    """wordfreq's large Russian and English lists (imported only to build the index).
    ``min_zipf`` drops the rarer Russian words (an experiment: bench/translit/README.md)."""

    def __init__(self, min_zipf: float = 0.0) -> None:
        self.min_zipf = min_zipf

    def key(self) -> dict[str, str]:
        key = {"wordfreq": _version("wordfreq"),
               "pymorphy3-dicts-ru": _version("pymorphy3-dicts-ru")}
        return key | ({"min_zipf": str(self.min_zipf)} if self.min_zipf else {})

    def russian(self) -> Mapping[str, float]:
        import wordfreq

        words: dict[str, float] = wordfreq.get_frequency_dict("ru", wordlist="large")
        if not self.min_zipf:
            return words
        floor = 10 ** (self.min_zipf - 9)
        return {word: frequency for word, frequency in words.items() if frequency >= floor}

    def english(self) -> Mapping[str, float]:
        import wordfreq

        return wordfreq.get_frequency_dict("en", wordlist="large")  # type: ignore[no-any-return]

    def ukrainian(self) -> Mapping[str, float]:
        import wordfreq

        return wordfreq.get_frequency_dict("uk", wordlist="large")  # type: ignore[no-any-return]

    def foreign(self, language: str) -> Mapping[str, float]:
        """The words of ``language`` at least ``OTHER_FLOOR`` common, read from the list
        file itself: wordfreq's own readers keep every list they read in memory (five
        more lists would add about 300 MB to the build's peak)."""
        import wordfreq

        buckets = wordfreq.read_cBpack(wordfreq.available_languages("large")[language])
        kept = round((9 - OTHER_FLOOR) * 100)  # bucket i holds the words of Zipf 9 - i/100
        return {word: 10 ** (-index / 100) for index, bucket in enumerate(buckets[: kept + 1])
                for word in bucket}


class UkrainianWord(NamedTuple):
    """The commonest Ukrainian word a romanized key spells (``WordIndex.ukrainian_word``)."""

    word: str  # in Cyrillic, lower case
    zipf: float
    rival: float  # the Zipf frequency of the next commonest word spelled so (0.0: none)


class WordIndex:
    """Skeleton -> Cyrillic words, and Zipf frequencies: Russian, English, romanized
    Ukrainian (by key, with the commonest word) and the other languages' common words."""

    def __init__(self, words: dawg.IntDAWG, english: dawg.IntDAWG, ukrainian: dawg.IntDAWG,
                 foreign: dawg.IntDAWG, groups: dawg.IntDAWG, blob: bytes | mmap.mmap,
                 origin: str, ukrainian_words: dawg.IntCompletionDAWG | Path) -> None:
        self._words = words
        self._english = english
        self._ukrainian = ukrainian
        # a path until first asked (most runs meet no Ukrainian field: its 9 MB stay on disk)
        self._ukrainian_words = ukrainian_words
        self._foreign = foreign
        self._groups = groups
        self._blob = blob
        self.origin = origin  # "cache" (read), "built" (and written to the cache), "memory"

    def candidates(self, skeleton: str) -> list[str]:
        start = self._groups.get(_GROUP_PREFIX + skeleton)
        if start is None:
            return []
        end = self._blob.find(b"\t", start)
        return self._blob[start:end].decode("utf-8").split("\n")

    def __contains__(self, skeleton: object) -> bool:
        return isinstance(skeleton, str) and (_GROUP_PREFIX + skeleton) in self._groups

    def zipf(self, word: str) -> float:
        value = self._words.get(word)
        return value / 100 if value is not None else 0.0

    def english_zipf(self, word: str) -> float:
        value = self._english.get(word)
        return value / 100 if value is not None else 0.0

    def ukrainian_zipf(self, key: str) -> float:
        """The Zipf frequency of the commonest Ukrainian word ``key`` spells (a
        ``ukrainian.latin_key``), 0 when none does."""
        value = self._ukrainian.get(key)
        return value / 100 if value is not None else 0.0

    def ukrainian_word(self, key: str) -> UkrainianWord | None:
        """The commonest Ukrainian word ``key`` spells (a ``ukrainian.latin_key``), with
        how common the next one is; None when it spells none."""
        found = self._words_by_key().items(key + _WORD_MARK)
        if not found:
            return None
        entry, rival = found[0]
        return UkrainianWord(entry[len(key) + 1 :], self.ukrainian_zipf(key), rival / 100)

    def _words_by_key(self) -> dawg.IntCompletionDAWG:
        if isinstance(self._ukrainian_words, Path):
            try:
                self._ukrainian_words = dawg.IntCompletionDAWG().load(str(self._ukrainian_words))
            except (OSError, ValueError, dawg.Error):  # deleted since it was checked: no
                self._ukrainian_words = dawg.IntCompletionDAWG()  # word is rewritten
        return self._ukrainian_words

    def other_language(self, word: str) -> tuple[str, float] | None:
        """The language of ``OTHER_LANGUAGES`` in which ``word`` (lower case) is commonest,
        and its Zipf frequency there; None when it is no common word of any."""
        value = self._foreign.get(word)
        if value is None:
            return None
        return OTHER_LANGUAGES[value % 8], value // 8 / 100


def default_cache_dir() -> Path:
    return cache_dir()


def load_index(cache_dir: Path | None, source: WordSource | None = None) -> WordIndex:
    """The index from ``cache_dir`` (built and stored there first if missing or damaged);
    ``cache_dir=None`` builds it in memory."""
    source = source or WordfreqSource()
    if cache_dir is None:
        foreign = _foreign(source)  # first: the other lists are then not yet in memory
        return build_index(source.russian(), source.english(), source.ukrainian(), foreign)
    target = cache_dir / f"lexicon-{cache_key(source)}"
    if target.exists():
        index = _open(target)
        if index is not None:
            return index
        _discard(target)
    foreign = _foreign(source)
    built = build_index(source.russian(), source.english(), source.ukrainian(), foreign)
    if not _store(built, cache_dir, target):
        return built
    return _open(target, origin="built") or built


def cache_key(source: WordSource) -> str:
    code = resources.files("translitbib.translit")
    digest = hashlib.sha256()
    for part in (("skeleton.py",), ("wordindex.py",), ("ukrainian.py",),
                 ("data", "skeleton.toml"), ("data", "ukrainian.toml")):
        digest.update(code.joinpath(*part).read_bytes())
    key = {"format": str(FORMAT), "code": digest.hexdigest(), **source.key()}
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


def _foreign(source: WordSource) -> dict[str, int]:
    """foreign.dawg's values: each common word's highest Zipf × 100 × 8 + its language's
    index (a list at a time, so only one is in memory beside the kept words)."""
    floor = 10 ** (OTHER_FLOOR - 9)
    best: dict[str, int] = {}
    for number, language in enumerate(OTHER_LANGUAGES):
        for word, zipf in _centi_zipf({w: f for w, f in source.foreign(language).items()
                                       if f >= floor and w.isalpha()}):
            value = zipf * 8 + number
            if value > best.get(word, -1):
                best[word] = value
    return best


def build_index(russian: Mapping[str, float], english: Mapping[str, float],
                ukrainian: Mapping[str, float] | None = None,
                foreign: Mapping[str, int] | None = None) -> WordIndex:
    """Build the six DAWGs and the groups in memory (about 9 s for the full lists);
    ``foreign`` is ``_foreign``'s word -> value.
    The skeletons of all words are computed on one newline-joined string: a few C-level
    passes instead of 700,000 Python calls."""
    from .ukrainian import ukrainian_keys

    # first, so its quarter of a million keys are gone before the Russian skeletons are made
    keys = ukrainian_keys((ukrainian or {}).items())
    ukrainian_dawg = _int_dawg((key, _centi(entry.frequency)) for key, entry in keys.items())
    ukrainian_words = dawg.IntCompletionDAWG(
        (key + _WORD_MARK + entry.word, _centi(entry.rival) if entry.rival else 0)
        for key, entry in keys.items())
    del keys
    cyrillic = [w for w in russian if _CYRILLIC_WORD.match(w)]
    skeletons = cyrillic_skeleton("\n".join(cyrillic)).split("\n") if cyrillic else []
    members: dict[str, list[str]] = {}
    for word, skeleton in zip(cyrillic, skeletons, strict=True):
        members.setdefault(skeleton, []).append(word)
    starts: dict[str, int] = {}
    parts: list[bytes] = []
    position = 0
    for skeleton, words in members.items():
        starts[_GROUP_PREFIX + skeleton] = position
        part = ("\n".join(words) + "\t").encode("utf-8")
        parts.append(part)
        position += len(part)
    return WordIndex(_int_dawg(_centi_zipf(russian)), _int_dawg(_centi_zipf(english)),
                     ukrainian_dawg, _int_dawg((foreign or {}).items()),
                     _int_dawg(starts.items()), b"".join(parts), "memory", ukrainian_words)


def _centi_zipf(frequencies: Mapping[str, float]) -> Iterable[tuple[str, int]]:
    for word, frequency in frequencies.items():
        if word and frequency > 0:
            yield word, _centi(frequency)


def _centi(frequency: float) -> int:
    """A frequency as its Zipf value × 100 (exact: wordfreq stores whole centibels)."""
    return round(round(math.log10(frequency) + 9, 2) * 100)


def _int_dawg(items: Iterable[tuple[str, int]]) -> dawg.IntDAWG:
    return dawg.IntDAWG(items)


# -- the cache on disk -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Manifest:
    files: dict[str, tuple[int, int]]  # name -> (size, CRC-32)

    @classmethod
    def read(cls, directory: Path) -> _Manifest | None:
        try:
            data = json.loads((directory / "manifest.json").read_text("utf-8"))
            files = {name: (int(data["files"][name][0]), int(data["files"][name][1]))
                     for name in _FILES}
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None
        return cls(files) if data.get("format") == FORMAT else None


def _open(directory: Path, origin: str = "cache") -> WordIndex | None:
    """The index in ``directory``, or None when any file is missing, short or damaged (the
    C DAWG reader must never see a damaged file)."""
    manifest = _Manifest.read(directory)
    if manifest is None:
        return None
    for name, (size, crc) in manifest.files.items():
        if _checksum(directory / name) != (size, crc):
            return None
    try:
        words, english, ukrainian, foreign, groups = (
            dawg.IntDAWG().load(str(directory / name)) for name in _FILES[:5])
        with open(directory / "groups.bin", "rb") as handle:
            blob: bytes | mmap.mmap = (
                mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                if manifest.files["groups.bin"][0] else b""
            )
    except (OSError, ValueError, dawg.Error):
        return None
    return WordIndex(words, english, ukrainian, foreign, groups, blob, origin,
                     directory / "ukrainian_words.dawg")


def _checksum(path: Path) -> tuple[int, int] | None:
    crc = size = 0
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                crc = zlib.crc32(chunk, crc)
                size += len(chunk)
    except OSError:
        return None
    return size, crc


def _store(index: WordIndex, cache_dir: Path, target: Path) -> bool:
    """Write under a temporary name, then rename into place; False if it cannot be written
    (another process that renamed first wins, and its index is as good as ours)."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=".lexicon-", dir=cache_dir))
    except OSError:
        return False
    try:
        index._words.save(str(temporary / "words.dawg"))
        index._english.save(str(temporary / "english.dawg"))
        index._ukrainian.save(str(temporary / "ukrainian.dawg"))
        index._foreign.save(str(temporary / "foreign.dawg"))
        index._groups.save(str(temporary / "groups.dawg"))
        index._words_by_key().save(str(temporary / "ukrainian_words.dawg"))
        (temporary / "groups.bin").write_bytes(bytes(index._blob))
        files = {name: _checksum(temporary / name) for name in _FILES}
        manifest = {"format": FORMAT, "files": files}
        (temporary / "manifest.json").write_text(json.dumps(manifest), "utf-8")
        os.rename(temporary, target)
    except (OSError, dawg.Error):
        shutil.rmtree(temporary, ignore_errors=True)
        return target.exists()
    return True


def _discard(directory: Path) -> None:
    """Move a damaged index aside (atomic, so a concurrent reader never sees half of it)."""
    aside = directory.with_name(f".damaged-{directory.name}-{os.getpid()}")
    try:
        os.rename(directory, aside)
    except OSError:
        return
    shutil.rmtree(aside, ignore_errors=True)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"
