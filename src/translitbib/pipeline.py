"""The conversion pipeline: read -> link -> deduplicate -> normalize -> keys -> write.

Each step takes the ``Library`` and returns it.  ``default_steps`` names the chain in one
place; a user of the library API can pass their own list of steps to ``run``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .model import Library

Step = Callable[[Library], Library]


@dataclass(slots=True)
class ConvertOptions:
    """Everything ``convert`` can be told; library users build one of these."""

    scheme: str = "ala-lc"
    names: str = "established"
    authority: Path | None = None
    fix_typos: bool = False
    normalize: bool = True
    target: str = "default"
    formats: tuple[str, ...] = ("bibtex", "csljson", "ris")
    check_links: bool = False
    link_options: dict[str, object] = field(default_factory=dict)


def default_steps(options: ConvertOptions) -> list[Step]:
    """The default chain of steps after reading, in order."""
    from .parse.dedupe import deduplicate
    from .parse.linking import link_citations
    from .writers.keys import assign_keys

    steps: list[Step] = [link_citations, deduplicate]
    if options.normalize:
        steps.append(_normalize_step(options))
    steps.append(assign_keys)
    return steps


def _normalize_step(options: ConvertOptions) -> Step:
    from .translit.step import make_normalize_step

    return make_normalize_step(options)


def run(paths: Iterable[Path], options: ConvertOptions | None = None,
        steps: Sequence[Step] | None = None) -> Library:
    """Read every input and run the steps; returns the library (nothing is written)."""
    from .readers import read_inputs

    options = options or ConvertOptions()
    library = read_inputs(list(paths))
    for step in steps if steps is not None else default_steps(options):
        library = step(library)
    return library
