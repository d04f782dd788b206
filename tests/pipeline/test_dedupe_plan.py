"""Merges planned from facts alone (``plan_merges``) are the merges made one reference at a
time: the oracle below is the loop deduplicate ran before planning was split out of it."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translitbib.model import Date, Library, Name, Reference, SourceSpan
from translitbib.parse.dedupe import WorkFacts, deduplicate, merge_into, plan_merges, url_key

WORK = st.tuples(
    st.sampled_from([None, ("mukhin", "ubiistvo"), ("beriia", "syn"), ("", "zagovor")]),
    st.sampled_from([None, 2001, 2002, "literal"]),  # the issued date: none, a year, a literal
    st.booleans(),  # a stub
    st.sampled_from(["entry", "entry", "note", "citation"]),
)


def _reference(index: int, work: tuple) -> Reference:
    _, issued, stub, origin = work
    ref = Reference("book", SourceSpan("in.bib", index + 1), f"raw {index}", stub=stub,
                    origin=origin, fields={"title": f"t{index}", f"only{index}": "x"})
    if issued == "literal":
        ref.dates["issued"] = Date(literal="n.d.")
    elif issued is not None:
        ref.dates["issued"] = Date(issued)
    return ref


def _one_at_a_time(refs: list[Reference], identities: list) -> tuple[list[int], list[str]]:
    """The old loop: (indexes kept, problem messages)."""
    kept: dict = {}
    result, messages = [], []
    for index, (ref, identity) in enumerate(zip(refs, identities, strict=True)):
        same = None
        for other in kept.get(identity, []) if identity else []:
            if ref.year is None or other.year is None or ref.year == other.year:
                same = other
                break
        if same is None:
            result.append(index)
            if identity:
                kept.setdefault(identity, []).append(ref)
            continue
        promoted = same.stub and not ref.stub
        merge_into(same, ref)
        if ref.origin == "entry" and not promoted:
            messages.append(f"the same work as {same.source}; merged into it")
    return result, messages


@settings(max_examples=300, deadline=None)
@given(st.lists(WORK, max_size=12))
def test_planned_merges_are_the_merges_made_one_at_a_time(works: list) -> None:
    identities = [work[0] for work in works]
    old = [_reference(i, w) for i, w in enumerate(works)]
    kept, messages = _one_at_a_time(old, identities)

    new = [_reference(i, w) for i, w in enumerate(works)]
    merges = plan_merges([WorkFacts.of(ref, identity) for ref, identity in zip(new, identities, strict=True)])
    for merge in merges:
        merge_into(new[merge.target], new[merge.duplicate])
    merged_away = {merge.duplicate for merge in merges}
    assert [i for i in range(len(new)) if i not in merged_away] == kept
    assert [m.report for m in merges if m.report] == messages
    assert [dataclasses.asdict(new[i]) for i in kept] == [dataclasses.asdict(old[i]) for i in kept]


def test_deduplicate_reports_each_merge_at_the_duplicate() -> None:
    library = Library(references=[_reference(0, (None, 2001, False, "entry")),
                                  _reference(1, (None, None, False, "entry"))])
    for ref in library.references:
        ref.fields["title"] = "Ubiistvo Stalina"
    deduplicate(library)
    assert len(library.references) == 1 and library.references[0].year == 2001
    [problem] = library.problems
    assert (problem.code, str(problem.source), problem.raw) == ("duplicate-merged", "in.bib:2", "raw 1")


def test_a_work_written_in_cyrillic_is_the_same_work_romanized() -> None:
    """Two catalogues' records of one book, one in Cyrillic, one romanized: one work."""
    library = Library(references=[_reference(0, (None, 2003, False, "entry")),
                                  _reference(1, (None, 2003, False, "entry"))])
    first, second = library.references
    first.fields["title"] = "Ubiystvo Stalina i Berii"
    first.names["author"] = [Name(family="Mukhin", given="Iurii")]
    second.fields["title"] = "Убийство Сталина и Берии"
    second.names["author"] = [Name(family="Мухин", given="Юрий")]
    deduplicate(library)
    assert library.references == [first]
    assert [(p.code, str(p.source)) for p in library.problems] == [("duplicate-merged",
                                                                    "in.bib:2")]


@pytest.mark.parametrize("given", ["Iu. I.", "Yu. I.", "Ju. I."])
def test_initials_in_cyrillic_and_romanized_are_one_given_name(given: str) -> None:
    """Mukhin, Iu. I. (ALA-LC) and Мухин, Ю. И. of one book were two works: the initial Iu
    was keyed as the word ию, so the given names seemed to differ (и against ю)."""
    library = Library(references=[_reference(i, (None, 2002, False, "entry")) for i in range(3)])
    first, second, third = library.references
    first.fields["title"] = second.fields["title"] = "Ubiistvo Stalina i Berii"
    first.names["author"] = [Name(family="Mukhin", given=given)]
    second.names["author"] = [Name(family="Мухин", given="Ю. И.")]
    third.fields["title"] = "Убийство Сталина и Берии"
    third.names["author"] = [Name(family="Mukhin", given="Iurii")]
    deduplicate(library)
    assert library.references == [first]


