"""The normalizations as a Markdown table a person can review."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .record import ChangeTexts

HEADER = (
    "| reference | field | original | Cyrillic | normalized | kind | confidence | applied "
    "| evidence |"
)


def render_markdown(normalizations: Sequence[Any]) -> str:
    """``## Normalizations``: one row per word changed or suspected, in input order."""
    return "\n".join(iter_markdown_lines(normalizations))


def iter_markdown_lines(normalizations: Sequence[Any]) -> Iterator[str]:
    """The lines of ``render_markdown``, a row at a time (a library-sized run has hundreds
    of thousands of rows: they are never all held at once)."""
    applied = sum(1 for n in normalizations if n.applied)
    yield from markdown_header(len(normalizations), applied)
    for n in normalizations:
        yield markdown_row(n)


def markdown_header(count: int, applied: int) -> list[str]:
    """The section's title, counts and table header (``applied`` of ``count`` changed)."""
    return [
        "## Normalizations",
        "",
        f"{count} words: {applied} changed, {count - applied} "
        "only suggested or left as found (typo suspects apply with `--fix-typos`; guesses "
        "are never applied; a romanized Ukrainian work is written in the scheme's Ukrainian "
        "table, a field in any other language left whole).",
        "",
        HEADER,
        "|---|---|---|---|---|---|---|---|---|",
    ]


_CHANGES = ChangeTexts()  # a row's cells after the reference and field


def markdown_row(n: Any) -> str:
    """One normalization as a table row, the cells after the reference and field made once
    per change (``ChangeTexts``)."""
    head = f"| {_cell(str(n.reference_label()))} | {_cell(str(n.field))} | "
    tail = _CHANGES.get(n, lambda: _plain_markdown_row(n)[len(head):])
    return _plain_markdown_row(n) if tail is None else head + tail


def _plain_markdown_row(n: Any) -> str:
    r = n.to_dict()
    evidence = r["evidence"] if isinstance(r["evidence"], str) else "; ".join(r["evidence"])
    cells = [
        r["reference"], r["field"], r["original"], r["cyrillic"] or "", r["normalized"],
        r["kind"], f"{r['confidence']:.2f}", "yes" if r["applied"] else "no", evidence,
    ]
    return "| " + " | ".join(_cell(str(c)) for c in cells) + " |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or " "
