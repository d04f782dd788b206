"""Crashes the fuzzer found, each with its minimal input.

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


def test_undecodable_legacy_bytes_are_read_not_crashed(tmp_path: Path) -> None:
    """Fixed: b"\\x98\\xf8" led charset-normalizer to cp1251, which has no 0x98."""
    path = tmp_path / "legacy.txt"
    path.write_bytes(b"\x98\xf8")
    from translitbib.readers import read_path

    library = read_path(path)
    assert library.inputs[0].encoding in {"cp1251", "koi8_r", "mac_cyrillic", "cp866"}
