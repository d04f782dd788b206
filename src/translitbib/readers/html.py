"""Read an HTML page (an article saved from the web, a Word or pandoc export) as an essay.

The page is laid out as the text the essay reader knows, and each line of that text keeps
the line of the page it comes from (``read_essay``'s ``source_lines``), so every record
points into the page itself (``essay.html:214``).  A paragraph's line is the line where its
first word stands, which is where its element starts unless the page puts the text on the
next line (``<p>`` then the words: the words' line, where a reader looks); a paragraph
keeps the page's line breaks, so a call or a citation deep in it has its own line.  A page
written on one line (minified) has every record on line 1: that is where they are.

What the layout does:

- block elements (``p``, ``div``, ``li``, ``h1``-``h6``, ``blockquote``, ``tr``...) and
  ``br`` end a paragraph: a blank line; a paragraph's own lines stay where the page breaks
  them, except a heading or a short paragraph, which is one line, as a heading must be;
- ``i``, ``em``, ``cite`` (and ``font-style: italic``) become ``*emphasis*``: titles;
- ``<a href="URL">text</a>`` keeps its text, its ``<URL>`` written at the paragraph's end
  (the URL alone, in place, when it is the text);
  relative links only against the page's ``<base href>``;
- ``ol`` items are numbered as shown (``start``, ``value``), ``ul`` items start ``- ``;
- ``head``, ``script``, ``style``, ``nav``, ``noscript``, forms' controls and hidden
  elements are left out;
- note calls and notes linked by anchors (``readers/html_notes.py``) become Markdown
  footnotes, ``[^12]`` and ``[^12]: text`` (a note's later paragraphs indented), which the
  essay reader reads as notes wherever they stand; a ``sup`` (or ``u``) holding a number
  is a note call, or at a paragraph's start the note's own number (``1 Full text...``,
  written ``[^1]: Full text...``: a note wherever it stands).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from ..model import InputFile, Library, Severity, SourceSpan
from ..parse.urls import is_web_url
from .essay import read_essay
from .html_notes import PageNotes, find_notes
from .html_tree import BLOCK, Element, Text, iter_elements, parse_html, short_text

LEFT_OUT = frozenset({"head", "script", "style", "noscript", "template", "nav", "iframe",
                      "object", "embed", "svg", "math", "select", "button", "textarea", "canvas",
                      "audio", "video", "map", "title"})
ONE_LINE = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "summary"})
EMPHASIS = frozenset({"i", "em", "cite", "dfn", "var"})
ITALIC = re.compile(r"(?<![\w-])font-style\s*:\s*(?:italic|oblique)", re.IGNORECASE)
HIDDEN = re.compile(r"(?<![\w-])display\s*:\s*none", re.IGNORECASE)
# a sup's note number(s): 3, [3], 3,4
NOTE_NUMBERS = re.compile(r"^\[?(\d{1,3}(?:\s*,\s*\d{1,3})*)\]?$")
#: a paragraph this short is laid out on one line (a heading is at most as long)
ONE_LINE_LENGTH = 80
#: the page is no essay when this share of its text or more is the text of links
LINK_SHARE = 0.8

# what open() says to undo on leaving an element
_BLOCK, _EMPHASIS, _NOTE, _LIST, _ONE_LINE, _CELL, _LINK, _PRE = (1 << k for k in range(8))


@dataclass(frozen=True, slots=True)
class PageText:
    """A page laid out as essay text: its lines and the page's line of each."""

    text: str
    lines: list[int]
    chars: int  # characters of text
    link_chars: int  # of them, the text of links


def read_html(text: str, path: str) -> Library:
    """Read an HTML page's essay into a Library (references, citations, notes, URLs)."""
    page = lay_out(text)
    if not page.text.strip():
        library = Library(inputs=[InputFile(path, "html")])
        library.add_problem(Severity.WARNING, "empty-input",
                            "the page shows no text: its body is empty, or holds only scripts, "
                            "styles and menus", SourceSpan(path, 1))
        return library
    library = read_essay(page.text, path, source_lines=page.lines)
    for record in library.inputs:
        record.format = "html"
    if page.link_chars >= LINK_SHARE * page.chars and not (
            library.references or library.citations or library.notes):
        library.add_problem(Severity.WARNING, "html-no-essay",
                            "nearly all the page's text is links (a menu, a table of contents, "
                            "a list of articles): no essay here; save the article's own page",
                            SourceSpan(path, 1))
    return library


def lay_out(html: str) -> PageText:
    """The page's text as the essay reader reads it, with the page's line of each line."""
    root = parse_html(html)
    layout = _Layout(find_notes(root), _base_url(root))
    pending: list[tuple[Element | Text, int, bool]] = [(root, 0, False)]
    while pending:  # no recursion: a page may nest 100,000 elements
        node, undo, leaving = pending.pop()
        if isinstance(node, Text):
            layout.text(node.text, node.line)
        elif leaving:
            layout.close(node, undo)
        elif (undo := layout.open(node)) >= 0:
            pending.append((node, undo, True))
            pending.extend((child, 0, False) for child in reversed(node.children))
    layout.flush()
    return PageText("\n".join(layout.lines), layout.numbers, layout.chars, layout.link_chars)


