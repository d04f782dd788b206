"""Model records as plain tuples and back, for results that cross between processes.

``parallel.fork_map`` sends a worker's result through a pipe with ``marshal``, which takes
only builtin types and is ten times quicker than pickling dataclasses.  Every function
pair here is exact: ``reference_from_tuple(reference_to_tuple(ref))`` has every field of
``ref`` (a test holds this for every field the dataclasses have).
"""

from __future__ import annotations

from typing import Any

from .model import Date, Name, Problem, Reference, Severity, SourceSpan

_SEVERITIES = {str(s): s for s in Severity}


def source_to_tuple(source: SourceSpan | None) -> tuple[str, int, int | None] | None:
    return None if source is None else (source.path, source.line, source.end_line)


def source_from_tuple(data: Any) -> SourceSpan | None:
    return None if data is None else SourceSpan(*data)


def name_to_tuple(name: Name) -> tuple[str, str, str, str]:
    return (name.family, name.given, name.literal, name.raw)


def reference_to_tuple(ref: Reference) -> tuple[Any, ...]:
    return (
        ref.type, source_to_tuple(ref.source), ref.raw, ref.fields,
        {role: [name_to_tuple(n) for n in people] for role, people in ref.names.items()},
        {key: (d.year, d.month, d.day, d.literal, d.end) for key, d in ref.dates.items()},
        ref.id, ref.stub, ref.originals, ref.short_titles, ref.origin, ref.aliases,
    )


def reference_from_tuple(data: Any) -> Reference:
    (ref_type, source, raw, fields, names, dates, ref_id, stub, originals, short_titles,
     origin, aliases) = data
    return Reference(
        ref_type, SourceSpan(*source), raw, fields,
        {role: [Name(*n) for n in people] for role, people in names.items()},
        {key: Date(*d[:4], tuple(d[4]) if d[4] else None)  # type: ignore[arg-type]
         for key, d in dates.items()},
        ref_id, stub, originals, short_titles, origin, aliases,
    )


def problem_to_tuple(problem: Problem) -> tuple[Any, ...]:
    return (str(problem.severity), problem.code, problem.message,
            source_to_tuple(problem.source), problem.raw, problem.dropped_entry)


def problem_from_tuple(data: Any) -> Problem:
    severity, code, message, source, raw, dropped = data
    return Problem(_SEVERITIES[severity], code, message, source_from_tuple(source), raw, dropped)
