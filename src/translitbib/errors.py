"""Errors: one root, and messages that name the file and line.

Recoverable problems (a line that will not parse, a citation with no entry) are *data*
(``model.Problem``); these exceptions are for bad invocations and inputs that cannot be
read at all.

    TranslitbibError
     ├── InputError          an input file cannot be read or is not what it claims to be
     │    ├── DecodeError    bytes that are no text in any encoding we know
     │    └── FormatError    text that is not valid BibTeX / CSL-JSON / an essay
     ├── OutputError         an output cannot be written (permissions, full disk)
     └── ConfigError         an option or an authority file is wrong
"""

from __future__ import annotations


class TranslitbibError(Exception):
    """The root of every error translitbib raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        if hint:
            self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(TranslitbibError):
    """An input file cannot be read, or is not what it claims to be."""


class DecodeError(InputError):
    """The bytes of an input are not text in any encoding translitbib knows."""

    hint = "save the file as UTF-8, or check that it is a text file"


class FormatError(InputError):
    """The text of an input is not valid in its format."""


class OutputError(TranslitbibError):
    """An output file cannot be written."""

    hint = "check that the output directory exists, is writable and has free space"


class ConfigError(TranslitbibError):
    """An option value or an authority file is wrong."""
