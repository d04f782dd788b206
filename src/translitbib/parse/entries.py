"""Bibliography entries as humanities texts write them, parsed into CSL-shaped references.

Handled: Chicago bibliography (``Family, Given. Title. Place: Publisher, Year.``), the
seed essays' variants (no full stop before the place, titles with full stops or colons,
``Moscow: Olimp; Smolensk: Rusich``), one-entry-per-line lists (``Family, Given, Title,
Place Year``), newspaper and magazine articles with a day date and URL, web articles,
interviews, chapters in edited volumes, journal articles with volume/issue/pages, editors,
translators and compilers, several authors, ``(in Russian)`` and access dates; the
author-date styles (Chicago, APA, Harvard) and the Russian standard (GOST).

An entry that fits none of these still becomes a minimal reference, with a Problem that
keeps its raw text: nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import OTHERS, Date, Name, Problem, Reference, Severity, SourceSpan
from .dates import DATE_PATTERN, MONTH, MONTHS, SEASONS, YEAR, parse_date
from .letters import CAPITAL, CYRILLIC_CAPITAL, CYRILLIC_SMALL, SMALL
from .names import parse_name_direct, parse_name_inverted
from .urls import urls_in

URL_LEAD = re.compile(r"(?:\b(?:At|Available at|Available from|Online at|Online|URL)\s*:?\s*)$",
                      re.IGNORECASE)
ACCESSED = re.compile(
    rf"[(\[]?\b(?:retrieved|accessed|consulted|viewed|last accessed)(?:\s+on)?\s+"
    rf"(?P<date>{DATE_PATTERN})[)\]]?\.?(?:,?\s+from\b)?",
    re.IGNORECASE,
)
LANGUAGE_REMARK = re.compile(r"[(\[]\s*in (Russian|Ukrainian|English|German|French)\s*[)\]]\.?",
                             re.IGNORECASE)
EXTENT = re.compile(r"[.,]\s*(?P<pages>\d{2,5})\s*(?:pp|p|S|с|стр)\.?\s*$")
LANGUAGE_CODES = {"russian": "ru", "ukrainian": "uk", "english": "en", "german": "de",
                  "french": "fr"}
ROLE_SUFFIX = re.compile(r",?\s+\(?(eds?|comps?|trans|tr|compiler|editors?)\.?\)?$",
                         re.IGNORECASE)
ROLES = {"ed": "editor", "eds": "editor", "editor": "editor", "editors": "editor",
         "comp": "compiler", "comps": "compiler", "compiler": "compiler",
         "trans": "translator", "tr": "translator",
         "ред": "editor", "сост": "compiler", "пер": "translator"}  # GOST's (ред.)
# "Translated by Vadim A. Staklo." / MLA's "Ed. Rebecca Ritke, trans. John Crowfoot, Ardis":
# a middle initial's full stop ends no names
CONTRIBUTOR = re.compile(
    r"(?:^|[.,]\s+)(?P<role>Edited|Ed\.|Translated|Trans\.|Compiled|Comp\.|Introduction"
    r"|(?<=[.,]\s)(?:edited|ed\.|translated|trans\.|compiled|comp\.))"
    r"(?:\s+and\s+\w+)?\s+(?:by\s+)?(?P<names>(?:\b[A-Z]\.\s|[^.]){1,400}?)(?=\.\s|\.?$)"
)
CONTRIBUTOR_ROLES = {"edited": "editor", "ed.": "editor", "translated": "translator",
                     "trans.": "translator", "compiled": "compiler", "comp.": "compiler",
                     "introduction": "editor"}
# MLA: "Trans. Paul Stevenson and Max Hayward, Harcourt Brace Jovanovich, 1967": after the
# first person, a comma part is another person only in a list that "and" ends ("A, B, and
# C"; "A, B and C"); "&" joins a publisher's names (Harper & Row)
LIST_END = re.compile(r"^(?:and|&)\s|\sand\s")
PEOPLE_JOIN = re.compile(r"^(?:and|&)\s+|\s+(?:and|&)\s+")
QUOTED_TITLE = re.compile(r'^["“](?P<title>.+?)[,.]?["”](?P<rest>.*)$')
EMPHASIS = re.compile(r"^\*(?P<text>[^*]+)\*")
# "Journal of Modern History 65, no. 4 (1993): 745-770" / "Voprosy istorii, no. 5 (1994):
# 3-27" (an issue, no volume)
JOURNAL = re.compile(
    r"^\*?(?P<container>[^*]+?)\*?,?\s+(?:(?:vol\.\s*)?(?P<volume>\d+)(?:\s*[,.]\s*"
    r"(?:no\.|№|issue)\s*(?P<issue>\d+))?|(?:no\.|№|issue)\s*(?P<only_issue>\d+))"
    rf"\s*\((?:(?P<season>[A-Za-z]+\.?)\s+)?(?P<year>{YEAR})\)"
    rf"\s*[:,]?\s*(?:pp?\.\s*)?(?P<pages>\d+(?:\s*[-–]\s*\d+)?)?"
)
PERIODICAL = re.compile(
    rf"^\*(?P<container>[^*]+)\*,?\s*(?:\(?(?P<where>[A-Z][a-z]+)\)?,?\s+)?(?:of\s+|no\.\s*\d+,?\s*)?"
    rf"(?P<date>{DATE_PATTERN})"
)
# "Pravda, 12 March 1953": a periodical without emphasis, then a date
PLAIN_PERIODICAL = re.compile(
    rf"^(?P<container>[{CAPITAL}][^,*:]{{1,60}}?),\s*(?P<date>{DATE_PATTERN})")
INTERVIEW = re.compile(
    r"^(?P<label>Interview|Интервью)(?:\s+(?:by|with)\s+(?P<with>[^,.*]+))?[,.:]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
CHAPTER = re.compile(
    r"^In\s+(?P<book>\*[^*]+\*|[^,]+),\s*(?:(?:ed(?:ited)?\.?|eds\.)\s+(?:by\s+)?"
    r"(?P<editors>[^,]+?),\s*)?(?:pp?\.\s*)?(?P<pages>\d+\s*[-–]\s*\d+)?[.,]?\s*(?P<rest>.*)$"
)
# "In: Ronald Grigor Suny and Terry Martin (eds.), A State of Nations. Oxford: OUP, 2001,
# pp. 253-274": editors first, the pages last
CHAPTER_EDITORS_FIRST = re.compile(
    r"^In:?\s+(?P<editors>[^()]+?)\s+\((?:eds?|comps?)\.?\),\s*(?P<book>.+?)\.\s+"
    r"(?P<rest>.+?)(?:,\s*pp?\.\s*(?P<pages>\d+\s*[-–]\s*\d+))?$")
# "Istoriia SSSR, 1989, no. 6, pp. 135-144": the year before the issue
JOURNAL_YEAR_FIRST = re.compile(
    rf"^\*?(?P<container>[^,*]+?)\*?,\s*(?P<year>{YEAR}),\s*(?:no\.|№|issue)\s*(?P<issue>\d+)"
    r"(?:,\s*pp?\.\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?))?$")
# "Gosudarstvennyi arkhiv Rossiiskoi Federatsii (GARF), Moscow. Fond 5446 (Sovet Ministrov
# SSSR)": an archive (its abbreviation in brackets: GARF, TsDAHO, HDA SBU), its city, the fond
ARCHIVE_ENTRY = re.compile(
    rf"^(?P<archive>[^.()]{{6,160}}\((?=[^)]*[{CAPITAL}][^)]*[{CAPITAL}])"
    rf"[{CAPITAL}]\w{{1,9}}(?:\s[{CAPITAL}]\w{{1,9}})?\)),\s*(?P<place>[^.,]{{2,40}})[.,]\s+"
    r"(?P<fond>(?:Fond|F\.|f\.|Фонд|Ф\.)\s*[\dA-ZР-].*)$")
YEAR_TAIL = re.compile(
    rf"[,.]?\s*(?:(?P<first>{YEAR})\s*[-–]\s*)?(?P<year>{YEAR})(?P<suffix>[a-z])?\.?$")
ONE_LINE_AUTHOR = re.compile(r"^([A-Z][\w'’-]+),\s+([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?),\s+")
ONE_LINE_TAIL = re.compile(rf",\s*(?P<place>[A-Z][^,]*?),?\s+(?P<year>{YEAR})\.?$")


@dataclass(slots=True)
class ParsedEntry:
    reference: Reference
    problem: Problem | None = None


@cache
def known_places() -> tuple[str, ...]:
    text = resources.files("translitbib.parse").joinpath("data/places.txt").read_text("utf-8")
    places = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple(sorted(places, key=len, reverse=True))


@cache
def places_pattern() -> str:
    """The known places as one regex alternation, the longest first."""
    return "|".join(re.escape(place) for place in known_places())


@cache
def periodical_types() -> dict[str, str]:
    text = resources.files("translitbib.parse").joinpath("data/periodicals.tsv").read_text(
        "utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, csl_type, *_ = line.split("\t")
            table[name.strip()] = csl_type.strip()
    return table


def periodical_type(container: str, date: Date | None) -> str:
    """Newspaper, magazine or journal: the table first, then the date's precision."""
    key = container.strip("* ").lower()
    known = periodical_types().get(key) or periodical_types().get(key.removeprefix("the "))
    if known:
        return known
    if date is not None and date.day is not None:
        return "article-newspaper"
    return "article-magazine"


