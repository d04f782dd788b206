"""Reading a .bib in slices side by side (``jobs`` > 1) gives the library one process
reads: the same references, problems and accounting, in the same order.  The slices after
the first must know the @string macros defined before them, whichever path read those."""

from __future__ import annotations

from typing import Any

import pytest
from bench.scale.generate_bib import generate
from hypothesis import given

from tests.hostile.corpus import all_cases
from tests.readers_structured.test_bibtex_fast_path import (
    EDGE_CASES,
    SETTINGS,
    library_text,
    snapshot,
)
from translitbib.errors import FormatError
from translitbib.readers.bibtex import read_bibtex


def read(text: str, jobs: int, fast: bool = True) -> Any:
    try:
        return snapshot(read_bibtex(text, "refs.bib", fast=fast, jobs=jobs))
    except FormatError as error:
        return ("FormatError", str(error))


def assert_same_in_slices(text: str, jobs: tuple[int, ...] = (2, 3, 5)) -> None:
    one = read(text, 1)
    for count in jobs:
        assert read(text, count) == one, f"jobs={count}"


def test_macros_defined_in_earlier_slices_reach_later_ones() -> None:
    text = "\n".join(EDGE_CASES[name] for name in sorted(EDGE_CASES))
    assert_same_in_slices(text, jobs=(2, 3, 4, 7, 11, 40))
    for fast in (True, False):  # pybtex's reading of every chunk, in slices too
        assert read(text, 7, fast) == read(text, 1, fast)


def test_a_macro_defined_inside_another_chunk_reaches_later_slices() -> None:
    text = ('@book{a, title = {A}} @string{late = "Nauka"}\n@book{b, publisher = late}\n'
            '@book{c, publisher = late}\n@book{d, publisher = late}\n')
    assert_same_in_slices(text)
    assert read(text, 3)["references"][-1]["fields"]["publisher"] == "Nauka"


def test_a_generated_library_reads_the_same_in_slices() -> None:
    assert_same_in_slices(generate(2000, 7))


@pytest.mark.parametrize("case", [c for c in all_cases() if c.filename.endswith(".bib")],
                         ids=lambda c: c.name)
def test_hostile_bibtex_reads_the_same_in_slices(case: Any) -> None:
    assert_same_in_slices(case.data.decode("utf-8", errors="replace"), jobs=(3,))


@SETTINGS
@given(library_text())
def test_generated_entries_read_the_same_in_slices(text: str) -> None:
    assert_same_in_slices(text, jobs=(3,))
