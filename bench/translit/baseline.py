"""Letter-by-letter reverse transliteration (the transliterate package) against the resolver,
on the one-word Russian hard cases of tests/translit/hard_cases.toml.

    .venv/bin/python bench/translit/baseline.py
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from transliterate import translit

from translitbib.translit.resolve import Resolver, Role

CASES = Path(__file__).parents[2] / "tests" / "translit" / "hard_cases.toml"


def main() -> None:
    cases = tomllib.loads(CASES.read_text("utf-8"))["case"]
    words = {(c["input"], c["role"], c["cyrillic"].lower()) for c in cases
             if " " not in c["input"] and c["cyrillic"] and c["cyrillic"].isalpha()}
    resolver = Resolver()
    letterwise = ours = 0
    for latin, role, cyrillic in sorted(words):
        letterwise += translit(latin, "ru").lower() == cyrillic
        ours += (resolver.resolve(latin, Role(role)).cyrillic or "").lower() == cyrillic
    print(f"{len(words)} one-word hard cases: transliterate letter by letter {letterwise} "
          f"right ({100 * letterwise / len(words):.0f} %), resolver {ours} "
          f"({100 * ours / len(words):.0f} %)")


if __name__ == "__main__":
    main()
