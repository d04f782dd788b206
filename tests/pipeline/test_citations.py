"""Parenthetical citations are found with their locators and remarks; asides are not."""

from __future__ import annotations

import pytest

from translitbib.parse.citations import find_parenthetical_citations, parse_citation

CITED = [
    ("as he said (Pyzhikov 100).", [("Pyzhikov", None, "100", [])]),
    ("power (Mukhin, *Ubiystvo* 618-23).", [("Mukhin", "Ubiystvo", "618-23", [])]),
    ("it.' (Beria 308-9; Mukhin 178)", [("Beria", None, "308-9", []), ("Mukhin", None, "178", [])]),
    ("him.* (Zhukov, Kul'tovaia; emphasis added)",
     [("Zhukov", "Kul'tovaia", None, ["emphasis added"])]),
    ("insist. (Simonov, 244-5) Faced", [("Simonov", None, "244-5", [])]),
    ("reach? (*Ubiystvo* 363-4)", [(None, "Ubiystvo", "363-4", [])]),
    ("Understand? (Alikhanov)", [("Alikhanov", None, None, [])]),
    ("Union. (Bivens & Bernstein; O'Meara; Williamson)",
     [("Bivens & Bernstein", None, None, []), ("O'Meara", None, None, []),
      ("Williamson", None, None, [])]),
    ("them! (Mukhin, 179)", [("Mukhin", None, "179", [])]),
    # a typographic apostrophe, as a word processor or a web page writes it
    ("rule (O’Meara 45; d’Encausse 12)", [("O’Meara", None, "45", []),
                                         ("d’Encausse", None, "12", [])]),
    ("peace ... (Beria, Speech).", [("Beria", "Speech", None, [])]),
    ("talk. (Sergo Beria, *Moy Otets Lavrentii Beria*)",
     [("Sergo Beria", "Moy Otets Lavrentii Beria", None, [])]),
    ("Party (Mukhin, Ubiystvo 622; Ch. 13 *passim*).",
     [("Mukhin", "Ubiystvo", "622; Ch. 13 passim", [])]),
    ("at an end (Mukhin, *Ubiystvo*, 604 & Ch. 13 passim].",
     [("Mukhin", "Ubiystvo", "604 & Ch. 13 passim", [])]),
    # each of these was dropped as an aside
    ("claim (see Mukhin 2002, 618).", [("Mukhin", None, "618", ["see"])]),
    ("claim (cf. Knight 220).", [("Knight", None, "220", ["cf."])]),
    ("claim (quoted in Knight 220).", [("Knight", None, "220", ["quoted in"])]),
    ("claim (Knight 1993: 220).", [("Knight", None, "220", [])]),
    ("claim (Knight, 220n4).", [("Knight", None, "220n4", [])]),
    ("claim (Mukhin 618 n. 3).", [("Mukhin", None, "618 n. 3", [])]),
    ("claim (Mukhin, *Ubiystvo*, vol. 2, 45).", [("Mukhin", "Ubiystvo", "vol. 2, 45", [])]),
    ("власть (Мухин, *Убийство* 618-23).", [("Мухин", "Убийство", "618-23", [])]),
    # each of these was dropped whole: "f.", "ff.", a bare "passim", a volume's page, "с."
    ("claim (Applebaum 98f.).", [("Applebaum", None, "98f.", [])]),
    ("claim (Shearer 2009, 285ff.; cf. Hagenloh 2009, passim).",
     [("Shearer", None, "285ff.", []), ("Hagenloh", None, "passim", ["cf."])]),
    ("claim (Danilov et al. 2001, 3:211).", [("Danilov et al.", None, "3:211", [])]),
    ("так (Папков 2012, с. 45).", [("Папков", None, "45", [])]),
    ("так (Юнге и др. 2008, с. 15 сл.).", [("Юнге и др.", None, "15 сл.", [])]),
    ("так (Хаустов, Самуэльсон 2009, с. 122-125).",
     [("Хаустов, Самуэльсон", None, "122-125", [])]),
    # an article's quoted title, the comma inside the quotes or not
    ('class. (Fitzpatrick, "Ascribing Class," 750)', [("Fitzpatrick", "Ascribing Class", "750", [])]),
    ("it (Khlevniuk, “Stalin i Molotov” 30; Шаповал, \"Людина і система\")",
     [("Khlevniuk", "Stalin i Molotov", "30", []), ("Шаповал", "Людина і система", None, [])]),
]
ASIDES = [
    "simply as Chairman of the Council of Ministers (the renamed Council of Peoples' Commissars),",
    "remaining only as Head of State (Chairman of the Council of Ministers).",
    "Rakosi (Hungarian Communist leader) said",
    "not wellknown Party leaders (i.e. not First Secretaries).",
    "the General Secretary of the Party (Stalin); one or two more",
    "All-Union Communist Party (Bolshevik) to",
    "Stalin and the Struggle for Democratic Reform (Part Two)",
    "for information (in Russian) about",
    "the Politburo TsK VKP(b) i Sovet",
    "special judicial bodies (*troikas* and the NKVD \"Special Commissions\") during",
    "as shown (see above) in",
    '"Ascribing Class," Russian Review 60, no. 3 (Summer 2001): 316-39.',
    "a page footer: Kritika 8, no. 1 (Winter 2007).",
    "the decree (March 1953) said",
]


