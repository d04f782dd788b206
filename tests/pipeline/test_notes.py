"""Works cited inside notes: full Chicago note references, short forms and Ibid."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from translitbib.model import OTHERS, Note, SourceSpan
from translitbib.parse.note_prose import find_prose_citations
from translitbib.parse.notes import parse_note
from translitbib.pipeline import ConvertOptions, run
from translitbib.readers import read_path
from translitbib.readers.essay_clean import Block

NOTES = """The text says so.<u>1</u> And more.<u>2</u> Again.<u>3</u> Then.<u>4</u> Last.<u>5</u>

Notes

1 Roy Medvedev, *Let History Judge* (New York: Knopf, 1971), 150-151.
2 Ibid., 507.
3 Iurii Mukhin, Ubiistvo Stalina i Beriia, Moscow, 2002, 178.
4 David Brandenberger, "Stalin, the Leningrad Affair, and the Limits of Postwar Russocentrism," *Russian Review* 63 (2004), 241-255.
5 Mukhin, *Ubiistvo* 617; see also "Bitter Truth," *Pravda* March 5 1953, at <http://pravda.ru/a_b%20c>.
"""


@pytest.fixture
def library(tmp_path: Path):
    essay = tmp_path / "notes.txt"
    essay.write_text(NOTES, encoding="utf-8")
    return run([essay], ConvertOptions(normalize=False))


def test_full_note_references_become_references(library) -> None:
    made = {r.title: r for r in library.references if r.origin == "note"}
    book = made["Let History Judge"]
    assert (book.type, book.fields["publisher-place"], book.fields["publisher"], book.year) == (
        "book", "New York", "Knopf", 1971)
    assert book.authors[0].family == "Medvedev" and book.source.line == 5
    plain = made["Ubiistvo Stalina i Beriia"]
    assert (plain.fields["publisher-place"], plain.year) == ("Moscow", 2002)
    article = made["Stalin, the Leningrad Affair, and the Limits of Postwar Russocentrism"]
    assert (article.type, article.fields["container-title"], article.fields["volume"],
            article.fields["page"]) == ("article-journal", "Russian Review", "63", "241-255")
    paper = made["Bitter Truth"]
    assert paper.type == "article-newspaper" and paper.fields["URL"] == "http://pravda.ru/a_b%20c"


def test_ibid_and_short_forms_point_to_the_works(library) -> None:
    by_note = {}
    for citation in library.citations:
        by_note.setdefault(citation.note, []).append(citation.targets[0])
    assert by_note[2][0].reference is by_note[1][0].reference
    assert by_note[2][0].locator == "507"
    short = next(t for t in by_note[5] if t.author == "Mukhin")
    assert short.reference is by_note[3][0].reference and short.locator == "617"
    assert not any(r.stub for r in library.references)


def test_every_note_is_called(tmp_path: Path) -> None:
    essay = tmp_path / "notes.txt"
    essay.write_text(NOTES, encoding="utf-8")
    notes = read_path(essay).notes
    assert [(n.number, [c.line for c in n.calls]) for n in notes] == [
        (1, [1]), (2, [1]), (3, [1]), (4, [1]), (5, [1])]


def _run_notes(tmp_path: Path, notes: list[str], bibliography: str = ""):
    calls = " ".join(f"Text.<u>{n}</u>" for n in range(1, len(notes) + 1))
    text = f"{calls}\n\nNotes\n\n" + "\n".join(
        f"{n} {note}" for n, note in enumerate(notes, start=1)) + "\n"
    if bibliography:
        text += f"\nBibliography\n\n{bibliography}\n"
    essay = tmp_path / "notes.txt"
    essay.write_text(text, encoding="utf-8")
    return run([essay], ConvertOptions(normalize=False))


def _by_note(library) -> dict[int, list]:
    by_note: dict[int, list] = {}
    for citation in library.citations:
        by_note.setdefault(citation.note, []).extend(citation.targets)
    return by_note


def _book_facts(ref) -> tuple:
    return (ref.type, [n.display for n in ref.authors], ref.title,
            ref.fields.get("publisher-place"), ref.fields.get("publisher"), ref.year)


FULL_NOTE_REFERENCES = [
    pytest.param("Iurii Zhukov, Inoi Stalin (Moscow: Vagrius, 2003), 45-46.",
                 ("book", ["Iurii Zhukov"], "Inoi Stalin", "Moscow", "Vagrius", 2003), "45-46",
                 id="plain title, place and publisher in parentheses"),
    pytest.param("Iurii Zhukov, *Inoi Stalin* (Moscow: Vagrius, 2003), 45-46.",
                 ("book", ["Iurii Zhukov"], "Inoi Stalin", "Moscow", "Vagrius", 2003), "45-46",
                 id="emphasised title, place and publisher in parentheses"),
    pytest.param("Amy Knight, Beria: Stalin's First Lieutenant, Princeton, 1993, 220.",
                 ("book", ["Amy Knight"], "Beria: Stalin's First Lieutenant", "Princeton", None,
                  1993), "220", id="plain title, place and year after commas"),
    pytest.param("Amy Knight, *Beria: Stalin's First Lieutenant*, Princeton, 1993, 220.",
                 ("book", ["Amy Knight"], "Beria: Stalin's First Lieutenant", "Princeton", None,
                  1993), "220", id="emphasised title, place and year after commas"),
    pytest.param("A. V. Pyzhikov, *Khrushchevskaia ottepel'* (Moscow: Olma-Press, 2002), 100.",
                 ("book", ["A. V. Pyzhikov"], "Khrushchevskaia ottepel'", "Moscow", "Olma-Press",
                  2002), "100", id="initials as the given name"),
    pytest.param("Iu. I. Mukhin, Ubiistvo Stalina i Beriia (Moscow: Krymskii most, 2002), 178.",
                 ("book", ["Iu. I. Mukhin"], "Ubiistvo Stalina i Beriia", "Moscow",
                  "Krymskii most", 2002), "178", id="abbreviated given names, plain title"),
    pytest.param("Roy Medvedev, *Let History Judge*, quotes a number of passages in which Stalin "
                 "does this. See pp. 150, 507, 512 of the 1971 Knopf edition.",
                 ("book", ["Roy Medvedev"], "Let History Judge", None, "Knopf", 1971),
                 "150, 507, 512", id="year, publisher and pages from an edition phrase"),
    pytest.param("Marc Jansen and Nikita Petrov, Stalin's Loyal Executioner (Stanford: Hoover "
                 "Institution Press, 2002), 220n4.",
                 ("book", ["Marc Jansen", "Nikita Petrov"], "Stalin's Loyal Executioner",
                  "Stanford", "Hoover Institution Press", 2002), "220n4",
                 id="a page's note: 220n4 (was 220)"),
]


@pytest.mark.parametrize(("note", "facts", "locator"), FULL_NOTE_REFERENCES)
def test_a_full_note_reference_keeps_author_title_place_publisher_year_and_pages(
        tmp_path: Path, note: str, facts: tuple, locator: str) -> None:
    library = _run_notes(tmp_path, [note])
    [ref] = library.references
    assert ref.origin == "note" and not ref.stub
    assert _book_facts(ref) == facts
    [target] = _by_note(library)[1]
    assert target.reference is ref and target.locator == locator
    assert ref.raw == note.rstrip(".") or ref.raw == note  # nothing of the note is lost


def test_plain_short_form_and_ibid_point_to_the_earlier_full_note(tmp_path: Path) -> None:
    library = _run_notes(tmp_path, [
        "Iurii Zhukov, Inoi Stalin (Moscow: Vagrius, 2003), 45-46.",
        "Zhukov, Inoi Stalin, 50.",
        "Ibid., 46.",
        "Amy Knight, *Beria: Stalin's First Lieutenant*, Princeton, 1993, 220.",
        "Knight, Beria, 221.",
    ])
    by_note = _by_note(library)
    zhukov, knight = by_note[1][0].reference, by_note[4][0].reference
    assert [(t.reference, t.locator) for n in (2, 3) for t in by_note[n]] == [
        (zhukov, "50"), (zhukov, "46")]
    assert [(t.reference, t.locator) for t in by_note[5]] == [(knight, "221")]
    assert not any(r.stub for r in library.references)
    assert not [p for p in library.problems if p.code != "no-bibliography"]
    [none] = [p for p in library.problems if p.code == "no-bibliography"]
    assert "the works the notes give in full are taken from them" in none.message


def test_ibid_without_a_recognised_antecedent_is_a_problem_not_an_older_work(
        tmp_path: Path) -> None:
    library = _run_notes(tmp_path, [
        'David Brandenberger, "Stalin, the Leningrad Affair," *Russian Review* 63 (2004), 241.',
        "The archive was closed until 1991.",
        "Ibid., 46.",
    ])
    [ibid] = _by_note(library)[3]
    assert ibid.reference is None
    [problem] = [p for p in library.problems if p.code == "ibid-without-antecedent"]
    assert problem.source.line == 7 and str(problem.source).endswith("notes.txt:7")
    assert "note 2" in problem.message


def test_ibid_as_the_first_note_is_a_problem(tmp_path: Path) -> None:
    library = _run_notes(tmp_path, ["Ibid., 46."])
    assert _by_note(library)[1][0].reference is None
    assert [p.code for p in library.problems if p.code.startswith("ibid")] == [
        "ibid-without-antecedent"]


def test_ibid_after_a_note_citing_two_works_is_ambiguous(tmp_path: Path) -> None:
    library = _run_notes(tmp_path, [
        "Iurii Zhukov, Inoi Stalin (Moscow: Vagrius, 2003), 45; see also Amy Knight, *Beria*, "
        "Princeton, 1993, 220.",
        "Ibid., 46.",
    ])
    assert _by_note(library)[2][0].reference is None
    assert [p.code for p in library.problems if p.code.startswith("ibid")] == ["ibid-ambiguous"]


def test_ibid_within_one_note_is_the_work_just_before(tmp_path: Path) -> None:
    library = _run_notes(tmp_path, ["Iurii Zhukov, Inoi Stalin (Moscow: Vagrius, 2003), 45; "
                                    "ibid., 48."])
    first, ibid = _by_note(library)[1]
    assert ibid.reference is first.reference and ibid.locator == "48"


def test_op_cit_is_the_last_work_cited_by_that_author(tmp_path: Path) -> None:
    library = _run_notes(tmp_path, [
        "Roy Medvedev, *Let History Judge* (New York: Knopf, 1971), 150.",
        "See Zhores Medvedev, *Sekretnyi* (Moscow: Vremia, 2003), 12.",
        "Medvedev, op. cit., 14.",
    ], bibliography="Knight, Amy. Beria. Princeton: Princeton University Press, 1993.")
    by_note = _by_note(library)
    [op_cit] = by_note[3]
    assert op_cit.reference is by_note[2][0].reference and op_cit.locator == "14"
    assert "op. cit." in op_cit.remarks


# The prose detector: seed 000's notes, and look-alikes that cite nothing.
KNOWN = frozenset({"zhukov", "mukhin", "medvedev", "stalin"})
PROSE_CITED = [
    pytest.param("Full text of the resolution is in Zhukov, Stalin. See also",
                 [("Zhukov", "Stalin", None)], id="cue word, known author, plain title"),
    pytest.param("See also Zhukov's earlier treatment in Tayny 270-276, where the text is",
                 [("Zhukov", "Tayny", "270-276")], id="known author's possessive, title, pages"),
    pytest.param("My analysis mainly follows Mukhin, Ch. 13 and Medvedev, op. cit.",
                 [("Mukhin", None, "Ch. 13"), ("Medvedev", None, None)],
                 id="known author with a chapter; op. cit."),
    pytest.param("Amy Knight, p. 220, reports that Khrushchev himself twice stated",
                 [("Amy Knight", None, "220")], id="given name and surname with a page"),
    pytest.param("Then Mukhin, pp. 61-2, says so.", [("Mukhin", None, "61-2")],
                 id="a sentence's first word is not a given name"),
    pytest.param("This is discussed, see *Ubiystvo* 612.", [(None, "Ubiystvo", "612")],
                 id="cue word, emphasised title, pages"),
    pytest.param("Zhukov, Inoi Stalin, 50.", [("Zhukov", "Inoi Stalin", "50")],
                 id="plain short form with pages"),
    pytest.param("Knight, Beria, 221.", [("Knight", "Beria", "221")],
                 id="plain short form with pages at the note start, surname not yet known"),
]
PROSE_NOT_CITED = [
    pytest.param("According to Zhores Medvedev, Stalin's personal archive was destroyed",
                 id="a known author's name before a clause"),
    pytest.param("Pyzhikov attributes this democratic strain to Leningraders, especially to "
                 "Voznesensky.", id="names and commas in a sentence"),
    pytest.param("His son Sergo Beria, in his own memoirs, states he was told",
                 id="a name in apposition"),
    pytest.param("He had lived in Moscow, Leningrad.", id="cue word before places"),
    pytest.param("It is in Kokurin, Istoriia.", id="cue word, but the surname is not known"),
    pytest.param("Stalin's speech in December 1952 was long.", id="possessive, but a year"),
    pytest.param("Service, Robert. Stalin. A Biography.", id="a bibliography line in a note"),
    pytest.param("Mukhin says that Baybakov, the last living C.C. member from 1953, told him",
                 id="a name, a comma and a year"),
    pytest.param("The text was printed in Zhukov, Stalin and the Party, 1999",
                 id="an English phrase is not a plain title"),
]


def _found(text: str, known: frozenset[str] = KNOWN) -> list[tuple]:
    return [(f.target.author, f.target.title, f.target.locator)
            for f in find_prose_citations(text, [], known)]


@pytest.mark.parametrize(("text", "expected"), PROSE_CITED)
def test_prose_detector_finds(text: str, expected: list[tuple]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", PROSE_NOT_CITED)
def test_prose_detector_ignores(text: str) -> None:
    assert _found(text) == []


def test_prose_detector_marks_chapters_and_op_cit() -> None:
    chapter, op_cit = find_prose_citations("follows Mukhin, Ch. 13 and Medvedev, op. cit.", [],
                                           KNOWN)
    assert chapter.target.label == "chapter" and op_cit.target.remarks == ["op. cit."]


def test_names_listed_before_a_citation_each_cite_a_work() -> None:
    text = ("10 I have drawn on the longer treatments in Kokurin and Pozhalov, Starkov, Knight, "
            "and Mukhin, *Ubiystvo*. All the recent books discuss them.")
    block = Block(text, [0], [256])
    note = Note(10, text, SourceSpan("essay.txt", 256))
    parsed = parse_note(note, block, "essay.txt", KNOWN)
    assert [(c.target.author, c.target.title) for c in parsed.citations] == [
        ("Kokurin and Pozhalov", None), ("Starkov", None), ("Knight", None),
        ("Mukhin", "Ubiystvo")]
    assert {c.line for c in parsed.citations} == {256}


def test_a_list_of_names_needs_a_cue_word() -> None:
    text = "1 Kokurin, Starkov, and Mukhin, *Ubiystvo* all agree."
    parsed = parse_note(Note(1, text, SourceSpan("essay.txt", 1)), Block(text, [0], [1]),
                        "essay.txt", KNOWN)
    assert [c.target.author for c in parsed.citations] == ["Mukhin"]


@pytest.mark.parametrize("heading,calls,notes", [
    ("Notes", ("murky.[1]", "story.[2]"), ("[1] ", "[2] ")),  # bracketed calls and numbers
    ("Notes", ("murky.1", "story.2"), ("   1. ", "   2. ")),  # indented, as a PDF lays them out
    ("Примечания", ("murky.1", "story.2"), ("1 ", "2 ")),  # a Russian heading
])
def test_notes_numbered_and_headed_otherwise(tmp_path: Path, heading: str,
                                             calls: tuple[str, str],
                                             notes: tuple[str, str]) -> None:
    """Each of these lost the whole notes section: no note, no reference, no citation."""
    from translitbib.readers.essay import read_essay

    text = (f"The details are {calls[0]} Khrushchev later changed his {calls[1]}\n\n"
            f"{heading}\n\n"
            f"{notes[0]}Iurii Mukhin, *Ubiystvo Stalina i Beriia* (Moscow: Krymskii Most, "
            "2002), 375.\n\n"
            f"{notes[1]}Amy Knight, *Beria: Stalin's First Lieutenant* (Princeton: Princeton "
            "University Press, 1993), 220.\n")
    library = read_essay(text, "essay.txt")
    assert [n.number for n in library.notes] == [1, 2]
    assert sorted(ref.authors[0].family for ref in library.references) == ["Knight", "Mukhin"]
    assert not [p for p in library.problems if p.code == "note-not-called"]


def test_a_url_after_a_full_note_reference_is_the_works() -> None:
    """Both URLs were lost: the book's stayed in the note only, and the article with a
    Chicago-style ", URL" (or ", accessed ..., URL") was not read as a reference at all."""
    from translitbib.readers.essay import read_essay

    text = ("Arrested.1 Murky.2 Agreed.3\n\nNotes\n\n"
            "1 Iurii Mukhin, *Ubiystvo Stalina i Beriia* (Moscow: Krymskii Most, 2002), 375, "
            "available at <<http://example.org/mukhin.pdf>>.\n\n"
            "2 Sergei Koshliakov, \"Lavrentiia Beria rasstreliali,\" *Vesti Nedeli*, June 29, "
            "2003, http://www.vesti7.ru/archive/news?id=2728.\n\n"
            "3 Nikolai Dobriukha, \"Otsy I otchimy,\" *Argumenty I Fakty*, June 18, 2003, "
            "accessed May 1, 2010, http://www.aif.ru/online/air/1182/10_01.\n")
    library = read_essay(text, "essay.txt")
    urls = {ref.authors[0].family: ref.fields.get("URL") for ref in library.references}
    assert urls == {"Mukhin": "http://example.org/mukhin.pdf",
                    "Koshliakov": "http://www.vesti7.ru/archive/news?id=2728",
                    "Dobriukha": "http://www.aif.ru/online/air/1182/10_01"}


# Review of the notes parser: short forms, two authors, newspapers, archives, edited
# volumes, chapters, plain journals, roman pages, and what no rule reads.
GULAG_BIBLIOGRAPHY = """Barnes, Steven A. Death and Redemption: The Gulag and the Shaping of Soviet Society. Princeton: Princeton University Press, 2011.

