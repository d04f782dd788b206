"""Fixtures: the golden library, the seeds converted, and the real client programs.

A client test is marked ``clients`` and asks ``require_client`` for its program: when the
program is missing the test is skipped, unless ``TRANSLITBIB_REQUIRE_CLIENTS=1`` (as
``make test`` sets it), and then it fails.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.writers.writers_support import SEEDS, convert_seed, find_client, load_golden
from translitbib.model import Library


@pytest.fixture
def golden() -> Library:
    return load_golden()


@pytest.fixture(scope="session")
def seed_libraries() -> dict[str, Library]:
    return {path.name: convert_seed(path) for path in SEEDS}


@pytest.fixture
def require_client() -> Callable[[str], str]:
    return find_client
