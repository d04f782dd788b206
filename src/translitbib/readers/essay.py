"""Read a plain-text essay (a PDF or HTML extraction): bibliography, notes and citations.

clean (artefacts, page breaks, Markdown footnotes, a line map) -> sections (body, notes,
bibliography; footnote definitions are notes wherever they stand) ->
entries, notes and their references, parenthetical citations, note calls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..model import (
    Citation,
    InputFile,
    Library,
    Name,
    Note,
    Reference,
    Severity,
    SourceSpan,
    Url,
)
from ..parse.citations import KnownWorks, find_parenthetical_citations
from ..parse.entries import parse_entry
from ..parse.letters import SMALL
from ..parse.middle_names import restore_middle_names
from ..parse.notes import UNPARSED, parse_note, split_notes
from ..parse.urls import urls_in
from .essay_clean import (
    Block,
    CleanLine,
    clean_lines,
    join_blocks,
    looks_like_heading,
    running_headers,
    without_lines,
)
from .essay_footnotes import has_footnotes, is_continuation, is_definition, mark_footnotes
from .essay_sections import Section, SectionKind, split_sections, take_unheaded_notes

LIST_MARKER = re.compile(r"^(?:[-*•]\s+|\[?\d{1,4}[.)\]]\s+)")  # "- ", "12. ", "[3] "


def read_essay(text: str, path: str, *, source_lines: Sequence[int] | None = None) -> Library:
    """Parse an essay's text into a Library (references, citations, notes, URLs).

    ``source_lines``: for a text made from a structured document, what each line of
    ``text`` is reported as, so that every record points into that file: the page's line
    (an HTML page), the paragraph's number (a Word or OpenDocument file, which has no
    lines).  Its paragraphs are then taken as given (a blank line ends one, nothing else
    does, and nothing is re-joined) and no page headers are looked for: it has no pages.
    """
    library = Library()
    record = InputFile(path, "essay")
    library.inputs.append(record)
    if not text.strip():
        library.add_problem(Severity.WARNING, "empty-input", "the file holds no text",
                            SourceSpan(path, 1))
        return library
    footnoted = has_footnotes(text)
    marked = mark_footnotes(text) if footnoted else text
    lines = clean_lines(marked, source_lines)
    if footnoted:
        lines = _with_raw(lines, text)
    given = source_lines is not None
    headers = {} if given else running_headers(lines)
    for header, numbers in headers.items():
        library.add_problem(Severity.INFO, "running-header",
                            f"'{header}' is a page's header or footer (on {len(numbers)} "
                            f"line{'s' if len(numbers) > 1 else ''}), read as none of the text",
                            SourceSpan(path, numbers[0], numbers[-1]))
    if headers:
        lines = without_lines(lines, {n for numbers in headers.values() for n in numbers})
    sections = split_sections(join_blocks(lines, given=given))
    for section in sections:
        if section.kind is SectionKind.BIBLIOGRAPHY and _is_prose(section.blocks):
            section.kind = SectionKind.BODY  # "Sources" over a discussion of them: the text
    footnotes = _take_footnotes(sections) if footnoted else take_unheaded_notes(sections)
    body = [b for s in sections if s.kind is SectionKind.BODY for b in s.blocks]
    note_blocks = [b for s in sections if s.kind is SectionKind.NOTES for b in s.blocks]
    note_blocks += footnotes
    entry_blocks = [b for s in sections if s.kind is SectionKind.BIBLIOGRAPHY for b in s.blocks]

    _read_bibliography(entry_blocks, path, library, record)
    known_authors = _known_authors(library, body)
    notes = _read_notes(note_blocks, path, library, known_authors)
    restore_middle_names(library.references)  # Getty, J. Arch. Origins...: once all are read
    _read_body(body, path, library, known_authors, _known_works(library))
    _link_note_calls(body, notes, path, library)
    library.citations.sort(key=lambda c: c.source.line)  # reading order: body, then notes
    if not entry_blocks:
        from_notes = any(ref.origin == "note" for ref in library.references)
        library.add_problem(Severity.INFO, "no-bibliography",
                            "no bibliography section found; " + (
                                "the works the notes give in full are taken from them, the "
                                "others cited are listed as missing works" if from_notes else
                                "works cited are listed as missing works"), SourceSpan(path, 1))
    return library


def _with_raw(lines: list[CleanLine], text: str) -> list[CleanLine]:
    """Cleaned lines of the footnote-marked text, each with its line as the file has it
    (the marking changes no line break)."""
    for line, raw in zip(lines, text.splitlines(), strict=True):
        line.raw = raw
    return lines


def _take_footnotes(sections: list[Section]) -> list[Block]:
    """The paragraphs of Markdown footnote definitions (and the indented paragraphs that go
    on one), taken out of whichever section they stand in: after their paragraph in the
    body, at the end under no heading, or after the bibliography."""
    taken: list[Block] = []
    for section in sections:
        kept: list[Block] = []
        inside = False  # the paragraph before was a definition or went on one
        for block in section.blocks:
            inside = is_definition(block.raw) or (inside and is_continuation(block.raw))
            (taken if inside else kept).append(block)
        section.blocks = kept
    return taken


# "———." or "---." where an entry's author is the one of the entry before (Chicago); what
# follows the dashes is the author block's own end: ". 2009. Title" (author-date), ", ed."
SAME_AUTHOR = re.compile(r"^(?:[—―]{1,3}|[-_–]{2,})(?=\s*[.,]?\s+)")
#: the roles whose people an author block names, in the order a dash stands for them
BLOCK_ROLES = ("author", "editor", "compiler", "translator")


def _is_prose(blocks: list[Block]) -> bool:
    """Whether a section under a bibliography heading is the text's own: most of its
    paragraphs cite works in parentheses, as no bibliography entry does."""
    paragraphs = [b for b in blocks if not _sub_heading(b.text) and not PAGE_FURNITURE.match(
        b.text)]
    citing = sum(1 for b in paragraphs if find_parenthetical_citations(b.text))
    return bool(paragraphs) and citing * 2 > len(paragraphs)


# a page number or "Page 25 of 30" left between entries by a PDF extraction
PAGE_FURNITURE = re.compile(r"^(?:\d{1,4}|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?)$", re.IGNORECASE)


def _read_bibliography(blocks: list[Block], path: str, library: Library,
                       record: InputFile) -> None:
    previous: Reference | None = None
    for block in blocks:
        if _sub_heading(block.text) or PAGE_FURNITURE.match(block.text.strip()):
            continue  # "Primary Sources", "Archival documents": a heading, not an entry
        record.entries_read += 1
        source = SourceSpan(path, block.line, block.end_line)
        text = LIST_MARKER.sub("", block.text)
        same = SAME_AUTHOR.match(text) if previous is not None else None
        people = _block_people(previous) if same and previous is not None else []
        if same and people:
            parsed = parse_entry(_stand_in(people[0]) + text[same.end():], source)
            _put_back(parsed.reference, people)
        else:
            parsed = parse_entry(text[same.end():].lstrip(" .,") if same else text, source)
        parsed.reference.raw = block.raw
        previous = parsed.reference
        library.references.append(parsed.reference)
        if parsed.problem:
            parsed.problem.raw = block.raw
            library.problems.append(parsed.problem)
        _collect_urls(block, path, library)


def _block_people(previous: Reference) -> list[Name]:
    """The people a dash repeats: the entry before's author block (its authors, else its
    editors...), never the translator of its edition."""
    return next((people for role in BLOCK_ROLES if (people := previous.names.get(role))), [])


def _stand_in(person: Name) -> str:
    """The first person repeated, written as an author block begins, for the entry to be
    read in its own style ("Khlevniuk, O. V. 2009. Title", "Khlevniuk, Oleg, ed. Title")."""
    if person.literal:
        return person.literal
    return f"{person.family}, {person.given.rstrip('.')}" if person.given else person.family


def _put_back(reference: Reference, people: list[Name]) -> None:
    """The stand-in read in the entry's block becomes the people the dash repeats (all of
    them, copies), in the role the entry gives them (———, ed.), with those it adds."""
    for role in BLOCK_ROLES:
        names = reference.names.get(role)
        if names and (names[0].family or names[0].literal) == (
                people[0].family or people[0].literal):
            reference.names[role] = [replace(n) for n in people] + names[1:]
            return


SUB_HEADING = re.compile(
    r"^(?:[A-Z][\w'-]*|and|of|in|on|the|to)(?:\s+(?:[A-Z][\w'-]*|and|of|in|on|the|to)){0,5}:?$")
SUB_HEADING_WORDS = re.compile(
    r"\b(?:sources?|documents?|archiv\w*|works|books|articles|memoirs|newspapers|"
    r"periodicals|literature|studies|collections?|websites?|interviews|primary|secondary)\b",
    re.IGNORECASE)


def _sub_heading(text: str) -> bool:
    """A short line naming a kind of source, without a year, a digit or a full stop
    (Primary Sources, Primary and secondary sources in Russian)."""
    if not looks_like_heading(text) or not SUB_HEADING_WORDS.search(text):
        return False
    return bool(SUB_HEADING.match(text)) or (
        bool(SUB_HEADING_START.match(text)) and len(text.split()) <= 8
        and not any(ch.isdigit() for ch in text) and "*" not in text and ", " not in text)


# the first word of a heading in sentence case: a kind of source, or what qualifies one
SUB_HEADING_START = re.compile(
    r"^(?:primary|secondary|archival|published|unpublished|printed|other|selected|"
    r"russian|english|soviet|sources?|documents?|archives?|works|books|articles|memoirs|"
    r"newspapers|periodicals|literature|collections?|websites?|interviews)\b", re.IGNORECASE)


def _known_authors(library: Library, body: list[Block]) -> frozenset[str]:
    """Authors the bibliography names, and authors cited with a page or title in the body."""
    names = {n.family.lower() for ref in library.references
             for n in ref.names.get("author") or ref.names.get("editor") or []}
    for block in body:
        for found in find_parenthetical_citations(block.text):
            names.update(t.author.lower() for t in found.targets
                         if t.author and (t.locator or t.title))
    return frozenset(names)


def _known_works(library: Library) -> KnownWorks:
    """The titles of the works the bibliography lists, by their authors' (else editors')
    surnames, in lower case."""
    works: dict[str, list[str]] = {}
    for ref in library.references:
        for person in ref.names.get("author") or ref.names.get("editor") or []:
            if person.family and ref.title:
                works.setdefault(person.family.lower(), []).append(ref.title.lower())
    return works


def _read_notes(blocks: list[Block], path: str, library: Library,
                known_authors: frozenset[str]) -> list[Note]:
    notes: list[Note] = []
    last_authors: list[Name] = []
    for note, block in split_notes(blocks, path):
        parsed = parse_note(note, block, path, known_authors, last_authors)
        known_authors |= parsed.authors_named  # "Zhukov, Inoi Stalin, 50" after his full note
        last_authors = parsed.last_authors  # for the Idem of the next note
        notes.append(note)
        library.notes.append(note)
        library.urls.extend(note.urls)
        for citation, reference in parsed.in_reading_order(path):
            if reference is not None:
                library.references.append(reference)
            if any(UNPARSED in t.remarks for t in citation.targets):
                library.add_problem(
                    Severity.WARNING, "note-unparsed",
                    f"note {citation.note}: '{_shortened(citation.text)}' looks like a "
                    "citation, but its parts were not recognised, so it is neither a "
                    "reference nor a linked citation", citation.source, citation.text)
                continue
            library.citations.append(citation)
    return notes


def _shortened(text: str, most: int = 160) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _read_body(blocks: list[Block], path: str, library: Library,
               known_authors: frozenset[str], known_works: KnownWorks) -> None:
    for block in blocks:
        for found in find_parenthetical_citations(block.text, known_authors, known_works):
            source = SourceSpan(path, block.line_at(found.start))
            library.citations.append(Citation(found.text, source, found.targets))
        _collect_urls(block, path, library)


def _collect_urls(block: Block, path: str, library: Library) -> None:
    for start, url in urls_in(block.text):
        library.urls.append(Url(url, SourceSpan(path, block.line_at(start)), url))


# a call glued to a word or a year with nothing between ("figures4", "them3", "in 1938.2"):
# taken only for a note no other call reaches
GLUED_CALL = re.compile(rf"(?:(?<=[{SMALL}]{{2}})|(?<=\d{{4}}\.))(\d{{1,3}})(?=[\s.,;:!?)]|$)")


def _glued_calls(body: list[Block], notes: list[Note]) -> None:
    """Calls a PDF extraction glued to the text, for the notes no call reached."""
    called = {number for block in body for _, number in block.calls}
    wanted = {note.number for note in notes} - called
    if not wanted:
        return
    for block in body:
        for match in GLUED_CALL.finditer(block.text):
            number = int(match.group(1))
            if number in wanted:
                block.calls.append((match.start(), number))
                wanted.discard(number)


def _link_note_calls(body: list[Block], notes: list[Note], path: str, library: Library) -> None:
    _glued_calls(body, notes)
    by_number = {note.number: note for note in notes}
    for block in body:
        for offset, number in block.calls:
            source = SourceSpan(path, block.line_at(offset))
            note = by_number.get(number)
            if note is not None:
                note.calls.append(source)
            elif notes:
                library.add_problem(Severity.WARNING, "note-call-without-note",
                                    f"the text calls note {number}, which the notes lack",
                                    source)
            else:
                library.add_problem(Severity.INFO, "note-call-without-notes",
                                    f"the text calls note {number}, but the file has no "
                                    "notes section", source)
    for note in notes:
        if not note.calls:
            library.add_problem(Severity.INFO, "note-not-called",
                                f"note {note.number} is not called from the text "
                                "(or its call was lost in extraction)", note.source)
