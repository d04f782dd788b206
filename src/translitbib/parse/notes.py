"""Endnotes: their numbers, clean text and URLs, and the works they cite.

Inside a note, works are cited five ways: a parenthesis (as in the body), a full reference
in Chicago notes style (``Given Family, *Title* (Place: Publisher, Year), pages.``, the same
with a plain title, ``Given Family, "Article," *Journal* 63 (2004), 241-255.``, ``Given
Family, Title, Place, Year, pages.``), a short form (``Mukhin, *Ubiystvo* 617``, ``Zhukov,
Inoi Stalin, 50``), ``Ibid.`` / ``op. cit.``, and a mention in the prose
(``note_prose``).  Full references become references of their own, exactly like
bibliography entries; the rest become targets the linker resolves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import (
    OTHERS,
    Citation,
    CitationKind,
    CitationTarget,
    Date,
    Name,
    Note,
    Reference,
    SourceSpan,
    Url,
)
from ..readers.essay_clean import BARE_URL, Block
from .citations import LOCATOR, NAME, FoundCitation, find_parenthetical_citations
from .dates import DATE_PATTERN, YEAR, parse_date
from .entries import periodical_type, places_pattern
from .names import parse_name_direct, split_people
from .note_prose import NOT_A_NAME, find_prose_citations, list_before

# 12. / 12 / [12] / 12) at the start of a note
NOTE_START = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)]?)\s+(?=\S)")
# an indented "12." the cleaning took for a numbered paragraph (in a notes section: a note)
_INDENTED_NUMBER = re.compile(r"^\s{2,}(\d{1,3})\.\s+")


def note_start(block: Block) -> tuple[int | None, int]:
    """A note's number and where its text starts in ``block.text`` (None, 0: no number)."""
    start = NOTE_START.match(block.text)
    if start:
        return int(start.group(1) or start.group(2)), start.end()
    indented = _INDENTED_NUMBER.match(block.raw)
    return (int(indented.group(1)), 0) if indented else (None, 0)
# Iurii Zhukov / Getty J. Arch / A. V. Pyzhikov / Iu. I. Mukhin
GIVEN_FAMILY = r"(?:(?:[A-Z][a-z]?\.\s*)+|[A-Z][\w'’-]+\s+(?:[A-Z]\.\s+)?)[A-Z][\w'’-]+"
PLAIN_TITLE = r"[A-Z][^,()*\"“”]*?"
PAGES = r"(?:pp?\.\s*)?\d+(?:\s*[-–]\s*\d+)?(?:,\s*\d+(?:\s*[-–]\s*\d+)?)*"

