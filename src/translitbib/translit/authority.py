"""The authority file: the user's own readings and spellings, overriding every table.

A TOML file (``--authority FILE``)::

    # how to write a person whose name resolves to this Cyrillic (any names policy)
    [names]
    "Берия" = "Beria"
    "Хрущёв" = "Khrushchev"

    # how to read a Latin spelling (wins over the dictionary)
    [readings]
    "Chilachava" = "Чилачава"

Mistakes are reported with the file and line (``ConfigError``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

_CYRILLIC = re.compile(r"^[А-Яа-яЁё][А-Яа-яЁё\- ]*$")
SECTIONS = ("names", "readings")


@dataclass(frozen=True, slots=True)
class Authority:
    names: dict[str, str] = field(default_factory=dict)  # lower-case Cyrillic -> Latin
    readings: dict[str, str] = field(default_factory=dict)  # lower-case Latin -> Cyrillic
    path: str = ""


def load_authority(path: Path | None) -> Authority:
    """Read and check an authority file; ``None`` gives the empty authority."""
    if path is None:
        return Authority()
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("authority file not found", path=where) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"authority file cannot be read: {exc}", path=where) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _line_of_error(str(exc))
        raise ConfigError(f"not valid TOML: {exc}", path=where, line=line) from None
    names: dict[str, str] = {}
    readings: dict[str, str] = {}
    for section, entries in data.items():
        line = _line_of(text, f"[{section}]")
        if section not in SECTIONS or not isinstance(entries, dict):
            raise ConfigError(f"unknown section [{section}]; expected [names] or [readings]",
                              path=where, line=line)
        for key, value in entries.items():
            at = _line_of(text, key)
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{key!r} must map to a non-empty string", path=where, line=at)
            cyrillic, latin = (key, value) if section == "names" else (value, key)
            if not _CYRILLIC.match(cyrillic):
                raise ConfigError(f"{cyrillic!r} is not a Cyrillic word", path=where, line=at)
            if section == "names":
                names[cyrillic.lower()] = latin
            else:
                readings[latin.lower()] = cyrillic
    return Authority(names=names, readings=readings, path=where)


def _line_of_error(message: str) -> int | None:
    found = re.search(r"at line (\d+)", message)
    return int(found.group(1)) if found else None


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return None
