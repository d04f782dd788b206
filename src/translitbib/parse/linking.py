"""Link every citation to the work it cites; a work cited but not listed becomes a stub.

Matching is by author and short title through a key that forgives spelling variants
(``Ubiystvo`` / ``Ubyistvo``).  Targets are linked in three passes: author and title first
(these are unambiguous and create the stubs later passes may need), then title only
(``(*Ubiystvo* 363-4)``: the author comes from the work), then author only (``(Mukhin
178)``: the author's one paged work, else an author-only stub).  Last, in reading order,
the targets that point back: ``Ibid.`` (the work cited just before, in the same note or the
previous one; none recognised there is a problem, not a guess) and ``Medvedev, op. cit.``
(the last work cited by that author).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Citation, CitationKind, CitationTarget, Date, Library, Reference, Severity
from .folding import folding_key
from .names import parse_citation_author

KeyFunction = Callable[[str], str]
PAGED_TYPES = frozenset({"book", "chapter", "article-journal", "article-magazine",
                         "article-newspaper", "report", "thesis"})
LEADING_ARTICLES = ("the ", "a ", "an ")


@dataclass(slots=True)
class _Work:
    reference: Reference
    people: list[tuple[str, str]]  # (family key, given key) of each author or editor
    title: list[str]  # title key words
    short_titles: list[list[str]] = field(default_factory=list)
    paged: bool = False


class Linker:
    """Holds the works known so far and links targets to them (creating stubs)."""

    def __init__(self, library: Library, key: KeyFunction = folding_key) -> None:
        self.library = library
        self.key = key
        self.works = [self._work(ref) for ref in library.references]
        self.stub_citations: dict[int, list[Citation]] = {}

    def _work(self, ref: Reference) -> _Work:
        people = [(self.key(n.family or n.literal), self.key(n.given))
                  for role in ("author", "editor") for n in ref.names.get(role, [])]
        if not people and ref.type == "article-newspaper" and ref.fields.get("container-title"):
            people = [(self.key(ref.fields["container-title"]), "")]  # (Pravda 1952)
        return _Work(ref, people, self._title_words(ref.title),
                     [self._title_words(t) for t in ref.short_titles],
                     paged=not ref.stub and ref.type in PAGED_TYPES)

    def _title_words(self, title: str) -> list[str]:
        text = title.replace("*", "").strip().lower()
        for article in LEADING_ARTICLES:
            text = text.removeprefix(article)
        return [w for w in self.key(text).split() if w]

    def _people(self, author: str) -> list[tuple[str, str]]:
        return [(self.key(n.family), self.key(n.given)) for n in parse_citation_author(author)]

    # -- matching -------------------------------------------------------------------------

    def _same_person(self, cited: tuple[str, str], work: _Work,
                     title_confirms: bool = False) -> bool:
        if not work.people:
            return False
        family, given = work.people[0]
        if cited[0] != family:
            return False
        if cited[1] and given:
            return cited[1][0] == given[0]
        if title_confirms or not work.reference.stub:
            return True  # "Knight, *Beria*" is Amy Knight's *Beria*, stub or not
        # "Beria" cites a listed Beria, but is not Sergo Beria's stub
        return not cited[1] and not given

    def _title_matches(self, cited: list[str], work: _Work, author_known: bool) -> bool:
        for words in [work.title, *work.short_titles]:
            if not words or not cited:
                continue
            if words[: len(cited)] == cited:
                return True
            if author_known and _contains(words, cited):
                return True
        return False

    def by_author_and_title(self, author: str, title: str) -> list[_Work]:
        """The author's works the cited title fits: those it begins first (Zhukov, *Stalin*
        is *Stalin: tainy vlasti* before *Inoi Stalin*), then those it is part of."""
        people = self._people(author)
        cited = self._title_words(title)
        theirs = [w for w in self.works
                  if people and self._same_person(people[0], w, title_confirms=True)]
        found = [w for w in theirs if self._title_matches(cited, w, author_known=True)]
        if not found:  # *Ubiistvo Stalina i Beriia* for the author's *... i Berii*: one work
            stems = _stems(cited)
            found = [w for w in theirs if w.title and not w.reference.stub
                     and _stems(w.title[: len(cited)]) == stems]
        return sorted(found, key=lambda w: not any(
            words[: len(cited)] == cited for words in [w.title, *w.short_titles] if words))

    def by_title(self, title: str) -> list[_Work]:
        cited = self._title_words(title)
        return [w for w in self.works if self._title_matches(cited, w, author_known=False)]

    def by_author(self, author: str) -> list[_Work]:
        people = self._people(author)
        return [w for w in self.works if people and self._same_person(people[0], w)]

    # -- linking --------------------------------------------------------------------------

    def link(self, citation: Citation, target: CitationTarget) -> None:
        if target.reference is not None:
            return
        if target.author and target.title:
            found = self.by_author_and_title(target.author, target.title)
            work = found[0] if found else self._stub(citation, target)
        elif target.title:
            found = _distinct(self.by_title(target.title))
            work = found[0] if len(found) == 1 else self._stub(citation, target)
            target.author_inferred = bool(work.reference.authors)
        elif target.author:
            work = self._link_author_only(citation, target)
            if work is None:  # several of the author's works fit: said, not guessed
                return
        else:
            return
        target.reference = work.reference
        if target.locator:
            work.paged = True
        if work.reference.stub:
            self.stub_citations.setdefault(id(work.reference), []).append(citation)

    def _link_author_only(self, citation: Citation, target: CitationTarget) -> _Work | None:
        assert target.author is not None
        works = self.by_author(target.author) or self._bare_family_stub(target.author)
        if not works:  # "(Ubiystvo 380)" without emphasis: a title, not an author
            by_title = _distinct(self.by_title(target.author))
            if len(by_title) == 1:
                target.title, target.author = target.author, None
                target.author_inferred = bool(by_title[0].reference.authors)
                return by_title[0]
            return self._stub(citation, target)
        if target.year is not None:  # (Mukhin 2002, 618): the author's work of that year
            dated = _distinct([w for w in works if w.reference.year == target.year])
            if target.year_suffix and len(dated) > 1:  # 2002b: the second listed, as styles
                listed = sorted((w for w in dated if w.reference.origin == "entry"),
                                key=lambda w: w.reference.source.line)
                index = ord(target.year_suffix) - ord("a")
                if 0 <= index < len(listed):
                    return listed[index]
            if len(dated) == 1:
                return dated[0]
            listed = [w for w in works if not w.reference.stub]
            if not dated and listed and all(w.reference.year for w in listed):
                return self._stub(citation, target)  # (Medvedev 1999): no work of 1999 listed
            if len(dated) > 1:
                works = dated  # (Kosheleva 1995) with two of her works of 1995: one of those
        untitled = [w for w in works if not w.title]
        titled = [w for w in works if w.title]
        if untitled:
            return untitled[0]
        candidates = [w for w in titled if w.paged] if target.locator else titled
        if len(candidates) == 1:
            return candidates[0]
        listed = _distinct([w for w in titled if not w.reference.stub])
        if len(listed) > 1:  # (Mukhin, p. 618) with two books of Mukhin's: no missing work
            titles = "; ".join(w.reference.title for w in listed[:4])
            given, of, ask = ((f"the year {target.year} and no title", f" of {target.year}",
                               "the title") if target.year is not None
                              else ("no title or year", "", "the title or year"))
            self.library.add_problem(
                Severity.WARNING, "citation-ambiguous",
                f"{citation.text} names {target.author} and {given}, and {len(listed)} "
                f"works by {target.author}{of} are listed ({titles}): not linked; give {ask} "
                "to link it", citation.source, citation.text)
            return None
        return self._stub(citation, target)

    def _bare_family_stub(self, author: str) -> list[_Work]:
        """"Amy Knight, p. 220" after a stub for plain "Knight": the same person, unless a
        work of that family names someone (then the surname alone is ambiguous)."""
        people = self._people(author)
        if not people or not people[0][1]:
            return []
        family = [w for w in self.works if w.people and w.people[0][0] == people[0][0]]
        if any(w.people[0][1] for w in family):
            return []
        return [w for w in family if w.reference.stub and not w.title]

    def _stub(self, citation: Citation, target: CitationTarget) -> _Work:
        ref = Reference(type="document", source=citation.source, raw=citation.text, stub=True,
                        origin="citation")
        if target.author:
            ref.names["author"] = parse_citation_author(target.author)
        if target.title:
            ref.fields["title"] = target.title
            ref.short_titles.append(target.title)
        if target.year:
            ref.dates["issued"] = Date(target.year)
        self.library.references.append(ref)
        work = self._work(ref)
        self.works.append(work)
        return work


def _stems(words: list[str]) -> list[str]:
    """Title words without their last two letters, where a Russian word's case ending is
    (берия, берии: бер-), for a cited title in another grammatical case than the listed
    one; short words whole."""
    return [w[: len(w) - 2] if len(w) > 4 else w for w in words]


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _distinct(works: list[_Work]) -> list[_Work]:
    seen: dict[int, _Work] = {}
    for work in works:
        seen.setdefault(id(work.reference), work)
    return list(seen.values())


def link_citations(library: Library, key: KeyFunction | None = None) -> Library:
    """Pipeline step: link every citation target; report works cited but not listed."""
    if not library.citations:
        return library
    linker = Linker(library, key or default_key())
    targets = [(c, t) for c in library.citations for t in c.targets]
    for wanted in (_has_author_and_title, _has_title_only, _has_author_only):
        for citation, target in targets:
            if wanted(target):
                linker.link(citation, target)
    _cite_by_url(library)
    _link_back_references(library, linker)
    _report_missing(library, linker)
    return library


def _cite_by_url(library: Library) -> None:
    """A note that gives a listed work's URL cites that work ("his article ... at <URL>")."""
    by_url = {ref.fields["URL"]: ref for ref in library.references
              if ref.fields.get("URL") and ref.origin == "entry"}
    for note in library.notes:
        cited = {id(t.reference) for c in library.citations if c.note == note.number
                 and c.source.path == note.source.path for t in c.targets}
        for url in note.urls:
            ref = by_url.get(url.url)
            if ref is None or id(ref) in cited:
                continue
            target = CitationTarget(raw=url.url, reference=ref, remarks=["cited by URL"])
            library.citations.append(Citation(url.url, url.source, [target], CitationKind.NOTE,
                                              note.number))
            cited.add(id(ref))
    library.citations.sort(key=lambda c: (c.source.path, c.source.line))