@pytest.mark.parametrize(("text", "expected"), CITED, ids=[c[0] for c in CITED])
def test_citations_are_found(text: str, expected: list[tuple]) -> None:
    [found] = find_parenthetical_citations(text)
    got = [(t.author, t.title, t.locator, t.remarks) for t in found.targets]
    assert got == expected
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize("text", ASIDES)
def test_asides_are_not_citations(text: str) -> None:
    assert find_parenthetical_citations(text) == []


def test_locator_after_a_name_takes_the_name_as_author() -> None:
    [found] = find_parenthetical_citations("researchers, like Andrei Sukhomlinov (pp. 61-2), find")
    [target] = found.targets
    assert (target.author, target.locator, target.author_inferred) == ("Andrei Sukhomlinov", "61-2", True)


def test_author_date_citation_keeps_the_year() -> None:
    [found] = find_parenthetical_citations('verified (Khinshtein 2003). However')
    assert found.targets[0].year == 2003 and found.targets[0].locator is None


def test_bare_name_mid_sentence_counts_only_for_known_authors() -> None:
    text = "as Zhukov argued in detail (Zhukov)."
    assert find_parenthetical_citations(text) == []
    assert len(find_parenthetical_citations(text, frozenset({"zhukov"}))) == 1


def test_narrative_citations_take_the_authors_named_before_the_year() -> None:
    """"Getty and Naumov (1999)" and "Filtzer (2002a, 88)" were never read as citations."""
    known = frozenset({"getty", "naumov", "filtzer", "lih", "khlevniuk"})
    text = ("Getty and Naumov (1999) argue so. Filtzer (2002a, 88) stresses labour, and Lih, "
            "Naumov, and Khlevniuk (1995, 33) print the letters. The Soviet Union (1999) and "
            "Moscow (2002) cite nothing.")
    found = [(t.author, t.year, t.year_suffix, t.locator)
             for c in find_parenthetical_citations(text, known) for t in c.targets]
    assert found == [("Getty and Naumov", 1999, "", None), ("Filtzer", 2002, "a", "88"),
                     ("Lih, Naumov, and Khlevniuk", 1995, "", "33")]


def test_three_authors_before_the_year() -> None:
    """(Lih, Naumov, and Khlevniuk 1995, 33) was no citation at all."""
    [target] = parse_citation("Lih, Naumov, and Khlevniuk 1995, 33")
    assert (target.author, target.year, target.locator) == ("Lih, Naumov, and Khlevniuk", 1995,
                                                             "33")


@pytest.mark.parametrize("content,expected", [
    ('"Podlye shpiony" 1', (None, "Podlye shpiony", None, "1")),
    ("Pravda, 12 March 1953", ("Pravda", None, 1953, None)),
    ("Pravda, March 12, 1953, 2", ("Pravda", None, 1953, "2")),
])
def test_unsigned_articles_are_cited_by_title_or_by_paper_and_day(content: str,
                                                                   expected: tuple) -> None:
    """("Podlye shpiony" 1) and (Pravda, 12 March 1953) were no citations."""
    [target] = parse_citation(content)
    assert (target.author, target.title, target.year, target.locator) == expected


def test_a_plain_english_short_title_cites_a_listed_work_of_its_author() -> None:
    """(Thurston, Life and Terror, 12) was an aside: a plain English title with "and"; it cites
    when a work the essay lists by Thurston begins with those words, and only then."""
    known = {"thurston": ["life and terror in stalin's russia, 1934-1941"]}
    text = "it was so (Thurston, Life and Terror, 12). Not (Thurston, Life in the Army, 3)."
    [found] = find_parenthetical_citations(text, frozenset(known), known)
    [target] = found.targets
    assert (target.author, target.title, target.locator) == ("Thurston", "Life and Terror", "12")
    assert find_parenthetical_citations(text) == []
    assert parse_citation("Getty, Life and Terror, 12", known) == []  # another author's
