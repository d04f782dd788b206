"""Cross-scheme recovery: romanize sampled Russian words under many iuliia schemes, feed the
Latin back to the resolver, and count how often the Cyrillic comes back.

    .venv/bin/python bench/translit/crossscheme.py            # the held-out test samples
    .venv/bin/python bench/translit/crossscheme.py --split dev --misses 30

A word counts as recovered when the resolver's Cyrillic equals it, ё and е taken as one
letter (ALA-LC without diacritics, passports and Wikipedia do not tell them apart).
Dictionary words are resolved as running text, names as names (capitalized).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import iuliia

from translitbib.translit.lexicon import Lexicon
from translitbib.translit.resolve import OTHER_LANGUAGES, Resolver, Role
from translitbib.translit.wordindex import WordfreqSource, default_cache_dir, load_index

SCHEMES = [
    "ala_lc", "ala_lc_alt", "bgn_pcgn", "bs_2979", "bs_2979_alt", "gost_779", "iso_9_1954",
    "scientific", "icao_doc_9303", "mvd_310", "wikipedia", "yandex_maps", "yandex_money",
    "mosmetro",
]
SAMPLES = Path(__file__).parent / "samples"


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def measure(resolver: Resolver, words: list[str], role: Role,
            misses: list[tuple[str, str, str, str]],
            other: list[tuple[str, str, str]] | None = None) -> tuple[int, int, Counter[str]]:
    """``other`` collects the spellings read as a common word of another language (German,
    French...): a field leaves them as written and counts them against Russian."""
    right = total = 0
    per_scheme: Counter[str] = Counter()
    for scheme in SCHEMES:
        schema = iuliia.schemas.get(scheme)
        for word in words:
            latin = schema.translate(word)
            if role is Role.NAME:
                latin = latin[:1].upper() + latin[1:]
            resolution = resolver.resolve(latin, role)
            found = resolution.cyrillic or ""
            if other is not None and resolution.language in OTHER_LANGUAGES:
                other.append((scheme, word, latin))
            total += 1
            if fold(found) == fold(word):
                right += 1
                per_scheme[scheme] += 1
            else:
                misses.append((scheme, word, latin, found))
    return right, total, per_scheme


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["dev", "test", "tune"], default="test")
    parser.add_argument("--samples", type=Path, default=SAMPLES,
                        help="the directory of {words,names}-SPLIT.txt (a tuning sample drawn "
                             "with make_samples.py --tuning SEED --out DIR: --split tune)")
    parser.add_argument("--misses", type=int, default=0, help="show this many misses "
                        "(not for the test split: its misses are never looked at)")
    parser.add_argument("--min-zipf", type=float, default=0.0,
                        help="index only the Russian words at least this frequent")
    args = parser.parse_args()
    if args.misses and args.split == "test":
        parser.error("the test split's misses are not shown (tune on dev or a tuning sample)")
    resolver = Resolver()
    if args.min_zipf:
        source = WordfreqSource(min_zipf=args.min_zipf)
        resolver = Resolver(lexicon=Lexicon(load_index(default_cache_dir(), source)))
    start = time.perf_counter()
    resolver.resolve("Beria")
    print(f"lexicon loaded in {time.perf_counter() - start:.1f} s")
    for kind, role in (("words", Role.TEXT), ("names", Role.NAME)):
        words = (args.samples / f"{kind}-{args.split}.txt").read_text("utf-8").split()
        misses: list[tuple[str, str, str, str]] = []
        other: list[tuple[str, str, str]] = []
        right, total, per_scheme = measure(resolver, words, role, misses, other)
        print(f"\n{kind} ({args.split}, {len(words)} words x {len(SCHEMES)} schemes): "
              f"{right}/{total} recovered = {100 * right / total:.2f} %")
        print("  " + ", ".join(f"{s} {100 * per_scheme[s] / len(words):.1f}" for s in SCHEMES))
        homographs = sum(1 for scheme, _, latin, found in misses
                         if found and iuliia.schemas.get(scheme).translate(found).lower()
                         == latin.lower())
        print(f"  misses: {len(misses)}, of which {homographs} are homographs in their scheme "
              "(the word found is spelled exactly so too, e.g. вес/весь as 'ves')")
        print(f"  read as a common word of another language: {len(other)} "
              f"({100 * len(other) / total:.2f} %; left as written in a field)")
        if args.split != "test":
            for scheme, word, latin in other[: args.misses]:
                print(f"  other language [{scheme}] {word} -> {latin}")
        for scheme, word, latin, found in misses[: args.misses]:
            print(f"  miss [{scheme}] {word} -> {latin} -> {found or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
