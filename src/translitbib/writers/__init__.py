"""Writers: the cleaned library as files the real clients take in faithfully.

``write_outputs`` writes ``references.bib``, ``references.json`` (CSL-JSON) and
``references.ris`` atomically, all or none; ``format_outputs`` gives their texts (in pieces) to
a caller that writes them with other files.  ``target`` picks the mapping for a client (see
``TARGETS`` and docs/outputs.md); the mappings are data in ``writers/data/*.json``.
The default target writes a biblatex .bib (biber, pandoc, Zotero's importer) with
standard CSL-JSON and RIS; ``--target bibtex`` gives a classic BibTeX .bib for plain.bst.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..atomic import write_files_atomic
from ..layout import Layout, LibraryFacts, render_pieces
from ..model import Library
from .bibtex import layout_bibtex
from .csljson import layout_csljson
from .keys import assign_keys
from .profile import DEFAULT_TARGET, TARGETS, get_target
from .ris import layout_ris

__all__ = ["DEFAULT_TARGET", "FORMATS", "TARGETS", "format_outputs", "output_layouts",
           "write_outputs"]

# format name -> (file name, the file's layout for the library's facts and the target: see
# layout.py; ``render_pieces`` gives its text a record at a time)
FORMATS: dict[str, tuple[str, Callable[[LibraryFacts, str], Layout]]] = {
    "bibtex": ("references.bib",
               lambda facts, target: layout_bibtex(facts, get_target(target).bib)),
    "csljson": ("references.json", layout_csljson),
    "ris": ("references.ris", lambda facts, target: layout_ris(facts)),  # one RIS for all
}


def check_formats(target: str, formats: tuple[str, ...]) -> None:
    """``ValueError`` for an unknown target or format, before anything is written."""
    get_target(target)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format(s) {unknown}; choose from {sorted(FORMATS)}")


def output_layouts(facts: LibraryFacts, out_dir: Path, *, target: str = DEFAULT_TARGET,
                   formats: tuple[str, ...] = ("bibtex", "csljson", "ris"),
                   ) -> dict[Path, Layout]:
    """Each requested format's layout, by the path it belongs at in ``out_dir``."""
    check_formats(target, formats)
    return {Path(out_dir) / FORMATS[fmt][0]: FORMATS[fmt][1](facts, target) for fmt in formats}


def format_outputs(library: Library, out_dir: Path, *, target: str = DEFAULT_TARGET,
                   formats: tuple[str, ...] = ("bibtex", "csljson", "ris"),
                   ) -> dict[Path, Iterable[str]]:
    """Each requested format's text, in pieces made as they are read, by the path it
    belongs at in ``out_dir`` (``"".join`` gives the whole text)."""
    check_formats(target, formats)
    assign_keys(library)  # keeps keys already valid and unique; a no-op after the pipeline
    layouts = output_layouts(LibraryFacts.of(library), out_dir, target=target, formats=formats)
    return {path: render_pieces(layout, library) for path, layout in layouts.items()}


def write_outputs(library: Library, out_dir: Path, *, target: str = DEFAULT_TARGET,
                  formats: tuple[str, ...] = ("bibtex", "csljson", "ris")) -> list[Path]:
    """Write each requested format into ``out_dir``, all or none (``write_files_atomic``);
    returns the paths written, in order."""
    return write_files_atomic(format_outputs(library, out_dir, target=target, formats=formats))