def parse_entry(text: str, source: SourceSpan) -> ParsedEntry:
    """Parse one bibliography entry; always returns a reference (maybe minimal)."""
    ref = Reference(type="book", source=source, raw=text)
    work = _take_urls(text, ref)
    work = _take_accessed(work, ref)
    work = _take_language(work, ref)
    work = _take_extent(work, ref)
    work = work.strip().rstrip(".").strip()
    archive = ARCHIVE_ENTRY.match(work)
    if archive:  # an archive's fond: the archive, where it is, the fond
        ref.type = "document"
        ref.fields["archive"] = f"{archive.group('archive').strip()}, {archive.group('place')}"
        ref.fields["archive_location"] = ref.fields["title"] = archive.group("fond").strip()
        return ParsedEntry(ref)
    dated = _parse_author_date(work, ref)
    if dated is not None:
        return ParsedEntry(ref) if dated else _unparsed(text, work, source, ref)
    authors, role, rest = split_author_block(work)
    if authors:
        ref.names[role] = authors
    if not _parse_body(rest, ref):
        return _unparsed(text, rest or work, source, ref)
    return ParsedEntry(ref)


# Author-date styles put the year after the names: Chicago's "Filtzer, Donald. 2002a. Title.",
# APA's "Getty, J. A., & Naumov, O. V. (1999). Title." and Harvard's "Khaustov, V. N. and
# Naumov, V. P. (eds) (2004) Title"
AUTHOR_DATE = re.compile(
    rf"^(?P<names>[^\"“*«(]{{2,120}}?(?:\s*\((?:eds?|comps?|trans)\.?\))?)"
    rf"(?:\.\s+(?P<year>{YEAR})(?P<suffix>[a-z])?\."
    rf"|\s*\((?P<apa>{YEAR})(?P<apa_suffix>[a-z])?(?:,\s*(?P<day>[^)]{{3,30}}))?\)\.?)"
    rf"\s+(?P<rest>\S.*)$")
# APA's names: "Family, I. I.", joined by commas and a final "&" (Harvard's "and")
APA_PEOPLE = re.compile(
    rf",?\s+(?:&|and)\s+|(?<=\.),\s+(?=[{CAPITAL}][\w'’-]+(?:\s[\w'’-]+)?,\s)")
# after a quoted title: "Russian Review 63 (2): 241-55", "Voprosy istorii KPSS, no. 3: 53-65"
JOURNAL_DATED = re.compile(
    r"^\*?(?P<container>[^*]+?)\*?(?:,?\s+(?P<volume>\d+))?\s*(?:\((?P<issue>[^)]+)\)"
    r"|,\s*no\.\s*(?P<number>\d+))?\s*:\s*(?:pp?\.\s*)?(?P<pages>\d+(?:\s*[-–]\s*\d+)?)$")
