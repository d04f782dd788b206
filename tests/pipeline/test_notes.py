"""Works cited inside notes: full Chicago note references, short forms and Ibid."""

from __future__ import annotations

from pathlib import Path

import pytest

from translitbib.pipeline import ConvertOptions, run
from translitbib.readers import read_path

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
