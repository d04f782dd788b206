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


def _author_date_essay(citations: str) -> Library:
    from translitbib.pipeline import ConvertOptions, default_steps
    from translitbib.readers.essay import read_essay

    text = (f"Claims {citations}.\n\nReferences\n\n"
            "Filtzer, Donald. 2002a. Soviet Workers and Late Stalinism. Cambridge: Cambridge "
            "University Press.\n\n"
            "Filtzer, Donald. 2002b. \"Standard of Living versus Quality of Life.\" In Late "
            "Stalinist Russia, edited by Juliane Furst, 81-102. London: Routledge.\n\n"
            "Medvedev, Roy. 2001. Neizvestnyi Stalin. Moscow: Prava cheloveka.\n\n"
            "Pravda. 1952. \"Ekonomicheskie problemy sotsializma v SSSR.\" 3 October.\n")
    library = read_essay(text, "essay.txt")
    for step in default_steps(ConvertOptions(normalize=False)):
        library = step(library)
    return library


def test_author_date_letters_pick_the_authors_works_of_that_year_in_list_order() -> None:
    """(Filtzer 2002b, 21) was linked to 2002a: both entries were unparsed."""
    library = _author_date_essay("(Filtzer 2002b, 21; Filtzer 2002a, 88; Pravda 1952)")
    linked = [t.reference.title for c in library.citations for t in c.targets]
    assert linked == ["Standard of Living versus Quality of Life",
                      "Soviet Workers and Late Stalinism",
                      "Ekonomicheskie problemy sotsializma v SSSR"]


def test_a_year_no_listed_work_of_the_author_has_is_a_missing_work() -> None:
    """(Medvedev 1999) was linked to his 2001 book, the only one listed."""
    library = _author_date_essay("(Medvedev 1999, 60)")
    [target] = library.citations[0].targets
    assert target.reference.stub and target.reference.year == 1999
    [missing] = [p for p in library.problems if p.code == "missing-work"]
    assert "“Neizvestnyi Stalin” (book, 2001), is not it: it is of another year than 1999" \
        in missing.message


def test_a_cited_title_in_another_grammatical_case_is_the_listed_work() -> None:
    """(Mukhin, *Ubiistvo Stalina i Beriia* 14) for the listed *... i Berii* became a
    missing work."""
    from translitbib.pipeline import ConvertOptions, default_steps
    from translitbib.readers.essay import read_essay

    text = ("Claims (Mukhin, *Ubiistvo Stalina i Beriia* 14; Mukhin, *Ubiistvo Stalina i "
            "Berii* 15).\n\nBibliography\n\nMukhin, Iu. I. Ubiistvo Stalina i Berii. Moscow: "
            "Krymskii most-9D, 2002.\n")
    library = read_essay(text, "essay.txt")
    for step in default_steps(ConvertOptions(normalize=False)):
        library = step(library)
    [listed] = library.references
    assert [t.reference for c in library.citations for t in c.targets] == [listed, listed]


def test_an_author_date_citation_of_two_works_of_that_year_says_so() -> None:
    library = _author_date_essay("(Filtzer 2002, 21)")
    [ambiguous] = [p for p in library.problems if p.code == "citation-ambiguous"]
    assert "names Filtzer and the year 2002 and no title, and 2 works by Filtzer of 2002" \
        in ambiguous.message
    assert ambiguous.message.endswith("give the title to link it")