# APA's journal article: "Title. Journal, 74(4), 699-736"
APA_JOURNAL = re.compile(
    r"^(?P<title>.+?[.?!])\s+\*?(?P<container>[^.*]+?)\*?,\s*\*?(?P<volume>\d+)\*?"
    r"(?:\((?P<issue>[^)]+)\))?(?:,\s*(?:pp?\.\s*)?(?P<pages>\d+(?:\s*[-–]\s*\d+)?))?$")
# Harvard's single quotes: '"Excesses are not Permitted": Mass Terror...', The Russian Review
# (an apostrophe inside, Stalin's, ends nothing)
SINGLE_QUOTED_TITLE = re.compile(r"^['‘](?P<title>.+?)['’](?P<rest>(?:[,.]\s|$).*)$")
# Harvard's journal after the title: "Cahiers du monde russe, 43, 1" / "The Russian Review, 61,
# 1, January" / "Slavic Review, 65, 1, pp. 113–38" / "Europe-Asia Studies, 58(3), pp. 363-89"
HARVARD_JOURNAL = re.compile(
    rf"^(?P<container>[^,\d]+?),\s*(?:vol\.\s*)?(?P<volume>\d+)"
    r"(?:\s*\((?P<paren_issue>[^)]+)\)|,\s*(?:no\.\s*)?(?P<issue>\d+(?:\s*[-–/]\s*\d+)?))?"
    rf"(?:,\s*(?P<month>{MONTH}|[A-Z][a-z]+)(?:\s*[-–/]\s*[A-Z][a-z]+\.?)?)?"
    r"(?:,\s*(?:pp?\.\s*)?(?P<pages>\d+(?:\s*[-–]\s*\d+)?))?$")
# Harvard's chapter: "in Brown, E. (ed.) Chekisty (Moscow, Zvenia)", "In: Smith, J. and Jones,
# K. (eds) Book. London: Macmillan, pp. 20-45"
HARVARD_CHAPTER = re.compile(
    r"^[Ii]n:?\s+(?P<editors>[^()]+?)\s+\((?:eds?|comps?)\.?\),?\s+(?P<book>.+?)"
    r"(?:,\s*pp?\.\s*(?P<pages>\d+\s*[-–]\s*\d+))?$")
# Europe-Asia Studies' place and publisher in brackets at the end: "(Moscow, MFD)",
# "(Washington, DC, Woodrow Wilson Center Press)"
BRACKETED_PUBLICATION = re.compile(
    r"\s*\((?P<place>[A-ZА-ЯЁ][^,:()\d]{1,40}(?:,\s*[A-Z]{2})?)[,:]\s*"
    r"(?P<publisher>[^()\d][^()]{0,80})\)$")
# APA's chapter: "Title. In B. McLoughlin & K. McDermott (Eds.), Book (pp. 21-33). Publisher"
APA_CHAPTER = re.compile(
    r"^(?P<title>.+?[.?!])\s+In\s+(?P<editors>.+?)\s+\((?P<role>Eds?|Comps?|Trans)\.?\),"
    r"\s*(?P<book>.+?)\s*\((?:pp?\.\s*)?(?P<pages>[^)]+)\)[.,]?\s*(?P<publisher>.*)$")


def _parse_author_date(work: str, ref: Reference) -> bool | None:
    """An entry in an author-date style: None when it is not one, else whether its parts
    were recognised (the names and the year always are)."""
    match = AUTHOR_DATE.match(work)
    if match is None or YEAR_TAIL.search(match.group("rest")):
        return None  # "Kokurin, A., comp. Lavrentii Beriia. 1953. Moscow: MFD, 1999": a title's
    block = match.group("names").strip()
    apa = match.group("apa") is not None
    names, role = _author_date_names(block, apa)
    if not names:
        return None
    ref.names[role] = names
    year = int(match.group("apa") or match.group("year"))
    day = parse_date(f"{match.group('day')} {year}") if match.group("day") else None
    ref.dates["issued"] = day if day is not None and day.year == year else Date(year)
    # 2002a, 2002b: the letters follow the list's order, which linking goes by
    return _parse_dated_body(match.group("rest").strip().rstrip("."), ref, year)


def _author_date_names(block: str, apa: bool) -> tuple[list[Name], str]:
    if not apa or ("&" not in block and block.count(",") < 3):
        if re.search(r"(?:^|[\s.])[A-Z][a-z]?$", block):
            block += "."  # "Kutuzov, V. A. 2001.": the year's full stop was the initial's
        if "," not in block and " and " not in block and len(block.split()) > 4:
            return [], "author"
        if "," not in block and " and " not in block:  # Memorial. (2016), Pravda. 1952.
            return [Name(literal=block.rstrip("."))], "author"
        return _parse_author_block(block)
    role = "author"
    suffix = ROLE_SUFFIX.search(block)
    if suffix:
        role = ROLES[suffix.group(1).lower().rstrip(".")]
        block = block[: suffix.start()]
    people = [p.strip(" ,") for p in APA_PEOPLE.split(block) if p.strip(" ,")]
    names = [parse_name_inverted(p) if "," in p else parse_name_direct(p) for p in people]
    if not names or not all(n.family[:1].isupper() for n in names):
        return [], role
    return names, role


