"""Draw the benchmark samples once, with a fixed seed, and write them to samples/.

Run before any tuning; the files are committed so every later run measures the same words.
Two disjoint samples per kind: ``dev`` (free to look at while tuning) and ``test`` (only
measured, never tuned on).

    .venv/bin/python bench/translit/make_samples.py
    .venv/bin/python bench/translit/make_samples.py --tuning 78 --out /tmp/tune78

``--tuning SEED`` draws a larger tuning sample instead, the same way from the same population
but with another seed and *excluding every dev and test word* (1,000 words per band, the top
band has fewer left; 2,000 names), and writes words-tune.txt and names-tune.txt to ``--out``
(not committed: anyone can draw it again from the seed).
"""

from __future__ import annotations

import argparse
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
    parser = argparse.ArgumentParser()
    parser.add_argument("--tuning", type=int, metavar="SEED",
                        help="draw a tuning sample with this seed, disjoint from dev and test")
    parser.add_argument("--out", type=Path, help="where the tuning sample goes")
    parser.add_argument("--per-band", type=int, default=1000)
    parser.add_argument("--names", type=int, default=2000)
    args = parser.parse_args()
    import pymorphy3
    from wordfreq import get_frequency_dict, zipf_frequency

    morph = pymorphy3.MorphAnalyzer()
    words = sorted(w for w in get_frequency_dict("ru", wordlist="large") if CYRILLIC.match(w))
    known = [w for w in words if morph.word_is_known(w)]
    zipf = {w: zipf_frequency(w, "ru", wordlist="large") for w in known}
    if args.tuning is not None:
        tuning(args, morph, known, zipf)
        return
    rng = random.Random(SEED)
    dictionary: dict[str, list[str]] = {"dev": [], "test": []}
    for low, high in BANDS:
        band = [w for w in known if low <= zipf[w] < high]
        chosen = rng.sample(band, 2 * PER_BAND)
        dictionary["dev"] += chosen[:PER_BAND]
        dictionary["test"] += chosen[PER_BAND:]
    names = name_population(morph, known, zipf)
    chosen_names = rng.sample(names, 2 * NAMES)
    HERE.mkdir(exist_ok=True)
    for split in ("dev", "test"):
        (HERE / f"words-{split}.txt").write_text("\n".join(dictionary[split]) + "\n", "utf-8")
        part = chosen_names[:NAMES] if split == "dev" else chosen_names[NAMES:]
        (HERE / f"names-{split}.txt").write_text("\n".join(part) + "\n", "utf-8")
    print(f"{len(known)} dictionary words, {len(names)} names; samples written to {HERE}")


def name_population(morph: object, known: list[str], zipf: dict[str, float]) -> list[str]:
    names = []
    for w in known:
        parse = next((p for p in morph.parse(w)  # type: ignore[attr-defined]
                      if {"Name", "Surn", "Patr"} & p.tag.grammemes and "nomn" in p.tag.grammemes
                      and p.word == w), None)
        if parse is not None and zipf[w] >= 1.5:
            names.append(w)
    return names


def tuning(args: argparse.Namespace, morph: object, known: list[str],
           zipf: dict[str, float]) -> None:
    """A tuning sample: same population, another seed, no dev or test word in it."""
    held = set()
    for kind in ("words", "names"):
        for split in ("dev", "test"):
            held |= set((HERE / f"{kind}-{split}.txt").read_text("utf-8").split())
    rng = random.Random(args.tuning)
    chosen: list[str] = []
    for low, high in BANDS:
        band = [w for w in known if low <= zipf[w] < high and w not in held]
        chosen += rng.sample(band, min(args.per_band, len(band)))
    names = [w for w in name_population(morph, known, zipf) if w not in held]
    chosen_names = rng.sample(names, min(args.names, len(names)))
    out: Path = args.out or HERE / f"tune-{args.tuning}"
    out.mkdir(parents=True, exist_ok=True)
    (out / "words-tune.txt").write_text("\n".join(chosen) + "\n", "utf-8")
    (out / "names-tune.txt").write_text("\n".join(chosen_names) + "\n", "utf-8")
    print(f"tuning sample (seed {args.tuning}): {len(chosen)} words, {len(chosen_names)} "
          f"names, none of them in dev or test; written to {out}")


if __name__ == "__main__":
    main()