def default_key() -> KeyFunction:
    """The transliteration-aware key when the normalizer is there, else simple folding."""
    try:
        from ..translit.key import match_key
    except ImportError:
        return folding_key
    return match_key


def _has_author_and_title(t: CitationTarget) -> bool:
    return bool(t.author and t.title)


def _has_title_only(t: CitationTarget) -> bool:
    return bool(t.title and not t.author)


def _has_author_only(t: CitationTarget) -> bool:
    return bool(t.author and not t.title and OP_CIT not in t.remarks)


OP_CIT = "op. cit."
IBID = "ibid"
NoteKey = tuple[str, int]  # (path, note number)


def _link_back_references(library: Library, linker: Linker) -> None:
    """Ibid. and op. cit., in reading order: each may point at the one before it."""
    previous_note = _previous_notes(library)
    cited_in: dict[NoteKey, list[Reference]] = {}
    last_by_family: dict[str, Reference] = {}
    last_in_text: dict[str, Reference] = {}  # by file: the work the text cited last
    for citation in library.citations:
        key = (citation.source.path, citation.note) if citation.note is not None else None
        for target in citation.targets:
            if IBID in target.remarks and key is not None:
                _link_ibid(library, linker, citation, target, cited_in, previous_note.get(key))
            elif IBID in target.remarks:  # (Ibid., 221) in the text: the work cited before
                target.reference = last_in_text.get(citation.source.path)
                if target.reference is None:
                    library.add_problem(
                        Severity.WARNING, "ibid-without-antecedent",
                        f"'{citation.text}': no work cited before it in the text was "
                        "recognised, so it is left unlinked", citation.source, citation.text)
                else:
                    _count_stub_citation(linker, citation, target.reference)
            elif OP_CIT in target.remarks and target.reference is None and target.author:
                family = linker.key(parse_citation_author(target.author)[0].family)
                if family in last_by_family:
                    target.reference = last_by_family[family]
                    _count_stub_citation(linker, citation, target.reference)
                else:  # nothing by that author before: an author-only citation
                    linker.link(citation, target)
            if target.reference is None:
                continue
            if key is not None:
                cited_in.setdefault(key, []).append(target.reference)
            else:
                last_in_text[citation.source.path] = target.reference
            for person in target.reference.names.get("author", []) or target.reference.names.get(
                    "editor", []):
                last_by_family[linker.key(person.family)] = target.reference


