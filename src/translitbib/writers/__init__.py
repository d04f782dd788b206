"""Writers: the cleaned library as files the real clients take in faithfully.

``write_outputs`` writes ``references.bib``, ``references.json`` (CSL-JSON) and
``references.ris`` atomically.  ``target`` picks the mapping for a client (see
``TARGETS`` and docs/outputs.md); the mappings are data in ``writers/data/*.json``.
The default target writes a biblatex .bib (biber, pandoc, Zotero's importer) with
standard CSL-JSON and RIS; ``--target bibtex`` gives a classic BibTeX .bib for plain.bst.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..atomic import write_text_atomic
from ..model import Library
from .bibtex import format_bibtex
from .csljson import format_csljson
from .keys import assign_keys
from .profile import DEFAULT_TARGET, TARGETS, get_target
from .ris import format_ris

__all__ = ["DEFAULT_TARGET", "FORMATS", "TARGETS", "write_outputs"]

# format name -> (file name, formatter taking the library and the target name)
FORMATS: dict[str, tuple[str, Callable[[Library, str], str]]] = {
    "bibtex": ("references.bib", lambda lib, target: format_bibtex(lib, get_target(target).bib)),
    "csljson": ("references.json", format_csljson),
    "ris": ("references.ris", lambda lib, target: format_ris(lib)),
}


def write_outputs(library: Library, out_dir: Path, *, target: str = DEFAULT_TARGET,
                  formats: tuple[str, ...] = ("bibtex", "csljson", "ris")) -> list[Path]:
    """Write each requested format into ``out_dir``; returns the paths written, in order."""
    get_target(target)  # an unknown target fails before anything is written
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format(s) {unknown}; choose from {sorted(FORMATS)}")
    assign_keys(library)  # keeps keys already valid and unique; a no-op after the pipeline
    written: list[Path] = []
    for fmt in formats:
        file_name, formatter = FORMATS[fmt]
        path = Path(out_dir) / file_name
        write_text_atomic(path, formatter(library, target))
        written.append(path)
    return written