Borodkin, Leonid, and Simon Ertz. "Coercion versus Motivation: Forced Labor in Norilsk." In The Economics of Forced Labor: The Soviet Gulag, edited by Paul R. Gregory and Valery Lazarev, 75-104. Stanford: Hoover Institution Press, 2003.

Khlevniuk, Oleg V. The History of the Gulag: From Collectivization to the Great Terror. New Haven: Yale University Press, 2004.

Fitzpatrick, Sheila. "Ascribing Class: The Construction of Social Identity in Soviet Russia." Journal of Modern History 65, no. 4 (1993): 745-70."""


@pytest.mark.parametrize(("note", "family", "locator"), [
    pytest.param("Barnes, Death and Redemption, 45.", "Barnes", "45", id="'and' in the title"),
    pytest.param("Khlevniuk, History of the Gulag, 307.", "Khlevniuk", "307",
                 id="'of the', without the full title's leading The"),
    pytest.param("Khlevniuk, The History of the Gulag, 308.", "Khlevniuk", "308",
                 id="a leading The"),
    pytest.param('Fitzpatrick, "Ascribing Class," 750.', "Fitzpatrick", "750",
                 id="an article's quoted short title"),
    pytest.param('Borodkin and Ertz, "Coercion versus Motivation," 80.', "Borodkin", "80",
                 id="two authors"),
    pytest.param("Barnes, Death and Redemption, 45ff.", "Barnes", "45ff.", id="45ff."),
    pytest.param("Khlevniuk, History of the Gulag, 50f.", "Khlevniuk", "50f.", id="50f."),
    pytest.param("Barnes, Death and Redemption, passim.", "Barnes", "passim", id="passim alone"),
])
def test_a_short_form_links_to_the_listed_work_and_ibid_follows_it(
        tmp_path: Path, note: str, family: str, locator: str) -> None:
    """Each was dropped with no problem, and the Ibid. after it was left unlinked."""
    library = _run_notes(tmp_path, [note, "Ibid., 9."], bibliography=GULAG_BIBLIOGRAPHY)
    by_note = _by_note(library)
    [short], [ibid] = by_note[1], by_note[2]
    assert short.reference is not None and short.reference.origin == "entry"
    assert short.reference.authors[0].family == family and short.locator == locator
    assert ibid.reference is short.reference and ibid.locator == "9"
    assert not any(r.stub for r in library.references) and not library.problems


BRENT = ("Jonathan Brent and Vladimir P. Naumov, {title} (New York: HarperCollins, 2003), 312.")
BRENT_TITLE = "Stalin's Last Crime: The Plot against the Jewish Doctors, 1948-1953"


@pytest.mark.parametrize("title", [BRENT_TITLE, f"*{BRENT_TITLE}*"], ids=["plain", "emphasised"])
def test_a_full_note_by_two_authors_keeps_both(tmp_path: Path, title: str) -> None:
    """The reference had Naumov only (or, plain, no reference at all)."""
    library = _run_notes(tmp_path, [BRENT.format(title=title)])
    [ref] = library.references
    assert _book_facts(ref) == ("book", ["Jonathan Brent", "Vladimir P. Naumov"], BRENT_TITLE,
                                "New York", "HarperCollins", 2003)
    assert _by_note(library)[1][0].locator == "312"


def test_op_cit_after_two_authors_is_their_listed_work(tmp_path: Path) -> None:
    """'Brent and Naumov, op. cit.' made a stub 'naumov' and a false missing work."""
    library = _run_notes(tmp_path, [BRENT.format(title=BRENT_TITLE), "Brent and Naumov, op. cit., "
                                    "320-22."],
                         bibliography=f"Brent, Jonathan, and Vladimir P. Naumov. {BRENT_TITLE}. "
                         "New York: HarperCollins, 2003.")
    [listed] = library.references
    [full], [op_cit] = _by_note(library)[1], _by_note(library)[2]
    assert full.reference is listed and op_cit.reference is listed
    assert op_cit.locator == "320-22" and op_cit.author == "Brent and Naumov"
    assert not [p for p in library.problems if p.code == "missing-work"]


@pytest.mark.parametrize("paper", ["Pravda", "*Pravda*"], ids=["plain", "emphasised"])
def test_newspaper_notes_become_articles_and_their_short_form_links(
        tmp_path: Path, paper: str) -> None:
    library = _run_notes(tmp_path, [
        f"\"Ot Tsentral'nogo Komiteta Kommunisticheskoi partii Sovetskogo Soiuza,\" {paper}, "
        "March 6, 1953, 1.",
        f'"Soobshchenie Ministerstva vnutrennikh del SSSR," {paper}, 4 April 1953, 2.',
        '"Soobshchenie Ministerstva vnutrennikh del SSSR," 3.',
    ])
    first, second = library.references
    assert (first.type, first.fields["container-title"], first.title) == (
        "article-newspaper", "Pravda",
        "Ot Tsentral'nogo Komiteta Kommunisticheskoi partii Sovetskogo Soiuza")
    issued = first.dates["issued"]
    assert (issued.year, issued.month, issued.day) == (1953, 3, 6)
    by_note = _by_note(library)
    assert [(t.reference, t.locator) for n in (1, 2, 3) for t in by_note[n]] == [
        (first, "1"), (second, "2"), (second, "3")]
    assert not [p for p in library.problems if p.code != "no-bibliography"]


def test_an_issue_of_a_known_newspaper_is_a_reference(tmp_path: Path) -> None:
    library = _run_notes(tmp_path, ["Izvestiia, 6 March 1953, 1."])
    [ref] = library.references
    assert (ref.type, ref.fields["container-title"], ref.dates["issued"].day) == (
        "article-newspaper", "Izvestiia", 6)
    assert _by_note(library)[1][0].reference is ref


def test_a_journal_article_with_an_issue_and_no_volume(tmp_path: Path) -> None:
    """It was neither read nor reported: nothing looked like a citation to the check."""
    library = _run_notes(tmp_path, [
        'Oleg Khlevniuk, "Stalin i Molotov," Voprosy istorii, no. 5 (1994): 3-27.',
        'Oleg Khlevniuk, "Stalin i Molotov," Voprosy istorii, vyp. 5 (1994): 3-27.'])
    [ref] = library.references
    assert (ref.type, ref.fields["container-title"], ref.fields["issue"], ref.year) == (
        "article-journal", "Voprosy istorii", "5", 1994)
    assert "volume" not in ref.fields
    [problem] = [p for p in library.problems if p.code == "note-unparsed"]
    assert problem.message.startswith("note 2: ")


def test_a_place_and_a_year_are_no_newspaper(tmp_path: Path) -> None:
    """A plain name before a bare year is not taken for a newspaper (it needs a month)."""
    library = _run_notes(tmp_path, ['Raymond Baker, "A Clear and Present Danger," Australian '
                                    "Broadcasting Corp, 2003, at http://example.org/baker."])
    [ref] = library.references
    assert (ref.type, ref.fields["container-title"]) == ("webpage", "Australian Broadcasting Corp")


def test_archival_notes_are_documents_and_one_file_is_one_work(tmp_path: Path) -> None:
    library = _run_notes(tmp_path, [
        "GARF, f. 5446, op. 1, d. 23, l. 4.",
        "RGASPI, f. 17, op. 162, d. 8, ll. 64-66ob.",
        "GARF, f. 5446, op. 1, d. 23, l. 9.",
        "GARF, f. 5446, op. 1, d. 24, l. 1.",
    ])
    garf, rgaspi, other = library.references
    assert (garf.type, garf.fields["archive"], garf.fields["archive_location"]) == (
        "document", "GARF", "f. 5446, op. 1, d. 23")
    assert (rgaspi.fields["archive"], rgaspi.fields["archive_location"]) == (
        "RGASPI", "f. 17, op. 162, d. 8")
    assert other.fields["archive_location"] == "f. 5446, op. 1, d. 24"
    by_note = _by_note(library)
    assert [(t.reference, t.locator, t.label) for n in (1, 2, 3, 4) for t in by_note[n]] == [
        (garf, "4", "folio"), (rgaspi, "64-66ob", "folio"), (garf, "9", "folio"),
        (other, "1", "folio")]
    assert not [p for p in library.problems if p.code != "no-bibliography"]


def test_an_initial_before_the_given_name_is_kept(tmp_path: Path) -> None:
    """"J. Arch Getty" in a note was read as "Arch Getty" from the J. on, so the note's
    article and the bibliography's "Getty, J. Arch." were two works."""
    entry = ('Getty, J. Arch. "Excesses Are Not Permitted." Russian Review 61, no. 1 (2002): '
             "113-38.")
    library = _run_notes(tmp_path, ['J. Arch Getty, "Excesses Are Not Permitted," Russian '
                                    "Review 61, no. 1 (2002): 115."], bibliography=entry)
    [ref] = library.references
    assert ref.authors[0].given == "J. Arch" and ref.origin == "entry"
    [target] = _by_note(library)[1]
    assert target.reference is ref


