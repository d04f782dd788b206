"""What every fuzzed input must satisfy; shared by the suite and ``bench/fuzz/run_long.py``.

Only ``TranslitbibError`` may escape a reader or the pipeline (for input that cannot be
read at all); anything else wrong with the input must come back as data: ``Problem``
records with a code, a message and a location in the file that was read.
"""

from __future__ import annotations

import json
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from translitbib.errors import TranslitbibError
from translitbib.model import Library, Problem, Reference, Severity, SourceSpan
from translitbib.pipeline import ConvertOptions, run
from translitbib.readers import read_path, reader_for

# Crashes already reported to their owners, each pinned by an xfail(strict=True) test in
# test_known_crashes.py: (exception type, innermost translitbib frame) -> what it is.
# The generic fuzz tests step over these so that they keep looking for new ones; remove
# an entry when its xfail starts passing.
KNOWN_CRASHES: dict[tuple[str, str], str] = {}
tolerated: set[tuple[str, str]] = set(KNOWN_CRASHES)
hits: Counter[tuple[str, str]] = Counter()


def signature(exc: BaseException) -> tuple[str, str]:
    """(exception type, innermost translitbib frame as ``module/file.py:function``)."""
    where = "?"
    for frame in traceback.extract_tb(exc.__traceback__):
        file = Path(frame.filename).as_posix()
        if "/translitbib/" in file:
            where = f"{file.rsplit('/translitbib/', 1)[1]}:{frame.name}"
    return type(exc).__name__, where


@contextmanager
def stepping_over_known() -> Iterator[None]:
    """Let a tolerated crash pass (counted in ``hits``); anything else propagates."""
    try:
        yield
    except TranslitbibError:
        raise
    except Exception as exc:
        if signature(exc) not in tolerated:
            raise
        hits[signature(exc)] += 1


def check_library(library: Library, path: str) -> None:
    """Problems are data, and every record says where it came from."""
    assert isinstance(library, Library)
    for problem in library.problems:
        assert isinstance(problem, Problem)
        assert problem.severity in tuple(Severity)
        assert problem.code and isinstance(problem.code, str)
        assert isinstance(problem.message, str) and problem.message
        if problem.source is not None:
            _check_span(problem.source, path)
        problem.to_dict()
    for ref in library.references:
        assert isinstance(ref, Reference)
        assert isinstance(ref.type, str)
        _check_span(ref.source, path)
        ref.to_csl()


def _check_span(span: SourceSpan, path: str) -> None:
    assert span.path == path, span
    assert span.line >= 1, span


def read_text(fmt: str, text: str, path: str) -> Library | None:
    """The reader on text; None when it refused with a TranslitbibError."""
    try:
        with stepping_over_known():
            return _checked(reader_for(fmt)(text, path), path)
    except TranslitbibError as exc:
        assert str(exc)
    return None


def _checked(library: Library, path: str) -> Library:
    check_library(library, path)
    return library


def read_file(file: Path, fmt: str | None) -> Library | None:
    """``read_path`` on a file (decoding, sniffing); None when refused."""
    try:
        with stepping_over_known():
            return _checked(read_path(file, fmt), str(file))
    except TranslitbibError as exc:
        assert str(exc)
    return None


def run_pipeline(file: Path, normalize: bool, write: bool = True) -> Library | None:
    """Every default step, then every writer in memory; None when refused."""
    try:
        with stepping_over_known():
            library = run([file], ConvertOptions(normalize=normalize))
            if write:
                from translitbib.writers import format_outputs

                for out, pieces in format_outputs(library, file.parent).items():  # in pieces
                    text = "".join(pieces)
                    text.encode("utf-8")  # what is written: no half character may be left
                    if out.suffix == ".json":  # CSL-JSON: an item for every reference
                        assert len(json.loads(text)) == len(library.references), out
            return _checked(library, str(file))
    except TranslitbibError as exc:
        assert str(exc)
    return None
