"""``report.md``: what a person reviews after a run."""

from __future__ import annotations

from ..model import Citation, Library, Reference
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
    facts = summary(library)
    books = accounting(library)
    lines = ["# translitbib report", ""]
    inputs = ", ".join(f"`{i.path}` ({i.format}, {i.encoding})" for i in library.inputs)
    lines += [f"Inputs: {inputs}", ""]
    lines += [
        "| | |", "|---|---|",
        f"| references written | {facts['references']} |",
        f"| of which missing from the bibliography (stubs) | {facts['stubs']} |",
        f"| citations | {facts['citations']} ({facts['targets_linked']} of "
        f"{facts['citation_targets']} cited works linked) |",
        f"| notes | {facts['notes']} |",
        f"| distinct URLs | {facts['urls']} |",
        f"| problems | {', '.join(f'{v} {k}' for k, v in facts['problems'].items())} |",
        f"| entries read = written + merged + not written (see problems) | "
        f"{books['entries_read']} = {books['references_from_entries']} + "
        f"{books['entries_merged_as_duplicates']} + {books['entries_reported_as_problems']} "
        f"({'balanced' if books['balanced'] else 'NOT BALANCED'}) |",
        "",
    ]
    lines += _missing_works(library)
    lines += _citations(library.citations)
    lines += _notes(library)
    lines += _problems(library)
    if library.normalizations:
        from ..translit.report import render_markdown as normalizations_markdown

        lines += [normalizations_markdown(library.normalizations), ""]
    if library.links:
        from ..links.report import render_markdown as links_markdown

        lines += [links_markdown(library.links), ""]
    lines += _references(library.references)
    return "\n".join(lines).rstrip() + "\n"


def _missing_works(library: Library) -> list[str]:
    stubs = [ref for ref in library.references if ref.stub]
    if not stubs:
        return ["## Missing works", "", "Every cited work is in the bibliography.", ""]
    out = ["## Missing works", "",
           "Cited in the text but not listed in any bibliography; written out as stubs.", "",
           "| work | first cited at |", "|---|---|"]
    out += [f"| {_cell(_ref_label(ref))} | `{ref.source}` |" for ref in stubs]
    return [*out, ""]


def _citations(citations: list[Citation]) -> list[str]:
    out = ["## Citations", "", "| where | citation | links to | locator |", "|---|---|---|---|"]
    for citation in citations:
        for target in citation.targets:
            remarks = f" ({', '.join(target.remarks)})" if target.remarks else ""
            out.append(f"| `{citation.source}` | {_cell(citation.text)} | "
                       f"{_cell(_ref_label(target.reference))} | "
                       f"{_cell(target.locator or '')}{_cell(remarks)} |")
    return [*out, ""]


def _notes(library: Library) -> list[str]:
    if not library.notes:
        return []
    out = ["## Notes", "", "| note | at | called from | URLs |", "|---|---|---|---|"]
    for note in library.notes:
        calls = ", ".join(f"line {c.line}" for c in note.calls) or "—"
        urls = " ".join(f"<{u.url}>" for u in note.urls) or ""
        out.append(f"| {note.number} | `{note.source}` | {calls} | {_cell(urls)} |")
    return [*out, ""]


def _problems(library: Library) -> list[str]:
    if not library.problems:
        return ["## Problems", "", "None.", ""]
    out = ["## Problems", "", "| severity | where | code | message |", "|---|---|---|---|"]
    for p in library.problems:
        out.append(f"| {p.severity} | `{p.source or ''}` | {p.code} | {_cell(p.message)} |")
    return [*out, ""]


def _references(references: list[Reference]) -> list[str]:
    out = ["## References", "", "| key | type | author | title | year | from |",
           "|---|---|---|---|---|---|"]
    for ref in references:
        names = ref.names
        people = [*names.get("author", ()), *names.get("editor", ())] if names else []
        who = "; ".join([n.display for n in people])
        issued = ref.dates.get("issued")
        year = issued.year if issued is not None else None
        out.append(f"| `{ref.id}` | {ref.type} | {_cell(who)} | {_cell(ref.title)} | "
                   f"{year or ''} | `{ref.source}` {'stub' if ref.stub else ''} |")
    return [*out, ""]
