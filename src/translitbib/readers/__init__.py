"""Readers: one per input format, chosen by file suffix, then by content.

Every reader returns a ``Library`` of CSL-shaped references (and, for essays, citations
and notes) with the source file and line of each record.  Text formats are decoded first
(``text``); a word processor's document (.docx, .odt) is read from its bytes, and is an
essay whose lines are its paragraphs (``document``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..model import Library, Severity, SourceSpan
from .text import DecodedText, decode_bytes

Reader = Callable[[str, str], Library]  # (text, path) -> Library

SUFFIX_FORMATS = {
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".biblatex": "bibtex",
    ".json": "csljson",
    ".csljson": "csljson",
    ".ris": "ris",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "essay",
    ".md": "essay",
    ".markdown": "essay",
    ".text": "essay",
    ".docx": "docx",
    ".docm": "docx",
    ".odt": "odt",
}
#: the formats read from bytes: a ZIP archive of XML, found by its content too
DOCUMENT_FORMATS = {"docx": "a Word document", "odt": "an OpenDocument text"}


def reader_for(fmt: str) -> Reader:
    if fmt == "bibtex":
        from .bibtex import read_bibtex

        return read_bibtex
    if fmt == "csljson":
        from .csljson import read_csljson

        return read_csljson
    if fmt == "ris":
        from .ris import read_ris

        return read_ris
    if fmt == "html":
        from .html import read_html

        return read_html
    if fmt == "essay":
        from .essay import read_essay

        return read_essay
    raise ValueError(f"no reader for format {fmt!r}")


_BIBTEX_START = re.compile(r"@[A-Za-z]+\s*[{(]")
_RIS_START = re.compile(r"TY\s{1,2}-\s")  # TY  - JOUR
# an HTML page's start: <!DOCTYPE html> or <html>, after an XML declaration or comments
_HTML_START = re.compile(r"(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*){0,5}"
                         r"<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)


def sniff_format(text: str) -> str:
    """Guess the format of text whose file suffix said nothing."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if head.startswith(("[", "{")):
        try:
            json.loads(text)
        except (ValueError, RecursionError):
            pass
        else:
            return "csljson"
    if head.startswith("@") or ("\n@" in head[:2048] and "{" in head):
        return "bibtex"
    if _RIS_START.match(head):
        return "ris"
    if _HTML_START.match(head):
        return "html"
    return "essay"


def _structured_in_disguise(text: str) -> str | None:
    """A ``.txt`` file that plainly holds BibTeX, RIS, CSL-JSON or an HTML page (exports
    are often renamed)."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    for line in head.splitlines():  # the first line that is not a % comment
        if line.strip() and not line.lstrip().startswith("%"):
            if _BIBTEX_START.match(line.lstrip()):
                return "bibtex"
            if _RIS_START.match(line.lstrip()):  # EndNote saves RIS as .txt
                return "ris"
            break
    if head.startswith("[") and sniff_format(text) == "csljson":
        return "csljson"
    if _HTML_START.match(head):  # a web page saved as .txt
        return "html"
    return None


def read_text(path: Path) -> tuple[DecodedText, str]:
    """An input file's text (decoded, control characters gone) and how it was decoded;
    ``InputError`` when there is none to read."""
    decoded = decode_bytes(read_bytes(path), str(path))
    return decoded, clean_control_characters(decoded.text)


def read_bytes(path: Path) -> bytes:
    """An input file's bytes; ``InputError`` when it is missing, a directory or empty."""
    name = str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise InputError("is a directory, not a file", path=name) from exc
    except FileNotFoundError as exc:
        raise InputError("no such file", path=name) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from exc
    if not data.strip():
        raise InputError("the file is empty" if not data else "the file holds only whitespace",
                         path=name, hint="nothing to convert")
    return data


def document_format(path: Path, data: bytes, fmt: str | None = None) -> str | None:
    """The document format (docx, odt) to read ``data`` as, or None for text: ``fmt``
    when it names one, else the content when it is such a document (``--from essay``
    too: a Word essay is an essay), else the suffix (whose reader says what is wrong)."""
    from .package import package_format

    if fmt in DOCUMENT_FORMATS:
        return fmt
    if fmt not in (None, "essay"):
        return None
    by_suffix = SUFFIX_FORMATS.get(path.suffix.lower())
    found = package_format(data)
    if found in DOCUMENT_FORMATS:
        return found
    return by_suffix if by_suffix in DOCUMENT_FORMATS else None


def read_document(data: bytes, name: str, fmt: str) -> Library:
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, name)
    from .odt import read_odt

    return read_odt(data, name)


def format_of(path: Path, text: str, fmt: str | None = None) -> tuple[str, str | None]:
    """The format to read ``text`` as (``fmt`` when given), and the format found in a
    file whose name says essay when its content plainly is another (else None)."""
    by_suffix = SUFFIX_FORMATS.get(path.suffix.lower())
    disguised = _structured_in_disguise(text) if not fmt and by_suffix == "essay" else None
    return fmt or disguised or by_suffix or sniff_format(text), disguised


def read_path(path: Path, fmt: str | None = None, *, jobs: int = 1) -> Library:
    """Read one input file into a Library; raises ``InputError`` if it cannot be read.

    ``jobs``: processes for a large BibTeX file (see ``read_bibtex``; 0: by its size).
    """
    name = str(path)
    data = read_bytes(path)
    document = document_format(path, data, fmt)
    if document is not None:
        library = read_document(data, name, document)
        by_suffix = SUFFIX_FORMATS.get(path.suffix.lower())
        if fmt is None and by_suffix != document:
            library.add_problem(Severity.INFO, "format-from-content",
                                f"the name does not say so, the content is "
                                f"{DOCUMENT_FORMATS[document]} ({document}): read as one",
                                SourceSpan(name, 1))
        return library
    decoded = decode_bytes(data, name)
    text = clean_control_characters(decoded.text)
    fmt, disguised = format_of(path, text, fmt)
    if fmt == "bibtex":  # the one reader that can use several processes
        from .bibtex import read_bibtex

        library = read_bibtex(text, name, jobs=jobs)
    else:
        library = reader_for(fmt)(text, name)
    if disguised:
        library.add_problem(Severity.INFO, "format-from-content",
                            f"the name says an essay, the content is {disguised}: read as "
                            f"{disguised} (use --from essay to override)", SourceSpan(name, 1))
    for record in library.inputs:
        if record.path == name:
            record.encoding = decoded.encoding
    add_repairs(library, decoded.repairs, name)
    return library


def add_repairs(library: Library, repairs: tuple[tuple[int, str], ...], name: str) -> None:
    """What decoding repaired (mojibake, lines in another encoding): (line, what) as
    warnings."""
    for line, what in repairs:
        library.add_problem(Severity.WARNING, "encoding-repaired", what, SourceSpan(name, line))


# C0/C1 controls other than tab and newlines, and invisible direction marks: PDF and web
# extractions are full of them and no bibliography field should keep them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                      "\u2066-\u2069\ufeff]")


def clean_control_characters(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def read_inputs(paths: list[Path], fmt: str | None = None, *, jobs: int = 1) -> Library:
    """Read every input into one Library (in the order given)."""
    library = Library()
    for path in paths:
        library.extend(read_path(Path(path), fmt, jobs=jobs))
    return library
