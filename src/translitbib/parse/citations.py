"""Parenthetical citations in running text, told apart from asides.

Cited: ``(Pyzhikov 100)``, ``(Mukhin, *Ubiystvo* 618-23)``, ``(Beria 308-9; Mukhin 178)``,
``(Zhukov, Kul'tovaia; emphasis added)``, ``(Simonov, 244-5)``, ``(*Ubiystvo* 363-4)``,
``(Alikhanov)``, ``(Bivens & Bernstein; O'Meara; Williamson)``, ``(Khinshtein 2003)``,
``(pp. 61-2)`` right after a name.  Not cited: ``(Chairman of the Council of Ministers)``,
``(i.e. not First Secretaries)``, ``(Stalin);`` inside a sentence, ``(Part Two)``.

Every part of a parenthesis must fit the citation grammar, or the whole is an aside.  A
parenthesis of bare names only counts where citations stand: after a sentence or quotation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import CitationTarget
from .dates import MONTH, MONTHS, SEASONS
from .letters import CAPITAL, CYRILLIC_CAPITAL, CYRILLIC_SMALL, SMALL

_UPPER, _LOWER = CAPITAL, SMALL + "'’ʹ"  # Russian, Ukrainian and Belarusian too
NAME_WORD = rf"(?:O['’]|[Dd]['’]|Mc|Mac)?[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD})?"
# one name, or a list: Getty and Naumov, Bivens & Bernstein, Lih, Naumov, and Khlevniuk
AUTHORS = (rf"{NAME}(?:(?:,\s*{NAME}){{0,4}},?\s*(?:&|\band\b)\s*{NAME})*"
           r"(?:\s+et\s+al\.?|\s+и\s+др\.)?")  # Юнге и др.: the Russian et al.
# 618-23, 220n4, 618 n. 3, 45f., 285ff., 15 сл. (Russian ff.), 3:211 (volume 3, page 211)
PAGE = r"(?:\d+:)?\d+(?:\s*[-–]\s*\d+)?(?:\s*nn?\.?\s*\d+|\s?ff?\.|\s+сл\.)?"
PAGE_MARK = r"(?:pp?|[сС]|S)\.\s*"  # p. 45, pp. 45-46, с. 45 (Russian), S. 45 (German)
CHAPTER = r"[Cc]h(?:ap)?\.\s*\d+"
LOCATOR = (
    r"(?:(?:vol\.\s*\d+,?\s*)?"
    rf"(?:(?:{PAGE_MARK})?{PAGE}|{CHAPTER})(?:\s*(?:,|&|and)\s*(?:(?:{PAGE_MARK})?{PAGE}"
    rf"|{CHAPTER}))*(?:\s+\*?passim\*?)?|\*?passim\*?)"  # (Hagenloh 2009, passim)
)
TITLE_WORD = rf"[{CAPITAL}][\w'’ʹ-]*"
PLAIN_TITLE = rf"{TITLE_WORD}(?:\s+(?:{TITLE_WORD}|[a-z]{{1,3}}))*?"
EMPH_TITLE = r"\*[^*]{1,120}\*"
QUOTED_TITLE = r"[\"“][^\"“”]{2,120}[\"”]"  # an article's: "Ascribing Class," (comma inside)
YEAR = r"(?:1[6-9]\d\d|20\d\d)[a-z]?"
CYRILLIC_NAME = (rf"[{CYRILLIC_CAPITAL}][{CYRILLIC_SMALL}'’ʹ]+"
                 rf"(?:-[{CYRILLIC_CAPITAL}][{CYRILLIC_SMALL}'’ʹ]+)?")
YEAR_ONLY = re.compile(rf"^{YEAR}$")
# see, cf., quoted in... before the work: kept as the citation's remark
LEAD = re.compile(r"^(?:see also|see|cf\.?|compare|quoted in|cited in|e\.g\.,?)\s+",
                  re.IGNORECASE)

TARGET_PATTERNS = [
    # Хаустов, Самуэльсон 2009, с. 122: GOST's in-text authors, joined by commas alone
    # (before Mukhin, Ubiystvo: a second name is no title)
    re.compile(rf"^(?P<author>{CYRILLIC_NAME}(?:,\s*{CYRILLIC_NAME}){{1,3}}),?\s+(?P<year>{YEAR})"
               rf"(?:\s*[,:]\s*(?P<locator>{LOCATOR}))?$"),
    # Mukhin, *Ubiystvo* 618-23 / Sergo Beria, *Moy Otets Lavrentii Beria* / Mukhin, Ubiystvo 622
    # / Fitzpatrick, "Ascribing Class," 750
    re.compile(
        rf"^(?P<author>{AUTHORS}),\s*(?P<title>{EMPH_TITLE}|{QUOTED_TITLE}|{PLAIN_TITLE})"
        rf"(?:,?\s*(?P<locator>{LOCATOR}))?$"
    ),
    # Mukhin 2002, 618 / Knight 1993: 220 / Knight 1993a (author and date, then the place)
    re.compile(rf"^(?P<author>{AUTHORS}),?\s+(?P<year>{YEAR})(?:\s*[,:]\s*(?P<locator>{LOCATOR}))?$"),
    # Simonov, 244-5 / Pyzhikov 100 / Khinshtein 2003 / Alikhanov / Bivens & Bernstein
    re.compile(rf"^(?P<author>{AUTHORS})(?:,?\s*(?P<locator>{LOCATOR}))?$"),
    # *Ubiystvo* 363-4
    re.compile(rf"^(?P<title>{EMPH_TITLE}),?(?:\s*(?P<locator>{LOCATOR}))?$"),
    # "Podlye shpiony" 1: a quoted title, as author-date styles cite an unsigned article
    re.compile(rf"^[\"“](?P<title>[^\"”]{{2,100}})[\"”],?(?:\s*(?P<locator>{LOCATOR}))?$"),
    # Pravda, 12 March 1953 / Pravda, March 12, 1953: a newspaper and its day
    re.compile(rf"^(?P<author>{NAME}),\s*(?:\d{{1,2}}\s+{MONTH}\s+|{MONTH}\s+\d{{1,2}},\s*)"
               rf"(?P<year>{YEAR})(?:,\s*(?P<locator>{LOCATOR}))?$"),
    # pp. 61-2 (the author is the name just before the parenthesis)
    re.compile(rf"^(?P<locator>pp?\.\s*{PAGE}(?:\s*,\s*{PAGE})*)$"),
    # Getty and Naumov (1999) / Filtzer (2002a, 88): the year after the authors' names
    re.compile(rf"^(?P<year>{YEAR})(?:\s*[,:]\s*(?P<locator>{LOCATOR}))?$"),
]
REMARK = re.compile(
    r"^(?:emphasis (?:added|mine|in (?:the )?original)|my emphasis|italics (?:added|mine|in "
    r"original)|translation mine|my translation|cf\.?|see also|quoted in|cited in|"
    r"\*?passim\*?|sic)$",
    re.IGNORECASE,
)
LOCATOR_ONLY = re.compile(rf"^(?:{LOCATOR})$")
# a periodical's date, never an author or a title: (Summer 2001), (March 1953)
_DATE_WORDS = frozenset({*MONTHS, *SEASONS, "весна", "лето", "осень", "зима", "январь",
                         "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                         "сентябрь", "октябрь", "ноябрь", "декабрь"})
IBID_PART = re.compile(rf"^ibid\.?(?:,?\s*(?P<locator>{LOCATOR}))?$", re.IGNORECASE)
PARENTHESIS = re.compile(r"(?<![\w(])\(([^()\[\]]{1,240})[)\]]")
NAME_BEFORE = re.compile(rf"({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})\s*$")
# the authors a narrative citation names before its year: "Getty and Naumov (1999)"
AUTHORS_BEFORE = re.compile(rf"(?<![\w'’])({AUTHORS})(?:'s|’s)?\s*$")
CITATION_PLACE = re.compile(r"(?:[.?!:]['\"”’]?|['\"”’]|\.\.\.)\s*$")


#: the titles of each author's listed works, by surname (all lower case): a plain English
#: short title, (Thurston, Life and Terror, 12), cites when a work of the author's begins so
KnownWorks = Mapping[str, Sequence[str]]


@dataclass(slots=True)
class FoundCitation:
    text: str  # the parenthesis as written, with its brackets
    start: int
    end: int
    targets: list[CitationTarget]


def find_parenthetical_citations(
    text: str, known_authors: frozenset[str] = frozenset(), known_works: KnownWorks | None = None
) -> list[FoundCitation]:
    """Every parenthetical citation in ``text`` (a cleaned paragraph, emphasis as ``*``)."""
    found = []
    for match in PARENTHESIS.finditer(text):
        targets = parse_citation(match.group(1), known_works)
        if not targets:
            continue
        if all(_bare_name(t) for t in targets) and not _in_citation_place(
            text, match.start(), targets, known_authors
        ):
            continue
        if any(t.author is None and t.title is None and "ibid" not in t.remarks
               for t in targets):
            name = _name_before(text, match.start(), targets, known_authors)
            if not name:
                continue
            for target in targets:
                if target.author is None and target.title is None and "ibid" not in target.remarks:
                    target.author = name.group(1)
                    target.author_inferred = True
        found.append(FoundCitation(match.group(0), match.start(), match.end(), targets))
    return found


def parse_citation(content: str, known_works: KnownWorks | None = None) -> list[CitationTarget]:
    """The works a parenthesis cites, or ``[]`` when it is an aside."""
    targets: list[CitationTarget] = []
    for raw in (part.strip() for part in content.split(";")):
        if not raw:
            continue
        ibid = IBID_PART.match(raw)
        if ibid:  # (Ibid., 221): the work cited before, linked in reading order
            target = CitationTarget(raw=raw, locator=_clean(ibid.group("locator") or "") or None)
            target.remarks.append("ibid")
            targets.append(target)
            continue
        lead = LEAD.match(raw)
        if lead and len(raw) > lead.end():  # (see Mukhin 2002, 618): the work, and a remark
            target = parse_target(raw[lead.end():], known_works)
            if target is None:
                return []
            target.remarks.append(lead.group().strip())
            targets.append(target)
            continue
        if REMARK.match(raw.strip("* ")):
            if not targets:
                return []
            targets[-1].remarks.append(raw.strip("* "))
            continue
        if targets and LOCATOR_ONLY.match(raw) and not raw[:1].isdigit():
            last = targets[-1]  # "Ch. 13 *passim*": more of the previous work's locator
            last.locator = f"{last.locator}; {_clean(raw)}" if last.locator else _clean(raw)
            continue
        target = parse_target(raw, known_works)
        if target is None:
            return []
        targets.append(target)
    return targets


def parse_target(raw: str, known_works: KnownWorks | None = None) -> CitationTarget | None:
    for pattern in TARGET_PATTERNS:
        match = pattern.match(raw)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("author") and groups["author"].split()[0].lower() in _DATE_WORDS:
            return None  # (Summer 2001), (March 1953): a periodical's date, no author
        if groups.get("title") and groups["title"].strip("*").split()[0].lower() in _DATE_WORDS:
            continue  # (Pravda, March 12, 1953): a day, no title
        target = CitationTarget(raw=raw)
        target.author = groups.get("author")
        title = groups.get("title")
        target.title = title.strip("*\"“”").strip().rstrip(",").strip() if title else None
        if groups.get("year"):
            target.year, target.year_suffix = int(groups["year"][:4]), groups["year"][4:]
        locator = groups.get("locator")
        if locator:
            locator = _clean(locator)
            if YEAR_ONLY.match(locator):
                target.year, target.year_suffix = int(locator[:4]), locator[4:]
            else:
                target.locator = locator
        if target.title and _is_english_phrase(target.title) and not title.startswith(
                ("*", '"', "“")) and not _begins_a_known_work(target, known_works or {}):
            return None  # an emphasized or quoted English title is a title
        return target
    return None


def _begins_a_known_work(target: CitationTarget, known_works: KnownWorks) -> bool:
    """Whether a work the essay lists by the citation's (first) author has a title that
    begins with the citation's: (Thurston, Life and Terror) for Life and Terror in Stalin's
    Russia."""
    first = re.split(r",|&|\band\b", target.author or "")[0].split()
    words = _words(target.title or "")
    return bool(first and words) and any(
        _words(title)[: len(words)] == words for title in known_works.get(first[-1].lower(), ()))


def _words(title: str) -> list[str]:
    return re.findall(r"[\w'’]+", title.lower())


def _name_before(text: str, start: int, targets: list[CitationTarget],
                 known_authors: frozenset[str]) -> re.Match[str] | None:
    """The name a parenthesis without one takes from the text before it: ``(pp. 61-2)``
    right after any name; a year, ``Filtzer (2002a, 88)``, only after authors the essay
    lists (the year after another capitalized word is no citation)."""
    before = text[max(0, start - 160) : start]
    if not any(t.year is not None for t in targets):
        return NAME_BEFORE.search(before)
    authors = AUTHORS_BEFORE.search(before)
    if authors is None or not known_authors:
        return None
    words = re.findall(NAME_WORD, authors.group(1))
    return authors if any(w.lower() in known_authors for w in words) else None


def _clean(locator: str) -> str:
    locator = locator.replace("*", "")
    locator = re.sub(rf"^{PAGE_MARK}", "", locator)
    return re.sub(r"\s+", " ", locator).strip()


def _bare_name(target: CitationTarget) -> bool:
    return (target.title is None and target.locator is None and target.year is None
            and "ibid" not in target.remarks)


def _in_citation_place(
    text: str, start: int, targets: list[CitationTarget], known_authors: frozenset[str]
) -> bool:
    """Bare names cite only after a sentence or quotation, or when they are known authors."""
    if CITATION_PLACE.search(text[:start]) or not text[:start].strip():
        return True
    after = text[start:].split(")", 1)[-1][:2]
    return (
        bool(known_authors)
        and after[:1] in {".", ""}
        and all((t.author or "").lower() in known_authors for t in targets)
    )


ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "for",
        "on",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "was",
        "not",
        "but",
        "or",
        "an",
        "a",
    ]
)


def _is_english_phrase(title: str) -> bool:
    words = title.lower().split()
    return len(words) > 4 or any(w in ENGLISH_FUNCTION_WORDS for w in words[1:])
