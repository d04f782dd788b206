"""``report.md``: what a person reviews after a run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..layout import Layout, LibraryFacts, Records, render_pieces
from ..model import Citation, Library, Note, Problem, Reference
from .json import accounting, summary


def _cell(value: object) -> str:
    text = str(value if value is not None else "")
    if "|" in text or "\n" in text:
        return text.replace("|", "\\|").replace("\n", " ")
    return text


def _ref_label(ref: Reference | None) -> str:
    if ref is None:
        return "—"
    who = ", ".join(n.family or n.literal for n in ref.authors) or "—"
    title = f" *{ref.title}*" if ref.title else ""
    stub = " (missing from bibliography)" if ref.stub else ""
    return f"`{ref.id}` {who}{title}{stub}"


def render_markdown(library: Library) -> str:
    return "".join(iter_markdown(library))


def iter_markdown(library: Library) -> Iterator[str]:
    """``render_markdown`` in pieces (a table row at a time), for writing as it is made."""
    return render_pieces(layout_markdown(library, LibraryFacts.of(library, families=False)),
                         library)


def layout_markdown(library: Library, facts: LibraryFacts) -> Layout:
    """report.md (see ``layout``): every line ends in a line break, the last one is the
    references table's (no blank line, no trailing space after it)."""
    layout: Layout = []

    def lines(*texts: str) -> None:
        layout.append("".join(text + "\n" for text in texts))

    summed = summary(library, facts)
    books = accounting(library, facts)
    inputs = ", ".join(f"`{i.path}` ({i.format}, {i.encoding})" for i in library.inputs)
    lines("# translitbib report", "", f"Inputs: {inputs}", "",
          "| | |", "|---|---|",
          f"| references written | {summed['references']} |",
          f"| of which missing from the bibliography (stubs) | {summed['stubs']} |",
          f"| citations | {summed['citations']} ({summed['targets_linked']} of "
          f"{summed['citation_targets']} cited works linked) |",
          f"| notes | {summed['notes']} |",
          f"| distinct URLs | {summed['urls']} |",
          f"| problems | {', '.join(f'{v} {k}' for k, v in summed['problems'].items())} |",
          f"| entries read = written + merged + not written (see problems) | "
          f"{books['entries_read']} = {books['references_from_entries']} + "
          f"{books['entries_merged_as_duplicates']} + {books['entries_reported_as_problems']} "
          f"({'balanced' if books['balanced'] else 'NOT BALANCED'}) |",
          "")
    if not facts.stubs:
        lines("## Missing works", "", "Every cited work is in the bibliography.", "")
    else:
        lines("## Missing works", "",
              "Cited in the text but not listed in any bibliography; written out as stubs.",
              "", "| work | first cited at |", "|---|---|")
        layout.append(Records("stubs", _stub_row))
        lines("")
    lines("## Citations", "", "| where | citation | links to | locator |", "|---|---|---|---|")
    layout.append(Records("citations", _citation_rows))
    lines("")
    if library.notes:
        lines("## Notes", "", "| note | at | called from | URLs |", "|---|---|---|---|")
        layout.append(Records("notes", _note_row))
        lines("")
    if not library.problems:
        lines("## Problems", "", "None.", "")
    else:
        lines("## Problems", "", "| severity | where | code | message |", "|---|---|---|---|")
        layout.append(Records("problems", _problem_row))
        lines("")
    if facts.normalizations:
        from ..translit.report import markdown_header

        lines(*markdown_header(facts.normalizations, facts.applied))
        layout.append(Records("normalizations", _normalization_row))
        lines("")
    if library.links:
        from ..links.report import render_markdown as links_markdown

        lines(links_markdown(library.links), "")
    lines("## References", "", "| key | type | author | title | year | from |",
          "|---|---|---|---|---|---|")
    layout.append(Records("references", _reference_row))
    return layout


def _stub_row(ref: Reference) -> str:
    return f"| {_cell(_ref_label(ref))} | `{ref.source}` |\n"


def _citation_rows(citation: Citation) -> str:
    rows = []
    for target in citation.targets:
        remarks = f"({', '.join(target.remarks)})" if target.remarks else ""
        locator = " ".join(part for part in (target.locator or "", remarks) if part)
        rows.append(f"| `{citation.source}` | {_cell(citation.text)} | "
                    f"{_cell(_ref_label(target.reference))} | {_cell(locator)} |\n")
    return "".join(rows)


def _note_row(note: Note) -> str:
    calls = ", ".join(f"line {c.line}" for c in note.calls) or "—"
    urls = " ".join(f"<{u.url}>" for u in note.urls) or ""
    return f"| {note.number} | `{note.source}` | {calls} | {_cell(urls)} |\n"


def _problem_row(p: Problem) -> str:
    return f"| {p.severity} | `{p.source or ''}` | {p.code} | {_cell(p.message)} |\n"


def _normalization_row(n: Any) -> str:
    from ..translit.report import markdown_row

    return markdown_row(n) + "\n"


def _reference_row(ref: Reference) -> str:
    names = ref.names
    people = [*names.get("author", ()), *names.get("editor", ())] if names else []
    who = "; ".join([n.display for n in people])
    issued = ref.dates.get("issued")
    year = issued.year if issued is not None else None
    return (f"| `{ref.id}` | {ref.type} | {_cell(who)} | {_cell(ref.title)} | "
            f"{year or ''} | `{ref.source}` {'stub' if ref.stub else ''} |\n")
