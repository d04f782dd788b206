"""The ``## Links`` section of report.md: counts, then one row per link."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .run import network_notice
from .verdict import ROT_VERDICTS, LinkVerdict

_ORDER = [str(v) for v in LinkVerdict]
_ROT = {str(v) for v in ROT_VERDICTS}


def _as_dict(link: Any) -> dict[str, Any]:
    return link.to_dict() if hasattr(link, "to_dict") else dict(link)


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def render_markdown(links: Iterable[Any]) -> str:
    """Markdown for report.md; says plainly when the machine was offline."""
    rows = [_as_dict(link) for link in links]
    out = ["## Links", ""]
    if not rows:
        return "\n".join([*out, "No URLs are cited.", ""])
    counts = Counter(row["verdict"] for row in rows)
    rot = sum(counts[v] for v in _ROT)
    notice = network_notice([row["verdict"] for row in rows], [row["url"] for row in rows])
    if notice:  # (offline, or no site answered: said before any verdict is read)
        head, _, rest = notice.partition(": ")
        out += [f"**{head}:** {rest}", ""]
    out.append(f"{len(rows)} links cited: {rot} rotten (dead, soft-404 or parked).")
    out.append("")
    out += ["| verdict | links |", "|---|---:|"]
    out += [f"| {v} | {counts[v]} |" for v in _ORDER if counts[v]]
    out += ["", "| verdict | status | URL | cited at | evidence | archived copy |",
            "|---|---:|---|---|---|---|"]
    for row in sorted(rows, key=lambda r: (r["verdict"] not in _ROT, _ORDER.index(r["verdict"]),
                                           r["url"])):
        places = ", ".join(f"{c['path']}:{c['line']}" + (f" ({c['reference']})"
                                                         if c.get("reference") else "")
                           for c in row.get("cited_by", []))
        evidence = row.get("evidence", "")
        if row.get("final_url") and row["final_url"] != row["url"] \
                and row["final_url"] not in evidence:
            evidence = f"{evidence} → {row['final_url']}" if evidence else row["final_url"]
        out.append(f"| {row['verdict']} | {_cell(row.get('status'))} | {_cell(row['url'])} | "
                   f"{_cell(places)} | {_cell(evidence)} | {_cell(row.get('archive_url'))} |")
    out.append("")
    return "\n".join(out)