def _link_ibid(library: Library, linker: Linker, citation: Citation, target: CitationTarget,
               cited_in: dict[NoteKey, list[Reference]], previous: NoteKey | None) -> None:
    assert citation.note is not None
    key = (citation.source.path, citation.note)
    if cited_in.get(key):  # "Mukhin, *Ubiystvo* 12; ibid., 14"
        target.reference = cited_in[key][-1]
    else:
        works = _distinct_references(cited_in.get(previous, []) if previous else [])
        if len(works) == 1:
            target.reference = works[0]
        elif not works:
            where = f"note {previous[1]}" if previous else "no note before it"
            library.add_problem(
                Severity.WARNING, "ibid-without-antecedent",
                f"'{citation.text}' in note {citation.note}: {where} cites no work that was "
                "recognised, so it is left unlinked", citation.source, citation.text)
        else:
            assert previous is not None
            library.add_problem(
                Severity.WARNING, "ibid-ambiguous",
                f"'{citation.text}' in note {citation.note}: note {previous[1]} cites "
                f"{len(works)} works, so it is left unlinked", citation.source, citation.text)
    if target.reference is not None:
        _count_stub_citation(linker, citation, target.reference)


def _previous_notes(library: Library) -> dict[NoteKey, NoteKey]:
    previous: dict[NoteKey, NoteKey] = {}
    last: dict[str, int] = {}
    for note in library.notes:
        path = note.source.path
        if path in last:
            previous[(path, note.number)] = (path, last[path])
        last[path] = note.number
    return previous


