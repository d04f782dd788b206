"""Records sent between processes as plain tuples come back whole: every field of every
dataclass, so a field added to the model without a place in ``transfer`` fails here."""

from __future__ import annotations

import dataclasses
import marshal

from translitbib.model import Date, Name, Problem, Reference, Severity, SourceSpan
from translitbib.transfer import (
    problem_from_tuple,
    problem_to_tuple,
    reference_from_tuple,
    reference_to_tuple,
)


def _full_reference() -> Reference:
    ref = Reference("book", SourceSpan("in.bib", 3, 9), "@book{k, ...}")
    for field in dataclasses.fields(Reference):  # this test sets every field there is
        assert field.name in {"type", "source", "raw", "fields", "names", "dates", "id",
                              "stub", "originals", "short_titles", "origin", "aliases"}, field.name
    ref.fields = {"title": "Ubiistvo Stalina", "language": "ru"}
    ref.names = {"author": [Name("Mukhin", "Iurii", "", "Mukhin, Iu."), Name(literal="NKVD")]}
    ref.dates = {"issued": Date(2003, 6, 18), "accessed": Date(literal="n.d."),
                 "original-date": Date(1999, end=(2001, 5, None))}
    ref.id, ref.stub, ref.origin = "mukhin2003", True, "citation"
    ref.originals = {"title": "Ubiystvo Stalina"}
    ref.short_titles = ["Ubiystvo"]
    ref.aliases = ["mukhin2003cyr"]
    return ref


def test_a_reference_comes_back_whole() -> None:
    ref = _full_reference()
    back = reference_from_tuple(marshal.loads(marshal.dumps(reference_to_tuple(ref))))
    assert dataclasses.asdict(back) == dataclasses.asdict(ref)


def test_a_problem_comes_back_whole() -> None:
    assert {f.name for f in dataclasses.fields(Problem)} == {
        "severity", "code", "message", "source", "raw", "dropped_entry"}
    for problem in (Problem(Severity.ERROR, "bibtex-syntax", "broken", SourceSpan("a", 1),
                            "@book{", True),
                    Problem(Severity.INFO, "x", "y")):
        back = problem_from_tuple(marshal.loads(marshal.dumps(problem_to_tuple(problem))))
        assert dataclasses.asdict(back) == dataclasses.asdict(problem)
        assert back.severity is problem.severity