def test_a_ukrainian_work_in_cyrillic_is_the_same_work_romanized() -> None:
    """Грушевський has no Ukrainian letter of its own: the title's і, ї say how to read it
    (и is y: Rusy, not Rusi), and the romanized record has the same key."""
    library = Library(references=[_reference(i, (None, 1991, False, "entry"))
                                  for i in range(3)])
    cyrillic, romanized, russian = library.references
    cyrillic.fields["title"] = "Історія України-Руси"
    cyrillic.names["author"] = [Name(family="Грушевський", given="Михайло")]
    romanized.fields["title"] = "Istoriia Ukrainy-Rusy"
    romanized.names["author"] = [Name(family="Hrushevs'kyi", given="Mykhailo")]
    russian.fields["title"] = "История Украины-Руси"  # the Russian title is another book
    russian.names["author"] = [Name(family="Грушевский", given="Михаил")]
    deduplicate(library)
    assert library.references == [cyrillic, russian]


def test_one_page_cited_with_and_without_its_author_is_one_work() -> None:
    """A note's '"Katynskaia tragediia," Rosarkhiv, April 28, 2010, URL' (the site as a
    periodical) and the list's 'Rosarkhiv. "Katynskaia tragediia." URL' (the site as the
    author) were two works; another page, or another title at the page, stays apart."""
    url = "http://www.rusarchives.ru/publication/katyn/spisok.shtml"
    library = Library(references=[_reference(i, (None, 2010, False, "entry")) for i in range(4)])
    listed, noted, other_page, other_title = library.references
    listed.names["author"] = [Name(literal="Rosarkhiv")]
    for ref in library.references:
        ref.fields.update({"title": "Katynskaia tragediia: dokumenty", "URL": url})
    noted.fields.update({"container-title": "Rosarkhiv", "URL": url.replace("http://www.",
                                                                             "https://")})
    other_page.fields["URL"] = url.replace("katyn", "ezhov")
    other_title.fields["title"] = "Katynskaia tragediia: issledovaniia"
    deduplicate(library)
    assert library.references == [listed, other_page, other_title]
    assert listed.fields["container-title"] == "Rosarkhiv"


def _entries(*fields: dict[str, str], origin: str = "entry") -> Library:
    library = Library(references=[_reference(i, (None, 1989, False, origin))
                                  for i in range(len(fields))])
    for ref, extra in zip(library.references, fields, strict=True):
        ref.fields.update({"title": "Let History Judge", **extra})
        ref.names["author"] = [Name(family="Medvedev", given="Roy")]
    return library


@pytest.mark.parametrize("one,other", [
    ({"volume": "1"}, {"volume": "2"}),
    ({"volume": "63", "issue": "5"}, {"volume": "63", "issue": "6"}),
    ({"page": "3-27"}, {"page": "28–49"}),
])
def test_parts_of_a_work_are_not_merged(one: dict[str, str], other: dict[str, str]) -> None:
    """Volume 2, or the next issue's instalment of an article, is another work: merging
    them lost the second's volume, issue and pages."""
    library = _entries(one, other)
    deduplicate(library)
    assert [ref.fields for ref in library.references] == [
        {"title": "Let History Judge", "only0": "x", **one},
        {"title": "Let History Judge", "only1": "x", **other}]
    assert library.problems == []


def test_parts_that_do_not_disagree_merge_and_fill_in() -> None:
    library = _entries({"volume": "2"}, {"volume": "2", "page": "3--27"},
                       {"volume": "2", "page": "3–27"}, {"volume": "1"})
    deduplicate(library)
    first, volume_one = library.references
    assert (first.fields["volume"], first.fields["page"]) == ("2", "3--27")
    assert volume_one.fields["volume"] == "1"
    assert [str(p.source) for p in library.problems] == ["in.bib:2", "in.bib:3"]


def test_a_whole_work_and_one_of_its_volumes_are_two_entries() -> None:
    """Kotkin's Stalin without a volume and its volume 2 became one entry, volume 2."""
    library = _entries({}, {"volume": "2"})
    deduplicate(library)
    assert [ref.fields.get("volume") for ref in library.references] == [None, "2"]


@pytest.mark.parametrize("change", [
    lambda ref: ref.names.update(author=[Name(family="Medvedev", given="Zhores")]),
    lambda ref: ref.fields.update({"container-title": "Izvestiia"}),
    lambda ref: ref.dates.update(issued=Date(1989, 6, 26)),
    lambda ref: setattr(ref, "type", "article-journal"),
])
def test_works_that_differ_beyond_author_and_title_are_not_merged(change) -> None:
    """Roy's book stood for Zhores's, Izvestiia's article vanished into Pravda's, the second
    of two protocols into the first, a review into the book it reviews."""
    library = _entries({}, {})
    first, second = library.references
    first.type, second.type = "book", "book"
    first.fields["container-title"] = second.fields["container-title"] = "Pravda"
    first.dates["issued"] = second.dates["issued"] = Date(1989, 3, 5)
    change(second)
    deduplicate(library)
    assert len(library.references) == 2


