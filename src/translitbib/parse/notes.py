"""Endnotes: their numbers, clean text and URLs, and the works they cite.

Inside a note, works are cited six ways: a parenthesis (as in the body); a full reference
in Chicago notes style, by one author or several (``Given Family and Given Family``, ``et
al., eds.``): a book (``Given Family, *Title*, vol. 2 (Place: Publisher, Year), pages.``, the
same with a plain title, ``Given Family, Title, Place, Year, pages.``), a chapter (``Given
Family, "Chapter," in *Book*, ed. Given Family (Place: Publisher, Year), 1:23.``), a journal
article (``Given Family, "Article," *Journal* 63, no. 4 (Summer 2004): 241-55.``, the journal
emphasised or not), a newspaper article or issue (``"Article," *Pravda*, March 6, 1953, 1.``,
``Izvestiia, 6 March 1953, 1.``); an archival file (``GARF, f. 5446, op. 1, d. 23, l. 4.``:
a document of the archive, one work however many notes cite it); a short form (``Mukhin,
*Ubiystvo* 617``, ``Barnes, Death and Redemption, 45``, ``Fitzpatrick, "Ascribing Class,"
750``, ``"Soobshchenie...," 2``); ``Ibid.`` / ``op. cit.`` (``Brent and Naumov, op. cit.``)
/ ``Idem`` (the author cited before); a GOST note (``Папков С. А. Title. Новосибирск:
Изд-во, 1997. С. 211.``, ``Там же. С. 215.``, ``Хлевнюк О. В. Указ. соч.``); and a mention
in the prose (``note_prose``).  Pages may be roman (``xvii``) or a volume's (``2:131``).
Full references become references of their own, exactly like bibliography entries; the rest
become targets the linker resolves.  Text that looks like a citation but that no rule reads
is marked, and the essay reader reports it (``note-unparsed``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

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
from ..readers.essay_clean import Block
from .citations import AUTHORS as CITED_AUTHORS
from .citations import (
    CHAPTER,
    LOCATOR,
    NAME,
    PAGE_MARK,
    YEAR_ONLY,
    FoundCitation,
    find_parenthetical_citations,
)
from .dates import DATE_PATTERN, MONTHS, SEASONS, YEAR, parse_date
from .entries import (
    GOST_PERSON,
    parse_entry,
    periodical_type,
    periodical_types,
    places_pattern,
)
from .letters import CYRILLIC_CAPITAL, CYRILLIC_SMALL
from .names import parse_name_direct, split_people
from .note_prose import NOT_A_NAME, ProseCitation, find_prose_citations, list_before
from .urls import urls_in

# 12. / 12 / [12] / 12) at the start of a note
NOTE_START = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)]?)\s+(?=\S)")
# an indented "12." the cleaning took for a numbered paragraph (in a notes section: a note)
_INDENTED_NUMBER = re.compile(r"^\s{2,}(\d{1,3})\.\s+")
# "[1000] ": note 1000 on, as a long Word thesis's footnotes are written (readers/document)
_LONG_NOTE_START = re.compile(r"^\[(\d{4,5})\]\s+(?=\S)")

#: the remark of a note's text that looks like a citation but that no rule read (the essay
#: reader reports it as ``note-unparsed``)
UNPARSED = "unparsed"


def note_start(block: Block, expected: int | None = None) -> tuple[int | None, int]:
    """A note's number and where its text starts in ``block.text`` (None, 0: no number).

    ``expected``: the number the next note would have.  A bracketed number of four digits
    or more is a note's only when it is that one (a bracketed year opening a paragraph is
    no note 1937)."""
    start = NOTE_START.match(block.text)
    if start:
        return int(start.group(1) or start.group(2)), start.end()
    long = _LONG_NOTE_START.match(block.text) if expected and expected > 999 else None
    if long and int(long.group(1)) == expected:
        return expected, long.end()
    indented = _INDENTED_NUMBER.match(block.raw)
    return (int(indented.group(1)), 0) if indented else (None, 0)
# Iurii Zhukov / Getty J. Arch / A. V. Pyzhikov / Iu. I. Mukhin / J. Arch Getty
# (begun only at a word's start, at most four initials: a note of 20,000 capitals or
# initials was read in quadratic time by every pattern that begins with a name)
GIVEN_FAMILY = (r"(?<![\w'’-])(?:(?:[A-Z][a-z]?\.\s*){1,4}(?:[A-Z][a-z][\w'’-]*\s+(?=[A-Z]))?"
                r"|[A-Z][\w'’-]+\s+(?:[A-Z]\.\s+)?)[A-Z][\w'’-]+")
# Jonathan Brent and Vladimir P. Naumov / A B, C D, and E F (bounded: a long list of names
# must not make every start try it to its end)
PEOPLE = rf"{GIVEN_FAMILY}(?:(?:,\s+{GIVEN_FAMILY}){{0,6}},?\s+(?:and|&)\s+{GIVEN_FAMILY})?"
# the people, "et al." and their role: V. Danilov et al., eds.,
# Idem, *Master of the House* (...): the author of the work cited just before (Eadem: hers)
IDEM = r"\b(?:[Ii]dem|[Ee]adem|[Ee]idem)\b"
NOTE_AUTHORS = (rf"(?P<author>{PEOPLE}|{IDEM})(?P<etal>,?\s+et\s+al\.)?"
                rf"(?:,\s*(?P<author_role>eds?\.|comp\.))?")
ROLE = r"ed\.(?:\s*&\s*intro\.)?|eds\.|trans\.|comp\.|edited by|translated by|compiled by"
PLAIN_TITLE = r"[A-Z][^,()*\"“”]*?"
# a plain title, with its commas when a year or a lower-case word follows (Doctors, 1948-1953)
LONG_TITLE = (r"[A-Z][^,()*\"“”;]*?(?:,\s+(?!(?:eds?|trans|comp|vol)\.|edited|translated|"
              r"compiled)(?=[a-z\d])[^,()*\"“”;]*?)*?")
QUOTED_TITLE = r"[\"“](?P<title>[^\"”]+?)[,.]?[\"”]"
# a journal or newspaper named without emphasis: Journal of Modern History / Pravda
PLAIN_CONTAINER = r"[A-Z][^,\"“”()*;]*?"
ROMAN = r"\b[ivx][ivxlc]*\b"  # xvii: the pages of a preface
# 45 / 126-30 / xvii / 2:131 (volume 2, page 131) / 220n4 (its note 4) / 45f. / 45ff.
PAGE_RANGE = (rf"(?:\d+:)?(?:\d+|{ROMAN})(?:\s*[-–]\s*(?:\d+|{ROMAN}))?"
              r"(?:\s*nn?\.?\s*\d+|\s?ff?\.)?")
PAGES = rf"(?:pp?\.\s*)?{PAGE_RANGE}(?:,\s*{PAGE_RANGE})*"
NOTE_LOCATOR = (rf"(?:(?:vol\.\s*\d+,?\s*)?(?:(?:pp?\.\s*)?{PAGE_RANGE}|{CHAPTER})"
                rf"(?:\s*(?:,|&|and)\s*(?:(?:pp?\.\s*)?{PAGE_RANGE}|{CHAPTER}))*"
                r"(?:\s+\*?passim\*?)?|\*?passim\*?)")  # Viola, Unknown Gulag, passim
CONTRIBUTORS = rf"(?:,?\s*(?P<role>{ROLE})\s+(?P<contributors>[^(]+?))?"
VOLUME = r"(?:,\s*vol\.\s*(?P<volume>\d+))?"
# (Moscow: ROSSPEN, 2000), 126-30
PUBLICATION = (rf"\s*\((?P<place>[^:()]+):\s*(?P<publisher>[^,()]+),\s*(?P<year>{YEAR})\)"
               rf"(?:,\s*(?P<pages>{PAGES}))?")
# a newspaper's page: ", 1" / ", p. 2"
PAPER_PAGE = r"(?:,\s*(?:pp?\.\s*)?(?P<pages>\d+(?:\s*[-–]\s*\d+)?))?"
URL_TAIL = (r"(?:,?\s*at\s+(?P<url>\S+?)|,\s*(?:(?:accessed|retrieved)\s[^,]{1,30},\s*"
            r"(?:\d{4},\s*)?)?(?P<url_after>(?:https?|ftp)://\S+?))?(?=[;.]?(?:\s|$))")

NOTE_REFERENCE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # first: its book, emphasised, is no book of the author's
    # Oleg Khlevniuk, "Vvedenie," in *Istoriia stalinskogo Gulaga*, vol. 3, Ekonomika Gulaga,
    # ed. O. V. Khlevniuk (Moscow: ROSSPEN, 2004), 1:23.
    ("chapter", re.compile(
        rf"{NOTE_AUTHORS},\s+{QUOTED_TITLE}\s*in\s+(?P<container>\*[^*]+\*|{LONG_TITLE})"
        rf"(?:,\s*vol\.\s*(?P<volume>\d+)(?:,\s*(?P<volume_title>\*[^*]+\*|{PLAIN_TITLE}))?)?"
        rf"{CONTRIBUTORS}{PUBLICATION}")),
    # Roy Medvedev, *Let History Judge* (New York: Knopf, 1971), 150.
    # *The Diary of Georgi Dimitrov 1933-1949*, ed. & intro. Ivo Banac (New Haven, CT: Yale
    # University Press, 2003), 66-67.
    # V. Danilov et al., eds., *Tragediia sovetskoi derevni*, vol. 2 (Moscow: ROSSPEN, 2000), 126.
    ("book", re.compile(
        rf"(?:{NOTE_AUTHORS},\s+)?\*(?P<title>[^*]+)\*{VOLUME}{CONTRIBUTORS}{PUBLICATION}")),
    # Khlevniuk O., et al. eds, *Politburo TsK VKP(b)...*. Moscow: ROSSPEN, 2002, 428-431.
    ("book", re.compile(
        rf"(?P<author>(?<![\w'’-])[A-Z][\w'’-]+\s+(?:[A-Z]\.\s*){{1,4}}),?\s*(?P<etal>et al\.)?\s*"
        rf"(?P<role>eds?\.?)?,?\s*\*(?P<title>[^*]+)\*\.?\s+(?P<place>[A-Z][^:.]+):\s*"
        rf"(?P<publisher>[^,]+),\s*(?P<year>{YEAR})(?:,\s*(?P<pages>{PAGES}))?")),
    # David Brandenberger, "Stalin, the Leningrad Affair...," *Russian Review* 63 (2004), 241-255.
    # Sheila Fitzpatrick, "Ascribing Class...," Journal of Modern History 65, no. 4 (1993): 745.
    # Oleg Khlevniuk, "Stalin i Molotov," Voprosy istorii, no. 5 (1994): 3-27. (no volume)
    ("article-journal", re.compile(
        rf"{NOTE_AUTHORS},\s+{QUOTED_TITLE}\s*(?P<container>\*[^*]+\*|{PLAIN_CONTAINER}),?\s+"
        rf"(?:(?P<volume>\d+)(?:,\s*no\.\s*(?P<issue>\d+))?|no\.\s*(?P<only_issue>\d+))\s*"
        rf"\((?:(?P<season>[A-Z][a-z]+)\.?,?\s+)?(?P<year>{YEAR})\)[:,]?\s*(?P<pages>{PAGES})?")),
    # "The Russian Oligarchy: Welcome to the Real World," *The Russian Journal* March 17 2003,
    # at <URL> / "Ot Tsentral'nogo Komiteta...," Pravda, March 6, 1953, 1.
    ("periodical", re.compile(
        rf"(?:{NOTE_AUTHORS},\s+)?{QUOTED_TITLE}\s*(?P<container>\*[^*]+\*|{PLAIN_CONTAINER}),?"
        rf"\s*(?:of\s+)?(?P<date>{DATE_PATTERN}){PAPER_PAGE}{URL_TAIL}")),
    # Raymond Baker, Centre for International Policy, "A Clear and Present Danger," Australian
    # Broadcasting Corp, 2003, at <URL>
    ("webpage", re.compile(
        rf"(?P<author>{GIVEN_FAMILY}),\s+(?:[^,\"“]+,\s+)?[\"“](?P<title>[^\"”]+?)[,.]?[\"”]\s*"
        rf"(?P<container>[A-Z][^,\"]+),\s*(?P<year>{YEAR}),?\s*at\s+(?P<url>\S+?)(?=[;.]?(?:\s|$))")),
]
PLACES = places_pattern()
NOTE_REFERENCE_PATTERNS += [
    # Iurii Zhukov, Inoi Stalin (Moscow: Vagrius, 2003), 45-46.
    # Jonathan Brent and Vladimir P. Naumov, Stalin's Last Crime: The Plot against the Jewish
    # Doctors, 1948-1953 (New York: HarperCollins, 2003), 312.
    ("book", re.compile(
        rf"{NOTE_AUTHORS},\s+(?P<title>{LONG_TITLE}){VOLUME}{CONTRIBUTORS}{PUBLICATION}")),
    # Iurii Mukhin, Ubiistvo Stalina i Beriia, Moscow, 2002, 178.
    # Amy Knight, *Beria: Stalin's First Lieutenant*, Princeton, 1993, 220.
    ("book", re.compile(
        rf"{NOTE_AUTHORS},\s+(?P<title>\*[^*]+\*|[A-Z][^,()\"“*]+?),\s+"
        rf"(?P<place>{PLACES}),\s+(?P<year>{YEAR})(?:,\s*(?P<pages>{PAGES}))?"
        rf"(?=[.;]?(?:\s|$))")),
    # Roy Medvedev, *Let History Judge*, quotes ... See pp. 150, 507 of the 1971 Knopf edition.
    ("book", re.compile(
        rf"(?P<author>{GIVEN_FAMILY}),\s+\*(?P<title>[^*]+)\*[^*()]{{0,300}}?"
        rf"(?:\bpp?\.\s*(?P<pages>{PAGES})\s+of\s+)?\bthe\s+(?P<year>{YEAR})\s+"
        rf"(?P<publisher>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){{0,3}})\s+edition\b\.?")),
    # Izvestiia, 6 March 1953, 1. (an issue of a newspaper the table knows, or emphasised)
    ("newspaper-issue", re.compile(
        rf"(?<![\w\"”’])(?P<container>\*[^*]+\*|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}}),\s+"
        rf"(?P<date>{DATE_PATTERN}){PAPER_PAGE}(?=[;.]?(?:\s|$))")),
]
# GARF, f. 5446, op. 1, d. 23, l. 4. / RGASPI f. 17, op. 162, d. 8, ll. 64-66ob. / Ukrainian
# archives' sprava and arkush: TsDAHO, f. 1, op. 23, spr. 2966, ark. 3-5 / HDA SBU, f. 13,
# spr. 372, t. 1, ark. 14 (no opys; a volume of the file)
ARCHIVAL = re.compile(
    r"(?<![\w-])(?P<archive>[A-Z][A-Za-z]*[A-Z](?:\s+[A-Z][A-Za-z]*[A-Z])?),?\s+"
    r"(?:f\.|fond)\s*(?P<fond>[\w-]+),\s*(?:(?:op\.|opis['’]?|opys)\s*(?P<opis>[\w-]+),\s*)?"
    r"(?P<file>d\.|delo|spr\.|sprava)\s*(?P<delo>[\w-]+)(?:,\s*t\.\s*(?P<tom>\d+))?"
    r"(?:,\s*(?:ll?\.|listy?|ark\.|arkushi?)\s*"
    r"(?P<leaves>\d+\s*(?:ob|zv)?(?:\s*[-–,]\s*\d+\s*(?:ob|zv)?)*))?")
# how a file's parts are written in its location: Russian delo, Ukrainian sprava
FILE_WORDS = {"d.": "d.", "delo": "d.", "spr.": "spr.", "sprava": "spr."}
# the URL a note gives right after a full reference: ", available at URL", ", online: URL",
# ", accessed May 1, 2010, URL", ", URL"
_URL_AFTER = re.compile(
    r",?\s*(?:(?:available|online|retrieved|accessed)\b[^,:]{0,40}?[,:]?\s*(?:\d{4},?\s*)?)?"
    r"(?:at|from)?\s*<*((?:https?|ftp)://[^\s<>]+)")
SHORT_FORM = re.compile(
    rf"(?P<author>{NOT_A_NAME}{NAME}),\s*\*(?P<title>[^*]+)\*,?\s*(?P<locator>{LOCATOR})?")
# where a short form may start: the note's start, after "; " or a sentence, or a cue word
SEGMENT_START = (r"(?:^|(?<=[;.]\s)|(?<=\b[Ss]ee\s)|(?<=\balso\s)|(?<=\b[Cc]f\.\s)|"
                 r"(?<=\b[Ii]n\s)|(?<=\b[Cc]ompare\s))")
CLAUSE_END = r"(?=\s*(?:[.;]|$))"
SHORT_TITLE = r"\*[^*]{1,200}\*|[\"“][^\"”]{1,200}?[\"”]"
# Barnes, Death and Redemption, 45. / Fitzpatrick, "Ascribing Class," 750. / Borodkin and
# Ertz, "Coercion versus Motivation," 80. / Danilov, Tragediia sovetskoi derevni, 2:131
AUTHOR_SHORT_FORM = re.compile(
    rf"{SEGMENT_START}(?P<author>{NOT_A_NAME}{CITED_AUTHORS}),\s+"
    rf"(?P<title>{SHORT_TITLE}|[A-Z][^,;()*\"“”]{{0,150}}?),?\s*(?P<locator>{NOTE_LOCATOR})?"
    rf"{CLAUSE_END}")
# "Soobshchenie Ministerstva vnutrennikh del SSSR," 2.
TITLE_SHORT_FORM = re.compile(
    rf"{SEGMENT_START}(?P<title>{SHORT_TITLE}),?\s*(?P<locator>{NOTE_LOCATOR}){CLAUSE_END}")
# Brent and Naumov, op. cit., 320-22 (one author's op. cit. is note_prose's)
AUTHORS_OP_CIT = re.compile(
    rf"(?P<author>{NOT_A_NAME}{NAME}(?:\s*(?:&|\band\b|,\s*and)\s*{NAME}){{1,4}}),?\s+"
    rf"op\.\s*cit\.?"
    rf"(?:,?\s*(?P<locator>{NOTE_LOCATOR}))?")
IBID = re.compile(rf"\b(?:Ibid|Там\s+же)\.?,?\s*(?P<locator>{LOCATOR})?", re.IGNORECASE)
# GOST (the Russian standard): a note is the work's entry, then the page cited: "Папков С. А.
# Сталинский террор в Сибири. Новосибирск: Изд-во СО РАН, 1997. С. 211." / "... // Вопросы
# истории. 1994. № 5. С. 15." / "... М.: РОССПЭН, 2000. Т. 2. С. 126." (its volume 2)
GOST_NOTE = re.compile(
    r"(?:^|(?<=;\s)|(?<=\b[Сс]м\.\s)|(?<=\b[Сс]м\.:\s)|(?<=\bпо:\s))"
    rf"(?P<entry>[А-ЯЁA-Z«\"][^;]*?(?:\s[А-ЯЁA-Z][^\s:;]*:\s*[^:;]+?,\s*{YEAR}|\s//\s[^;]+?))"
    r"(?:\.\s*Т\.\s*(?P<volume>\d+))?(?:\.\s*[Сс]\.\s*(?P<pages>"
    rf"{PAGE_RANGE}(?:,\s*{PAGE_RANGE})*))?\.?(?=\s*(?:;|$))")
# GOST's op. cit.: "Хлевнюк О. В. Указ. соч. С. 50."
GOST_OP_CIT = re.compile(
    rf"{GOST_PERSON.pattern}Указ\.\s*соч\.,?\s*(?P<locator>{LOCATOR})?")
# what a citation has and prose has not; text of a note no rule read that shows one of them
# is reported (note-unparsed)
CITATION_SIGNS = re.compile(
    r"\([^()]*:[^()]*\d{4}\s*\)"  # (Place: Publisher, 2003)
    r"|\bf\.\s*[\w-]+,\s*(?:op|d|spr)\."  # an archival file: f. 5446, op. 1 / f. 13, spr. 372
    r"|\b(?:eds?|trans|comp|vol|pp?)\.\s*\S"  # editors, a volume, pages
    r"|[\"“][^\"”]{2,}[,.][\"”]\s+\*?[A-Z][\w'’ ]{0,60}\*?,?\s+(?:no\.\s*)?\d"  # "A," J 63
    r"|\((?:[A-Z][a-z]+\.?\s+)?\d{4}\)\s*:\s*\d"  # a journal's (1994): 3-27
    r"|\*[^*]{2,}\*,?\s+\d"  # *Title* 45
    r"|\b[A-Z][\w'’-]+,\s+[^,;]{2,80},\s+(?:\d+(?:[-–]\d+)?|[ivx]+)\s*(?:[.;]|$)"  # A, B, 45.
    r"|\b\d{4},\s*\d+\s*(?:[.;]|$)"  # ..., 2003, 45.
    r"|\b(?:С|Т|Ф|Оп|Д|Лл?)\.\s*\d"  # GOST's page, volume; an archive's Ф. 17. Оп. 3. Д. 1
    r"|\s//\s|Указ\.\s*соч\."  # GOST's journal (// Вопросы истории), op. cit.
    r"|(?<![\w-])[А-ЯЁ][\w-]{0,40}\.?:\s*[^:;]{2,80}?,\s*\d{4}"  # GOST's М.: РОССПЭН, 2010
)


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
    #: the people of the last work the note cites, whom a later Idem names
    last_authors: list[Name] = field(default_factory=list)

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
    """Number and clean the notes of a notes section (a block per note; an unnumbered
    paragraph goes on the note before it, and its works are read too)."""
    found: list[tuple[int, int, list[Block]]] = []  # number, where its text starts, blocks
    for block in blocks:
        number, start = note_start(block, found[-1][0] + 1 if found else None)
        if number is not None:
            found.append((number, start, [block]))
        elif found:
            found[-1][2].append(block)
    notes = []
    for number, start, parts in found:
        first = parts[0]
        text = "\n".join([_plain(first.text[start:]), *(_plain(b.text) for b in parts[1:])])
        source = SourceSpan(path, first.line, first.end_line)
        note = Note(number, text, source, "\n".join(b.raw for b in parts),
                    [url for b in parts for url in _urls(b, path)])
        notes.append((note, _joined(parts)))
    return notes


def _joined(parts: list[Block]) -> Block:
    """One block of a note's paragraphs, each on its own line (joined once: a note of many
    paragraphs is no square)."""
    if len(parts) == 1:
        return parts[0]
    joined = Block("", [], [], [], "")
    texts: list[str] = []
    shift = 0
    for block in parts:
        texts.append(block.text)
        joined.starts += [shift + start for start in block.starts]
        joined.lines += block.lines
        joined.calls += [(shift + at, number) for at, number in block.calls]
        shift += len(block.text) + 1
    joined.text = "\n".join(texts)
    joined.raw = "\n".join(block.raw for block in parts)
    return joined


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def _urls(block: Block, path: str) -> list[Url]:
    return [Url(url, SourceSpan(path, block.line_at(start)), url)
            for start, url in urls_in(block.text)]


def parse_note(note: Note, block: Block, path: str,
               known_authors: frozenset[str] = frozenset(),
               last_authors: list[Name] | None = None) -> ParsedNote:
    """Find the works a note cites; full references become new references.

    ``known_authors`` are surnames (lower case) the document names as authors elsewhere:
    the prose detector trusts a plain ``Zhukov, Stalin`` only for them.  Text that looks
    like a citation but that no rule reads becomes a target marked ``UNPARSED`` (the essay
    reader reports it as ``note-unparsed``), never nothing.  ``last_authors`` are the people
    of the work the notes before cited last: an Idem's."""
    parsed = ParsedNote(note)
    offset = note_start(block, note.number)[1]
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
            if _overlaps(match.span(), taken) or not _plausible(kind, match):
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
    for match in ARCHIVAL.finditer(text):
        if not _overlaps(match.span(), taken):
            reference = _archival_reference(match, SourceSpan(path, block.line_at(
                offset + match.start())))
            target = CitationTarget(raw=match.group(0), title=reference.title,
                                    locator=_pages(match.group("leaves")), label="folio")
            cite(*match.span(), target, reference)
    for match in GOST_NOTE.finditer(text):
        if not _overlaps(match.span(), taken) and _CYRILLIC.search(match["entry"]):
            cite(*match.span(), *_gost_citation(match, SourceSpan(path, block.line_at(
                offset + match.start()))))
    for short in _short_forms(text, taken):
        cite(short.start, short.end, short.target)
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
    for start, end in _unread(text, taken):
        cite(start, end, CitationTarget(raw=text[start:end], remarks=[UNPARSED]))
    parsed.citations.sort(key=lambda c: c.start)
    parsed.last_authors = _resolve_idem(parsed.citations, last_authors or [])
    parsed.authors_named = frozenset(_named_authors(parsed))
    return parsed