def test_ukrainian_archival_notes_with_sprava_arkush_and_no_opys(tmp_path: Path) -> None:
    """TsDAHO's "spr. 2966, ark. 3-5" was note-unparsed, and HDA SBU's file without an
    opys (f. 13, spr. 372, t. 1) was dropped with no problem at all."""
    library = _run_notes(tmp_path, [
        "TsDAHO, f. 1, op. 23, spr. 2966, ark. 3-5.",
        "HDA SBU, f. 13, spr. 372, t. 1, ark. 14.",
        "TsDAHO, f. 1, op. 23, spr. 2966, ark. 7zv.",
    ])
    tsdaho, sbu = library.references
    assert (tsdaho.fields["archive"], tsdaho.fields["archive_location"]) == (
        "TsDAHO", "f. 1, op. 23, spr. 2966")
    assert (sbu.fields["archive"], sbu.fields["archive_location"]) == (
        "HDA SBU", "f. 13, spr. 372, t. 1")
    by_note = _by_note(library)
    assert [(t.reference, t.locator) for n in (1, 2, 3) for t in by_note[n]] == [
        (tsdaho, "3-5"), (sbu, "14"), (tsdaho, "7zv")]
    assert not [p for p in library.problems if p.code != "no-bibliography"]


@pytest.mark.parametrize("title", ["Tragediia sovetskoi derevni", "*Tragediia sovetskoi derevni*"],
                         ids=["plain", "emphasised"])