def _parse_dated_body(rest: str, ref: Reference, year: int) -> bool:
    """The title and what follows, the year taken out (see ``_parse_author_date``)."""
    quoted = QUOTED_TITLE.match(rest) or SINGLE_QUOTED_TITLE.match(rest)
    if quoted and not quoted.group("rest").lstrip().startswith(":"):  # "Quote": subtitle
        ref.fields["title"] = _plain(quoted.group("title"))
        after = quoted.group("rest").strip(" .,")
        day = parse_date(f"{after} {year}") if after else None
        people = ref.names.get("author", [])
        if day is not None and day.day and len(people) == 1 and people[0].literal:
            # Pravda. 1952. "Title." 3 October: the newspaper, not an author
            ref.type = "article-newspaper"
            ref.fields["container-title"] = people[0].literal
            del ref.names["author"]
            ref.dates["issued"] = day
            return True
        journal = JOURNAL_DATED.match(after)
        if journal and (journal.group("volume") or journal.group("issue")
                        or journal.group("number")):
            _set_journal(ref, journal, journal.group("issue") or journal.group("number"))
            return True
        harvard = HARVARD_JOURNAL.match(after)
        if harvard:
            _set_journal(ref, harvard, harvard.group("issue") or harvard.group("paren_issue"))
            word = (harvard.group("month") or "").lower().rstrip(".")
            ref.dates["issued"] = Date(year, MONTHS.get(word) or SEASONS.get(word))
            return True
        chapter = HARVARD_CHAPTER.match(after)
        if chapter:
            return _parse_harvard_chapter(chapter, ref, year)
        if after.startswith("In "):
            return _parse_part(f"{after}, {year}", ref)
        found = _parse_part(after, ref)
        ref.dates.setdefault("issued", Date(year))
        return found
    chapter = APA_CHAPTER.match(rest)
    if chapter:
        ref.type = "chapter"
        ref.fields["title"] = _plain(chapter.group("title"))
        ref.fields["container-title"] = _plain(chapter.group("book"))
        ref.names["editor"] = [parse_name_direct(n) for n in
                               re.split(r",?\s+(?:and|&)\s+|,\s+", chapter.group("editors"))]
        ref.fields["page"] = re.sub(r"\s*[-–]\s*", "-", chapter.group("pages").strip())
        _take_publisher(chapter.group("publisher").strip(" ."), ref)
        return True
    journal = APA_JOURNAL.match(rest)
    if journal:
        ref.fields["title"] = _plain(journal.group("title"))
        _set_journal(ref, journal, journal.group("issue"))
        return True
    issued = ref.dates["issued"]
    bracketed = BRACKETED_PUBLICATION.search(rest)
    if bracketed and _plain(rest[: bracketed.start()]):
        ref.fields["title"] = _plain(rest[: bracketed.start()])
        _set_bracketed_publication(bracketed, ref)
        return True
    if _parse_book(f"{rest}, {year}", ref):
        ref.dates["issued"] = issued
        if ref.fields.get("publisher") or ref.fields.get("publisher-place"):
            return True
        if ref.fields.get("URL"):  # Memorial. (2016). Title. Retrieved ... from URL
            ref.type = "webpage"
            return True
        _split_publisher(ref)
        return True
    ref.dates["issued"] = issued
    return False


def _parse_harvard_chapter(match: re.Match[str], ref: Reference, year: int) -> bool:
    ref.type = "chapter"
    editors, _ = _parse_author_block(match.group("editors"))
    if editors:
        ref.names["editor"] = editors
    if match.group("pages"):
        ref.fields["page"] = re.sub(r"\s*[-–]\s*", "-", match.group("pages"))
    book = match.group("book").strip(" .,")
    bracketed = BRACKETED_PUBLICATION.search(book)
    if bracketed:
        _set_bracketed_publication(bracketed, ref)
        book = book[: bracketed.start()]
    else:  # "Book. London: Macmillan": the book's title, then its publication
        title = ref.fields["title"]
        if _parse_publication(f"{book}, {year}", ref, with_title=True):
            book, ref.fields["title"] = ref.fields["title"], title
    ref.fields["container-title"] = _plain(book)
    return bool(ref.fields["container-title"])


def _set_bracketed_publication(match: re.Match[str], ref: Reference) -> None:
    ref.fields["publisher-place"] = match.group("place").strip()
    ref.fields["publisher"] = match.group("publisher").strip()


def _set_journal(ref: Reference, match: re.Match[str], issue: str | None) -> None:
    ref.type = "article-journal"
    ref.fields["container-title"] = _plain(match.group("container"))
    if match.group("volume"):
        ref.fields["volume"] = match.group("volume")
    if issue:
        ref.fields["issue"] = issue.strip()
    if match.group("pages"):
        ref.fields["page"] = re.sub(r"\s*[-–]\s*", "-", match.group("pages"))


def _take_publisher(text: str, ref: Reference) -> None:
    place, colon, publisher = text.partition(":")
    if colon and len(place.split()) <= 4:
        ref.fields["publisher-place"], text = place.strip(), publisher.strip()
    if text:
        ref.fields["publisher"] = text


def _split_publisher(ref: Reference) -> None:
    """APA's "Title. Publisher" (no place): the title's last sentence, when short, is the
    publisher (Cambridge University Press, ROSSPEN)."""
    title = ref.fields.get("title", "")
    head, dot, last = title.rpartition(". ")
    if dot and head and 0 < len(last.split()) <= 6 and last[:1].isupper():
        ref.fields["title"], ref.fields["publisher"] = head.strip(), last.strip()


def _unparsed(text: str, body: str, source: SourceSpan, ref: Reference) -> ParsedEntry:
    ref.type = "document"
    ref.fields["title"] = _plain(body) or _plain(text)
    year = re.search(YEAR, body)
    if year and "issued" not in ref.dates:
        ref.dates["issued"] = Date(int(year.group(0)))
    problem = Problem(Severity.WARNING, "unparsed-entry",
                      "could not recognise this bibliography entry's parts; it is kept as a "
                      "minimal reference with its text as the title", source, text)
    return ParsedEntry(ref, problem)


def _plain(text: str) -> str:
    plain = re.sub(r"\s+", " ", text.replace("*", "")).strip(" .,;")
    if _ENDS_IN_ABBREVIATION.search(plain) and text.rstrip(" ,;*").endswith("."):
        return plain + "."  # 1953-1985 гг., XX v.: the abbreviation's full stop stays
    return plain


_ENDS_IN_ABBREVIATION = re.compile(r"(?:^|[\s\d-])(?:гг|вв|г|в|gg|vv|g|v|et al|etc|и др)$")


def _take_urls(text: str, ref: Reference) -> str:
    urls = [url for _, url in urls_in(text)]
    if not urls:
        return text
    ref.fields["URL"] = urls[0]
    if len(urls) > 1:
        ref.fields["note"] = "; ".join(["Also at " + u for u in urls[1:]])
    out = text
    for url in urls:
        before, _, after = out.partition(url)
        before = URL_LEAD.sub("", before.rstrip(" <«")).rstrip(" ,;:")
        out = before + after.lstrip(">»")
    return out


