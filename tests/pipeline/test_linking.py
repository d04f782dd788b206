"""Citations link to references by author and short title, forgiving spelling variants."""

from __future__ import annotations

from translitbib.model import Citation, CitationTarget, Library, Reference, SourceSpan
from translitbib.parse.dedupe import deduplicate
from translitbib.parse.folding import folding_key
from translitbib.parse.linking import link_citations
from translitbib.parse.names import parse_name_inverted

HERE = SourceSpan("essay.txt", 1)


def book(author: str, title: str, year: int | None = None) -> Reference:
    ref = Reference(type="book", source=HERE, raw=f"{author}. {title}.")
    ref.names["author"] = [parse_name_inverted(author)]
    ref.fields["title"] = title
    if year:
        from translitbib.model import Date

        ref.dates["issued"] = Date(year)
    return ref


def cite(text: str, **target: object) -> Citation:
    return Citation(text, SourceSpan("essay.txt", 9), [CitationTarget(raw=text, **target)])


def test_folding_key_forgives_common_variants() -> None:
    assert folding_key("Ubiystvo") == folding_key("Ubyistvo") == folding_key("*Ubiystvo*")
    assert folding_key("Beria") == folding_key("Beriia")
    assert folding_key("Mikoyan") == folding_key("Mikoian")
    assert folding_key("Kul'tovaia") == folding_key("Kultovaia")


def test_short_title_links_to_the_listed_work() -> None:
    listed = book("Mukhin, Iurii", "Ubiistvo Stalina i Beriia", 2002)
    lib = Library(references=[listed], citations=[
        cite("(Mukhin, *Ubiystvo* 618-23)", author="Mukhin", title="Ubiystvo", locator="618-23"),
        cite("(Mukhin, Ubyistvo 611)", author="Mukhin", title="Ubyistvo", locator="611"),
        cite("(Mukhin 178)", author="Mukhin", locator="178"),
    ])
    link_citations(lib, folding_key)
    assert [t.reference for c in lib.citations for t in c.targets] == [listed] * 3
    assert not any(r.stub for r in lib.references)


def test_missing_work_is_one_stub_however_spelled() -> None:
    lib = Library(citations=[
        cite("(Mukhin, *Ubiystvo* 618-23)", author="Mukhin", title="Ubiystvo", locator="618-23"),
        cite("(Mukhin, Ubyistvo 611)", author="Mukhin", title="Ubyistvo", locator="611"),
        cite("(*Ubiystvo* 380)", title="Ubiystvo", locator="380"),
    ])
    link_citations(lib, folding_key)
    [stub] = lib.references
    assert stub.stub and stub.title == "Ubiystvo" and stub.authors[0].family == "Mukhin"
    assert all(t.reference is stub for c in lib.citations for t in c.targets)
    assert lib.citations[2].targets[0].author_inferred
    assert [p.code for p in lib.problems] == ["missing-work"]


def test_title_only_does_not_match_a_title_that_merely_contains_it() -> None:
    other = book("Prudnikova, Elena", "Stalin. Vtoroe Ubiystvo", 2003)
    lib = Library(references=[other], citations=[cite("(*Ubiystvo* 380)", title="Ubiystvo")])
    link_citations(lib, folding_key)
    assert lib.citations[0].targets[0].reference is not other


def test_two_people_with_one_family_name_stay_apart() -> None:
    lib = Library(citations=[
        cite("(Sergo Beria, *Moy Otets*)", author="Sergo Beria", title="Moy Otets"),
        cite("(Beria 91)", author="Beria", locator="91"),
    ])
    link_citations(lib, folding_key)
    sergo, lavrentii = (c.targets[0].reference for c in lib.citations)
    assert sergo is not lavrentii and lavrentii.title == ""


def test_duplicate_entries_are_merged_and_reported() -> None:
    first = book("Service, Robert", "Stalin. A Biography", 2004)
    second = book("Service, Robert", "Stalin: A Biography", 2004)
    second.fields["publisher"] = "Belknap Press"
    lib = Library(references=[first, second],
                  citations=[cite("(Service 12)", author="Service", locator="12")])
    link_citations(deduplicate(lib, folding_key), folding_key)
    assert lib.references == [first]
    assert first.fields["publisher"] == "Belknap Press"
    assert [p.code for p in lib.problems] == ["duplicate-merged"]


def test_short_form_after_a_full_name_stub_is_the_same_stub() -> None:
    lib = Library(citations=[
        cite("Amy Knight, *Beria*", author="Amy Knight", title="Beria"),
        cite("Knight, *Beria*, 221", author="Knight", title="Beria", locator="221"),
    ])
    link_citations(lib, folding_key)
    [stub] = lib.references
    assert all(c.targets[0].reference is stub for c in lib.citations)
    assert [p.code for p in lib.problems] == ["missing-work"]


def test_full_name_after_a_surname_only_stub_is_the_same_person() -> None:
    lib = Library(citations=[
        cite("Knight", author="Knight"),
        cite("Amy Knight, p. 220", author="Amy Knight", locator="220"),
    ])
    link_citations(lib, folding_key)
    [stub] = lib.references
    assert all(c.targets[0].reference is stub for c in lib.citations)


def test_a_surname_shared_by_two_named_people_stays_ambiguous() -> None:
    lib = Library(citations=[
        cite("(Sergo Beria, *Moy Otets*)", author="Sergo Beria", title="Moy Otets"),
        cite("(Beria 91)", author="Beria", locator="91"),
        cite("(Lavrentii Beria 12)", author="Lavrentii Beria", locator="12"),
    ])
    link_citations(lib, folding_key)
    sergo, bare, lavrentii = (c.targets[0].reference for c in lib.citations)
    assert len({id(sergo), id(bare), id(lavrentii)}) == 3


def test_op_cit_without_an_earlier_work_is_an_author_citation() -> None:
    lib = Library(citations=[cite("Medvedev, op. cit.", author="Medvedev", remarks=["op. cit."])])
    link_citations(lib, folding_key)
    [stub] = lib.references
    assert lib.citations[0].targets[0].reference is stub and stub.authors[0].family == "Medvedev"
