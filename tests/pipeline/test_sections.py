"""Sections are found by their headings, in the forms real essays use."""

from __future__ import annotations

import pytest

from translitbib.readers.essay_clean import clean_lines, join_blocks
from translitbib.readers.essay_sections import SectionKind, split_sections


@pytest.mark.parametrize("heading", [
    "Bibliography", "Supplemental Bibliography for Part Two", "Works Cited", "References",
    "Sources", "Literature", "Select Bibliography", "Works Consulted", "Список литературы",
    "BIBLIOGRAPHY", "Primary Sources", "Secondary Sources", "Archival Sources",
    "Published primary sources", "Primary and Secondary Sources", "Источники и литература",
])
def test_bibliography_headings(heading: str) -> None:
    text = f"Body text here.\n\n{heading}\n\nService, Robert. Stalin. Cambridge, MA: Belknap Press, 2004."
    sections = split_sections(join_blocks(clean_lines(text)))
    assert [s.kind for s in sections] == [SectionKind.BODY, SectionKind.BIBLIOGRAPHY]
    assert sections[1].blocks[0].line == 5


@pytest.mark.parametrize("heading", ["Notes", "Endnotes", "Footnotes", "NOTES"])
def test_notes_headings(heading: str) -> None:
    sections = split_sections(join_blocks(clean_lines(f"Body.\n\n{heading}\n\n1 A note.")))
    assert sections[1].kind is SectionKind.NOTES


def test_a_sentence_mentioning_references_is_not_a_heading() -> None:
    text = "He gave references to the archive.\n\nSources of the quarrel are unclear."
    sections = split_sections(join_blocks(clean_lines(text)))
    assert [s.kind for s in sections] == [SectionKind.BODY]


def test_back_matter_after_the_bibliography_is_no_entry() -> None:
    """"About the Author" and the acknowledgements became references (a 2005 *book*)."""
    from translitbib.readers.essay import read_essay

    text = ("Claim (Knight 220).\n\nBibliography\n\n"
            "Knight, Amy. *Beria*. Princeton: Princeton University Press, 1993.\n\n"
            "About the Author\n\nGrover Furr teaches at Montclair State University.\n\n"
            "Acknowledgements\n\nI thank the editors of Cultural Logic, who read a draft in 2005.\n")
    library = read_essay(text, "essay.txt")
    assert [ref.title for ref in library.references] == ["Beria"]
    assert library.inputs[0].entries_read == 1


def test_running_headers_between_pages_are_no_entries_and_split_nothing() -> None:
    """A PDF extraction leaves the journal's running header and the page number on every
    page; between bibliography entries each became a reference ("Cultural Logic 2005"), and
    in the text one cut a paragraph in two."""
    from translitbib.readers.essay import read_essay

    text = ("Cultural Logic 2005 1\n\nThe plenum heard Beria's proposals, which\n\n"
            "Cultural Logic 2005 2\n\nthe Presidium had discussed (Knight 220).\n\n"
            "Bibliography\n\n"
            "Knight, Amy. *Beria*. Princeton: Princeton University Press, 1993.\n\n"
            "3 Cultural Logic 2005\n\n"
            "Mukhin, Iurii. *Ubiystvo Stalina i Berii*. Moscow: Krymskii Most, 2002.\n")
    library = read_essay(text, "essay.txt")
    assert [ref.title for ref in library.references] == ["Beria", "Ubiystvo Stalina i Berii"]
    assert library.inputs[0].entries_read == 2
    [header] = [p for p in library.problems if p.code == "running-header"]
    assert "'Cultural Logic 2005 1' is a page's header or footer (on 3 lines)" in header.message
    assert (header.source.line, header.source.end_line) == (1, 13)
    [citation] = library.citations
    assert citation.source.line == 7
    from translitbib.readers.essay_clean import running_headers, without_lines

    lines = clean_lines(text)
    blocks = join_blocks(without_lines(lines, {n for ns in running_headers(lines).values()
                                               for n in ns}))
    assert blocks[0].text == ("The plenum heard Beria's proposals, which the Presidium had "
                              "discussed (Knight 220).")  # one paragraph across the header
    assert blocks[0].lines == [3, 7]


def test_a_short_line_said_twice_is_kept() -> None:
    from translitbib.readers.essay_clean import running_headers

    lines = clean_lines("Primary Sources\n\nA.\n\nPrimary Sources\n\nB.\n")
    assert running_headers(lines) == {}


def test_notes_that_say_ibid_again_are_no_running_header() -> None:
    from translitbib.readers.essay_clean import running_headers

    lines = clean_lines("Notes\n\n1 Mukhin, Ubiystvo, 5.\n\n2 Ibid\n\n3 Ibid\n\n4 Ibid\n\n"
                        "5 Там же\n\n6 Там же\n\n7 Там же\n")
    assert running_headers(lines) == {}


def test_a_page_number_set_apart_marks_a_footer_seen_once() -> None:
    """A layout-keeping extraction's "13      Kritika 8, no. 1 (Winter 2007)" became an
    entry (and its season a missing work)."""
    from translitbib.readers.essay import read_essay

    text = ("Bibliography\n\nKnight, Amy. *Beria*. Princeton: Princeton University Press, "
            "1993.\n\n13                                  Kritika 8, no. 1 (Winter 2007)\n")
    library = read_essay(text, "essay.txt")
    assert [ref.title for ref in library.references] == ["Beria"]
    assert [p.code for p in library.problems] == ["running-header"]


def test_hard_wrapped_entries_without_blank_lines_are_joined() -> None:
    """A wrapped line that starts with a capital became an entry of its own ("Circle,
    1945-1953" as an author, "Norilsk." as a title)."""
    from translitbib.readers.essay import read_essay

    text = ("Bibliography\n"
            "Applebaum, Anne. Gulag: A History. New York: Doubleday, 2003.\n"
            "Gorlizki, Yoram, and Oleg Khlevniuk. Cold Peace: Stalin and the Soviet Ruling\n"
            "Circle, 1945-1953. Oxford: Oxford University Press, 2004.\n"
            "Borodkin, Leonid, and Simon Ertz. \"Coercion versus Motivation: Forced Labor in\n"
            "Norilsk.\" In The Economics of Forced Labor, edited by Paul R.\n"
            "Gregory and Valery Lazarev, 75-104. Stanford: Hoover Institution Press, 2003.\n")
    library = read_essay(text, "essay.txt")
    assert [ref.title for ref in library.references] == [
        "Gulag: A History", "Cold Peace: Stalin and the Soviet Ruling Circle, 1945-1953",
        "Coercion versus Motivation: Forced Labor in Norilsk"]
    assert [n.family for n in library.references[2].names["editor"]] == ["Gregory", "Lazarev"]


def test_a_sub_heading_in_sentence_case_is_no_entry() -> None:
    """"Primary and secondary sources in Russian" became a reference."""
    from translitbib.readers.essay import read_essay

    text = ("Bibliography\n\nPrimary and secondary sources in Russian\n\n"
            "Knight, Amy. *Beria*. Princeton: Princeton University Press, 1993.\n")
    assert [ref.title for ref in read_essay(text, "essay.txt").references] == ["Beria"]
