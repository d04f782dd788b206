"""Draw the benchmark samples once, with a fixed seed, and write them to samples/.

Run before any tuning; the files are committed so every later run measures the same words.
Two disjoint samples per kind: ``dev`` (free to look at while tuning) and ``test`` (only
measured, never tuned on).

    .venv/bin/python bench/translit/make_samples.py
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEED = 20261122
PER_BAND = 200  # dictionary words per Zipf band, per sample
NAMES = 1000  # names per sample
BANDS = [(5.0, 9.0), (4.0, 5.0), (3.0, 4.0), (2.0, 3.0), (1.5, 2.0)]
HERE = Path(__file__).parent / "samples"
CYRILLIC = re.compile("^[а-яё]{2,}$")


def main() -> None:
    import pymorphy3
    from wordfreq import get_frequency_dict, zipf_frequency

    morph = pymorphy3.MorphAnalyzer()
    rng = random.Random(SEED)
    words = sorted(w for w in get_frequency_dict("ru", wordlist="large") if CYRILLIC.match(w))
    known = [w for w in words if morph.word_is_known(w)]
    zipf = {w: zipf_frequency(w, "ru", wordlist="large") for w in known}
    dictionary: dict[str, list[str]] = {"dev": [], "test": []}
    for low, high in BANDS:
        band = [w for w in known if low <= zipf[w] < high]
        chosen = rng.sample(band, 2 * PER_BAND)
        dictionary["dev"] += chosen[:PER_BAND]
        dictionary["test"] += chosen[PER_BAND:]
    names = []
    for w in known:
        parse = next((p for p in morph.parse(w)
                      if {"Name", "Surn", "Patr"} & p.tag.grammemes and "nomn" in p.tag.grammemes
                      and p.word == w), None)
        if parse is not None and zipf[w] >= 1.5:
            names.append(w)
    chosen_names = rng.sample(names, 2 * NAMES)
    HERE.mkdir(exist_ok=True)
    for split in ("dev", "test"):
        (HERE / f"words-{split}.txt").write_text("\n".join(dictionary[split]) + "\n", "utf-8")
        part = chosen_names[:NAMES] if split == "dev" else chosen_names[NAMES:]
        (HERE / f"names-{split}.txt").write_text("\n".join(part) + "\n", "utf-8")
    print(f"{len(known)} dictionary words, {len(names)} names; samples written to {HERE}")


if __name__ == "__main__":
    main()
