"""Shared fixtures: the lexicon (pymorphy3 + wordfreq) is loaded once per test session, and
its word index is cached in a temporary directory, never in the user's cache."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from translitbib.translit.lexicon import Lexicon, get_lexicon
from translitbib.translit.resolve import Resolver
from translitbib.translit.wordindex import CACHE_ENV


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("translitbib-cache", numbered=False)))
        yield


@pytest.fixture(scope="session")
def lexicon(isolated_cache: None) -> Lexicon:
    return get_lexicon()


@pytest.fixture(scope="session")
def resolver(lexicon: Lexicon) -> Resolver:
    return Resolver(lexicon=lexicon)
