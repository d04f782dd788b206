"""Shared fixtures: the seed essays; and a cache directory inside the project.

The word index (built once, about 5 s) and the link cache go to ``.test-cache/`` unless
``TRANSLITBIB_CACHE_DIR`` is already set, so tests never write to the user's cache; the
variable is inherited by the CLI subprocesses the tests start.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import SEED_HTML, SEED_PDF

os.environ.setdefault("TRANSLITBIB_CACHE_DIR",
                      str(Path(__file__).resolve().parents[1] / ".test-cache"))


@pytest.fixture(scope="session")
def seed_pdf() -> Path:
    return SEED_PDF


@pytest.fixture(scope="session")
def seed_html() -> Path:
    return SEED_HTML
