"""Markdown footnotes, as pandoc, GitHub and Obsidian write them: a call ``[^3]`` (or
``[^mukhin]``) in the text and its definition ``[^3]: Iu. I. Mukhin, *Ubiystvo*...`` on a
line of its own, after its paragraph or at the end, under no heading.

They are read as the essay's notes: before the text is cleaned, each call becomes a note
call and each definition the start of a numbered note (``[3] ...``), line for line, so
every offset keeps its line; the essay reader then takes the definitions' paragraphs out of
whatever section holds them (``is_definition``).  Numeric labels are the notes' numbers;
when any label is a word, every note is numbered in the order its first call comes, as
pandoc numbers them in the document it makes.
"""

from __future__ import annotations

import re

from .essay_clean import CALL_CLOSE, CALL_OPEN

# a label: up to 40 characters, no space, bracket or caret (bounded: a line of "[^" is
# no long search)
_LABEL = r"\^([^\]\[\s^]{1,40})\]"
DEFINITION = re.compile(rf"^ {{0,3}}\[{_LABEL}:[ \t]*", re.MULTILINE)
CALL = re.compile(rf"\[{_LABEL}(?!:)")
# a paragraph that goes on a definition: indented four spaces or a tab (pandoc's rule)
CONTINUATION = re.compile(r"^(?: {4}|\t)")


def has_footnotes(text: str) -> bool:
    """Whether ``text`` has a Markdown footnote call or definition (a cheap test first)."""
    return "[^" in text and (DEFINITION.search(text) or CALL.search(text)) is not None


def footnote_numbers(text: str) -> dict[str, int]:
    """Each label's note number: its own when every label is a number (up to 99,999), else
    the order of its first call (then of its definition, for one never called)."""
    called = [m.group(1) for m in CALL.finditer(text)]
    defined = [m.group(1) for m in DEFINITION.finditer(text)]
    labels = list(dict.fromkeys(called + defined))
    if all(label.isdecimal() and 0 < int(label) < 100_000 for label in labels):
        return {label: int(label) for label in labels}
    return {label: number for number, label in enumerate(labels, start=1)}


def mark_footnotes(text: str) -> str:
    """``text`` with each definition's label made a note number at its line's start
    (``[^a]: text`` -> ``[1] text``) and each call a note call; the lines stay the lines."""
    numbers = footnote_numbers(text)
    text = DEFINITION.sub(lambda m: f"[{numbers[m.group(1)]}] ", text)
    return CALL.sub(lambda m: f"{CALL_OPEN}{numbers[m.group(1)]}{CALL_CLOSE}", text)


def is_definition(raw: str) -> bool:
    """Whether a paragraph's original text starts with a footnote definition."""
    return DEFINITION.match(raw) is not None


def is_continuation(raw: str) -> bool:
    """Whether every line of a paragraph is indented as the rest of a footnote is."""
    return all(CONTINUATION.match(line) for line in raw.split("\n"))