def test_an_edited_volume_and_its_short_form_with_volume_and_page(
        tmp_path: Path, title: str) -> None:
    library = _run_notes(tmp_path, [
        f"V. Danilov et al., eds., {title}, vol. 2 (Moscow: ROSSPEN, 2000), 126-30.",
        "Danilov, Tragediia sovetskoi derevni, 2:131.",
    ])
    [ref] = library.references
    assert (ref.type, ref.title, ref.fields["volume"], ref.fields["publisher"], ref.year) == (
        "book", "Tragediia sovetskoi derevni", "2", "ROSSPEN", 2000)
    assert [n.family or n.literal for n in ref.names["editor"]] == ["Danilov", OTHERS]
    assert "author" not in ref.names
    by_note = _by_note(library)
    assert [(t.reference, t.locator) for n in (1, 2) for t in by_note[n]] == [
        (ref, "126-30"), (ref, "2:131")]


@pytest.mark.parametrize(("note", "container", "volume", "volume_title"), [
    pytest.param('Oleg Khlevniuk, "Vvedenie," in *Istoriia stalinskogo Gulaga*, ed. V. Kozlov '
                 "(Moscow: ROSSPEN, 2004), 1:23.", "Istoriia stalinskogo Gulaga", None, None,
                 id="emphasised book"),
    pytest.param('Oleg Khlevniuk, "Vvedenie," in Istoriia stalinskogo Gulaga, vol. 3, Ekonomika '
                 "Gulaga, ed. V. Kozlov (Moscow: ROSSPEN, 2004), 1:23.",
                 "Istoriia stalinskogo Gulaga", "3", "Ekonomika Gulaga",
                 id="plain book, volume and its title"),
])
def test_a_chapter_note_is_a_chapter_of_its_edited_book(
        tmp_path: Path, note: str, container: str, volume: str | None,
        volume_title: str | None) -> None:
    library = _run_notes(tmp_path, [note])
    [ref] = library.references
    assert (ref.type, ref.title, ref.fields["container-title"], ref.fields.get("volume"),
            ref.fields.get("volume-title")) == ("chapter", "Vvedenie", container, volume,
                                                volume_title)
    assert ([n.display for n in ref.authors], [n.display for n in ref.names["editor"]]) == (
        ["Oleg Khlevniuk"], ["V. Kozlov"])
    assert (ref.fields["publisher"], ref.year) == ("ROSSPEN", 2004)
    assert _by_note(library)[1][0].locator == "1:23"