def _take_accessed(text: str, ref: Reference) -> str:
    match = ACCESSED.search(text)
    if not match:
        return text
    date = parse_date(match.group("date"))
    if date:
        ref.dates["accessed"] = date
    return (text[: match.start()] + text[match.end():]).strip()


def _take_language(text: str, ref: Reference) -> str:
    match = LANGUAGE_REMARK.search(text)
    if not match:
        return text
    ref.fields["language"] = LANGUAGE_CODES[match.group(1).lower()]
    _add_note(ref, f"In {match.group(1).capitalize()}.")
    return (text[: match.start()] + text[match.end():]).strip()


def _take_extent(text: str, ref: Reference) -> str:
    """A closing ``720 pp.`` (or ``720 с.``) is the book's number of pages."""
    match = EXTENT.search(text)
    if not match:
        return text
    ref.fields["number-of-pages"] = match.group("pages")
    return text[: match.start()]


def _add_note(ref: Reference, note: str) -> None:
    ref.fields["note"] = f"{ref.fields['note']} {note}".strip() if ref.fields.get("note") else note


INITIAL = re.compile(r"(?:^|[\s.-])(?:[A-Z][a-z]?|[A-Z][a-z]?\.[A-Z][a-z]?)$")
# What may follow an initial inside a name block: another initial, "and", "&", "et al.",
# or a middle name before the next person ("Getty, J. Arch, and Oleg V. Naumov": no title
# begins "Word, and")
NAME_GOES_ON = re.compile(r"^(?:[A-Z][a-z]?\.|and\b|&|et al\b|eds?\b|comps?\b|trans\b"
                          r"|[A-Z][\w'’-]+,\s+(?:and|&)\s)")
PEOPLE_SEPARATOR = re.compile(r",?\s+(?:and|&)\s+|\s*;\s+")
ET_AL = re.compile(r",?\s+et\s+al\.?(?=,|$)")


def split_author_block(text: str) -> tuple[list[Name], str, str]:
    """Split ``Family, Given[, and Given Family][, ed]. Rest`` into names, role and rest."""
    if not text or text[0] in "\"“*'«":
        return [], "author", text
    gost = GOST_AUTHOR.match(text)
    if gost:  # Мухин Ю. И. Убийство...: the Russian standard's family and initials
        names = [Name(family=person.group("family"),
                      given=" ".join(person.group("initials").split()))
                 for person in GOST_PERSON.finditer(gost.group("people"))]
        if gost.group("etal"):
            names.append(Name(literal=OTHERS))
        role = ROLES.get((gost.group("role") or "").lower(), "author")
        return names, role, text[gost.end():]
    marked = _TITLE_AFTER_BLOCK.search(text)
    if marked and "," not in marked.group(1) and _ORGANIZATION.fullmatch(marked.group(1)):
        # Prozhito. "Elektronnyi korpus..." / Alexander N. Yakovlev Foundation. "Rossiia...":
        # a body's name before the quoted or emphasized title
        return [Name(literal=marked.group(1).strip())], "author", text[marked.end(1):].lstrip(". ")
    if marked and "," in marked.group(1) and len(marked.group(1).split()) <= 12:
        # "Getty, J. Arch, and Oleg V. Naumov. *The Road...": the names end where the
        # emphasized or quoted title starts (initials inside them end nothing)
        names, role = _parse_author_block(marked.group(1))
        if names:
            return names, role, text[marked.end(1):].lstrip(". ")
    for match in re.finditer(r"\.\s+(?=\S)", text):
        head = text[: match.start()]
        after = text[match.end():]
        if INITIAL.search(head) and after[:1] not in "\"“*«" and not after[:1].isdigit() \
                and not _inverted_name_ends(head, after):
            continue  # "N. Petrov" or "A. Pyzhikov": an initial, not the end of the block
        if "," not in head and " and " not in head and "&" not in head:
            return [], "author", text
        names, role = _parse_author_block(head)
        if names:
            return names, role, after
        return [], "author", text
    return [], "author", text


# GOST 7.1 (Russian bibliographies): "Мухин Ю. И." / "Хлевнюк О. В. и др. (ред.)" then the title
_CAPITAL, _SMALL = CYRILLIC_CAPITAL, CYRILLIC_SMALL  # Ukrainian and Belarusian too
_FAMILY = rf"[{_CAPITAL}][{_SMALL}'’ʼ]+(?:-[{_CAPITAL}][{_SMALL}'’ʼ]+)?"  # Дем'яненко
_INITIALS = rf"(?:[{_CAPITAL}][{_SMALL}]?\.\s*){{1,3}}"
_GOST_PERSON = rf"{_FAMILY},?\s+{_INITIALS}"
GOST_PERSON = re.compile(rf"(?P<family>{_FAMILY}),?\s+(?P<initials>{_INITIALS})")
GOST_AUTHOR = re.compile(
    rf"^(?P<people>{_GOST_PERSON}(?:,\s*{_GOST_PERSON}){{0,3}})"
    rf"(?P<etal>и\s+др\.\s*)?(?:\((?P<role>ред|сост|пер)\.\)\s*)?(?=[{CAPITAL}«\"*])")


@cache
def _gost_responsibility() -> re.Pattern[str]:
    """GOST's statement of responsibility after the title, up to the place: "/ пер. с
    англ.", "/ отв. ред. И. И. Иванов"."""
    return re.compile(rf"\s+/\s+(?P<statement>[^/]+?)(?=\.\s+(?:{places_pattern()})\s*:|$)")

# GOST's part of a whole: "Title // Вопросы истории. 2001. № 7. С. 20-35"
GOST_PART = re.compile(
    rf"^(?P<title>.+?)\s+//\s+(?P<container>.+?)\.\s+(?P<year>{YEAR})\.?"
    r"(?:\s*Т\.\s*(?P<volume>\d+)\.?)?(?:\s*(?:№|Вып\.)\s*(?P<issue>[\d-]+)\.?)?"
    r"(?:\s*С\.\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?))?\.?$")
# a body's name: up to eight capitalized words, initials and small words between them
_ORGANIZATION = re.compile(
    rf"[{CAPITAL}][\w'’-]*\.?(?:\s+(?:[{CAPITAL}][\w'’-]*\.?|of|the|for|and|и|de|at)){{0,7}}")
