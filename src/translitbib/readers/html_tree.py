"""An HTML page as a tree of elements and texts, each with the line it starts on.

The standard library's ``html.parser`` is not used: in the Python this project runs
(3.11.7) it takes quadratic time on malformed input (a 200 KB run of ``<p a=`` took 240 s,
runs of ``</a``, ``<!--`` or ``<?`` grow likewise: CVE-2025-6069, fixed in later releases)
and raises ``AssertionError`` on ``<![``.  The tokenizer here reads every character once: what
cannot end (an unclosed comment, tag or quoted attribute) runs to the end of the file, as
the HTML standard says, instead of being looked for again from every ``<``.

The tree is built as browsers mostly do, without their repairs of misnested formatting:
void elements (``br``, ``img``...) take no children, a ``p`` ends where a block begins, an
``li`` where the next begins, a cell where the next cell or row begins, a link where the
next link begins; an end tag closes the nearest open element of its name (none: ignored).
No walk is recursive: 100,000 nested ``div`` elements are a tree 100,000 deep.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
                  "meta", "param", "source", "track", "wbr"})
# elements whose content is text up to their end tag, never markup
RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript",
                      "textarea", "title"})
#: the elements that lay out as blocks of their own (a paragraph, a note, a section)
BLOCK = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "center",
                   "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
                   "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
                   "hgroup", "html", "li", "main", "menu", "ol", "p", "pre", "section",
                   "summary", "table", "tbody", "tfoot", "thead", "tr", "ul"})
# a start tag of one of these ends an open p
ENDS_P = frozenset({"address", "article", "aside", "blockquote", "center", "details", "dialog",
                    "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form",
                    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu",
                    "nav", "ol", "p", "pre", "section", "table", "ul", "li", "dd", "dt"})
# an implied end looks no further down than the elements that bound it
_IMPLIED_ENDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # start tag: (the open elements it ends, the elements that stop the search)
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu", "table"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "tbody", "thead", "tfoot"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist"})),
    "a": (frozenset({"a"}), frozenset({"table", "td", "th"})),
}
_P = frozenset({"p"})
_P_SCOPE = frozenset({"table", "td", "th", "caption", "button", "object", "marquee"})
# how far down the open elements an implied end looks: bounded, so that a page of 100,000
# unclosed elements costs no quadratic search
IMPLIED_END_DEPTH = 64


@dataclass(slots=True, eq=False)
class Text:
    text: str  # character references decoded
    line: int


@dataclass(slots=True, eq=False)
class Element:
    tag: str  # lower case; "#document" for the root
    attrs: dict[str, str]
    line: int
    parent: Element | None = None
    children: list[Element | Text] = field(default_factory=list)
    order: int = 0  # its place in document order, and the last place inside it
    last: int = 0

    def contains(self, other: Element) -> bool:
        return self.order <= other.order <= self.last


START, END, TEXT = "start", "end", "text"
Token = tuple[str, str, dict[str, str], int, bool]  # kind, tag or text, attrs, line, "/>"

_TAG_NAME = re.compile(r"[^\s/>]+")
_ATTR_NAME = re.compile(r"[^\s/>][^\s/>=]*")
_GAP = re.compile(r"[\s/]*")
_SPACES = re.compile(r"\s*")
_UNQUOTED = re.compile(r"[^\s>]*")
_RAW_END = {tag: re.compile(rf"</{tag}(?=[\s/>])", re.IGNORECASE) for tag in RAW_TEXT}
_NO_ATTRS: dict[str, str] = {}


def tokens(text: str) -> Iterator[Token]:
    """Start tags, end tags and texts, each with its line (1-based); comments, doctypes and
    processing instructions are skipped."""
    n = len(text)
    pos = 0
    line, counted = 1, 0  # the line at offset ``counted``

    def line_at(offset: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, offset)
        counted = offset
        return line

    text_start = 0
    while pos < n:
        lt = text.find("<", pos)
        if lt < 0:
            break
        following, after = text[lt + 1 : lt + 2], text[lt + 2 : lt + 3]
        if following.isascii() and following.isalpha():
            kind = START
        elif following == "/" and after.isascii() and after.isalpha():
            kind = END
        elif following in ("!", "?", "/"):
            kind = "skip"
        else:  # "<" followed by a space or a digit: text
            pos = lt + 1
            continue
        if lt > text_start:
            yield TEXT, unescape(text[text_start:lt]), _NO_ATTRS, line_at(text_start), False
        at = line_at(lt)
        if kind == START:
            pos, tag, attrs, closed = _start_tag(text, lt)
            if pos < 0:  # the end of the file inside the tag: the tag is dropped
                return
            yield START, tag, attrs, at, closed
            if tag in RAW_TEXT and not closed:
                end = _RAW_END[tag].search(text, pos)
                stop = end.start() if end else n
                if stop > pos:
                    raw = text[pos:stop]
                    yield TEXT, unescape(raw) if tag in ("title", "textarea") else raw, \
                        _NO_ATTRS, line_at(pos), False
                pos = stop
        elif kind == END:
            gt = text.find(">", lt)
            if gt < 0:
                return
            yield END, _TAG_NAME.match(text, lt + 2).group().lower(), _NO_ATTRS, at, False  # type: ignore[union-attr]
            pos = gt + 1
        elif text.startswith("<!--", lt):
            end = text.find("-->", lt + 4)
            pos = n if end < 0 else end + 3
        else:  # <!DOCTYPE>, <![CDATA[...]>, <![if ...]>, <?xml ...?>, </3>: up to the next >
            gt = text.find(">", lt + 2)
            pos = n if gt < 0 else gt + 1
        text_start = pos
    if text_start < n:
        yield TEXT, unescape(text[text_start:]), _NO_ATTRS, line_at(text_start), False


def _start_tag(text: str, lt: int) -> tuple[int, str, dict[str, str], bool]:
    """The start tag at ``lt``: where it ends (-1: it never does), its name, attributes
    (the first of a name wins) and whether it ends with ``/>``."""
    n = len(text)
    name = _TAG_NAME.match(text, lt + 1)
    assert name is not None  # a letter follows "<"
    tag, i = name.group().lower(), name.end()
    attrs: dict[str, str] = {}
    while True:
        gap, i = i, _GAP.match(text, i).end()  # type: ignore[union-attr]
        if i >= n:
            return -1, tag, attrs, False
        if text[i] == ">":
            return i + 1, tag, attrs, "/" in text[gap:i]
        key_match = _ATTR_NAME.match(text, i)
        assert key_match is not None  # text[i] is no space, "/" or ">"
        key, i = key_match.group().lower(), key_match.end()
        j = _SPACES.match(text, i).end()  # type: ignore[union-attr]
        value = ""
        if j < n and text[j] == "=":
            j = _SPACES.match(text, j + 1).end()  # type: ignore[union-attr]
            if j < n and text[j] in "\"'":
                close = text.find(text[j], j + 1)
                if close < 0:
                    return -1, tag, attrs, False
                value, i = text[j + 1 : close], close + 1
            else:
                unquoted = _UNQUOTED.match(text, j)
                assert unquoted is not None
                value, i = unquoted.group(), unquoted.end()
        attrs.setdefault(key, unescape(value) if "&" in value else value)


def parse_html(text: str) -> Element:
    """The page's tree (its root is ``#document``), with each element's document order."""
    root = Element("#document", {}, 1)
    stack = [root]
    open_tags: Counter[str] = Counter()

    def pop_to(index: int) -> None:
        for element in stack[index:]:
            open_tags[element.tag] -= 1
        del stack[index:]

    def end_nearest(tags: frozenset[str], stops: frozenset[str]) -> None:
        if not any(open_tags[t] for t in tags):
            return
        for index in range(len(stack) - 1, max(0, len(stack) - IMPLIED_END_DEPTH) - 1, -1):
            tag = stack[index].tag
            if tag in tags:
                pop_to(index)
                return
            if tag in stops:
                return

    for kind, value, attrs, line, closed in tokens(text):
        if kind == TEXT:
            stack[-1].children.append(Text(value, line))
            continue
        if kind == END:
            if value == "br":  # </br> is a <br>
                kind, attrs = START, {}
            elif open_tags[value]:
                index = next(i for i in range(len(stack) - 1, 0, -1) if stack[i].tag == value)
                pop_to(index)
                continue
            else:
                continue
        if value in ENDS_P:
            end_nearest(_P, _P_SCOPE)
        if value in _IMPLIED_ENDS:
            end_nearest(*_IMPLIED_ENDS[value])
        element = Element(value, attrs, line, stack[-1])
        stack[-1].children.append(element)
        if value not in VOID and not closed:
            stack.append(element)
            open_tags[value] += 1
    number_in_order(root)
    return root


def number_in_order(root: Element) -> None:
    """Give every element its place in document order and the last place inside it."""
    count = 0
    pending: list[tuple[Element, bool]] = [(root, False)]
    while pending:
        element, leaving = pending.pop()
        if leaving:
            element.last = count
            continue
        count += 1
        element.order = count
        pending.append((element, True))
        pending.extend((child, False) for child in reversed(element.children)
                       if isinstance(child, Element))


def iter_elements(root: Element) -> Iterator[Element]:
    """Every element under ``root`` (itself first), in document order."""
    pending = [root]
    while pending:
        element = pending.pop()
        yield element
        pending.extend(child for child in reversed(element.children)
                       if isinstance(child, Element))


def short_text(element: Element, most: int = 40) -> str | None:
    """The element's text, whitespace collapsed, or None when longer than ``most``
    characters or spread over many elements (bounded: checked for every ``sup``)."""
    parts: list[str] = []
    size, visited = 0, 0
    pending: list[Element | Text] = [element]
    while pending:
        node = pending.pop()
        visited += 1
        if visited > 4 * most:
            return None
        if isinstance(node, Text):
            parts.append(node.text)
            size += len(node.text)
            if size > 4 * most:
                return None
        else:
            pending.extend(reversed(node.children))
    text = " ".join("".join(parts).split())
    return text if len(text) <= most else None
