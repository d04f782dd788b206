"""Resolver speed: unique tokens per second (cold caches, lexicon already loaded) and
repeated tokens (served from the per-resolver cache), plus lexicon load time.

    .venv/bin/python bench/translit/speed.py

The tokens are the romanizations of the dev and test samples under the cross-scheme
benchmark's schemes (about 40,000 unique Latin spellings), read as running text.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import iuliia

from translitbib.model import Library, Name, Reference, SourceSpan
from translitbib.pipeline import ConvertOptions
from translitbib.translit.key import match_key
from translitbib.translit.lexicon import get_lexicon
from translitbib.translit.resolve import Resolver, Role
from translitbib.translit.step import make_normalize_step

SAMPLES = Path(__file__).parent / "samples"
SCHEMES = ["ala_lc", "ala_lc_alt", "bgn_pcgn", "bs_2979", "gost_779", "scientific",
           "icao_doc_9303", "mvd_310", "wikipedia", "mosmetro", "yandex_money"]


def tokens() -> list[str]:
    words = []
    for name in ("words-dev", "words-test", "names-dev", "names-test"):
        words += (SAMPLES / f"{name}.txt").read_text("utf-8").split()
    latin = {iuliia.schemas.get(s).translate(w) for s in SCHEMES for w in words}
    return sorted(latin)


class Clock:
    """Wall and CPU time together: other processes on a shared machine slow the wall clock."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu

    def rate(self, count: int) -> str:
        return f"{count / self.cpu:,.0f} /s CPU ({count / self.wall:,.0f} /s wall)"


def main() -> None:
    with Clock() as load:
        lexicon = get_lexicon()
    print(f"lexicon load: {load.wall:.2f} s wall, {load.cpu:.2f} s CPU (once per process)")
    unique = tokens()
    resolver = Resolver(lexicon=lexicon)
    with Clock() as cold:  # nothing cached yet: dictionary look-ups, alignments, skeletons
        for token in unique:
            resolver.resolve(token, Role.TEXT)
    print(f"unique tokens, cold: {len(unique)} tokens, {cold.rate(len(unique))}")
    rounds = 10
    with Clock() as repeated:  # the same resolver: every token is served from its cache
        for _ in range(rounds):
            for token in unique:
                resolver.resolve(token, Role.TEXT)
    print(f"repeated tokens (cache): {repeated.rate(rounds * len(unique))}")
    with Clock() as keyed:
        for token in unique:
            match_key(token)
    print(f"match_key on unique tokens (word caches warm): {keyed.rate(len(unique))}")
    references = synthetic_references(20_000)
    step = make_normalize_step(ConvertOptions())
    with Clock() as normalized:
        step(Library(references=references))
    print(f"normalize step on {len(references):,} synthetic references: "
          f"{normalized.rate(len(references))}")


def synthetic_references(count: int) -> list[Reference]:
    """Books with five-word BGN/PCGN titles and a surname from the samples."""
    words = (SAMPLES / "words-test.txt").read_text("utf-8").split()
    names = (SAMPLES / "names-test.txt").read_text("utf-8").split()
    rng = random.Random(1)
    bgn = iuliia.schemas.get("bgn_pcgn")
    out = []
    for number in range(count):
        title = " ".join(bgn.translate(rng.choice(words)) for _ in range(5)).capitalize()
        family = bgn.translate(rng.choice(names)).capitalize()
        out.append(Reference("book", SourceSpan("synthetic.bib", number), title,
                             fields={"title": title, "publisher": "Nauka",
                                     "publisher-place": "Moscow"},
                             names={"author": [Name(family=family, given="Ivan")]}))
    return out


if __name__ == "__main__":
    main()
