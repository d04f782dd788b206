"""The normalizations as a Markdown table a person can review."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

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
        "only suggested (typo suspects apply with `--fix-typos`; guesses are never applied).",
        "",
        HEADER,
        "|---|---|---|---|---|---|---|---|---|",
    ]


_TAILS: dict[tuple[Any, ...], str] = {}  # a row's cells after the reference and field
TAILS_KEPT = 1 << 16


def markdown_row(n: Any) -> str:
    """One normalization as a table row, the cells after the reference and field made once
    per change (``record.change_key``)."""
    from .record import change_key

    key = change_key(n)
    if key is None:
        return _plain_markdown_row(n)
    tail = _TAILS.get(key)
    if tail is None:
        if len(_TAILS) >= TAILS_KEPT:
            _TAILS.clear()
        row = _plain_markdown_row(n)
        head = f"| {_cell(str(n.reference_label()))} | {_cell(str(n.field))} | "
        tail = _TAILS[key] = row[len(head):]
    return f"| {_cell(str(n.reference_label()))} | {_cell(str(n.field))} | {tail}"


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
