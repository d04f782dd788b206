"""Shared fixtures: the seed essays."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import SEED_HTML, SEED_PDF


@pytest.fixture(scope="session")
def seed_pdf() -> Path:
    return SEED_PDF


@pytest.fixture(scope="session")
def seed_html() -> Path:
    return SEED_HTML
