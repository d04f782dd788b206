"""``report.md``: what a person reviews after a run."""

from __future__ import annotations

from collections.abc import Iterator

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
    return "".join(iter_markdown(library))


def iter_markdown(library: Library) -> Iterator[str]:
    """``render_markdown`` in pieces (a table row at a time), for writing as it is made.

    The text is the lines joined, trailing whitespace dropped, one final line break.
    """
    pending: str | None = None  # the last line with text, held back to strip its end
    blanks: list[str] = []  # whitespace-only lines after it
    for line in _lines(library):
        if pending is None:
            pending = line
        elif line.strip():
            yield pending + "\n" + "".join(blank + "\n" for blank in blanks)
            pending, blanks = line, []
        else:
            blanks.append(line)
    yield (pending or "").rstrip() + "\n"


def _lines(library: Library) -> Iterator[str]:
    facts = summary(library)
    books = accounting(library)
    yield from ["# translitbib report", ""]
    inputs = ", ".join(f"`{i.path}` ({i.format}, {i.encoding})" for i in library.inputs)
    yield from [f"Inputs: {inputs}", ""]
    yield from [
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
    yield from _missing_works(library)
    yield from _citations(library.citations)
    yield from _notes(library)
    yield from _problems(library)
    if library.normalizations:
        from ..translit.report import iter_markdown_lines as normalization_lines

        yield from normalization_lines(library.normalizations)
        yield ""
    if library.links:
        from ..links.report import render_markdown as links_markdown

        yield from [links_markdown(library.links), ""]
    yield from _references(library.references)


def _missing_works(library: Library) -> list[str]:
    stubs = [ref for ref in library.references if ref.stub]
    if not stubs:
        return ["## Missing works", "", "Every cited work is in the bibliography.", ""]
    out = ["## Missing works", "",
           "Cited in the text but not listed in any bibliography; written out as stubs.", "",
           "| work | first cited at |", "|---|---|"]
    out += [f"| {_cell(_ref_label(ref))} | `{ref.source}` |" for ref in stubs]
    return [*out, ""]


def _citations(citations: list[Citation]) -> Iterator[str]:
    yield from ["## Citations", "", "| where | citation | links to | locator |",
                "|---|---|---|---|"]
    for citation in citations:
        for target in citation.targets:
            remarks = f"({', '.join(target.remarks)})" if target.remarks else ""
            locator = " ".join(part for part in (target.locator or "", remarks) if part)
            yield (f"| `{citation.source}` | {_cell(citation.text)} | "
                   f"{_cell(_ref_label(target.reference))} | {_cell(locator)} |")
    yield ""


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


def _references(references: list[Reference]) -> Iterator[str]:
    yield from ["## References", "", "| key | type | author | title | year | from |",
                "|---|---|---|---|---|---|"]
    for ref in references:
        names = ref.names
        people = [*names.get("author", ()), *names.get("editor", ())] if names else []
        who = "; ".join([n.display for n in people])
        issued = ref.dates.get("issued")
        year = issued.year if issued is not None else None
        yield (f"| `{ref.id}` | {ref.type} | {_cell(who)} | {_cell(ref.title)} | "
               f"{year or ''} | `{ref.source}` {'stub' if ref.stub else ''} |")
    yield ""
