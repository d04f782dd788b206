"""Merge references that are the same work (listed twice, or read from two inputs).

Two references are one work when their first authors and titles have the same key and
nothing else tells them apart (``PART_FIELDS``): not their years, volumes, issues or pages
(volume 2 of a work, the next issue's instalment of an article), the first author's given
name (Roy and Zhores Medvedev), the journal or newspaper, the day of a dated document, or
a book against an article (its review).  The first keeps its place; the others fill its
empty fields (both notes and every keyword kept, the finer date taken), their citations
move to it, and each merge is reported (nothing is lost silently).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Library, Reference, Severity, SourceSpan
from ..parallel import fork_map, worker_count
from ..translit.ukrainian import is_ukrainian, romanize_ukrainian
from .linking import KeyFunction, default_key

# a translation after a title: "Psikhologiia voiny [The psychology of war]"
_TRANSLATED_TITLE = re.compile(r"\s*\[[^\[\]]+\]\s*$")


def work_key(ref: Reference, key: KeyFunction) -> tuple[str, str] | None:
    title = ref.title.replace("*", "")
    if title.endswith("]"):  # a translation after the title is no part of it
        title = _TRANSLATED_TITLE.sub("", title) or title
    title = key(title) if title else ""
    people = ref.names.get("author") or ref.names.get("editor") or []
    first = people[0] if people else None  # an institution (a literal name) is its name
    author = key(_as_keyed(first.family or first.literal, ref)) if first else ""
    if not title:
        return None
    return author, title


def work_keys(references: list[Reference], key: KeyFunction,
              jobs: int = 1) -> list[tuple[str, str] | None]:
    """``work_key`` of every reference; in ``jobs`` processes (0: by the number of them)."""

    def keys(start: int, stop: int) -> list[tuple[str, str] | None]:
        return [work_key(ref, key) for ref in references[start:stop]]

    return [identity
            for part in fork_map(keys, len(references), worker_count(jobs, len(references)))
            for identity in part]


def deduplicate(library: Library, key: KeyFunction | None = None, *, jobs: int = 1) -> Library:
    """Pipeline step: one reference per work (the keys made in ``jobs`` processes)."""
    refs = library.references
    key = key or default_key()
    identities = work_keys(refs, key, jobs)
    merges = plan_merges([WorkFacts.of(ref, identity, key)
                          for ref, identity in zip(refs, identities, strict=True)])
    replaced: dict[int, Reference] = {}
    for merge in merges:
        duplicate, target = refs[merge.duplicate], refs[merge.target]
        merge_into(target, duplicate)
        replaced[id(duplicate)] = target
        if merge.report:
            library.add_problem(Severity.INFO, "duplicate-merged", merge.report,
                                duplicate.source, duplicate.raw)
    if merges:
        library.references = [ref for ref in refs if id(ref) not in replaced]
    for citation in library.citations:
        for target in citation.targets:
            if target.reference is not None and id(target.reference) in replaced:
                target.reference = replaced[id(target.reference)]
    return library


#: what tells two works of one author and title apart, when both references have it: the
#: parts of a work (volume, issue, pages), the first author's given name (Roy and Zhores
#: Medvedev), where an article appeared (Pravda, Izvestiia), the day of a dated document
#: (two protocols), and a book from an article or chapter (a book and its review)
PART_FIELDS = ("volume", "issue", "page", "given", "container", "month", "day", "kind")
NO_PARTS = ("",) * len(PART_FIELDS)
_CONTAINER = PART_FIELDS.index("container")
_BOOKS = frozenset({"book", "thesis", "report", "manuscript"})
_PARTS_OF = frozenset({"chapter", "article", "article-journal", "article-magazine",
                       "article-newspaper", "paper-conference", "review", "review-book",
                       "entry-encyclopedia", "entry-dictionary", "entry"})


@dataclass(slots=True)
class WorkFacts:
    """What deciding a merge needs of a reference, and what merging changes of it."""

    identity: tuple[str, str] | None
    year: int | None
    dated: bool  # has an issued date (a merge fills in only a missing one)
    stub: bool
    origin: str
    source: SourceSpan
    parts: tuple[str, ...] = NO_PARTS  # an entry's volume, issue and pages (see ``parts``)
    url: str = ""  # as compared (``url_key``)

    @classmethod
    def of(cls, ref: Reference, identity: tuple[str, str] | None,
           key: KeyFunction | None = None) -> WorkFacts:
        return cls(identity, ref.year, "issued" in ref.dates, ref.stub, ref.origin, ref.source,
                   parts(ref, key or default_key()), url_key(ref.fields.get("URL", "")))

    def agrees(self, other: WorkFacts) -> bool:
        """Whether the two can be one work: no year, volume, issue, pages, given name,
        container, day or kind that differ (two entries: a volume only one has differs:
        the whole work and one of its volumes)."""
        if self.year is not None and other.year is not None and self.year != other.year:
            return False
        if self.origin == other.origin == "entry" and self.parts[0] != other.parts[0]:
            return False
        return all(not a or not b or a == b or (index == _CONTAINER and _begins(a, b))
                   for index, (a, b) in enumerate(zip(self.parts, other.parts, strict=True)))

    def take(self, other: WorkFacts) -> None:
        """What merging ``other`` into this work fills in (a date, a volume...)."""
        if not self.dated and other.dated:
            self.dated, self.year = True, other.year
        if self.parts != other.parts:
            self.parts = tuple(a or b for a, b in zip(self.parts, other.parts, strict=True))
        self.url = self.url or other.url
        if self.identity and other.identity and not self.identity[0] and other.identity[0]:
            # its author is known now: another author's page of the same title is another
            self.identity = (other.identity[0], self.identity[1])


def url_key(url: str) -> str:
    """A URL as compared: scheme, ``www.``, case of the host, a trailing slash and the
    fragment aside (``https://www.Memo.ru/a/`` and ``http://memo.ru/a`` are one page)."""
    found = _URL_PARTS.match(url.strip())
    if found is None:
        return ""
    host, path = found.groups()
    return f"{host.lower().removeprefix('www.')}{path.split('#')[0].rstrip('/')}"


_URL_PARTS = re.compile(r"^(?:https?|ftp)://([^/?#\s]+)(\S*)$", re.IGNORECASE)


def _begins(one: str, other: str) -> bool:
    """Whether one container's key begins the other's, word for word (a note's *Istoriia
    stalinskogo Gulaga* is the entry's *Istoriia stalinskogo Gulaga: Konets 1920-kh...*)."""
    short, long = sorted((one, other), key=len)
    return long.startswith(short + " ")


def parts(ref: Reference, key: KeyFunction) -> tuple[str, ...]:
    """What ``PART_FIELDS`` compare, as compared: volume, issue and pages (spaces and dash
    kinds aside; an entry's only: a note's pages are the places cited), the first author's
    given name by its first letter (Iurii and Yuri are one), the container by its key, the
    issued month and day, and "book" or "part"."""
    people = ref.names.get("author") or ref.names.get("editor") or []
    given = people[0].given.split()[0] if people and people[0].given.strip() else ""
    given = key(_as_keyed(given, ref))[:1] if given else ""
    container = ref.fields.get("container-title", "")
    issued = ref.dates.get("issued")
    month = str(issued.month) if issued and issued.month else ""
    day = str(issued.day) if issued and issued.day and month else ""
    kind = "book" if ref.type in _BOOKS else "part" if ref.type in _PARTS_OF else ""
    fields = ref.fields
    own = ((_number(fields.get("volume", "")), _number(fields.get("issue", "")),
            _pages(fields.get("page", ""))) if ref.origin == "entry" else ("", "", ""))
    return (*own, given, key(container) if container else "", month, day, kind)


def _as_keyed(name: str, ref: Reference) -> str:
    """A person's name as its key is made: romanized as Ukrainian when the work's title is
    Ukrainian Cyrillic (Грушевський, Михайло of *Історія України-Руси* meets the romanized
    record's Hrushevs'kyi, Mykhailo; the title's key romanizes it alike)."""
    return romanize_ukrainian(name) if name and is_ukrainian(ref.title) else name


_LABEL = re.compile(r"^(?:vol|no|nr|t|tom|vyp|pp?|ss?|str|т|том|вып|с|стр|№)\.?\s*", re.IGNORECASE)
_DASHES = re.compile(r"\s*(?:-+|[\u2010-\u2015])\s*")
_SHORT_RANGE = re.compile(r"(\d+)-(\d+)")


def _number(value: str) -> str:
    """A volume or issue as compared: ``No. 5`` and ``5`` are one."""
    return "".join(_LABEL.sub("", value.strip().lower()).split())


def _pages(value: str) -> str:
    """Pages as compared: ``pp. 618--623``, ``618–623`` and ``618-23`` are one range."""
    pages = _DASHES.sub("-", _number(value) if value else "")
    short = _SHORT_RANGE.fullmatch(pages)
    if short and len(short[2]) < len(short[1]):
        first, last = short[1], short[2]
        pages = f"{first}-{first[: len(first) - len(last)]}{last}"
    return pages


@dataclass(frozen=True, slots=True)
class Merge:
    """The reference at ``duplicate`` merged into the one at ``target`` (list indexes)."""

    duplicate: int
    target: int
    report: str | None  # the duplicate-merged problem's message, when it is reported


def plan_merges(works: list[WorkFacts]) -> list[Merge]:
    """Which references are the same work as an earlier one, in order.

    Two are one work when their first authors and titles have the same key and their
    years, volumes, issues and pages do not disagree (``WorkFacts.agrees``); the first
    keeps its place, and each merge is decided on the first as the merges before it left
    it (a date filled in, a stub found in a later input): applying the merges in order
    gives what merging one at a time did.  Changes ``works`` as the merges change the
    references.
    """
    kept: dict[tuple[str, str], list[int]] = {}
    online: dict[tuple[str, str], list[int]] = {}  # (title key, URL) -> works kept
    merges = []
    for index, work in enumerate(works):
        if work.identity is None:
            continue
        candidates = kept.setdefault(work.identity, [])
        same = next((c for c in candidates if work.agrees(works[c])), None)
        at_url = online.setdefault((work.identity[1], work.url), []) if work.url else []
        if same is None and at_url:  # one page, the author once given and once not (a
            # note's "Title," Rosarkhiv, URL and the list's Rosarkhiv. "Title." URL)
            same = next((c for c in at_url if _one_author_unknown(work, works[c])
                         and work.agrees(works[c])), None)
        if same is None:
            candidates.append(index)
            if work.url:
                at_url.append(index)
            continue
        target = works[same]
        promoted = target.stub and not work.stub  # a cited work found in a later input
        report = (f"the same work as {target.source}; merged into it"
                  if work.origin == "entry" and not promoted else None)
        if promoted:
            target.stub, target.origin, target.source = False, work.origin, work.source
        target.take(work)
        if target.url and target.identity:  # a URL it has now: found at that URL later
            found_at = online.setdefault((target.identity[1], target.url), [])
            if same not in found_at:
                found_at.append(same)
        merges.append(Merge(index, same, report))
    return merges


def _one_author_unknown(one: WorkFacts, other: WorkFacts) -> bool:
    authors = (one.identity or ("", ""))[0], (other.identity or ("", ""))[0]
    return "" in authors


#: fields both of whose values are kept when two entries merge (on lines of their own)
_JOINED = frozenset({"note", "annote", "abstract"})


def merge_into(target: Reference, other: Reference) -> None:
    """``other``'s fields, names and dates fill those ``target`` lacks; a stub becomes the
    work ``other`` is (its type, source and text); short titles are joined; ``other``'s key
    becomes one of ``target``'s aliases (a document that cites it still finds the work)."""
    if target.stub and not other.stub:
        target.type, target.stub, target.origin = other.type, False, other.origin
        target.source, target.raw = other.source, other.raw
    for name, value in other.fields.items():
        mine = target.fields.setdefault(name, value)
        if name == "keyword" and mine != value:  # both sets of keywords, each once
            words = [w.strip() for w in f"{mine},{value}".split(",") if w.strip()]
            target.fields[name] = ", ".join(dict.fromkeys(words))
        elif name in _JOINED and value not in mine:  # both notes
            target.fields[name] = f"{mine}\n{value}"
    for role, people in other.names.items():
        target.names.setdefault(role, people)
    for name, date in other.dates.items():
        mine_date = target.dates.setdefault(name, date)
        finer = (date.month is not None and mine_date.month is None) or (
            date.month == mine_date.month and date.day is not None and mine_date.day is None)
        if finer and mine_date.year == date.year and mine_date.end is None and date.end is None:
            target.dates[name] = date  # 1999 and May 1999: the more precise
    for title in other.short_titles:
        if title not in target.short_titles:
            target.short_titles.append(title)
    for key in (other.id, *other.aliases):
        if key and key != target.id and key not in target.aliases:
            target.aliases.append(key)
