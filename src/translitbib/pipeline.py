"""The conversion pipeline: read -> deduplicate -> link -> normalize -> keys -> write.

Each step takes the ``Library`` and returns it.  ``default_steps`` names the chain in one
place; a user of the library API can pass their own list of steps to ``run``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Library

if TYPE_CHECKING:
    from .layout import Layout, LibraryFacts

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
    #: read every input as this format (essay, bibtex, csljson); None: by suffix, then content
    input_format: str | None = None
    #: processes that read a large .bib, make the deduplication keys, normalize and write
    #: side by side (``parallel``); 0: every core for a large library, else one
    jobs: int = 0


def default_steps(options: ConvertOptions) -> list[Step]:
    """The default chain of steps after reading, in order."""
    from .parse.dedupe import deduplicate
    from .parse.linking import link_citations
    from .writers.keys import assign_keys

    def deduplicate_references(library: Library) -> Library:
        return deduplicate(library, jobs=options.jobs)

    steps: list[Step] = [deduplicate_references, link_citations]
    if options.normalize:
        steps.append(_normalize_step(options))
    if options.check_links:
        from .links.step import make_link_step

        steps.append(make_link_step(options))
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
    library = read_inputs(list(paths), options.input_format, jobs=options.jobs)
    for step in steps if steps is not None else default_steps(options):
        library = step(library)
    return library


#: CPU seconds each output took for 100,000 references (bench/scale): with --jobs the
#: costliest are started first, so the processes that make them finish together
WRITING_COST = {"references.bib": 2.6, "report.json": 1.8, "references.ris": 1.2,
                "references.json": 1.1, "report.md": 0.8}


@dataclass(slots=True)
class ConvertResult:
    library: Library
    written: list[Path]
    summary: dict[str, object]


def convert_to_directory(paths: Sequence[Path], out_dir: Path,
                         options: ConvertOptions | None = None, *,
                         keep_library: bool = True) -> ConvertResult:
    """Run the pipeline and write every output into ``out_dir``, all or none: a failed
    write leaves the previous outputs as they were.

    ``keep_library=False``: the caller needs the result's summary, problems and inputs,
    not its references; a large .bib is then converted in shards (``shards``), the same
    bytes in less time, and the result's library holds no references.
    """
    from .atomic import write_files_atomic
    from .layout import LibraryFacts, render_pieces
    from .parallel import worker_count
    from .report.json import summary

    options = options or ConvertOptions()
    out_dir = Path(out_dir)
    if not keep_library:
        from .shards import convert_in_shards

        sharded = convert_in_shards(paths, out_dir, options)
        if sharded is not None:
            return sharded
    library = run(paths, options)
    from .writers.keys import assign_keys

    assign_keys(library)  # a no-op after the default steps
    facts = LibraryFacts.of(library)
    layouts = output_layouts(library, facts, out_dir, options)
    files = {path: render_pieces(layout, library) for path, layout in layouts.items()}
    costs = {path: WRITING_COST.get(path.name, 1.0) for path in files}
    jobs = worker_count(options.jobs, len(library.references))
    written = write_files_atomic(files, jobs=jobs, costs=costs)
    return ConvertResult(library, written, summary(library, facts))


def output_layouts(library: Library, facts: LibraryFacts, out_dir: Path,
                   options: ConvertOptions) -> dict[Path, Layout]:
    """The layout of every file ``convert`` writes: the requested formats and both reports
    (``library`` gives what the reports list beyond references and normalizations)."""
    from .report.json import layout_json
    from .report.markdown import layout_markdown
    from .writers import output_layouts as format_layouts

    layouts = format_layouts(facts, out_dir, target=options.target, formats=options.formats)
    layouts[out_dir / "report.json"] = layout_json(library, facts)
    layouts[out_dir / "report.md"] = layout_markdown(library, facts)
    return layouts