def test_spellings_of_one_given_name_and_a_finer_date_still_merge() -> None:
    library = _entries({"note": "First.", "keyword": "postwar"},
                       {"note": "For ch. 2.", "keyword": "postwar, Stalinism"})
    first, second = library.references
    first.names["author"] = [Name(family="Medvedev", given="Iurii")]
    second.names["author"] = [Name(family="Medvedev", given="Yu.")]
    first.dates["issued"], second.dates["issued"] = Date(1989), Date(1989, 5)
    deduplicate(library)
    [merged] = library.references
    assert merged.dates["issued"] == Date(1989, 5)
    assert merged.fields["note"] == "First.\nFor ch. 2."
    assert merged.fields["keyword"] == "postwar, Stalinism"


def test_pages_of_references_from_notes_are_places_cited() -> None:
    library = _entries({"page": "618-23"}, {"page": "178"}, origin="note")
    deduplicate(library)
    assert len(library.references) == 1


def test_a_merged_entry_keeps_its_key_as_an_alias_the_bib_writes_as_ids() -> None:
    """\\cite{mukhin2003cyr} kept working only if the merged entry's key stays citable."""
    from translitbib.readers.bibtex import read_bibtex
    from translitbib.writers.bibtex import format_bibtex
    from translitbib.writers.keys import assign_keys

    library = read_bibtex(
        "@book{mukhin2003, author = {Mukhin, Iurii}, title = {Ubiystvo Stalina}}\n"
        "@book{mukhin2003cyr, author = {Мухин, Юрий}, title = {Убийство Сталина}}\n"
        "@book{again, ids = {old, Mukhin2003, other}, author = {Mukhin, Yu.},"
        " title = {Ubiistvo Stalina}}\n"
        "@book{other, title = {Another work}}\n", "in.bib")
    assign_keys(deduplicate(library))
    first, other = library.references
    assert other.aliases == []
    # the keys of both merged entries and what they were known by, less the keys taken
    assert first.aliases == ["mukhin2003cyr", "again", "old"]
    assert "  ids = {mukhin2003cyr, again, old}," in format_bibtex(library, "biblatex")
    assert "ids =" not in format_bibtex(library, "bibtex")
    assert read_bibtex(format_bibtex(library, "biblatex"), "out.bib").references[0].aliases \
        == first.aliases


def test_the_same_pages_written_otherwise_are_the_same_part() -> None:
    library = _entries({"page": "618-23", "issue": "No. 5"}, {"page": "618--623", "issue": "5"},
                       {"page": "pp. 618–623"})
    deduplicate(library)
    assert len(library.references) == 1


def test_works_by_two_institutions_are_two_works() -> None:
    """An institution's name is a literal: both first authors keyed as "" made one work."""
    library = _entries({}, {})
    library.references[0].names["author"] = [Name(literal="Rossiiskaia akademiia nauk")]
    library.references[1].names["author"] = [Name(literal="Institute of Russian History")]
    deduplicate(library)
    assert len(library.references) == 2


def test_a_translation_after_the_title_does_not_keep_one_work_apart() -> None:
    """Сенявская's book and its romanized entry with "[The psychology of war...]" after the
    title stayed two works, and both citations of it were ambiguous."""
    library = _entries({}, {})
    first, second = library.references
    first.fields["title"] = "Psikhologiia voiny v XX veke"
    second.fields["title"] = "Psikhologiia voiny v XX veke [The psychology of war]"
    deduplicate(library)
    assert len(library.references) == 1


def test_a_container_title_its_subtitle_does_not_keep_one_chapter_apart() -> None:
    """A note's chapter in *Istoriia stalinskogo Gulaga* stayed apart from the listed
    chapter in the same book, named with its subtitle."""
    library = _entries({"container-title": "Istoriia stalinskogo Gulaga"},
                       {"container-title": "Istoriia stalinskogo Gulaga: Konets 1920-kh"})
    deduplicate(library)
    assert len(library.references) == 1
    apart = _entries({"container-title": "Pravda"}, {"container-title": "Izvestiia"})
    deduplicate(apart)
    assert len(apart.references) == 2


def test_a_page_merge_takes_the_author_and_the_url_it_learns() -> None:
    """Three records of one title at one URL: no author, Rosarkhiv, Memorial. The first two
    are one page; Memorial's is another's (it chained into the first).  A record with the
    URL found after one without it still finds the merged work at that URL."""
    url = "http://www.rusarchives.ru/publication/katyn/spisok.shtml"

    def facts(author: str, with_url: bool, line: int) -> WorkFacts:
        return WorkFacts((author, "katynskaia"), 2010, True, False, "entry",
                         SourceSpan("in.bib", line), url=url_key(url) if with_url else "")

    chain = [facts("", True, 1), facts("rosarkhiv", True, 2), facts("memorial", True, 3)]
    assert [(m.duplicate, m.target) for m in plan_merges(chain)] == [(1, 0)]
    late = [facts("rosarkhiv", False, 1), facts("rosarkhiv", True, 2), facts("", True, 3)]
    assert [(m.duplicate, m.target) for m in plan_merges(late)] == [(1, 0), (2, 0)]