# the author block before the first emphasized or quoted title: "names. *Title*"
_TITLE_AFTER_BLOCK = re.compile(r"^([^*\"“«]+?)\.\s+(?=[*\"“«])")


def _inverted_name_ends(head: str, after: str) -> bool:
    """``Pyzhikov, A. V.`` then ``Khrushchevskaia ottepel'``: an inverted name's initials
    are its last part, so a word that is no initial starts the title.  (In ``and N. V.
    Petrov`` the family name comes after the initials, and the block goes on.)"""
    last = PEOPLE_SEPARATOR.split(head)[-1]
    # "Lih, Lars T., Oleg V" then "Naumov": a third comma part is the next person, in
    # direct order, whose family name is still to come
    return last.count(",") == 1 and not NAME_GOES_ON.match(after)


_INITIAL_WORD = re.compile(rf"^[{CAPITAL}][{SMALL}]?\.,?$")


def _parse_author_block(block: str) -> tuple[list[Name], str]:
    role = "author"
    suffix = ROLE_SUFFIX.search(block)
    if suffix:
        role = ROLES[suffix.group(1).lower().rstrip(".")]
        block = block[: suffix.start()]
    et_al = ET_AL.search(block)
    block = ET_AL.sub("", block)
    if sum(1 for word in block.split() if not _INITIAL_WORD.match(word)) > 12:
        return [], role  # a title, not names (initials do not count: six editors may sign)
    people = [p.strip() for p in PEOPLE_SEPARATOR.split(block) if p.strip()]
    if not people:
        return [], role
    first = people[0]
    parts = [p.strip() for p in first.split(",")]
    names: list[Name] = []
    if len(parts) >= 2:
        given = parts[1] + "." if INITIAL.search(" " + parts[1]) else parts[1]
        names.append(parse_name_inverted(f"{parts[0]}, {given}"))
        names.extend(parse_name_direct(p) for p in parts[2:] if p)
    else:
        names.append(parse_name_direct(first))
    for person in people[1:]:
        if "," in person:
            family, _, given = person.partition(",")
            given = given.strip()
            if INITIAL.search(" " + given) and not given.endswith("."):
                given += "."  # the block's full stop was the initial's
            names.append(parse_name_inverted(f"{family}, {given}"))
        else:
            names.append(parse_name_direct(person))
    if not all(n.family[:1].isupper() for n in names):
        return [], role
    if et_al:
        names.append(Name(literal=OTHERS))  # as biblatex's "and others", as notes keep it
    return names, role


def _parse_body(body: str, ref: Reference) -> bool:
    body = body.strip()
    if not body:
        return False
    if " // " in body or " / " in body:
        gost = _parse_gost(body, ref)
        if gost is not None:
            return gost
    interview = INTERVIEW.match(body)
    if interview:
        return _parse_interview(interview, ref)
    quoted = QUOTED_TITLE.match(body)
    if quoted:
        ref.fields["title"] = _plain(quoted.group("title"))
        return _parse_part(quoted.group("rest").strip(" .,"), ref)
    return _parse_book(body, ref)


def _parse_gost(body: str, ref: Reference) -> bool | None:
    """The Russian standard's marks: ``//`` before the whole a part is in (a journal, a
    collection), ``/`` before the statement of responsibility (kept as a note); None when
    the body holds neither as GOST writes them."""
    part = GOST_PART.match(body)
    if part:
        ref.type = "article-journal"
        ref.fields["title"] = _plain(part.group("title"))
        ref.fields["container-title"] = _plain(part.group("container"))
        for name in ("volume", "issue"):
            if part.group(name):
                ref.fields[name] = part.group(name)
        if part.group("pages"):
            ref.fields["page"] = re.sub(r"\s*[-–]\s*", "-", part.group("pages"))
        ref.dates["issued"] = Date(int(part.group("year")))
        return True
    if " // " in body or not re.search(f"[{CYRILLIC_CAPITAL}{CYRILLIC_SMALL}]", body):
        return None  # a slash in a Latin title is the title's
    statement = _gost_responsibility().search(body)
    if statement is None:
        return None
    _add_note(ref, statement.group("statement").strip(" .") + ".")
    return _parse_book(body[: statement.start()] + body[statement.end():], ref)


def _parse_interview(match: re.Match[str], ref: Reference) -> bool:
    ref.fields["genre"] = "interview"
    ref.fields["title"] = "Interview"
    if match.group("with"):
        ref.names["interviewer"] = [parse_name_direct(match.group("with"))]
    rest = match.group("rest").strip(" .,")
    if not rest:
        ref.type = "interview"
        return True
    if _parse_periodical(rest, ref):
        if ref.type != "article-newspaper":
            ref.type = "article-magazine"  # CSL "interview" loses the magazine in Zotero
        return True
    ref.type = "interview"
    date = parse_date(rest)
    if date:
        ref.dates["issued"] = date
    return True


