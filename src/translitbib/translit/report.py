"""The normalizations as a Markdown table a person can review."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

HEADER = (
    "| reference | field | original | Cyrillic | normalized | kind | confidence | applied "
    "| evidence |"
)


def render_markdown(normalizations: Sequence[Any]) -> str:
    """``## Normalizations``: one row per word changed or suspected, in input order."""
    rows = [n.to_dict() for n in normalizations]
    applied = sum(1 for r in rows if r["applied"])
    lines = [
        "## Normalizations",
        "",
        f"{len(rows)} words: {applied} changed, {len(rows) - applied} only suggested "
        "(typo suspects apply with `--fix-typos`; guesses are never applied).",
        "",
        HEADER,
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        evidence = r["evidence"] if isinstance(r["evidence"], str) else "; ".join(r["evidence"])
        cells = [
            r["reference"], r["field"], r["original"], r["cyrillic"] or "", r["normalized"],
            r["kind"], f"{r['confidence']:.2f}", "yes" if r["applied"] else "no", evidence,
        ]
        lines.append("| " + " | ".join(_cell(str(c)) for c in cells) + " |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or " "