NOTE_REFERENCE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Roy Medvedev, *Let History Judge* (New York: Knopf, 1971), 150.
    # *The Diary of Georgi Dimitrov 1933-1949*, ed. & intro. Ivo Banac (New Haven, CT: Yale
    # University Press, 2003), 66-67.
    ("book", re.compile(
        rf"(?:(?P<author>{GIVEN_FAMILY}),\s+)?\*(?P<title>[^*]+)\*,?"
        rf"(?:\s*(?P<role>ed\.(?:\s*&\s*intro\.)?|eds\.|trans\.|comp\.|edited by|translated by)"
        rf"\s+(?P<contributors>[^(]+?))?\s*\((?P<place>[^:()]+):\s*(?P<publisher>[^,()]+),\s*"
        rf"(?P<year>{YEAR})\)(?:,\s*(?P<pages>{PAGES}))?")),
    # Khlevniuk O., et al. eds, *Politburo TsK VKP(b)...*. Moscow: ROSSPEN, 2002, 428-431.
    ("book", re.compile(
        rf"(?P<author>[A-Z][\w'’-]+\s+(?:[A-Z]\.\s*)+),?\s*(?P<etal>et al\.)?\s*"
        rf"(?P<role>eds?\.?)?,?\s*\*(?P<title>[^*]+)\*\.?\s+(?P<place>[A-Z][^:.]+):\s*"
        rf"(?P<publisher>[^,]+),\s*(?P<year>{YEAR})(?:,\s*(?P<pages>{PAGES}))?")),
    # David Brandenberger, "Stalin, the Leningrad Affair...," *Russian Review* 63 (2004), 241-255.
    ("article-journal", re.compile(
        rf"(?P<author>{GIVEN_FAMILY}),\s+[\"“](?P<title>[^\"”]+?)[,.]?[\"”]\s*"
        rf"\*(?P<container>[^*]+)\*\s+(?P<volume>\d+)(?:,\s*no\.\s*(?P<issue>\d+))?\s*"
        rf"\((?P<year>{YEAR})\)[:,]?\s*(?P<pages>{PAGES})?")),
    # "The Russian Oligarchy: Welcome to the Real World," *The Russian Journal* March 17 2003,
    # at <URL>
    ("periodical", re.compile(
        rf"(?:(?P<author>{GIVEN_FAMILY}),\s+)?[\"“](?P<title>[^\"”]+?)[,.]?[\"”]\s*"
        rf"\*(?P<container>[^*]+)\*,?\s*(?:of\s+)?(?P<date>{DATE_PATTERN})"
        rf"(?:,?\s*at\s+(?P<url>\S+?)|,\s*(?:(?:accessed|retrieved)\s[^,]{{1,30}},\s*"
        rf"(?:\d{{4}},\s*)?)?(?P<url_after>(?:https?|ftp)://\S+?))?(?=[;.]?(?:\s|$))")),
    # Raymond Baker, Centre for International Policy, "A Clear and Present Danger," Australian
    # Broadcasting Corp, 2003, at <URL>
    ("webpage", re.compile(
        rf"(?P<author>{GIVEN_FAMILY}),\s+(?:[^,\"“]+,\s+)?[\"“](?P<title>[^\"”]+?)[,.]?[\"”]\s*"
        rf"(?P<container>[A-Z][^,\"]+),\s*(?P<year>{YEAR}),?\s*at\s+(?P<url>\S+?)(?=[;.]?(?:\s|$))")),
]
PLACES = places_pattern()
NOTE_REFERENCE_PATTERNS += [
    # Iurii Zhukov, Inoi Stalin (Moscow: Vagrius, 2003), 45-46.
    ("book", re.compile(
        rf"(?P<author>{GIVEN_FAMILY}),\s+(?P<title>{PLAIN_TITLE})\s*\((?P<place>[^:()]+):\s*"
        rf"(?P<publisher>[^,()]+),\s*(?P<year>{YEAR})\)(?:,\s*(?P<pages>{PAGES}))?")),
    # Iurii Mukhin, Ubiistvo Stalina i Beriia, Moscow, 2002, 178.
    # Amy Knight, *Beria: Stalin's First Lieutenant*, Princeton, 1993, 220.
    ("book", re.compile(
        rf"(?P<author>{GIVEN_FAMILY}),\s+(?P<title>\*[^*]+\*|[A-Z][^,()\"“*]+?),\s+"
        rf"(?P<place>{PLACES}),\s+(?P<year>{YEAR})(?:,\s*(?P<pages>{PAGES}))?"
        rf"(?=[.;]?(?:\s|$))")),
    # Roy Medvedev, *Let History Judge*, quotes ... See pp. 150, 507 of the 1971 Knopf edition.
    ("book", re.compile(
        rf"(?P<author>{GIVEN_FAMILY}),\s+\*(?P<title>[^*]+)\*[^*()]{{0,300}}?"
        rf"(?:\bpp?\.\s*(?P<pages>{PAGES})\s+of\s+)?\bthe\s+(?P<year>{YEAR})\s+"
        rf"(?P<publisher>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){{0,3}})\s+edition\b\.?")),
]
# the URL a note gives right after a full reference: ", available at URL", ", online: URL",
# ", accessed May 1, 2010, URL", ", URL"
_URL_AFTER = re.compile(
    r",?\s*(?:(?:available|online|retrieved|accessed)\b[^,:]{0,40}?[,:]?\s*(?:\d{4},?\s*)?)?"
    r"(?:at|from)?\s*<*((?:https?|ftp)://[^\s<>]+)")
