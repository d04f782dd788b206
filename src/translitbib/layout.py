"""Output files as layouts: text, and runs of records each rendered on its own.

A layout is a list of pieces: ``str`` (written as it is) or ``Records`` (one of the
library's lists, each item rendered by ``render``, joined by ``separator``).
``render_pieces(layout, library)`` gives a file's text a record at a time, so a file is
never held whole.  A run's text depends only on its items, so a large library held in
shards can render each run in slices side by side and join them (``shards``): the same
text, byte for byte.

A layout function takes the library and its ``LibraryFacts``: what a file says of the
whole library beyond its records (how many references, stubs and normalizations; every
family name, which titles protect).  In one process they are the library's own; in shards,
the sum of each shard's.  A layout's shape (which pieces, which runs) is decided by the
facts alone, never by a list the library holds, so every shard makes the same layout.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .model import Library

#: the lists a layout's runs draw on; the first three are held by the shards of a large
#: library, the others by the process that writes the files
LISTS: dict[str, Callable[[Library], Sequence[Any]]] = {
    "references": lambda library: library.references,
    "inputs": lambda library: library.inputs,
    "stubs": lambda library: [ref for ref in library.references if ref.stub],
    "normalizations": lambda library: library.normalizations,
    "citations": lambda library: library.citations,
    "notes": lambda library: library.notes,
    "problems": lambda library: library.problems,
    "links": lambda library: library.links,
}
SHARDED_LISTS = frozenset({"references", "stubs", "normalizations"})


@dataclass(frozen=True, slots=True)
class Records:
    """A run of records: the items of one of ``LISTS``, each rendered, joined."""

    items: str  # a key of LISTS
    render: Callable[[Any], str]
    separator: str = ""


Piece = str | Records
Layout = list[Piece]


@dataclass(frozen=True, slots=True)
class LibraryFacts:
    """What the outputs say of the whole library beyond its records."""

    references: int = 0
    stubs: int = 0
    origins: tuple[tuple[str, int], ...] = ()  # (origin, references from it), first seen first
    normalizations: int = 0
    applied: int = 0  # normalizations applied (the rest only suggested)
    families: frozenset[str] = frozenset()  # capitalized words of every family name

    @classmethod
    def of(cls, library: Library, *, families: bool = True) -> LibraryFacts:
        """The library's own facts (``families=False``: without the family names, which
        only the .bib needs)."""
        return cls(
            references=len(library.references),
            stubs=sum(1 for ref in library.references if ref.stub),
            origins=tuple(Counter(ref.origin for ref in library.references).items()),
            normalizations=len(library.normalizations),
            applied=sum(1 for n in library.normalizations if getattr(n, "applied", False)),
            families=family_words(library) if families else frozenset(),
        )

    def count(self, items: str, library: Library) -> int:
        """How many items the list ``items`` (a key of LISTS) has in the whole library."""
        if items in SHARDED_LISTS:
            return {"references": self.references, "stubs": self.stubs,
                    "normalizations": self.normalizations}[items]
        return len(LISTS[items](library))

    def __add__(self, other: LibraryFacts) -> LibraryFacts:
        """The facts of two parts of a library, in order (the first part first)."""
        origins = Counter(dict(self.origins))
        origins.update(dict(other.origins))
        return LibraryFacts(
            self.references + other.references, self.stubs + other.stubs,
            tuple(origins.items()), self.normalizations + other.normalizations,
            self.applied + other.applied, self.families | other.families)

    def from_origin(self, origin: str) -> int:
        return dict(self.origins).get(origin, 0)


def family_words(library: Library) -> frozenset[str]:
    """The capitalized words of every family name the library holds (``Beria``, ``Ree``)."""
    return frozenset(
        part for ref in library.references for people in ref.names.values()
        for name in people for part in name.family.split() if part[:1].isupper()
    )


def render_pieces(layout: Layout, library: Library) -> Iterator[str]:
    """The text of ``layout`` for ``library``, a piece (of at most one record) at a time."""
    for piece in layout:
        if isinstance(piece, str):
            if piece:
                yield piece
            continue
        yield from render_run(piece, LISTS[piece.items](library))


def render_run(run: Records, items: Sequence[Any]) -> Iterator[str]:
    separator = ""
    render = run.render
    for item in items:
        yield separator + render(item)
        separator = run.separator
