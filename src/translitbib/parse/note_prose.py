"""Works a note cites in its running prose, not in parentheses: a conservative detector.

Prose is full of ``Name, Word`` that cites nothing, so every rule needs a strong sign:

- ``Medvedev, op. cit.``: a name before *op. cit.* (the last work cited by that author);
- ``Amy Knight, p. 220`` / ``Mukhin, Ch. 13``: a page or chapter right after a known
  author's surname, or after a given name and surname;
- ``in Zhukov, Stalin.`` / ``Zhukov, Inoi Stalin, 50``: a known author, a plain title that
  ends the clause, and a cue word before it or pages after it (at the start of a note,
  pages make any surname enough);
- ``Zhukov's earlier treatment in Tayny 270-276``: a known author's possessive, then
  ``in``, a title and pages;
- ``see *Ubiystvo* 612``: a cue word, an emphasised title and pages;
- ``in Kokurin and Pozhalov, Starkov, Knight, and Mukhin, *Ubiystvo*``: a cue word, then
  names listed before a citation already found.

A *known author* is a surname that the bibliography, a body citation or an earlier note
names as an author.  Cue words: in, see, see also, cf., compare, cited in, quoted in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import CitationTarget
from .citations import AUTHORS, CHAPTER, LOCATOR, NAME, NAME_WORD, PAGE, PLAIN_TITLE

__all__ = ["ProseCitation", "find_prose_citations", "list_before"]

NOT_A_NAME = r"(?!(?:See|Also|Cited|In|Cf|Compare|Quoted|For|Ibid)\b)"
CUE = r"\b(?:[Ii]n|[Ss]ee(?:\s+also)?|[Cc]f\.|[Cc]ompare|(?:[Cc]ited|[Qq]uoted)\s+in)"
PAGED_LOCATOR = (rf"(?:pp?\.\s*{PAGE}|{CHAPTER})"
                 rf"(?:\s*(?:,|&|and)\s*(?:(?:pp?\.\s*)?{PAGE}|{CHAPTER}))*")
AFTER_LOCATOR = r"(?=\s*(?:[.,;:)\]]|$)|\s+(?:and|&)\s)"
CLAUSE_END = r"(?=\s*(?:[.;:]|$))"
YEAR = re.compile(r"^(?:1[6-9]\d\d|20\d\d)$")

OP_CIT = re.compile(
    rf"(?P<author>{NOT_A_NAME}{NAME}),?\s+op\.\s*cit\.?(?:,?\s*(?P<locator>{LOCATOR}))?")
NAME_PAGES = re.compile(rf"(?P<author>{NOT_A_NAME}{NAME}),\s+(?P<locator>{PAGED_LOCATOR})"
                        rf"{AFTER_LOCATOR}")
PLAIN_SHORT = re.compile(
    rf"(?P<cue>{CUE}\s+)?(?P<author>{NOT_A_NAME}{NAME}),\s+(?P<title>{PLAIN_TITLE})"
    rf"(?:,?\s+(?P<locator>{LOCATOR}))?{CLAUSE_END}")
POSSESSIVE = re.compile(
    rf"(?P<author>{NAME_WORD})['’]s\s+(?:[a-z]+\s+){{0,3}}in\s+(?P<title>{PLAIN_TITLE})"
    rf",?\s+(?P<locator>{PAGE}(?:\s*,\s*{PAGE})*){AFTER_LOCATOR}")
LONE_TITLE = re.compile(
    rf"{CUE}\s+\*(?P<title>[^*]{{1,120}})\*,?\s*(?P<locator>{LOCATOR}){AFTER_LOCATOR}")
NAME_LIST = re.compile(rf"{CUE}\s+(?P<names>(?:{AUTHORS},\s+)+)(?:and\s+)?$")
LISTED_NAME = re.compile(AUTHORS)
LIST_WINDOW = 300  # characters before the citation that ends a list of names
# a capitalised word that starts a sentence, not a given name: "Then Mukhin, Ch. 13"
NOT_GIVEN = frozenset({
    "a", "also", "and", "as", "both", "but", "compare", "even", "for", "here", "however", "in",
    "like", "neither", "only", "see", "so", "that", "the", "then", "there", "this", "thus",
    "unlike", "when", "while", "yet"})
ENGLISH = frozenset({
    "the", "of", "and", "to", "in", "for", "on", "at", "by", "with", "from", "as", "is", "was",
    "not", "but", "or", "an", "a", "his", "her", "their", "its", "this", "that"})


@dataclass(slots=True)
class ProseCitation:
    start: int
    end: int
    target: CitationTarget


def find_prose_citations(text: str, taken: list[tuple[int, int]],
                         known_authors: frozenset[str]) -> list[ProseCitation]:
    """Citations in a note's prose outside the spans already ``taken`` (these grow)."""
    found: list[ProseCitation] = []

    def add(start: int, end: int, target: CitationTarget) -> None:
        found.append(ProseCitation(start, end, target))
        taken.append((start, end))

    def free(span: tuple[int, int]) -> bool:
        return not any(span[0] < end and start < span[1] for start, end in taken)

    for match in OP_CIT.finditer(text):
        if free(match.span()):
            target = _target(match, _author(match.group("author")))
            target.remarks.append("op. cit.")
            add(*match.span(), target)
    for match in NAME_PAGES.finditer(text):
        author = _author(match.group("author"))
        if free(match.span()) and (_known(author, known_authors) or len(author.split()) == 2):
            add(*match.span(), _target(match, author))
    for match in PLAIN_SHORT.finditer(text):
        span = (match.start("author"), match.end())
        author = _author(match.group("author"))
        at_start = not text[: span[0]].strip()
        if not free(span) or _english(match.group("title")):
            continue
        # a cue word or pages, never the bare "Service, Robert." of a bibliography line
        if (match.group("cue") or match.group("locator")) and (
                _known(author, known_authors) or (at_start and match.group("locator"))):
            add(*span, _target(match, author))
    for match in POSSESSIVE.finditer(text):
        author = match.group("author")
        if (free(match.span()) and _known(author, known_authors)
                and not _english(match.group("title"))
                and not YEAR.match(match.group("locator"))):
            add(*match.span(), _target(match, author))
    for match in LONE_TITLE.finditer(text):
        span = (match.start("title") - 1, match.end())
        if free(span):
            add(*span, _target(match, None))
    return sorted(found, key=lambda f: f.start)


