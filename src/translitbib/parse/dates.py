"""Dates as essays write them (``June 18 2003``, ``8 February 2000``, ``September, 2011``)
and as biblatex and CSL's ``raw`` write them (``2003-06-18``, a range ``1999/2001``)."""

from __future__ import annotations

import re

from ..model import Date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
#: seasons, numbered as CSL and biblatex number them
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
DATE_PATTERN = (
    rf"(?:{MONTH}\s+\d{{1,2}},?\s+{YEAR}"  # June 18 2003, June 29, 2003
    rf"|\d{{1,2}}\s+{MONTH},?\s+{YEAR}"  # 18 June 2003
    rf"|{MONTH},?\s+{YEAR}"  # September, 2011
    rf"|{YEAR}-\d\d(?:-\d\d)?"  # 2003-06-18
    rf"|{YEAR})"
)
DATE_RE = re.compile(DATE_PATTERN)
_PARTS = re.compile(r"[A-Za-z]+|\d+")


def parse_date(text: str) -> Date | None:
    """Parse one date; ``None`` when the text holds no year."""
    text = text.strip().rstrip(".,")
    iso = re.fullmatch(rf"({YEAR})-(\d\d)(?:-(\d\d))?", text)
    if iso:
        day = int(iso.group(3)) if iso.group(3) else None
        return Date(int(iso.group(1)), int(iso.group(2)), day)
    year = month = day = None
    for token in _PARTS.findall(text):
        if token.isdigit():
            if len(token) == 4:
                year = int(token)
            elif day is None and 1 <= int(token) <= 31:
                day = int(token)
        elif token.lower().rstrip(".") in MONTHS:
            month = MONTHS[token.lower().rstrip(".")]
    if year is None:
        return None
    if month is None:
        day = None
    return Date(year, month, day)


_ISO_PART = r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?"
_ISO_RANGE = re.compile(rf"{_ISO_PART}(?:\s*/\s*{_ISO_PART})?")


def parse_iso_date(text: str) -> Date | None:
    """``2003-06-18``, ``2003-06``, ``2003`` or a range of them (``1999/2001``,
    ``1999-05/1999-07``); None for anything else (an open range, a month 13)."""
    match = _ISO_RANGE.fullmatch(text.strip())
    if match is None:
        return None
    numbers = [int(g) if g else None for g in match.groups()]
    start, end = numbers[:3], numbers[3:]
    if not all(_valid(*part) for part in (start, end) if part[0] is not None):
        return None
    if end[0] is None:
        return Date(*start)
    return Date(*start, end=(end[0], end[1], end[2]))  # type: ignore[arg-type]


def _valid(year: int, month: int | None, day: int | None) -> bool:
    """A month, or a season (21-24: spring to winter, as CSL and biblatex number them)."""
    if month is not None and 21 <= month <= 24:
        return day is None
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)