def test_a_plain_journal_article_note_with_a_season(tmp_path: Path) -> None:
    library = _run_notes(tmp_path, [
        'Sheila Fitzpatrick, "Ascribing Class: The Construction of Social Identity in Soviet '
        'Russia," Journal of Modern History 65, no. 4 (1993): 745-70.',
        'Igal Halfin, "Looking into the Oppositionists\' Souls," Russian Review 60, no. 3 '
        "(Summer 2001): 316-39.",
    ])
    article, halfin = library.references
    assert (article.type, article.fields["container-title"], article.fields["volume"],
            article.fields["issue"], article.fields["page"], article.year) == (
        "article-journal", "Journal of Modern History", "65", "4", "745-70", 1993)
    assert article.authors[0].family == "Fitzpatrick"
    assert (halfin.fields["container-title"], halfin.dates["issued"].month) == (
        "Russian Review", 22)  # summer, as CSL and biblatex number seasons


def test_a_roman_page_is_the_locator(tmp_path: Path) -> None:
    library = _run_notes(tmp_path, ["Anne Applebaum, Gulag: A History (New York: Doubleday, "
                                    "2003), xvii.", "Applebaum, Gulag, xix."])
    by_note = _by_note(library)
    assert [t.locator for n in (1, 2) for t in by_note[n]] == ["xvii", "xix"]
    assert by_note[2][0].reference is by_note[1][0].reference


