"""Note calls and the notes they call in an HTML page, linked by their anchors.

The shapes real pages have:

- pandoc: ``<a href="#fn1" class="footnote-ref" id="fnref1"><sup>1</sup></a>``, the note
  ``<li id="fn1">...<a href="#fnref1" class="footnote-back">↩︎</a></li>``;
- Word's *Save as HTML*: ``<a href="#_ftn1" name="_ftnref1">[1]</a>``, the note
  ``<div id=ftn1><p><a href="#_ftnref1" name="_ftn1">[1]</a> text</p></div>`` (``_edn``
  for endnotes; LibreOffice's ``sdfootnote1anc`` / ``sdfootnote1sym`` likewise);
- MediaWiki: ``<sup id="cite_ref-1"><a href="#cite_note-1">[1]</a></sup>``, the note
  ``<li id="cite_note-1"><a href="#cite_ref-1">^</a> text</li>``;
- a one-way link, ``<a href="#note1"><sup>1</sup></a>`` to ``<p id="note1">1. text</p>``.

A call is a link to a later element of the page whose text is a note's mark (``1``,
``[12]``, ``iv``, ``*``) and which either the note links back to, or says it is a note's
(its class or role, or a ``sup`` with a target named like a note). The note is the element
the call points to when it is a block (``li``, ``p``, ``div``); when it is an anchor inside
one, that paragraph, or the element with an id around it (Word's ``div id=ftn1``). Links
back to a call (``↩︎``, ``^``, Word's ``[1]`` before the note) are no text of the note.

Each note gets the label the page shows (``12``); when marks are no numbers or two notes
show the same one (footnotes and endnotes both from 1), every note is labelled by its
anchor and numbered in the order of its first call, as the essay reader numbers word labels.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from urllib.parse import unquote

from .html_tree import BLOCK, Element, iter_elements, short_text

# a note's mark as the page shows it: 12, [12], (12), iv, a, *, † (a thesis has notes 1000 on)
MARK = re.compile(r"^[\[(]?\s*(\d{1,5}|[ivxlc]{1,6}|[a-z]|\*{1,3}|[†‡§¶])\s*[\])]?$",
                  re.IGNORECASE)
# what says a link or its target is a note's (pandoc, Word, LibreOffice, MediaWiki, EPUB)
NOTE_NAMED = re.compile(r"note|fnref|^_?(?:ftn|edn)|^fn", re.IGNORECASE)
BLOCKS = BLOCK | {"td", "th"}  # (a table cell can hold a note: a layout table's)
# a note is never one of these whole: it would be the page
NOT_A_NOTE = frozenset({"#document", "html", "body", "main", "article", "table", "tbody"})
# inline elements around a call whose id the note may link back to (MediaWiki's sup)
_CALL_WRAPPERS = frozenset({"sup", "span", "small", "b", "strong"})


@dataclass(slots=True)
class PageNotes:
    """What the layout needs: the label of each call and of each note's element, and the
    links to leave out (back to a call)."""

    calls: dict[Element, str] = field(default_factory=dict)
    notes: dict[Element, str] = field(default_factory=dict)
    back_links: set[Element] = field(default_factory=set)


@dataclass(slots=True)
class _Call:
    link: Element
    mark: str
    note: Element
    target: str  # the id or name it points to


def find_notes(root: Element) -> PageNotes:
    """The page's note calls and notes, linked by their anchors."""
    anchors: dict[str, Element] = {}
    links: list[tuple[Element, str]] = []  # (link, the id it points to)
    for element in iter_elements(root):
        for key in ("id", "name"):
            if element.attrs.get(key):
                anchors.setdefault(element.attrs[key], element)
        href = element.attrs.get("href", "") if element.tag == "a" else ""
        if href.startswith("#") and len(href) > 1:
            links.append((element, unquote(href[1:])))
    by_target: dict[str, list[Element]] = {}
    for link, target in links:
        by_target.setdefault(target, []).append(link)
    pointed = sorted({anchors[target].order for _, target in links if target in anchors})
    calls = [call for link, target in links
             if (call := _call(link, target, anchors, by_target, pointed)) is not None]
    return _labelled(calls, by_target)


