"""Merge references that are the same work (listed twice, or read from two inputs).

Two references are one work when their first authors and titles have the same key and
their years do not disagree.  The first keeps its place; the others fill its empty
fields, their citations move to it, and each merge is reported (nothing is lost silently).
"""

from __future__ import annotations

from ..model import Library, Reference, Severity
from ..parallel import fork_map, worker_count
from .linking import KeyFunction, default_key


def work_key(ref: Reference, key: KeyFunction) -> tuple[str, str] | None:
    title = key(ref.title.replace("*", "")) if ref.title else ""
    people = ref.names.get("author") or ref.names.get("editor") or []
    author = key(people[0].family) if people else ""
    if not title:
        return None
    return author, title


def work_keys(references: list[Reference], key: KeyFunction,
              jobs: int = 1) -> list[tuple[str, str] | None]:
    """``work_key`` of every reference; in ``jobs`` processes (0: by the number of them)."""

    def keys(start: int, stop: int) -> list[tuple[str, str] | None]:
        return [work_key(ref, key) for ref in references[start:stop]]

    return [identity
            for part in fork_map(keys, len(references), worker_count(jobs, len(references)))
            for identity in part]


def deduplicate(library: Library, key: KeyFunction | None = None, *, jobs: int = 1) -> Library:
    """Pipeline step: one reference per work (the keys made in ``jobs`` processes)."""
    key = key or default_key()
    kept: dict[tuple[str, str], list[Reference]] = {}
    replaced: dict[int, Reference] = {}
    result: list[Reference] = []
    identities = work_keys(library.references, key, jobs)
    for ref, identity in zip(library.references, identities, strict=True):
        same = _same_work(ref, kept.get(identity, [])) if identity else None
        if same is None:
            result.append(ref)
            if identity:
                kept.setdefault(identity, []).append(ref)
            continue
        promoted = same.stub and not ref.stub  # a cited work found in a later input
        _merge_into(same, ref)
        replaced[id(ref)] = same
        if ref.origin == "entry" and not promoted:
            library.add_problem(Severity.INFO, "duplicate-merged",
                                f"the same work as {same.source}; merged into it",
                                ref.source, ref.raw)
    library.references = result
    for citation in library.citations:
        for target in citation.targets:
            if target.reference is not None and id(target.reference) in replaced:
                target.reference = replaced[id(target.reference)]
    return library


def _same_work(ref: Reference, candidates: list[Reference]) -> Reference | None:
    for other in candidates:
        if ref.year is None or other.year is None or ref.year == other.year:
            return other
    return None


def _merge_into(target: Reference, other: Reference) -> None:
    if target.stub and not other.stub:
        target.type, target.stub, target.origin = other.type, False, other.origin
        target.source, target.raw = other.source, other.raw
    for name, value in other.fields.items():
        target.fields.setdefault(name, value)
    for role, people in other.names.items():
        target.names.setdefault(role, people)
    for name, date in other.dates.items():
        target.dates.setdefault(name, date)
    for title in other.short_titles:
        if title not in target.short_titles:
            target.short_titles.append(title)
