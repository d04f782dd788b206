"""Bibliography entries in every style the data file lists parse into the right CSL fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from translitbib.model import SourceSpan
from translitbib.parse.entries import parse_entry

CASES = json.loads((Path(__file__).with_name("entry_styles.json")).read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_entry_style(case: dict[str, Any]) -> None:
    parsed = parse_entry(case["entry"], SourceSpan("bib.txt", 3))
    assert parsed.problem is None
    csl = parsed.reference.to_csl()
    for field, expected in case["expect"].items():
        assert csl.get(field) == expected, field
    assert parsed.reference.raw == case["entry"]
    assert parsed.reference.source == SourceSpan("bib.txt", 3)


def test_unparseable_line_becomes_a_problem_and_a_minimal_reference() -> None:
    raw = "see the archive boxes of the Party somewhere"
    parsed = parse_entry(raw, SourceSpan("essay.txt", 12))
    assert parsed.problem is not None
    assert parsed.problem.code == "unparsed-entry"
    assert parsed.problem.raw == raw and parsed.problem.source.line == 12
    assert parsed.reference.type == "document"
    assert parsed.reference.title == raw
