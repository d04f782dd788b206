"""A short fuzz run in the suite: hostile BibTeX, CSL-JSON and essays never crash a reader
or the pipeline; what is wrong with them comes back as problems.

The long run is ``bench/fuzz/run_long.py`` (results in ``bench/fuzz/README.md``).  The
examples here are derandomized so the suite is the same on every run.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz import checks
from tests.fuzz.strategies import (
    SUFFIX,
    TEXT_BY_FORMAT,
    bibtex_library,
    csljson_library,
    ris_library,
    word_document_bytes,
)

SHORT = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.filter_too_much])
FORMATS = sorted(TEXT_BY_FORMAT)
any_input = st.sampled_from(FORMATS).flatmap(
    lambda fmt: st.tuples(st.just(fmt), TEXT_BY_FORMAT[fmt]))


def _write(directory: str, fmt: str, text: str) -> Path:
    path = Path(directory) / f"fuzz{SUFFIX[fmt]}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_reader_returns_problems_not_exceptions(fmt: str) -> None:
    @SHORT
    @given(TEXT_BY_FORMAT[fmt])
    def check(text: str) -> None:
        checks.read_text(fmt, text, f"fuzz{SUFFIX[fmt]}")

    check()


@SHORT
@given(st.binary(max_size=300), st.sampled_from([*FORMATS, None]))
def test_any_bytes_are_read_or_refused(data: bytes, fmt: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.dat"
        path.write_bytes(data)
        checks.read_file(path, fmt)


@SHORT
@given(any_input, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8-r"]))
def test_encoded_inputs_are_read_or_refused(pair: tuple[str, str], encoding: str) -> None:
    fmt, text = pair
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{SUFFIX[fmt]}"
        path.write_bytes(text.encode(encoding, errors="replace"))
        checks.read_file(path, None)


@SHORT
@given(bibtex_library())
def test_wellformed_bibtex_loses_no_entry(pair: tuple[str, list[str]]) -> None:
    text, keys = pair
    library = checks.read_text("bibtex", text, "fuzz.bib")
    assert library is not None or not keys
    if library is not None:
        assert {ref.id for ref in library.references} >= set(keys)


@SHORT
@given(ris_library())
def test_wellformed_ris_loses_no_record(pair: tuple[str, list[str]]) -> None:
    text, ids = pair
    library = checks.read_text("ris", text, "fuzz.ris")
    assert library is not None or not ids
    if library is not None:
        assert [ref.id for ref in library.references] == ids
        assert library.inputs[0].entries_read == len(ids)


@SHORT
@given(csljson_library())
def test_wellformed_csljson_loses_no_item(pair: tuple[str, list[str]]) -> None:
    text, ids = pair
    library = checks.read_text("csljson", text, "fuzz.json")
    assert library is not None
    assert sorted(ref.id for ref in library.references) == sorted(ids)


@pytest.mark.parametrize("depth", [1001, 100_000])
def test_deeply_nested_csljson_is_refused(depth: int) -> None:
    """Found by the fuzzer: json.loads raised RecursionError (now a FormatError)."""
    assert checks.read_text("csljson", "[" * depth + "]" * depth, "deep.json") is None
    assert not checks.hits


@pytest.mark.parametrize("normalize", [False, True], ids=["raw", "normalized"])
def test_pipeline_returns_problems_not_exceptions(normalize: bool) -> None:
    @settings(SHORT, max_examples=20)
    @given(any_input)
    def check(pair: tuple[str, str]) -> None:
        fmt, text = pair
        with tempfile.TemporaryDirectory() as tmp:
            checks.run_pipeline(_write(tmp, fmt, text), normalize)

    check()


@SHORT
@given(word_document_bytes())
def test_word_documents_are_read_or_refused(data: bytes) -> None:
    """Generated .docx essays (notes, italics, headings), sometimes cut or with a byte
    flipped: read, or refused with the documented error."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "essay.docx"
        path.write_bytes(data)
        checks.read_file(path, None)