def _parse_part(rest: str, ref: Reference) -> bool:
    """What follows a quoted title: a container (journal, periodical, book) or nothing."""
    if not rest:
        ref.type = "webpage" if ref.fields.get("URL") else "article"
        return True
    chapter = CHAPTER.match(rest)
    if chapter:
        return _parse_chapter(chapter, ref)
    first = CHAPTER_EDITORS_FIRST.match(rest)
    if first:
        ref.type = "chapter"
        ref.fields["container-title"] = _plain(first.group("book"))
        ref.names["editor"] = [parse_name_direct(n) for n in
                               re.split(r",?\s+(?:and|&)\s+|,\s+", first.group("editors"))]
        if first.group("pages"):
            ref.fields["page"] = re.sub(r"\s*[-–]\s*", "-", first.group("pages"))
        if not _parse_publication(first.group("rest").strip(" .,"), ref):
            _add_note(ref, _plain(first.group("rest")) + ".")
        return True
    dated = JOURNAL_YEAR_FIRST.match(rest)
    if dated:
        ref.type = "article-journal"
        ref.fields["container-title"] = _plain(dated.group("container"))
        ref.fields["issue"] = dated.group("issue")
        if dated.group("pages"):
            ref.fields["page"] = re.sub(r"\s*[-–]\s*", "-", dated.group("pages"))
        ref.dates["issued"] = Date(int(dated.group("year")))
        return True
    journal = JOURNAL.match(rest)
    issue = journal and (journal.group("issue") or journal.group("only_issue"))
    if journal and (rest.startswith("*") or issue or journal.group("pages")):
        ref.type = "article-journal"
        ref.fields["container-title"] = _plain(journal.group("container"))
        if journal.group("volume"):
            ref.fields["volume"] = journal.group("volume")
        if issue:
            ref.fields["issue"] = issue
        if journal.group("pages"):
            ref.fields["page"] = re.sub(r"\s*[-–]\s*", "-", journal.group("pages"))
        ref.dates["issued"] = Date(int(journal.group("year")))
        return True
    if _parse_periodical(rest, ref):
        return True
    if ref.fields.get("URL"):  # "Title." Site Name. <URL>: a web article
        ref.type = "webpage"
        site = _plain(rest)
        date = parse_date(site) if re.search(YEAR, site) else None
        if date:
            ref.dates["issued"] = date
            site = _plain(re.sub(DATE_PATTERN, "", site))
        if site:
            ref.fields["container-title"] = site
        return True
    return False


def _parse_periodical(rest: str, ref: Reference) -> bool:
    match = PERIODICAL.match(rest)
    if not match:
        match = PLAIN_PERIODICAL.match(rest)
        known = match is not None and match.group("container").lower() in periodical_types()
        if not match or not (known or (not ref.fields.get("URL") and re.match(
                r"\d|[A-Z][a-z]+\.?\s+\d{1,2},", match.group("date")))):
            return False  # no emphasis: a newspaper the table knows, or a day's date offline
    date = parse_date(match.group("date"))
    container = _plain(match.group("container"))
    ref.fields["container-title"] = container
    if date:
        ref.dates["issued"] = date
    ref.type = periodical_type(container, date)
    tail = rest[match.end():].strip(" .,")
    page = re.match(r"^(?:pp?\.\s*)?(\d+(?:\s*[-–]\s*\d+)?)$", tail)
    if page:
        ref.fields["page"] = page.group(1)
    elif tail:
        _add_note(ref, _plain(tail) + ".")
    return True


def _parse_chapter(match: re.Match[str], ref: Reference) -> bool:
    ref.type = "chapter"
    ref.fields["container-title"] = _plain(match.group("book"))
    if match.group("editors"):
        ref.names["editor"] = [parse_name_direct(n) for n in
                               re.split(r",?\s+(?:and|&)\s+|,\s+", match.group("editors"))]
    if match.group("pages"):
        ref.fields["page"] = re.sub(r"\s*[-–]\s*", "-", match.group("pages"))
    rest = match.group("rest").strip(" .,")
    if rest:
        _parse_publication(rest, ref)
    return True


def _parse_book(body: str, ref: Reference) -> bool:
    ref.type = "book"
    body = _take_contributors(body, ref)
    body = _take_edition_and_volume(body, ref)
    if _parse_publication(body, ref, with_title=True):
        return True
    if _parse_mla_book(body, ref):
        return True
    one_line = ONE_LINE_TAIL.search(body)
    if one_line:  # Family, Given, Title, Place Year
        title = body[: one_line.start()]
        person = ONE_LINE_AUTHOR.match(title)
        if person and not ref.names:
            ref.names["author"] = [parse_name_inverted(f"{person.group(1)}, {person.group(2)}")]
            title = title[person.end():]
        ref.fields["title"] = _plain(title)
        ref.fields["publisher-place"] = one_line.group("place").strip()
        ref.dates["issued"] = Date(int(one_line.group("year")))
        return bool(ref.fields["title"])
    year = YEAR_TAIL.search(body)
    if year and body[: year.start()].strip():  # Title. [Place,] Year. (no publisher)
        title = body[: year.start()]
        place = _place_at_end().search(title)
        if place:
            ref.fields["publisher-place"] = place.group("place")
            title = title[: place.start()]
        ref.fields["title"] = _plain(title)
        ref.dates["issued"] = _tail_date(year)
        if not place and year.group().startswith(","):
            _split_publisher(ref)  # MLA without emphasis: "Gulag: A History. Doubleday, 2003"
        return True
    return False


# MLA: "*Title*. Publisher, Year" (no place): the emphasis says where the title ends
MLA_BOOK = re.compile(rf"^\*(?P<title>[^*]+)\*\.?\s+(?P<publisher>[^*:]+?),\s*"
                      rf"(?:(?P<first>{YEAR})\s*[-–]\s*)?(?P<year>{YEAR})\.?$")


def _parse_mla_book(body: str, ref: Reference) -> bool:
    match = MLA_BOOK.match(body.strip())
    if match is None or any(ch.isdigit() for ch in match.group("publisher")):
        return False
    ref.fields["title"] = _plain(match.group("title"))
    publisher = match.group("publisher").strip(" .,")
    ref.fields["publisher-place" if publisher in known_places() else "publisher"] = publisher
    ref.dates["issued"] = _tail_date(match)
    return True


@cache
def _place_at_end() -> re.Pattern[str]:
    """A known place ending a title, before the year (Ubiistvo Stalina. Moscow, 2002)."""
    return re.compile(rf"\.\s+(?P<place>{places_pattern()})\s*,?\s*$")


# ". 2nd ed." / ". Rev. ed." / ". Vol. 2." / ". 3 vols." between a book's title and its place
EDITION = re.compile(r"(?<=[.*])\s+(?P<edition>\d+(?:st|nd|rd|th)\s+(?:rev\.\s+|expanded\s+)?"
                     r"ed(?:ition)?|[Rr]ev(?:ised)?\.?\s+ed(?:ition)?)\.?(?=\s|$)")
VOLUME = re.compile(r"(?<=[.*])\s+(?:Vol(?:ume)?\.?\s+(?P<volume>\d+|[IVX]+)"
                    r"|(?P<volumes>\d+)\s+vols)\.?(?=\s|$)")


