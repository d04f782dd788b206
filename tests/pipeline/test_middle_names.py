"""A middle name after an initial in an inverted name: ``Getty, J. Arch``."""

from __future__ import annotations

from pathlib import Path

from translitbib.model import SourceSpan
from translitbib.parse.entries import parse_entry
from translitbib.pipeline import ConvertOptions, run

ESSAY = """The purges (Getty, Origins 12).<u>1</u>

Notes

1 J. Arch Getty and Oleg V. Naumov, The Road to Terror (New Haven: Yale University Press, 1999), 45.

Bibliography

Getty, J. Arch. Origins of the Great Purges. Cambridge: Cambridge University Press, 1985.

Getty, J. Arch, and Oleg V. Naumov. The Road to Terror. New Haven: Yale University Press, 1999.

Pohl, J. Otto. Ethnic Cleansing in the USSR, 1937-1949. Westport, CT: Greenwood, 1999.

Prudnikova, E. Stalin. Vtoroe ubiistvo. St. Petersburg: Neva, 2003.
"""


def test_a_middle_name_before_the_next_author_is_the_name() -> None:
    """The co-author was lost: the title was "Arch, and Oleg V. Naumov. The Road to Terror"."""
    parsed = parse_entry("Getty, J. Arch, and Oleg V. Naumov. The Road to Terror. New Haven: "
                         "Yale University Press, 1999.", SourceSpan("x.txt", 1))
    ref = parsed.reference
    assert [(n.family, n.given) for n in ref.authors] == [("Getty", "J. Arch"),
                                                         ("Naumov", "Oleg V.")]
    assert ref.title == "The Road to Terror"


def test_a_title_after_initials_stays_a_title() -> None:
    parsed = parse_entry("Prudnikova, E. Stalin and Beria. Moscow: Olma, 2005.",
                         SourceSpan("x.txt", 1))
    assert [(n.family, n.given) for n in parsed.reference.authors] == [("Prudnikova", "E.")]
    assert parsed.reference.title == "Stalin and Beria"


def test_the_text_that_names_the_middle_name_gives_it_back(tmp_path: Path) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    library = run([essay], ConvertOptions(normalize=False))
    entries = {r.source.line: r for r in library.references}
    origins, road, pohl, prudnikova = (entries[line] for line in (9, 11, 13, 15))
    assert (origins.authors[0].given, origins.title) == ("J. Arch", "Origins of the Great Purges")
    assert road.authors[0].given == "J. Arch" and road.title == "The Road to Terror"
    # nobody else names him "J. Otto", nor her "E. Stalin": the same shape stays as read
    assert (pohl.authors[0].given, pohl.title) == ("J.", "Otto. Ethnic Cleansing in the USSR, "
                                                         "1937-1949")
    assert (prudnikova.authors[0].given, prudnikova.title) == ("E.", "Stalin. Vtoroe ubiistvo")
    # the short title links the work; the note's Road to Terror is the entry's
    [body, note] = library.citations
    assert body.targets[0].reference is origins
    assert note.targets[0].reference is road
    assert not any(r.stub for r in library.references)
