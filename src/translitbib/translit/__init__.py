"""Romanized Russian -> Cyrillic -> one spelling per word, every change explained.

Light on purpose: the dictionary (pymorphy3) and frequencies (wordfreq) load only when a
word is first resolved, so importing this package (and ``translitbib --help``) stays fast.

    resolve.Resolver      Latin word -> ranked Cyrillic readings (lexicon, tables, guesses)
    romanize.romanize     Cyrillic -> the chosen scheme (iuliia, with Latin ë, never ё)
    normalize             a field or text: language, names policy, capitalization, records
    key.match_key         the spelling-tolerant key that links citations to references
    step                  the pipeline step; report.render_markdown the report section
"""

from __future__ import annotations

SCHEMES: tuple[str, ...] = (
    "ala-lc",
    "ala-lc-diacritics",
    "bgn-pcgn",
    "iso9",
    "scholarly",
    "wikipedia",
    "as-found",
)
NAMES_POLICIES: tuple[str, ...] = ("established", "systematic", "as-found")
KINDS: tuple[str, ...] = ("exact", "variant", "case-form", "typo-suspect", "guess", "not-russian")

__all__ = ["KINDS", "NAMES_POLICIES", "SCHEMES"]
