"""translitbib: clean, deduplicated bibliographies from texts that cite Russian sources.

The public API is what ``__all__`` lists; every other module is private and free to change.
Names load on first use (PEP 562), so ``import translitbib`` and ``translitbib --help`` stay
fast: the dictionary, pybtex and aiohttp load only when something needs them.

    >>> from translitbib import ConvertOptions, convert_to_directory
    >>> convert_to_directory([Path("essay.txt")], Path("out"), ConvertOptions())

A step is any ``Library -> Library`` callable; ``run(paths, options, steps)`` takes your
own chain (``default_steps(options)`` is the one ``convert`` uses).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

#: public name -> the private module that defines it
_WHERE = {
    "Citation": "model",
    "CitationTarget": "model",
    "ConfigError": "errors",
    "ConvertOptions": "pipeline",
    "ConvertResult": "pipeline",
    "Date": "model",
    "DecodeError": "errors",
    "ExitCode": "exit_codes",
    "FormatError": "errors",
    "InputError": "errors",
    "Library": "model",
    "LinkResult": "links.verdict",
    "LinkSettings": "links.run",
    "LinkVerdict": "links.verdict",
    "Name": "model",
    "Note": "model",
    "OutputError": "errors",
    "Problem": "model",
    "Reference": "model",
    "Resolver": "translit.resolve",
    "SCHEMES": "translit",
    "Severity": "model",
    "SourceSpan": "model",
    "TARGETS": "writers",
    "TranslitbibError": "errors",
    "Url": "model",
    "check_cited": "links.run",
    "convert_to_directory": "pipeline",
    "default_steps": "pipeline",
    "extract_urls": "links.extract",
    "match_key": "translit.key",
    "read_inputs": "readers",
    "read_path": "readers",
    "romanize": "translit.romanize",
    "run": "pipeline",
    "write_outputs": "writers",
}

__all__ = sorted([*_WHERE, "__version__"])


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'translitbib' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