def _base_url(root: Element) -> str | None:
    base = next((e.attrs.get("href", "") for e in iter_elements(root) if e.tag == "base"), "")
    return base if base.lower().startswith(("http://", "https://")) else None


class _Layout:
    """Writes paragraphs as the tree is walked: words, with a space or a source line break
    due before the next; emphasis opened at its first word and closed before the next word
    that is not emphasized (``<i>Ubiy</i><i>stvo</i>``, as Word's HTML splits a title at a
    language or spelling mark, is one ``*Ubiystvo*``)."""

    def __init__(self, notes: PageNotes, base: str | None) -> None:
        self.notes, self.base = notes, base
        self.lines: list[str] = []
        self.numbers: list[int] = []
        self.fragments: list[tuple[int, list[str]]] = []  # the paragraph's lines so far
        self.space = False  # a space is due before the next word
        self.emphasis = 0  # emphasis elements open
        self.star_open = False  # this paragraph has written an opening "*"
        # the URLs of the paragraph's links, written at its end (with the page's lines):
        # after the linked words they would cut a citation in two (*Beria* <URL>, 176)
        self.urls_due: list[tuple[str, int]] = []
        self.links: list[str | None] = []  # the links open: the URL to write after each
        self.prefix = ""  # what the next paragraph starts with: "3. ", "- "
        self.note: str | None = None  # the label of the note the next paragraph starts
        self.in_note = 0  # note elements open: their later paragraphs are indented
        self.one_line = 0
        self.pre = 0
        self.lists: list[list[int]] = []  # [ordered, next number] of each list open
        self.chars = self.link_chars = 0

    # -- writing

    def word(self, word: str, line: int, *, glue: bool = False) -> None:
        """Write ``word`` (no space in it) from the page's ``line``; ``glue``: never on a
        line of its own (a call, a link's URL: they go with the words before)."""
        if not self.emphasis and self.star_open:
            space = self.space  # (the space due before this word, not before the URLs)
            self.close_emphasis()  # the emphasis before has ended: it is not taken up again
            self.space = space
        if not self.fragments or (self.space and not glue and line > self.fragments[-1][0]):
            self.fragments.append((line, []))  # the page broke its line here: so do we
        elif self.space:
            self.fragments[-1][1].append(" ")
        parts = self.fragments[-1][1]
        if self.emphasis and not self.star_open:
            parts.append("*")
            self.star_open = True
        parts.append(word)
        self.space = False
        self.chars += len(word)
        if self.links:
            self.link_chars += len(word)

    def text(self, data: str, line: int) -> None:
        data = data.replace("\xad", "").replace("\u200b", "")  # soft hyphens, zero widths
        for offset, piece in enumerate(data.split("\n")):
            if offset:
                self.space = True
                if self.pre:
                    self.flush()
            words = piece.split()
            if not words:
                self.space = self.space or bool(piece)
                continue
            self.space = self.space or piece[0].isspace()
            self.word(" ".join(words), line + offset)
            self.space = piece[-1].isspace()

    def url(self, url: str, line: int) -> None:
        self.space = True
        self.word(f"<{url}>", line, glue=True)
        self.link_chars += len(url) + 2

    def close_emphasis(self) -> None:
        if self.star_open:
            self.fragments[-1][1].append("*")
            self.star_open = False

    def flush(self) -> None:
        """End the paragraph: write its lines, a blank line before it."""
        self.close_emphasis()
        urls, self.urls_due = self.urls_due, []
        for url, line in urls:
            self.url(url, line)
        self.space = False
        if not self.fragments:
            return
        lines = [(line, "".join(parts)) for line, parts in self.fragments]
        self.fragments = []
        if self.one_line or sum(len(text) for _, text in lines) <= ONE_LINE_LENGTH:
            lines = [(lines[0][0], " ".join(text for _, text in lines))]
        start, indent = self.prefix, ""
        self.prefix = ""
        if self.note is not None:
            first = _without_mark(lines[0][1], self.note)
            lines[0] = (lines[0][0], first)
            start = f"[^{self.note}]: " + start
            self.note = None
        elif self.in_note:
            indent = "    "  # a note's later paragraph
        if self.lines:
            self.lines.append("")
            self.numbers.append(self.numbers[-1])
        for index, (line, text) in enumerate(lines):
            self.lines.append(indent + (start if index == 0 else "") + text)
            self.numbers.append(line)

    # -- elements

    def open(self, element: Element) -> int:
        """Lay out the element's start; what to undo on leaving it, or -1: leave its
        content out."""
        tag, attrs = element.tag, element.attrs
        if (tag in LEFT_OUT or "hidden" in attrs or element in self.notes.back_links
                or HIDDEN.search(attrs.get("style", ""))):
            return -1
        if element in self.notes.calls:
            self.word(f"[^{self.notes.calls[element]}]", element.line, glue=True)
            return -1
        if tag in ("br", "hr"):
            self.flush()
            return -1
        undo = 0
        if tag in BLOCK:
            self.flush()
            undo |= _BLOCK
        if element in self.notes.notes:
            self.note = self.notes.notes[element]
            self.in_note += 1
            undo |= _NOTE
        if tag == "li":
            self._item(element)
        elif tag in ("ol", "ul"):
            self.lists.append([tag == "ol", _number(attrs.get("start"), 1)])
            undo |= _LIST
        if tag in ONE_LINE:
            self.one_line += 1
            undo |= _ONE_LINE
        if tag == "pre":
            self.pre += 1
            undo |= _PRE
        if tag in ("td", "th"):
            self.space = True
            undo |= _CELL
        if tag in EMPHASIS or (tag not in BLOCK and ITALIC.search(attrs.get("style", ""))):
            self.emphasis += 1
            undo |= _EMPHASIS
        if tag == "a" and "href" in attrs:
            url = self._link_url(attrs["href"])
            shown = short_text(element, len(url) + 20) if url else None
            if url and shown is not None and _same_url(shown, url):
                self.word(url, element.line)
                self.link_chars += len(url)
                return -1
            self.links.append(url)  # None: a link to no URL worth keeping, still a link
            undo |= _LINK
        if tag in ("sup", "u") and self._note_number(element):
            return -1
        return undo

    def close(self, element: Element, undo: int) -> None:
        if undo & _LINK and (url := self.links.pop()):
            self.urls_due.append((url, element.line))
        if undo & _EMPHASIS:
            self.emphasis -= 1  # its "*" waits for the next word: it may be italic too
        if undo & _CELL:
            self.space = True
        if undo & (_BLOCK | _NOTE):
            self.flush()
        if undo & _NOTE:
            self.in_note -= 1
            self.note = None  # a note that showed no text
        if undo & _LIST:
            self.lists.pop()
        if undo & _ONE_LINE:
            self.one_line -= 1
        if undo & _PRE:
            self.pre -= 1

    def _item(self, item: Element) -> None:
        if not self.lists:
            return
        ordered, following = self.lists[-1]
        if ordered:
            number = _number(item.attrs.get("value"), following)
            self.lists[-1][1] = number + 1
            if item not in self.notes.notes:
                self.prefix = f"{number}. "
        elif item not in self.notes.notes:
            self.prefix = "- "

    def _note_number(self, element: Element) -> bool:
        """A ``sup`` or ``u`` holding note numbers: the calls, or at a paragraph's start
        the note's own number."""
        shown = short_text(element, 20)
        found = NOTE_NUMBERS.match(shown) if shown else None
        if found is None:
            return False
        numbers = [int(n) for n in re.findall(r"\d+", found.group(1))]
        if not self.fragments:  # "1 Full text of...": the note's own number, written as a
            # footnote's definition, which the essay reader takes for a note under a Notes
            # heading and under none (after an <hr>), as the calls are [^1] already
            self.word(f"[^{numbers[0]}]:", element.line)
            self.space = True
            return True
        for number in numbers:
            self.word(f"[^{number}]", element.line, glue=True)
        return True

    def _link_url(self, href: str) -> str | None:
        href = "".join(href.split())  # a browser ignores line breaks in a URL
        if is_web_url(href):
            return href
        if self.base and href and not href.startswith("#") and ":" not in href.split("/")[0]:
            return urljoin(self.base, href)
        return None


def _number(value: str | None, default: int) -> int:
    return int(value) if value and value.strip().isdecimal() and len(value) < 6 else default


_SCHEME = re.compile(r"^(?:(?:https?|ftp)://)?(?:www\.)?", re.IGNORECASE)


def _same_url(text: str, url: str) -> bool:
    """Whether a link's text is its URL (with or without its scheme, ``www.`` or final
    slash, or cut short with an ellipsis)."""
    shown, target = (_SCHEME.sub("", s).rstrip("/").lower() for s in (text, url))
    if shown.endswith(("...", "…")):
        return target.startswith(shown.rstrip(".…"))
    return shown == target


def _without_mark(text: str, label: str) -> str:
    """A note's first paragraph without the number it shows before its text, which the
    label now stands for (``1. Full text`` -> ``Full text``), or the stop that followed
    the number when the number was a link back to the call, left out (``. Full text``)."""
    if label.isdigit():
        text = re.sub(rf"^[\[(]?{label}[\])]?[.):]?\s+", "", text, count=1)
    return re.sub(r"^[.):]\s+", "", text, count=1)