def list_before(text: str, start: int) -> list[ProseCitation]:
    """``in Kokurin and Pozhalov, Starkov, Knight, and`` before a citation at ``start``:
    each name listed after the cue word cites a work of its own."""
    window = max(0, start - LIST_WINDOW)
    if window:  # start at a word, so "within" does not end in a cue word "in"
        window = text.find(" ", window, start) + 1 or start
    match = NAME_LIST.search(text[window:start])
    if not match:
        return []
    base = window + match.start("names")
    return [ProseCitation(base + m.start(), base + m.end(),
                          CitationTarget(raw=m.group(0), author=m.group(0)))
            for m in LISTED_NAME.finditer(match.group("names"))]


def _target(match: re.Match[str], author: str | None) -> CitationTarget:
    groups = match.groupdict()
    start = match.start("author") if author and groups.get("author") else match.start()
    raw = match.string[start : match.end()]
    title = groups.get("title")
    locator = groups.get("locator")
    target = CitationTarget(raw=raw, author=author,
                            title=title.strip("* ") if title else None)
    if locator:
        target.locator = re.sub(r"^pp?\.\s*", "", re.sub(r"\s+", " ", locator.replace("*", "")))
        if re.match(r"^[Cc]h", target.locator):
            target.label = "chapter"
    return target


def _author(name: str) -> str:
    """Drop a sentence's first word that is not a given name: ``Then Mukhin`` -> ``Mukhin``."""
    words = name.split()
    if len(words) == 2 and words[0].lower() in NOT_GIVEN:
        return words[1]
    return name


def _known(author: str, known_authors: frozenset[str]) -> bool:
    return author.lower() in known_authors or author.split()[-1].lower() in known_authors


def _english(title: str) -> bool:
    words = title.lower().split()
    return len(words) > 4 or any(w in ENGLISH for w in words[1:])
