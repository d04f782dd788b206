"""The seed essay converted with the defaults: one Mukhin work, every change listed, no
English word cyrillicized."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from translitbib.model import Library
from translitbib.pipeline import ConvertOptions, run
from translitbib.translit.report import render_markdown

SEED = Path(__file__).parents[1] / "data" / "seeds" / "000_73b8b495a264508a.txt"
CYRILLIC = re.compile("[а-яёА-ЯЁ]")


@pytest.fixture(scope="module")
def library() -> Library:
    return run([SEED], ConvertOptions(formats=()))


def test_both_mukhin_spellings_are_one_reference(library: Library) -> None:
    mukhin = [r for r in library.references if any(a.family == "Mukhin" for a in r.authors)]
    assert len(mukhin) == 1
    linked = {id(t.reference) for c in library.citations for t in c.targets
              if t.title and t.title.strip("*") in ("Ubiystvo", "Ubyistvo")}
    assert linked == {id(mukhin[0])}
    assert any("Ubyistvo" in t.raw for c in library.citations for t in c.targets)


def test_every_change_is_listed_in_the_report(library: Library) -> None:
    table = render_markdown(library.normalizations)
    changed = 0
    for reference in library.references:
        for field, original in reference.originals.items():
            if "[" in field:
                continue  # names: checked through their records below
            changed += 1
            assert reference.fields[field] != original
            words = [n for n in library.normalizations
                     if n.reference is reference and n.field == field and n.applied]
            assert words, (field, original)
    assert changed >= 5
    for record in library.normalizations:
        row = record.to_dict()
        assert f"| {row['original']} | {row['cyrillic'] or ''} | {row['normalized']} |" in table


def test_no_english_word_was_cyrillicized(library: Library) -> None:
    english_titles = {"Stalin. A Biography", "Let History Judge: The Origins and Consequences "
                      "of Stalinism"}
    for reference in library.references:
        for field, value in reference.fields.items():
            if field != "original-title":
                assert not CYRILLIC.search(value), (field, value)
        if reference.fields.get("title") in english_titles:
            assert "language" not in reference.fields
            assert reference.originals == {}
    english = {"a", "biography", "the", "history", "of", "and", "press", "review", "russian"}
    for record in library.normalizations:
        assert record.original.lower() not in english or record.original == "I", record


def test_every_russian_work_of_the_bibliography_is_marked_russian(library: Library) -> None:
    """Smirtiukhov's entry is titled only 'Interview', but it is in Kommersant-Vlast'."""
    by_family = {r.authors[0].family: r for r in library.references
                 if r.authors and not r.stub and r.source.line >= 270}
    russian = {"Chilachava", "Dobriukha", "Koshliakov", "Prudnikova", "Pyzhikov", "Rubin",
               "Smirtiukhov", "Sul'ianov", "Toptygin"}
    assert {f for f, r in by_family.items() if r.fields.get("language") == "ru"} == russian
    assert by_family["Service"].fields.get("language") in (None, "en")