SHORT_FORM = re.compile(
    rf"(?P<author>{NOT_A_NAME}{NAME}),\s*\*(?P<title>[^*]+)\*,?\s*(?P<locator>{LOCATOR})?")
IBID = re.compile(rf"\bIbid\.?,?\s*(?P<locator>{LOCATOR})?", re.IGNORECASE)


@dataclass(slots=True)
class NoteCitation:
    """A work a note cites: a new reference (``reference``) or a target to link later."""

    text: str
    line: int
    target: CitationTarget
    reference: Reference | None = None
    start: int = 0  # offset in the note, for reading order


@dataclass(slots=True)
class ParsedNote:
    note: Note
    citations: list[NoteCitation] = field(default_factory=list)
    parentheticals: list[tuple[FoundCitation, int]] = field(default_factory=list)
    #: surnames this note names as authors (lower case): later notes know them
    authors_named: frozenset[str] = frozenset()

    def in_reading_order(self, path: str) -> list[tuple[Citation, Reference | None]]:
        """Every citation of the note, in the order the note makes them, with the new
        reference a full reference makes (else ``None``); targets of new references are
        linked already."""
        found: list[tuple[int, Citation, Reference | None]] = []
        for parenthetical, line in self.parentheticals:
            found.append((parenthetical.start, Citation(
                parenthetical.text, SourceSpan(path, line), parenthetical.targets,
                CitationKind.NOTE, self.note.number), None))
        for cited in self.citations:
            if cited.reference is not None:
                cited.target.reference = cited.reference
            found.append((cited.start, Citation(cited.text, SourceSpan(path, cited.line),
                                                [cited.target], CitationKind.NOTE,
                                                self.note.number), cited.reference))
        found.sort(key=lambda item: item[0])
        return [(citation, reference) for _start, citation, reference in found]


def split_notes(blocks: list[Block], path: str) -> list[tuple[Note, Block]]:
    """Number and clean the notes of a notes section (a block per note)."""
    notes: list[tuple[Note, Block]] = []
    for block in blocks:
        number, start = note_start(block)
        if number is None:
            if notes:  # an unnumbered paragraph continues the note before it
                note, _previous = notes[-1]
                note.text += "\n" + _plain(block.text)
                note.raw += "\n" + block.raw
                note.urls.extend(_urls(block, path))
            continue
        text = block.text[start:]
        source = SourceSpan(path, block.line, block.end_line)
        note = Note(number, _plain(text), source, block.raw, _urls(block, path))
        notes.append((note, block))
    return notes


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def _urls(block: Block, path: str) -> list[Url]:
    return [Url(m.group(0), SourceSpan(path, block.line_at(m.start())), m.group(0))
            for m in BARE_URL.finditer(block.text)]


def parse_note(note: Note, block: Block, path: str,
               known_authors: frozenset[str] = frozenset()) -> ParsedNote:
    """Find the works a note cites; full references become new references.

    ``known_authors`` are surnames (lower case) the document names as authors elsewhere:
    the prose detector trusts a plain ``Zhukov, Stalin`` only for them."""
    parsed = ParsedNote(note)
    offset = note_start(block)[1]
    text = block.text[offset:]

    def cite(start: int, end: int, target: CitationTarget,
             reference: Reference | None = None) -> None:
        line = block.line_at(offset + start)
        parsed.citations.append(NoteCitation(text[start:end], line, target, reference, start))
        taken.append((start, end))

    taken: list[tuple[int, int]] = []
    for found in find_parenthetical_citations(text, known_authors):
        found.start, found.end = found.start + offset, found.end + offset
        parsed.parentheticals.append((found, block.line_at(found.start)))
        taken.append((found.start - offset, found.end - offset))
    for kind, pattern in NOTE_REFERENCE_PATTERNS:
        for match in pattern.finditer(text):
            if _overlaps(match.span(), taken):
                continue
            reference = _reference_from_note(kind, match, SourceSpan(path, block.line_at(
                offset + match.start())))
            url = _URL_AFTER.match(text, match.end())
            if url and "URL" not in reference.fields:  # "..., 375, available at <URL>"
                reference.fields["URL"] = url.group(1).rstrip(".,;)")
            target = CitationTarget(raw=match.group(0), author=_first_family(reference),
                                    title=reference.title or None,
                                    locator=_pages(match.groupdict().get("pages")))
            cite(*match.span(), target, reference)
    for match in SHORT_FORM.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        cite(*match.span(), CitationTarget(raw=match.group(0), author=match.group("author"),
                                           title=match.group("title").strip(),
                                           locator=_pages(match.group("locator"))))
    for prose in find_prose_citations(text, list(taken), known_authors):
        cite(prose.start, prose.end, prose.target)
    for anchor in sorted(c.start for c in parsed.citations if c.target.author):
        for listed in list_before(text, anchor):
            if not _overlaps((listed.start, listed.end), taken):
                cite(listed.start, listed.end, listed.target)
    for match in IBID.finditer(text):
        target = CitationTarget(raw=match.group(0), locator=_pages(match.group("locator")))
        target.remarks.append("ibid")
        cite(*match.span(), target)
    parsed.citations.sort(key=lambda c: c.start)
    parsed.authors_named = frozenset(_named_authors(parsed))
    return parsed


