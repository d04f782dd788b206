"""CSL rich text: the few HTML-like tags a CSL-JSON title may hold.

``<i>Pravda</i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<span class="nocase">`` and
``<span style="font-variant:small-caps;">`` are markup, not words: the normalizer leaves
them alone, the .bib writer turns them into LaTeX, RIS (plain text) drops them.
"""

from __future__ import annotations

import re

TAG = re.compile(
    r"</?(?:i|b|sup|sub)>"
    r"|<span\s+(?:class=\"nocase\"|style=\"font-variant:\s*small-caps;?\")>|</span>"
)
#: each opening tag -> the LaTeX that opens it, closed by "}" (a nocase span: nothing, as
#: the words a style may not re-case are braced anyway, and so the .bib reads back alike)
LATEX_OPENERS = {
    "<i>": r"\emph{", "<b>": r"\textbf{", "<sup>": r"\textsuperscript{",
    "<sub>": r"\textsubscript{", '<span class="nocase">': "",
}
_SMALL_CAPS = r"\textsc{"
#: LaTeX commands read back as rich text: command -> (opening tag, closing tag)
RICH_COMMANDS = {
    "emph": ("<i>", "</i>"), "textit": ("<i>", "</i>"), "mkbibemph": ("<i>", "</i>"),
    "textbf": ("<b>", "</b>"), "mkbibbold": ("<b>", "</b>"),
    "textsuperscript": ("<sup>", "</sup>"), "mkbibsuperscript": ("<sup>", "</sup>"),
    "textsubscript": ("<sub>", "</sub>"),
    "textsc": ('<span style="font-variant:small-caps;">', "</span>"),
}


def strip_tags(text: str) -> str:
    """The text without its markup (for plain-text formats)."""
    return TAG.sub("", text) if "<" in text else text


def tag_spans(text: str) -> list[tuple[int, int]]:
    """Where the tags are: (start, end) of each."""
    return [m.span() for m in TAG.finditer(text)] if "<" in text else []


def latex_for(tag: str) -> str:
    """The LaTeX that opens one opening tag ("" for a nocase span)."""
    if tag.startswith("<span") and "small-caps" in tag:
        return _SMALL_CAPS
    return LATEX_OPENERS.get(tag, "")


def balanced_tags(text: str) -> list[str] | None:
    """The tags in order when every one is closed in order (``<i>…</i>``); else None (a
    stray tag is text, and written as text)."""
    tags = TAG.findall(text)
    depth: list[str] = []
    for tag in tags:
        if not tag.startswith("</"):
            depth.append(tag)
        elif not depth or depth.pop()[1:].split()[0].rstrip(">") != tag[2:-1]:
            return None
    return tags if not depth else None