def _resolve_idem(citations: list[NoteCitation], last: list[Name]) -> list[Name]:
    """Each Idem (Eadem) becomes the people of the work cited before it, in reading order;
    an Idem with none before it is unread.  Returns the people cited last."""
    for cited in citations:
        target, reference = cited.target, cited.reference
        if target.author and re.fullmatch(IDEM, target.author):
            if not last:
                target.author, target.remarks, cited.reference = None, [UNPARSED], None
                continue
            target.author = last[0].family or last[0].literal
            for role, names in (reference.names.items() if reference else ()):
                if names and re.fullmatch(IDEM, names[0].family):
                    reference.names[role] = [replace(n) for n in last] + names[1:]
        people = _first_people(reference) if reference else []
        if people:
            last = people
        elif target.author and target.author != (last[0].family if last else None):
            last = [Name(family=target.author)]
    return last


def _first_people(reference: Reference) -> list[Name]:
    return reference.names.get("author") or reference.names.get("editor") or []


def _short_forms(text: str, taken: list[tuple[int, int]]) -> list[ProseCitation]:
    """``Mukhin, *Ubiystvo* 617``, ``Barnes, Death and Redemption, 45``, ``"Ascribing
    Class," 750``, ``Brent and Naumov, op. cit., 320``: the note's short references."""
    found: list[ProseCitation] = []

    def add(match: re.Match[str], target: CitationTarget) -> None:
        found.append(ProseCitation(match.start(), match.end(), target))
        taken.append(match.span())

    for match in SHORT_FORM.finditer(text):
        if not _overlaps(match.span(), taken):
            add(match, CitationTarget(raw=match.group(0), author=match.group("author"),
                                      title=match.group("title").strip(),
                                      locator=_pages(match.group("locator"))))
    for match in AUTHOR_SHORT_FORM.finditer(text):
        title, locator = match.group("title"), match.group("locator")
        plain = title[0] not in "*\"“"
        if _overlaps(match.span(), taken) or (plain and not _plain_short_title(title, locator)):
            continue
        add(match, CitationTarget(raw=match.group(0), author=match.group("author"),
                                  title=_short_title(title), locator=_pages(locator)))
    for match in TITLE_SHORT_FORM.finditer(text):
        if not _overlaps(match.span(), taken):
            add(match, CitationTarget(raw=match.group(0), title=_short_title(match.group("title")),
                                      locator=_pages(match.group("locator"))))
    # op. cit.: "Brent and Naumov, op. cit., 320" / GOST's "Хлевнюк О. В. Указ. соч. С. 50"
    for pattern, author in ((AUTHORS_OP_CIT, "author"), (GOST_OP_CIT, "family")):
        for match in pattern.finditer(text):
            if not _overlaps(match.span(), taken):
                target = CitationTarget(raw=match.group(0), author=match.group(author),
                                        locator=_pages(match.group("locator")))
                target.remarks.append("op. cit.")
                add(match, target)
    return found


