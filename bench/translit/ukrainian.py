"""How often a romanized title is taken for Ukrainian: Russian titles (never wanted) and
Ukrainian ones (wanted), made of random common words of each language.

    .venv/bin/python bench/translit/ukrainian.py [--titles 2000] [--seed 7]

Titles are 2-8 words drawn from each language's words of Zipf 3-6 (wordfreq), romanized
in ALA-LC without diacritics (Russian also in BGN/PCGN and Wikipedia's system; Ukrainian
also in the national system).  Random words are no real titles, but they are many, and
they hold every letter pattern of the language; the test suite holds real ones.

A second table: the words of the titles read as Ukrainian as a work's title is written in
the scheme's Ukrainian table (``Normalizer.write_ukrainian``, ALA-LC): written from the
Cyrillic they were drawn from, from another word's, or left as found (no word of the
list, two alike, an English word...).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

import wordfreq

from translitbib.translit.normalize import Normalizer
from translitbib.translit.resolve import Role
from translitbib.translit.romanize import romanize
from translitbib.translit.ukrainian import LanguageReading, spellings


def _words(language: str, letters: str) -> list[str]:
    found = []
    for word in wordfreq.iter_wordlist(language, wordlist="large"):
        zipf = wordfreq.zipf_frequency(word, language, wordlist="large")
        if zipf < 3.0:
            break
        if zipf <= 6.0 and len(word) > 2 and all(ch in letters for ch in word):
            found.append(word)
    return found


def _spelled(word: str, system: int) -> str:
    """ALA-LC (0) or the national system (1): ``spellings`` gives the keys of ALA-LC,
    national and scholarly, without repeats (national is ALA-LC unless a word begins with
    є, ї, й, ю, я or holds зг)."""
    keys = next(spellings([word]))
    national = system == 1 and (word[0] in "єїйюя" or "зг" in word)
    return keys[1] if national and len(keys) > 1 else keys[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    russian = _words("ru", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    ukrainian = _words("uk", "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'")
    normalizer = Normalizer()
    started = time.perf_counter()
    rows = []
    recovered: list[tuple[str, Counter[str]]] = []
    for label, words, spell in (
        ("Russian, ALA-LC", russian, lambda w: romanize(w, "ala-lc")),
        ("Russian, BGN/PCGN", russian, lambda w: romanize(w, "bgn-pcgn")),
        ("Russian, Wikipedia", russian, lambda w: romanize(w, "wikipedia")),
        ("Ukrainian, ALA-LC", ukrainian, lambda w: _spelled(w, 0)),
        ("Ukrainian, national", ukrainian, lambda w: _spelled(w, 1)),
    ):
        taken = leaning = other = lost = 0
        tally: Counter[str] = Counter()
        for _ in range(args.titles):
            drawn = rng.sample(words, rng.randint(2, 8))
            title = " ".join(spell(w) for w in drawn)
            title = title[:1].upper() + title[1:]
            result = normalizer.field(title, Role.TITLE)
            language = result.language.language if result.language else ""
            taken += language == "uk"
            if language == "uk" and result.language is not None:
                tally += _recovery(normalizer, title, drawn, result.language)
            other += language not in ("", "uk")
            leaning += result.leaning is not None
            lost += not result.russian and not language
        rows.append((label, taken, leaning, other, lost))
        if label.startswith("Ukrainian"):
            recovered.append((label, tally))
    print(f"{args.titles} titles each; {len(russian)} Russian and {len(ukrainian)} Ukrainian"
          f" words; {time.perf_counter() - started:.1f} s")
    print("| titles | read as Ukrainian | leaning Ukrainian | read as German, French... "
          "| not Russian, no language |\n|---|--:|--:|--:|--:|")
    for label, *counts in rows:
        print(f"| {label} | " + " | ".join(f"{n / args.titles:.1%}" for n in counts) + " |")
    print("\n| words of the titles read as Ukrainian | words | written from their Cyrillic "
          "| from another word's | left as found |\n|---|--:|--:|--:|--:|")
    for label, tally in recovered:
        total = sum(tally.values())
        print(f"| {label} | {total} | " + " | ".join(
            f"{tally[k] / max(total, 1):.1%}" for k in ("right", "wrong", "left")) + " |")


def _recovery(normalizer: Normalizer, title: str, drawn: list[str],
              reading: LanguageReading) -> Counter[str]:
    """Each drawn word of a title read as Ukrainian, as writing it in the scheme's
    Ukrainian table takes it: from its own Cyrillic (right), another word's (wrong), or
    left as found (left); a title whose words do not line up with its tokens is skipped."""
    changes = normalizer.write_ukrainian(title, Role.TITLE, reading).changes
    if len(changes) != len(drawn):
        return Counter()
    return Counter("left" if not c.applied or c.cyrillic is None else
                   "right" if c.cyrillic == word else "wrong"
                   for c, word in zip(changes, drawn, strict=True))


if __name__ == "__main__":
    main()
