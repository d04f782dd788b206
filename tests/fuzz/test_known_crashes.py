"""Crashes the fuzzer found that are not fixed yet, each with its minimal input.

Each test is ``xfail(strict=True)`` and its signature sits in ``checks.KNOWN_CRASHES`` (so
the generic fuzz tests step over it and keep looking); when the fix lands the test
passes, strict xfail fails the suite, and both the mark and the entry come out.  Fixed
ones live on as plain regression tests in ``test_fuzz_short.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz import checks


@pytest.fixture(autouse=True)
def _no_tolerance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "tolerated", set())


@pytest.mark.xfail(strict=True, raises=UnicodeDecodeError, reason=checks.KNOWN_CRASHES[
    ("UnicodeDecodeError", "readers/text.py:_detect_legacy")])
def test_undecodable_legacy_bytes_are_a_decode_error(tmp_path: Path) -> None:
    path = tmp_path / "legacy.bib"
    path.write_bytes(b"\x98\xf8")
    assert checks.read_file(path, None) is None