def _plain_short_title(title: str, locator: str | None) -> bool:
    """A plain short title needs pages after it, and is no date (``Pravda, March 5, 1953``)."""
    if not locator or YEAR_ONLY.match(locator.strip()):
        return False
    words = title.split()
    return not (len(words) > 1 and words[0].lower().rstrip(".") in MONTHS
                and words[1][:1].isdigit())


def _short_title(title: str) -> str:
    return title.strip().strip("*\"“”").strip().rstrip(",.").strip()


def _unread(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of the note outside every citation that still look like one."""
    stretches, position = [], 0
    for start, end in [*sorted(taken), (len(text), len(text))]:
        if start > position:
            stretches.append((position, start))
        position = max(position, end)
    unread = []
    for start, end in stretches:
        piece = text[start:end]
        if CITATION_SIGNS.search(piece):
            lead = len(piece) - len(piece.lstrip(" ;,.\n"))
            unread.append((start + lead, start + len(piece.rstrip(" ;,\n"))))
    return unread


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
    return re.sub(rf"^{PAGE_MARK}", "", re.sub(r"\s+", " ", text.replace("*", ""))).strip() or None


def _first_family(reference: Reference) -> str | None:
    for role in ("author", "editor"):
        if reference.names.get(role):
            return reference.names[role][0].family
    return None


def _plausible(kind: str, match: re.Match[str]) -> bool:
    """A newspaper not emphasised needs a month in its date (else ``Broadcasting Corp,
    2003`` is one), and an issue without an article needs a newspaper the table knows."""
    if kind not in ("periodical", "newspaper-issue"):
        return True
    container = match.group("container")
    date = parse_date(match.group("date"))
    if container.startswith("*"):
        return kind == "periodical" or bool(date and date.month)
    if not date or not date.month:
        return False
    return kind == "periodical" or container.lower() in periodical_types()


_CYRILLIC = re.compile(f"[{CYRILLIC_CAPITAL}{CYRILLIC_SMALL}]")
#: the longest GOST reference a note is read as (GOST_PART's // search grows with it)
GOST_NOTE_CHARS = 1_000


def _gost_citation(match: re.Match[str],
                   source: SourceSpan) -> tuple[CitationTarget, Reference | None]:
    """A GOST note's work, read as the bibliography entry it is, and the page it cites (a
    target marked ``UNPARSED`` when the entry does not parse)."""
    locator = _pages(match["pages"])
    entry = match["entry"]
    if len(entry) > GOST_NOTE_CHARS:  # no note cites a work this long: no parse of it either
        return CitationTarget(raw=match.group(0), remarks=[UNPARSED]), None
    parsed = parse_entry(entry, source)
    if parsed.problem is not None:
        return CitationTarget(raw=match.group(0), remarks=[UNPARSED]), None
    reference = parsed.reference
    reference.origin, reference.raw = "note", match.group(0)
    if match["volume"]:
        reference.fields["volume"] = match["volume"]
    return CitationTarget(raw=match.group(0), author=_first_family(reference),
                          title=reference.title or None, locator=locator), reference


def _archival_reference(match: re.Match[str], source: SourceSpan) -> Reference:
    """An archival file (fond, opis, delo) as a document of its archive; its location is
    its title too, so that every note citing the file cites one work."""
    opis = f", op. {match['opis']}" if match["opis"] else ""
    tom = f", t. {match['tom']}" if match["tom"] else ""
    location = f"f. {match['fond']}{opis}, {FILE_WORDS[match['file']]} {match['delo']}{tom}"
    ref = Reference(type="document", source=source, raw=match.group(0), origin="note")
    ref.fields.update({"title": f"{match['archive']}, {location}", "archive": match["archive"],
                       "archive_location": location})
    return ref


def _reference_from_note(kind: str, match: re.Match[str], source: SourceSpan) -> Reference:
    groups = {k: (v.strip() if isinstance(v, str) else v) for k, v in match.groupdict().items()}
    groups["url"] = groups.get("url") or groups.get("url_after")  # Chicago's ", URL."
    groups["issue"] = groups.get("issue") or groups.get("only_issue")  # no. 5, no volume
    ref = Reference(type="book", source=source, raw=match.group(0), origin="note")
    if groups.get("title"):
        ref.fields["title"] = _plain(groups["title"]).rstrip(",.")
    if groups.get("author"):
        role = groups.get("author_role") or ("" if groups.get("contributors") else
                                             groups.get("role") or "")
        people = [parse_name_direct(p) for p in split_people(groups["author"])]
        ref.names["editor" if role.startswith(("ed", "comp")) else "author"] = people
        if groups.get("etal"):
            people.append(Name(literal=OTHERS))  # as biblatex's "and others"
    if groups.get("contributors"):
        role = "translator" if (groups.get("role") or "").startswith("trans") else "editor"
        ref.names[role] = [parse_name_direct(p) for p in split_people(groups["contributors"])]
    for group, name in (("place", "publisher-place"), ("publisher", "publisher"),
                        ("volume", "volume"), ("issue", "issue")):
        if groups.get(group):
            ref.fields[name] = groups[group]
    if groups.get("url"):
        ref.fields["URL"] = groups["url"].rstrip(".,;")
    if groups.get("year"):
        ref.dates["issued"] = _issued(groups.get("season"), int(groups["year"]))
    if groups.get("container"):
        ref.fields["container-title"] = _plain(groups["container"])
    if kind == "article-journal":
        ref.type = kind
        if groups.get("pages"):
            ref.fields["page"] = _pages(groups["pages"]) or ""
    elif kind == "chapter":
        ref.type = kind
        if groups.get("volume_title"):
            ref.fields["volume-title"] = _plain(groups["volume_title"])
    elif kind in ("periodical", "newspaper-issue"):
        date = parse_date(groups["date"])
        if date:
            ref.dates["issued"] = date
        ref.type = periodical_type(ref.fields["container-title"], date)
    elif kind == "webpage":
        ref.type = "webpage"
    return ref


def _issued(season: str | None, year: int) -> Date:
    """The year, with the month or season a journal's issue gives: (Summer 2001)."""
    word = (season or "").lower()
    if word in SEASONS:
        return Date(year, SEASONS[word])
    month = MONTHS.get(word)
    return Date(year, month)
