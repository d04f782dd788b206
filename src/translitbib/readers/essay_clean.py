"""Clean PDF and HTML extraction artefacts from essay text, keeping a map to the original lines.

Artefacts found in real extractions: ``<u>3</u>`` and ``$\\underline{6}$`` note calls,
``<<u>http://...</u>>`` links, ``$\\frac{1}{1}$`` before a note, ``_emphasis_``, numbered
paragraphs (``     32. ``), superscript and bare note calls (``exist.12 In``), and
paragraphs split in two by a page break.

The result is a list of ``Block`` s (paragraphs): cleaned text with ``*emphasis*`` kept
(citation titles are often emphasized), the note calls found in it, and for every offset
the line of the original file it came from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..parse.letters import CAPITAL, SMALL
from ..parse.urls import URL_RUN

URL_ARTEFACT = re.compile(r"<{1,2}\s*(?:<u>)?\s*((?:https?|ftp)://[^<>\s]+?)\s*(?:</u>)?\s*>{1,2}")
NOTE_NUMBER_MARKUP = re.compile(r"<u>\s*(\d{1,3})\s*</u>|\$\\underline\{(\d{1,3})\}\$")
FRACTION = re.compile(r"\$\\frac\{(\d{1,3})\}\{\d{1,3}\}\$")
MARKDOWN_LINK = re.compile(r"\[([^\]^][^\]]*)\]\(((?:https?|ftp)://[^)\s]+)\)")
OTHER_UNDERLINE = re.compile(r"</?u>")
UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w*])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w*])")
NUMBERED_PARAGRAPH = re.compile(r"^\s{2,}(\d{1,4})\.\s+")
SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4",
                "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9"}
SUPERSCRIPT_CALL = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}")
_LETTER = CAPITAL + SMALL  # Latin and Cyrillic (1937 года.1)
# A bare number glued to the end of a sentence or a closing bracket: "exist.12 In", "added)1".
BARE_CALL = re.compile(rf"(?<=[{_LETTER}\)\]\"'”’»][.!?;:,)\]\"'”’»])(\d{{1,3}})(?=\s|$)")
# A bracketed call after a word or a sentence: "murky.[2]", "Beria[3]" (not at a line's start,
# where "[2]" opens the note itself)
BRACKET_CALL = re.compile(rf"(?<=[{_LETTER}.!?;:,)\"'”’»])\[(\d{{1,3}})\]")
# A note number ("12. ", "[12] "), a list bullet or a lettered item: never the rest of the
# paragraph before.
NEW_ITEM = re.compile(r"^(?:\d{1,3}\.?\s|\[\d{1,3}\]\s|[-*•]\s|[a-z]\)\s)")
SENTENCE_END = re.compile(r"[.?!]['\"”’)\]]*$")


@dataclass(slots=True)
class CleanLine:
    text: str
    line: int
    calls: list[tuple[int, int]] = field(default_factory=list)  # (offset, note number)
    raw: str = ""


@dataclass(slots=True)
class Block:
    """A paragraph of cleaned text with a map from offsets to original line numbers."""

    text: str
    starts: list[int]  # offsets where each original line begins in ``text``
    lines: list[int]  # the original line number of each of those pieces
    calls: list[tuple[int, int]] = field(default_factory=list)
    raw: str = ""

    @property
    def line(self) -> int:
        return self.lines[0]

    @property
    def end_line(self) -> int:
        return self.lines[-1]

    def line_at(self, offset: int) -> int:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.lines[max(index, 0)]


CALL_OPEN, CALL_CLOSE = "\ue000", "\ue001"  # private-use marks around a call while cleaning
CALL_MARK = re.compile(f"{CALL_OPEN}(\\d+){CALL_CLOSE}")


def clean_line(raw: str, number: int) -> CleanLine:
    """Clean one original line; a note number written at its start stays as plain digits."""
    text = raw.replace("\u00a0", " ").rstrip()
    text = NUMBERED_PARAGRAPH.sub("", text)
    text = URL_ARTEFACT.sub(lambda m: m.group(1), text)
    text = MARKDOWN_LINK.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)
    text = text.strip()
    text = FRACTION.sub(lambda m: m.group(1) + " " if m.start() == 0 else "", text, count=1)
    text = FRACTION.sub("", text)
    lead = len(text) - len(text.lstrip())  # where a note's own number would stand
    text = NOTE_NUMBER_MARKUP.sub(lambda m: _mark_markup_call(m, lead), text)
    text = OTHER_UNDERLINE.sub("", text)
    text = UNDERSCORE_EMPHASIS.sub(r"*\1*", text)
    text = SUPERSCRIPT_CALL.sub(
        lambda m: _mark("".join(SUPERSCRIPTS[ch] for ch in m.group(0))), text)
    text = BARE_CALL.sub(lambda m: _mark(m.group(1)), text)
    text = BRACKET_CALL.sub(lambda m: _mark(m.group(1)), text)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    text, calls = _take_marks(text)
    text = text.rstrip()
    return CleanLine(text, number, [(min(at, len(text)), n) for at, n in calls], raw)


def _mark(digits: str) -> str:
    return f"{CALL_OPEN}{int(digits)}{CALL_CLOSE}"


def _mark_markup_call(match: re.Match[str], lead: int) -> str:
    digits = match.group(1) or match.group(2)
    if match.start() == lead:  # (not a look back over the line: a line of calls is no square)
        return f"{int(digits)} "  # the number that starts a note, not a call
    return _mark(digits)


def _take_marks(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove the call marks; return the text and each call's offset in it."""
    calls: list[tuple[int, int]] = []
    out: list[str] = []
    pos = length = 0  # (the length kept as it grows: a line of many calls is no square)
    for match in CALL_MARK.finditer(text):
        out.append(text[pos : match.start()])
        length += match.start() - pos
        calls.append((length, int(match.group(1))))
        pos = match.end()
    out.append(text[pos:])
    return "".join(out), calls


