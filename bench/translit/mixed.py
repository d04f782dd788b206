"""Titles in German, French, Polish and Czech, alone and as the subtitle of a Russian main
title: how often the title is taken for Russian, read as its language, and how many of its
foreign words get a Russian guess or typo suspect.

    .venv/bin/python bench/translit/mixed.py [--titles 1000] [--seed 7]

Russian main titles are 2-4 random words of Zipf 3-6 in ALA-LC; the other parts 3-8 random
words of Zipf 3-6 of that language (wordfreq), so the foreign part has the majority.
Random words are no real titles; the test suite holds real ones.
"""

from __future__ import annotations

import argparse
import random
import time

import wordfreq

from translitbib.translit.normalize import Normalizer
from translitbib.translit.resolve import Kind, Role
from translitbib.translit.romanize import romanize

LANGUAGES = {"de": "German", "fr": "French", "pl": "Polish", "cs": "Czech"}


def _words(language: str) -> list[str]:
    found = []
    for word in wordfreq.iter_wordlist(language, wordlist="large"):
        zipf = wordfreq.zipf_frequency(word, language, wordlist="large")
        if zipf < 3.0:
            break
        if zipf <= 6.0 and len(word) > 2 and word.isalpha():
            found.append(word)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    russian = [w for w in _words("ru") if all("а" <= ch <= "я" or ch == "ё" for ch in w)]
    normalizer = Normalizer()
    started = time.perf_counter()
    print("| titles | taken for Russian | read as their language | foreign words guessed "
          "or suspected |\n|---|--:|--:|--:|")
    for language, name in LANGUAGES.items():
        words = _words(language)
        for mixed in (False, True):
            taken = read = suspected = total = 0
            for _ in range(args.titles):
                foreign = rng.sample(words, rng.randint(3, 8))
                title = " ".join(foreign).capitalize()
                if mixed:
                    head = " ".join(romanize(w, "ala-lc") for w in
                                    rng.sample(russian, rng.randint(2, 4)))
                    title = f"{head.capitalize()}: {title}"
                result = normalizer.field(title, Role.TITLE)
                taken += result.russian
                read += result.language is not None and result.language.language == language
                own = {w.lower() for w in foreign}
                resolved = normalizer.resolve_all(title, Role.TITLE)
                total += len(foreign)
                suspected += sum(1 for t, r in resolved if t.text.lower() in own
                                 and r.kind in (Kind.GUESS, Kind.TYPO_SUSPECT))
            label = f"Russian: {name}" if mixed else name
            print(f"| {label} | {taken / args.titles:.1%} | {read / args.titles:.1%} | "
                  f"{suspected / total:.1%} |")
    print(f"({args.titles} titles each, {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