def test_a_note_no_rule_reads_is_reported_with_its_line(tmp_path: Path) -> None:
    library = _run_notes(tmp_path, [
        "Iurii Zhukov, Inoi Stalin (Moscow: Vagrius, 2003), 45.",
        "Protokol No. 5, f. 17, op. 3, d. 1045.",
        "Ibid., 3.",
    ])
    [problem] = [p for p in library.problems if p.code == "note-unparsed"]
    assert str(problem.source).endswith("notes.txt:6") and "note 2" in problem.message
    assert problem.raw == "Protokol No. 5, f. 17, op. 3, d. 1045."
    assert 2 not in _by_note(library)  # no citation of nothing
    [ibid] = _by_note(library)[3]
    assert ibid.reference is None  # and the Ibid. after it says so, not an older work
    assert [p.code for p in library.problems if p.code.startswith("ibid")] == [
        "ibid-without-antecedent"]


@pytest.mark.parametrize("note", [
    "The archive was closed until 1991.",
    'Pyzhikov attributes this to the "Leningraders." Nor, since the "Leningraders" remained '
    "strong through 1947, does it explain why.",
    "Stalin (d. 1953) never saw it.",
])
def test_prose_in_a_note_is_no_unparsed_citation(tmp_path: Path, note: str) -> None:
    library = _run_notes(tmp_path, [note])
    assert not [p for p in library.problems if p.code == "note-unparsed"]