def clean_lines(text: str, numbers: Sequence[int] | None = None) -> list[CleanLine]:
    """Clean every line of a text; each keeps the line of the original file it comes from:
    ``numbers[i]`` for the i-th (a text made from a web page or a Word document), else
    i + 1 (1-based, as in an editor)."""
    raws = text.splitlines()
    lines = range(1, len(raws) + 1) if numbers is None else numbers
    return [clean_line(raw, number) for raw, number in zip(raws, lines, strict=True)]


# a page number beside a running header: "12 Grover Furr", "Cultural Logic 2005 17"
_HEADER_PAGE = re.compile(r"^\d{1,4}\s+|\s+\d{1,4}$")
RUNNING_HEADER_REPEATS = 3  # a short line on this many pages is the page's, not the text's
# a page number and a short text far apart on one line, as a layout-keeping extraction
# leaves a page's header or footer (once is enough)
_PAGE_NUMBER_APART = re.compile(r"^\s*(?:\d{1,4}\s{5,}\S.{0,78}|\S.{0,78}?\s{5,}\d{1,4})\s*$")
# what a note says again and again, without a full stop in some extractions ("12 Ibid")
_REPEATED_NOTE = re.compile(r"^(?:ibid|ibidem|idem|id|op\.? cit|loc\.? cit|там же)\b",
                            re.IGNORECASE)


def running_headers(lines: list[CleanLine]) -> dict[str, list[int]]:
    """The running headers and footers a PDF extraction left on every page (a journal's
    name and year, the author's, the article's title): short lines without a sentence end,
    the same but for a page number, on at least three pages; the header as first found ->
    its line numbers."""
    seen: dict[str, tuple[str, list[int]]] = {}
    laid_out: set[str] = set()  # "13            Kritika 8, no. 1": set apart on the page
    for line in lines:
        if not line.text or len(line.text) > 80 or line.calls:
            continue
        header = _HEADER_PAGE.sub("", _HEADER_PAGE.sub("", line.text))
        if _PAGE_NUMBER_APART.match(line.raw):
            laid_out.add(header)
        elif not (any(ch.isalpha() for ch in header) and looks_like_heading(header)
                  and not _REPEATED_NOTE.match(header)):
            continue
        seen.setdefault(header, (line.text, []))[1].append(line.line)
    return {first: numbers for header, (first, numbers) in seen.items()
            if len(numbers) >= RUNNING_HEADER_REPEATS or header in laid_out}


def without_lines(lines: list[CleanLine], numbers: set[int]) -> list[CleanLine]:
    """``lines`` with those at ``numbers`` left blank (the line map stays as it was)."""
    return [CleanLine("", line.line, [], line.raw) if line.line in numbers else line
            for line in lines]


