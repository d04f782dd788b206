"""Czech-style and DIN 1460 spellings (х as ch, ч as č): no iuliia scheme writes them, so
the test words and names that have х are written in ISO/R 9:1954 with its h for х made ch
(chlevnjuk), and resolved alone and as the first word of a title beside *političeskoj*.

    .venv/bin/python bench/translit/czech.py
"""

from __future__ import annotations

from pathlib import Path

import iuliia

from translitbib.translit.normalize import Normalizer
from translitbib.translit.resolve import Resolver, Role

SAMPLES = Path(__file__).parent / "samples"


def fold(word: str | None) -> str:
    return (word or "").lower().replace("ё", "е")


def main() -> None:
    schema = iuliia.schemas.get("iso_9_1954")
    resolver = Resolver()
    normalizer = Normalizer(resolver=resolver)
    for kind, role in (("words", Role.TEXT), ("names", Role.NAME)):
        sample = [w for w in (SAMPLES / f"{kind}-test.txt").read_text("utf-8").split()
                  if "х" in w]
        alone = beside = 0
        for word in sample:
            latin = schema.translate(word).replace("h", "ch")
            if role is Role.NAME:
                latin = latin.capitalize()
            alone += fold(resolver.resolve(latin, role).cyrillic) == fold(word)
            resolved = normalizer.resolve_all(latin + " političeskoj", Role.TITLE)
            beside += fold(resolved[0][1].cyrillic) == fold(word)
        print(f"{kind} with х ({len(sample)}): alone {100 * alone / len(sample):.1f} %, "
              f"beside političeskoj {100 * beside / len(sample):.1f} %")


if __name__ == "__main__":
    main()