def _call(link: Element, target: str, anchors: dict[str, Element],
          by_target: dict[str, list[Element]], pointed_at: list[int]) -> _Call | None:
    """The note call ``link`` is, or None."""
    pointed = anchors.get(target)
    if pointed is None or pointed.order <= link.order:  # notes come after their calls
        return None
    mark = short_text(link)
    if mark == "" and (digits := re.search(r"\d{1,3}$", target)):
        mark = digits.group()  # Word's call whose number only its style shows
    shown = MARK.match(mark) if mark is not None else None
    if shown is None:
        return None
    note = _note_element(pointed, pointed_at)
    if note is None or note.contains(link):
        return None
    if not (_links_back(link, note, by_target) or _named_a_note(link, target)):
        return None
    return _Call(link, shown.group(1), note, target)


def _note_element(pointed: Element, pointed_at: list[int]) -> Element | None:
    """The element holding the note a call points to (``pointed_at``: the document order
    of every element a link on the page points to)."""
    if pointed.tag in BLOCKS:
        note = pointed
    else:  # an anchor inside the note's first paragraph
        note = pointed.parent  # type: ignore[assignment]
        while note is not None and note.tag not in BLOCKS:
            note = note.parent  # type: ignore[assignment]
        if note is None:
            return None
        around = note.parent
        if (note.tag == "p" and around is not None and around.attrs.get("id")
                and around.tag in ("div", "li", "aside", "section")
                and _points_into(around, pointed_at) == 1):
            note = around  # Word's <div id=ftn1><p><a name=_ftn1>, not <div id=notes>
    return None if note.tag in NOT_A_NOTE else note


def _points_into(element: Element, pointed_at: list[int]) -> int:
    """How many elements inside ``element`` (itself too) a link points to."""
    return bisect_right(pointed_at, element.last) - bisect_left(pointed_at, element.order)


def _call_ids(link: Element) -> set[str]:
    """The ids a note may link back to: the call's own, and those of the inline elements
    right around it."""
    ids = {link.attrs.get("id", ""), link.attrs.get("name", "")}
    around = link.parent
    for _ in range(3):
        if around is None or around.tag not in _CALL_WRAPPERS:
            break
        ids.update((around.attrs.get("id", ""), around.attrs.get("name", "")))
        around = around.parent
    ids.discard("")
    return ids


def _links_back(link: Element, note: Element, by_target: dict[str, list[Element]]) -> bool:
    return any(note.contains(back) for key in _call_ids(link) for back in by_target.get(key, ()))


def _named_a_note(link: Element, target: str) -> bool:
    """Whether the link says it calls a note: by its class or role, or a ``sup`` around it
    or in it and a target named like a note's."""
    if NOTE_NAMED.search(f"{link.attrs.get('class', '')} {link.attrs.get('role', '')}"):
        return True
    in_sup = (link.parent is not None and link.parent.tag == "sup") or any(
        isinstance(child, Element) and child.tag == "sup" for child in link.children)
    return in_sup and NOTE_NAMED.search(target) is not None


def _labelled(calls: list[_Call], by_target: dict[str, list[Element]]) -> PageNotes:
    """Labels: the numbers the page shows, unless a mark is no number or two notes show
    the same one; then each note's anchor (the essay reader numbers them in call order)."""
    shown: dict[Element, str] = {}
    for call in calls:
        shown.setdefault(call.note, call.mark)
    numbers = list(shown.values())
    numeric = all(m.isdigit() and 0 < int(m) < 100_000 for m in numbers) and len(
        set(map(int, numbers))) == len(numbers)
    labels = {note: str(int(mark)) if numeric else f"n{index}"
              for index, (note, mark) in enumerate(shown.items(), start=1)}
    found = PageNotes()
    for call in calls:
        found.calls[call.link] = labels[call.note]
        found.notes[call.note] = labels[call.note]
    called = {key for call in calls for key in _call_ids(call.link)}
    found.back_links = {back for key in called for back in by_target.get(key, ())}
    return found