def join_blocks(lines: list[CleanLine], *, given: bool = False) -> list[Block]:
    """Group non-empty lines into paragraphs, re-joining paragraphs a page break split.

    ``given``: the paragraphs are the document's own (a web page's, a Word document's): the
    lines of one are one, a blank line ends it, and nothing is guessed."""
    blocks: list[Block] = []
    adjacent = False  # the line before was not blank
    for line in lines:
        if not line.text:
            adjacent = False
            continue
        if given and blocks and adjacent:
            _append(blocks[-1], line, sep=" ")
        elif not given and blocks and (_continues(blocks[-1].text, line.text) or (
                adjacent and _wrapped(blocks[-1].text, line.text))):
            _append(blocks[-1], line, sep=_joiner(blocks[-1].text, line.text))
        else:
            block = Block("", [], [], raw="")
            _append(block, line, sep="")
            blocks.append(block)
        adjacent = True
    return blocks


def _append(block: Block, line: CleanLine, sep: str) -> None:
    if sep == "-":  # a word hyphenated across the break: drop the hyphen
        block.text = block.text[:-1]
        sep = ""
    start = len(block.text) + len(sep)
    block.text += sep + line.text
    block.starts.append(start)
    block.lines.append(line.line)
    block.calls.extend((start + offset, number) for offset, number in line.calls)
    block.raw += ("\n" if block.raw else "") + line.raw


# "https://prozhito.org/" then "diaries.": a URL cut after its slash, its path on the next line
URL_CUT = re.compile(r"(?:https?|ftp)://\S*[/?=&]")  # matched on the block's last word
URL_REST = re.compile(r"^[a-z0-9%~_][\w%~./?=&#+-]*(?=[.,;)]?(?:\s|$))")


def _joiner(previous: str, following: str) -> str:
    if re.search(r"\d[-–]$", previous):  # 1945- / 1953: a range cut at its dash
        return ""
    if (previous.endswith(("/", "?", "=", "&")) and URL_REST.match(following)
            and URL_CUT.fullmatch(previous.rsplit(None, 1)[-1])):
        return ""  # (the last word only: a block of many URLs is no quadratic search)
    return "-" if re.search(r"[a-z]-$", previous) else " "


def _wrapped(previous: str, following: str) -> bool:
    """Whether ``following``, right under ``previous`` (no blank line between), is the rest
    of a hard-wrapped line: ``previous`` stops inside emphasis or brackets, after a comma or
    a dash, or anywhere short of a sentence's end (an initial's full stop is none), unless
    ``following`` starts an entry of its own (``Family, Given``) or ``previous`` is a
    heading."""
    if NEW_ITEM.match(following):
        return False
    if (previous.count("*") % 2 == 1 or previous.count("(") > previous.count(")")
            or previous.endswith((",", ";", "-", "–"))):
        return True
    if NEW_ENTRY.match(following) or _heading_like(previous):
        return False
    return not SENTENCE_END.search(previous) or INITIAL_END.search(previous) is not None


# the start of a bibliography entry: an inverted name (Gorlizki, Yoram), or "———."
_CAPITAL = CAPITAL
NEW_ENTRY = re.compile(
    rf"^(?:[{_CAPITAL}][\w'’-]+(?:\s[{_CAPITAL}][\w'’-]+)?,\s+[{_CAPITAL}]|[—―-]{{2,}})")
INITIAL_END = re.compile(rf"(?:^|\s)[{CAPITAL}]\.$")  # "edited by Paul R." then "Gregory"


def _heading_like(text: str) -> bool:
    """A line that names a section rather than breaking off a sentence: short, no comma or
    full stop inside (Bibliography, Primary Sources, Archival documents)."""
    return (looks_like_heading(text) and len(text.split()) <= 6 and ", " not in text
            and ". " not in text)


def _continues(previous: str, following: str) -> bool:
    """Whether ``following`` is the rest of a paragraph that a page break cut."""
    if SENTENCE_END.search(previous) or previous.endswith(":"):
        return False
    if NEW_ITEM.match(following):
        return False
    if following[:1].islower():
        return True
    # "...by the" / "Soviets, as the Constitution provided": a long line cut mid-sentence
    # (but a short line without a full stop is a heading, and a URL ends a line).
    if looks_like_heading(following) or URL_RUN.search(previous[-80:]):
        return False
    return len(previous) > 120 and previous[-1:].isalpha()


def looks_like_heading(text: str) -> bool:
    """A short line without a sentence end: a section or sub-section heading."""
    return len(text) <= 80 and not SENTENCE_END.search(text) and not text.endswith((",", ";"))