def test_a_long_list_of_names_is_read_in_linear_time() -> None:
    text = "1 " + "Ab Cd and " * 2000 + "Ef Gh, op. cit."
    started = time.perf_counter()
    parse_note(Note(1, text, SourceSpan("essay.txt", 1)), Block(text, [0], [1]), "essay.txt")
    assert time.perf_counter() - started < 1.5


GOST_NOTES = [
    "Папков С. А. Сталинский террор в Сибири. 1928–1941. Новосибирск: Изд-во СО РАН, 1997. "
    "С. 211.",
    "Там же. С. 215.",
    "Хлевнюк О. В. Хозяин. Сталин и утверждение сталинской единоличной власти. М.: РОССПЭН, "
    "2010. С. 45–47.",
    "Хлевнюк О. В. Указ. соч. С. 50.",
    "См.: Хлевнюк О. В. Сталин и Молотов // Вопросы истории. 1994. № 5. С. 15; Данилов В. П. "
    "Трагедия советской деревни. М.: РОССПЭН, 2000. Т. 2. С. 126.",
]


def test_gost_notes_are_references_with_their_pages_and_ibid_and_op_cit(tmp_path: Path) -> None:
    """Notes in the Russian standard were neither read nor reported: the work as its entry,
    then the page (С. 211); Там же is Ibid.; Указ. соч. is op. cit."""
    library = _run_notes(tmp_path, GOST_NOTES)
    papkov, khoziain, article, danilov = library.references
    assert _book_facts(papkov) == ("book", ["С. А. Папков"], "Сталинский террор в Сибири. "
                                   "1928–1941", "Новосибирск", "Изд-во СО РАН", 1997)
    assert papkov.origin == "note" and papkov.source.line == 5
    assert (khoziain.title, khoziain.fields["publisher"], khoziain.year) == (
        "Хозяин. Сталин и утверждение сталинской единоличной власти", "РОССПЭН", 2010)
    assert (article.type, article.fields["container-title"], article.fields["issue"]) == (
        "article-journal", "Вопросы истории", "5")
    assert (danilov.title, danilov.fields["volume"]) == ("Трагедия советской деревни", "2")
    by_note = _by_note(library)
    assert [(t.reference, t.locator) for n in (1, 2, 3, 4, 5) for t in by_note[n]] == [
        (papkov, "211"), (papkov, "215"), (khoziain, "45–47"), (khoziain, "50"),
        (article, "15"), (danilov, "126")]
    assert not [p for p in library.problems if p.code.startswith(("note", "ibid", "citation"))]