def _named_authors(parsed: ParsedNote) -> set[str]:
    named = {n.family.lower() for c in parsed.citations if c.reference
             for n in c.reference.authors}
    named.update(c.target.author.split()[-1].lower() for c in parsed.citations
                 if c.target.author and (c.target.title or c.target.locator))
    return named


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _pages(text: str | None) -> str | None:
    if not text:
        return None
    return re.sub(r"^pp?\.\s*", "", re.sub(r"\s+", " ", text.replace("*", ""))).strip() or None


def _first_family(reference: Reference) -> str | None:
    for role in ("author", "editor"):
        if reference.names.get(role):
            return reference.names[role][0].family
    return None


def _reference_from_note(kind: str, match: re.Match[str], source: SourceSpan) -> Reference:
    groups = {k: (v.strip() if isinstance(v, str) else v) for k, v in match.groupdict().items()}
    groups["url"] = groups.get("url") or groups.get("url_after")  # Chicago's ", URL."
    ref = Reference(type="book", source=source, raw=match.group(0), origin="note")
    if groups.get("title"):
        ref.fields["title"] = _plain(groups["title"]).rstrip(",.")
    if groups.get("author"):
        role = "editor" if (groups.get("role") or "").startswith("ed") and not groups.get(
            "contributors") else "author"
        people = [parse_name_direct(p) for p in split_people(groups["author"])]
        ref.names[role] = people
        if groups.get("etal"):
            people.append(Name(literal=OTHERS))  # as biblatex's "and others"
    if groups.get("contributors"):
        role = "translator" if (groups.get("role") or "").startswith("trans") else "editor"
        ref.names[role] = [parse_name_direct(p) for p in split_people(groups["contributors"])]
    if groups.get("place"):
        ref.fields["publisher-place"] = groups["place"]
    if groups.get("publisher"):
        ref.fields["publisher"] = groups["publisher"]
    if groups.get("url"):
        ref.fields["URL"] = groups["url"].rstrip(".,;")
    if groups.get("year"):
        ref.dates["issued"] = Date(int(groups["year"]))
    if kind == "article-journal":
        ref.type = kind
        ref.fields["container-title"] = _plain(groups["container"])
        ref.fields["volume"] = groups["volume"]
        if groups.get("issue"):
            ref.fields["issue"] = groups["issue"]
        if groups.get("pages"):
            ref.fields["page"] = _pages(groups["pages"]) or ""
    elif kind == "periodical":
        date = parse_date(groups["date"])
        if date:
            ref.dates["issued"] = date
        ref.fields["container-title"] = _plain(groups["container"])
        ref.type = periodical_type(ref.fields["container-title"], date)
    elif kind == "webpage":
        ref.type = "webpage"
        ref.fields["container-title"] = _plain(groups["container"])
    return ref