def _distinct_references(refs: list[Reference]) -> list[Reference]:
    return list({id(ref): ref for ref in refs}.values())


def _count_stub_citation(linker: Linker, citation: Citation, ref: Reference) -> None:
    if ref.stub:
        linker.stub_citations.setdefault(id(ref), []).append(citation)


def _report_missing(library: Library, linker: Linker) -> None:
    for ref in library.references:
        if not ref.stub:
            continue
        cited = linker.stub_citations.get(id(ref), [])
        who = ", ".join(n.display for n in ref.authors) or "unknown author"
        what = f"{who}, {ref.title}" if ref.title else who
        library.add_problem(
            Severity.WARNING, "missing-work",
            f"cited {len(cited)} time(s) but not in the bibliography: {what}"
            f"{_why_not_listed(library, ref)}; written out as a stub reference",
            ref.source, ref.raw)


def _why_not_listed(library: Library, stub: Reference) -> str:
    """When the bibliography has a work by the same author, say why it was not taken."""
    family = stub.authors[0].family if stub.authors else ""
    listed = [r for r in library.references if not r.stub and r.authors
              and r.authors[0].family == family] if family else []
    if not listed:
        return ""
    titles = "; ".join(f"“{r.title}” ({r.type}{f', {r.year}' if r.year else ''})"
                       for r in listed[:3])
    if not stub.title and stub.year and all(r.year and r.year != stub.year for r in listed):
        reason = f"it is of another year than {stub.year}"  # (Medvedev 1999): a 2001 book
    elif not stub.title and all(r.type not in PAGED_TYPES for r in listed):
        reason = "a cited page needs a paged work"
    else:
        reason = "it has another title"
    return f" (the bibliography's work by {family}, {titles}, is not it: {reason})"