def _take_edition_and_volume(body: str, ref: Reference) -> str:
    """An edition or volume written between the title and the place: its own field, not
    the title's end (Sekretnyi Stalin. 2nd ed.)."""
    for pattern in (EDITION, VOLUME):
        match = pattern.search(body)
        if match:
            if pattern is EDITION:  # CSL's edition is the number a style writes as "2nd ed."
                edition = match.group("edition")
                ref.fields["edition"] = re.match(r"\d*", edition).group() or edition.lower()
            elif match.group("volume"):
                ref.fields["volume"] = match.group("volume")
            else:
                ref.fields["number-of-volumes"] = match.group("volumes")
            body = (body[: match.start()] + body[match.end():]).strip()
    return body


_NO_PERSON = re.compile(r"\d|\b(?:UP|Press|University|Publishers?|Books|Verlag|Izd)\b")


def _no_person(text: str) -> bool:
    return _NO_PERSON.search(text) is not None


def _take_contributors(body: str, ref: Reference) -> str:
    position = 0
    while True:
        match = CONTRIBUTOR.search(body, position)  # the text before it is done with
        if not match:
            return body
        role = CONTRIBUTOR_ROLES[match.group("role").lower()]
        parts, rest = _contributor_people(match.group("names").strip())
        # MLA: "Translated by Nora Favorov, Yale UP, 2015": the publisher and year follow
        kept = next((i for i, p in enumerate(parts) if _no_person(p)), len(parts))
        rest = ", ".join([*parts[kept:], rest] if rest else parts[kept:])
        people = [p for part in parts[:kept] for p in PEOPLE_JOIN.split(part) if p]
        ref.names.setdefault(role, []).extend(parse_name_direct(p) for p in people)
        after = body[match.end():]
        body = body[: match.start()] + ". " + (rest + after if rest else after.lstrip(". "))
        body, position = body.strip(" ."), match.start()


def _contributor_people(names: str) -> tuple[list[str], str]:
    """A contributor statement's people (each comma part, and-joined ones still together)
    and what follows them (publisher, year).  After the first part the list goes on to the
    part an "and" begins ("A, B, and C") or to a part that joins two people's names ("A, B
    and C"); "Paul Stevenson, Weidenfeld and Nicolson, 1968" is one translator and a
    publisher (Weidenfeld is no person's full name)."""
    parts = [p.strip() for p in names.split(",")]
    if LIST_END.search(parts[0]):
        return parts[:1], ", ".join(parts[1:])
    opening = next((i for i, p in enumerate(parts) if i and LIST_END.match(p)), None)
    if opening is not None and all(_full_name(p) for p in parts[1:opening]):
        return parts[: opening + 1], ", ".join(parts[opening + 1:])
    end = 1
    while end < len(parts) and _full_name(parts[end]):
        end += 1  # "A, B and C": the part that joins two names ends the list
        if " and " in parts[end - 1]:
            return parts[:end], ", ".join(parts[end:])
    return parts[:1], ", ".join(parts[1:])


_NAME_WORD = re.compile(r"^(?:[A-Z]\.|[A-Z][\w'’-]+)$")


def _full_name(part: str) -> bool:
    """Whether a comma part is a person's name, or two joined by "and": two words or more
    each (given and family names, initials), none a publisher's word."""
    people = [p for p in PEOPLE_JOIN.split(part) if p]
    return bool(people) and not _no_person(part) and all(
        len(words := p.split()) >= 2 and all(_NAME_WORD.match(w) for w in words)
        for p in people)


def _parse_publication(body: str, ref: Reference, with_title: bool = False) -> bool:
    """``[Title.] Place: Publisher[; Place: Publisher], Year`` -> fields; False if absent."""
    year = YEAR_TAIL.search(body)
    if not year:
        return False
    head = body[: year.start()].strip(" ,.")
    start = _publication_start(head)
    if start is None:
        return False
    places, publishers = [], []
    for part in re.split(r"\s*;\s*", head[start:]):
        place, _, publisher = part.partition(":")
        if place.strip():
            places.append(place.strip())
        publishers.extend(_split_publishers(publisher))
    title = head[:start].strip(" ,")
    if with_title:
        if not _plain(title):
            return False
        ref.fields["title"] = _plain(title)
    ref.fields["publisher-place"] = "; ".join(places)
    if publishers:
        ref.fields["publisher"] = "; ".join(publishers)
    ref.dates["issued"] = _tail_date(year)
    return True


def _tail_date(year: re.Match[str]) -> Date:
    """The year a publication ends in, or its years (1999-2006: the volumes' span)."""
    if year.group("first") and int(year.group("first")) < int(year.group("year")):
        return Date(int(year.group("first")), end=(int(year.group("year")), None, None))
    return Date(int(year.group("year")))


PUBLICATION = re.compile(r"^[^:;]+:\s*[^:;]+(?:;\s*[^:;]+:\s*[^:;]+)*$")


def _publication_start(head: str) -> int | None:
    """Where ``Place: Publisher`` begins in ``head`` (a title may precede it)."""
    starts = [
        match.start(1)
        for place in known_places()
        for match in re.finditer(rf"(?:^|(?<=[\s.,]))({re.escape(place)})\s*:", head)
        if PUBLICATION.match(head[match.start(1):])
    ]
    if starts:
        return min(starts)
    # An unknown place: the segment after the last full stop before the first colon.
    colon = head.rfind(":") if head.count(":") == 1 else _last_pair_colon(head)
    if colon < 0:
        return None
    stop = head.rfind(". ", 0, colon)
    start = stop + 2 if stop >= 0 else 0
    segment = head[start:]
    if PUBLICATION.match(segment) and len(head[start:colon].split()) <= 4:
        return start
    return None


def _last_pair_colon(head: str) -> int:
    first_pair = re.search(r"[^:;.]+:\s*[^:;]+(?:;\s*[^:;]+:\s*[^:;]+)*$", head)
    return head.find(":", first_pair.start()) if first_pair else -1


def _split_publishers(text: str) -> list[str]:
    text = text.strip(" ,.")
    if not text:
        return []
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 1 and all(re.fullmatch(r"[A-ZА-Я][\w'’-]*(?:\s[A-ZА-Я][\w'’-]*)?", p)
                              for p in parts):
        return parts
    return [text]