@pytest.mark.parametrize("note", [
    "О репрессиях // Вопросы истории. С. 5.",
    "ГАРФ. Ф. 5446. Оп. 1. Д. 23. Л. 4.",
], ids=["a journal without an article's title", "an archive's file"])
def test_a_gost_note_no_rule_reads_is_reported(tmp_path: Path, note: str) -> None:
    library = _run_notes(tmp_path, [note])
    [problem] = [p for p in library.problems if p.code == "note-unparsed"]
    assert "note 1" in problem.message


def test_idem_is_the_author_of_the_work_cited_before(tmp_path: Path) -> None:
    """Idem's book had no author (and was not the bibliography's); Eadem's short form cited
    a missing work by "Eadem"."""
    library = _run_notes(tmp_path, [
        "Oleg Khlevniuk, *Stalin: New Biography of a Dictator* (New Haven: Yale University "
        "Press, 2015), 12.",
        "Idem, *Master of the House* (New Haven: Yale University Press, 2009), 45.",
        "Sheila Fitzpatrick, *Everyday Stalinism* (New York: Oxford University Press, 1999), 3; "
        "eadem, *Stalin's Peasants* (New York: Oxford University Press, 1994), 8.",
        "Eadem, Everyday Stalinism, 9.",
    ], bibliography="Khlevniuk, Oleg. Master of the House. New Haven: Yale University Press, "
                    "2009.")
    master, stalin, everyday, peasants = library.references
    assert [n.display for n in master.authors] == ["Oleg Khlevniuk"]
    assert [n.display for n in peasants.authors] == ["Sheila Fitzpatrick"]
    by_note = _by_note(library)
    assert [(t.reference, t.locator) for n in (1, 2, 3, 4) for t in by_note[n]] == [
        (stalin, "12"), (master, "45"), (everyday, "3"), (peasants, "8"), (everyday, "9")]
    assert not any(ref.stub for ref in library.references)


def test_an_idem_without_a_work_before_it_is_reported(tmp_path: Path) -> None:
    library = _run_notes(tmp_path, [
        "Idem, *Master of the House* (New Haven: Yale University Press, 2009), 45."])
    assert library.references == []
    [problem] = [p for p in library.problems if p.code == "note-unparsed"]
    assert "Idem" in problem.raw


def test_a_notes_second_paragraph_is_read_for_its_works_too(tmp_path: Path) -> None:
    """A note of two paragraphs: the second was appended to the note's text but never read
    for citations (its works were lost without a word)."""
    essay = tmp_path / "notes.txt"
    essay.write_text("Beria fell.<u>1</u>\n\nNotes\n\n"
                     "1 Amy Knight, *Beria* (Princeton: Princeton University Press, 1993), 176.\n\n"
                     "On the arrest see also Iurii Mukhin, *Ubiistvo Stalina i Beriia* "
                     "(Moscow: Krymskii most, 2002), 178.\n", encoding="utf-8")
    library = run([essay], ConvertOptions(normalize=False))
    [note] = library.notes
    assert note.text.count("\n") == 1
    by_title = {r.title: r for r in library.references if r.origin == "note"}
    assert set(by_title) == {"Beria", "Ubiistvo Stalina i Beriia"}
    assert by_title["Ubiistvo Stalina i Beriia"].source.line == 7  # its own paragraph's line
    assert [c.source.line for c in library.citations] == [5, 7]


def test_notes_from_1000_on_when_they_follow_note_999() -> None:
    """A long Word thesis's footnotes go past 999 ("[1000] ..." once written as
    Markdown); a bracketed year opening a paragraph after a lower note is still text."""
    from translitbib.parse.notes import split_notes

    def blocks(*texts: str) -> list[Block]:
        return [Block(text, [0], [line]) for line, text in enumerate(texts, start=1)]

    notes = split_notes(blocks("[999] Knight, Beria, 1.", "[1000] Knight, Beria, 2.",
                               "[1001] Ibid., 3."), "thesis.docx")
    assert [(n.number, n.text) for n, _ in notes] == [
        (999, "Knight, Beria, 1."), (1000, "Knight, Beria, 2."), (1001, "Ibid., 3.")]
    kept = split_notes(blocks("[12] Knight, Beria, 1.", "[1937] was the worst year."),
                       "essay.txt")
    assert [(n.number, n.text) for n, _ in kept] == [
        (12, "Knight, Beria, 1.\n[1937] was the worst year.")]
