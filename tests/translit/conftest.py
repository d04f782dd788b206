"""Shared fixtures: the lexicon (pymorphy3 + wordfreq) is built once per test session."""

from __future__ import annotations

import pytest

from translitbib.translit.lexicon import Lexicon, get_lexicon
from translitbib.translit.resolve import Resolver


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return get_lexicon()


@pytest.fixture(scope="session")
def resolver(lexicon: Lexicon) -> Resolver:
    return Resolver(lexicon=lexicon)
