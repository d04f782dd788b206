"""Find an essay's sections: body, notes and bibliography, by their headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .essay_clean import Block, looks_like_heading
from .essay_footnotes import is_continuation


class SectionKind(StrEnum):
    BODY = "body"
    NOTES = "notes"
    BIBLIOGRAPHY = "bibliography"


NOTES_HEADING = re.compile(
    r"^(?:end\s*notes|foot\s*notes|notes(?: and references)?|notes to (?:part|chapter) .{1,40}"
    r"|примечания|сноски|комментарии)"
    r"\s*:?$",
    re.IGNORECASE,
)
BIBLIOGRAPHY_HEADING = re.compile(
    r"^(?:(?:supplement(?:al|ary)|select(?:ed)?|annotated|short|partial|general)\s+)?"
    r"(?:bibliography|bibliographie|works cited|works consulted|references(?: cited)?|"
    r"sources(?: cited| and literature)?|literature(?: cited)?|further reading|"
    r"list of (?:works|sources|references)|библиография|литература|источники|"
    r"список литературы|(?:(?:primary|secondary|archival|published|unpublished|printed)"
    r"(?:\s+and)?\s+){1,3}(?:sources|works|literature|materials|documents)|"
    r"источники и литература)"
    r"(?:\s+(?:for|to|of)\s+.{1,60})?\s*:?$",
    re.IGNORECASE,
)


# back matter after the notes or bibliography: prose again, no entries or notes
BACK_MATTER_HEADING = re.compile(
    r"^(?:about the authors?|acknowledge?ments?|author'?s? (?:note|biography)|"
    r"notes? on (?:the )?contributors?|appendix(?:\s+.{1,40})?|об авторе|благодарности|"
    r"приложение(?:\s+.{1,40})?)\s*:?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Section:
    kind: SectionKind
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)


def heading_kind(block: Block) -> SectionKind | None:
    """The kind of section a block opens, if it is a notes or bibliography heading (or one
    of back matter, such as *About the Author*: body again)."""
    if len(block.lines) > 1 or not looks_like_heading(block.text):
        return None
    text = block.text.strip("*_# \t").strip()
    if NOTES_HEADING.match(text):
        return SectionKind.NOTES
    if BIBLIOGRAPHY_HEADING.match(text):
        return SectionKind.BIBLIOGRAPHY
    if BACK_MATTER_HEADING.match(text):
        return SectionKind.BODY
    return None


def split_sections(blocks: list[Block]) -> list[Section]:
    """Cut the blocks into sections; text before any known heading is the body."""
    sections = [Section(SectionKind.BODY, None)]
    for block in blocks:
        kind = heading_kind(block)
        if kind is not None:
            sections.append(Section(kind, block))
        else:
            sections[-1].blocks.append(block)
    return sections


# "[3] Amy Knight, ..." at a paragraph's start: how pandoc's plain text (from a Word file,
# HTML or Markdown) writes its notes, after everything else and under no heading
_BRACKETED_NOTE = re.compile(r"^\[(\d{1,5})\]\s")  # (a thesis has notes 1000 on: the
# run must count down to [1] one by one, so a bracketed year is no note)


def take_unheaded_notes(sections: list[Section]) -> list[Block]:
    """The notes a text ends with under no heading of their own, taken out of the last
    section: a run of paragraphs numbered ``[1]``, ``[2]``... (an indented paragraph goes on
    the note before), at least half of them called from the text before.  Under a
    bibliography heading, a list numbered from its first entry (``[1] Knight, Amy...``,
    numeric style) is the bibliography, not notes: only a run after unnumbered entries is
    taken."""
    last = next((s for s in reversed(sections) if s.blocks), None)
    if last is None or last.kind is SectionKind.NOTES:
        return []
    start, expected = len(last.blocks), None
    for index in range(len(last.blocks) - 1, -1, -1):
        block = last.blocks[index]
        number = _BRACKETED_NOTE.match(block.text)
        if number is not None:
            if expected is not None and int(number.group(1)) != expected - 1:
                break
            expected, start = int(number.group(1)), index
        elif not is_continuation(block.raw):
            break
    run = last.blocks[start:]
    numbers = [int(m.group(1)) for b in run if (m := _BRACKETED_NOTE.match(b.text))]
    if not numbers or numbers[0] != 1 or (last.kind is SectionKind.BIBLIOGRAPHY and start == 0):
        return []
    called = {n for s in sections for b in s.blocks[: start if s is last else None]
              for _, n in b.calls}
    if 2 * len(called.intersection(numbers)) < len(numbers):
        return []
    del last.blocks[start:]
    return run
