"""The numbers Word draws before list paragraphs (``numbering.xml``), which are in no
``w:t``: a list of notes typed under a "Notes" heading, or a numbered bibliography, would
lose them, and with them which note is which.

Counters belong to the abstract list a numbering instance points at, as in Word, where a
list split by other paragraphs goes on counting; an instance whose level says
``startOverride`` starts it again ("Restart at 1").
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from .docx_parts import attribute, word_name
from .package import parse_part


@dataclass(slots=True)
class Level:
    start: int = 1
    format: str = "decimal"
    text: str = "%1."


@dataclass(slots=True)
class _Instance:
    abstract: str = ""
    restarts: dict[int, int] = field(default_factory=dict)  # level -> start


class _Reader:
    def __init__(self) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, _Instance] = {}
        self._levels: dict[int, Level] | None = None
        self._level: Level | None = None
        self._instance: _Instance | None = None
        self._override = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = word_name(tag)
        value = attribute(attrib, "val") or ""
        if name == "abstractNum":
            self._levels = self.abstract.setdefault(attribute(attrib, "abstractNumId") or "", {})
        elif name == "num":
            self._instance = self.instances.setdefault(attribute(attrib, "numId") or "",
                                                       _Instance())
        elif name == "lvl" and self._levels is not None:
            self._level = self._levels.setdefault(_int(attribute(attrib, "ilvl")), Level())
        elif name == "lvlOverride":
            self._override = _int(attribute(attrib, "ilvl"))
        elif name == "abstractNumId" and self._instance is not None:
            self._instance.abstract = value
        elif name == "startOverride" and self._instance is not None:
            self._instance.restarts[self._override] = _int(value, 1)
        elif self._level is not None and name in ("start", "numFmt", "lvlText"):
            if name == "start":
                self._level.start = _int(value, 1)
            elif name == "numFmt":
                self._level.format = value
            else:
                self._level.text = value

    def end(self, tag: str) -> None:
        name = word_name(tag)
        if name == "abstractNum":
            self._levels = None
        elif name == "num":
            self._instance = None
        elif name == "lvl":
            self._level = None

    def data(self, data: str) -> None:
        return None


def _int(text: str | None, default: int = 0) -> int:
    return int(text) if text and text.lstrip("-").isdecimal() else default


class ListNumbers:
    """Gives each numbered paragraph, in document order, the label Word draws for it."""

    def __init__(self, abstract: dict[str, dict[int, Level]],
                 instances: dict[str, _Instance]) -> None:
        self._abstract = abstract
        self._instances = instances
        self._counters: dict[str, dict[int, int]] = {}
        self._restarted: set[tuple[str, int]] = set()

    def label(self, num_id: str, level: int) -> str:
        """The next label of list ``num_id`` at ``level`` ("3.", "b)", "-"); "" for none."""
        instance = self._instances.get(num_id)
        levels = self._abstract.get(instance.abstract, {}) if instance else {}
        if instance is None or num_id == "0" or level not in levels:
            return ""
        counters = self._counters.setdefault(instance.abstract, {})
        if level in instance.restarts and (num_id, level) not in self._restarted:
            self._restarted.add((num_id, level))
            counters[level] = instance.restarts[level] - 1
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [d for d in counters if d > level]:
            del counters[deeper]  # a level below starts again after this one
        style = levels[level]
        if style.format == "bullet":
            return "-"
        if style.format == "none":
            return ""
        text = style.text
        for shown in range(level, -1, -1):  # %1 is level 0's number, %2 level 1's...
            count = counters.get(shown, levels.get(shown, Level()).start)
            text = text.replace(f"%{shown + 1}", _formatted(count, levels.get(
                shown, Level()).format))
        return text


def _formatted(count: int, number_format: str) -> str:
    if number_format in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (count - 1) % 26) * ((count - 1) // 26 + 1)
        return letters.upper() if number_format == "upperLetter" else letters
    if number_format in ("lowerRoman", "upperRoman"):
        roman = _roman(count)
        return roman.lower() if number_format == "lowerRoman" else roman
    return str(count)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(count: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while count >= value:
            out.append(letters)
            count -= value
    return "".join(out) or str(count)


def list_numbers(package: zipfile.ZipFile, part: str | None, path: str) -> ListNumbers:
    """The document's list numbering (none without a numbering part)."""
    reader = _Reader()
    if part is not None:
        parse_part(package, part, reader, path)
    return ListNumbers(reader.abstract, reader.instances)
