"""Both seed essays against golden expectations reviewed by hand (tests/golden/*.json).

The goldens are checked before normalization (``normalize=False``): they pin what the
reader and the linker find, in the spelling the essay uses.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from translitbib.model import CitationKind, Library
from translitbib.pipeline import ConvertOptions, run

GOLDEN = Path(__file__).parents[1] / "golden"
RAW = ConvertOptions(normalize=False)


def golden(name: str) -> dict[str, Any]:
    return json.loads((GOLDEN / f"{name}.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def part_two(seed_pdf: Path) -> Library:
    return run([seed_pdf], RAW)


@pytest.fixture(scope="module")
def html_extract(seed_html: Path) -> Library:
    return run([seed_html], RAW)


def _citation_view(library: Library, kind: CitationKind | None) -> list[dict[str, Any]]:
    return [
        {"line": c.source.line, "text": c.text, "targets": [
            {"author": "; ".join(n.display for n in t.reference.authors) if t.reference else None,
             "title": t.reference.title if t.reference else None,
             "stub": t.reference.stub if t.reference else None,
             "locator": t.locator} for t in c.targets]}
        for c in library.citations if kind is None or c.kind is kind
    ]


def test_supplemental_bibliography_entries(part_two: Library) -> None:
    expected = golden("part two supplemental bibliography")["entries"]
    entries = [r for r in part_two.references if r.origin == "entry"]
    assert len(entries) == 11
    for ref, want in zip(entries, expected, strict=True):
        csl = ref.to_csl()
        csl.pop("id")
        assert {"line": ref.source.line, **csl} == want


def test_body_citations_found_and_linked(part_two: Library) -> None:
    assert _citation_view(part_two, CitationKind.PARENTHETICAL) == golden(
        "part two body citations")["citations"]


def test_note_citations_found_and_linked(part_two: Library) -> None:
    expected = golden("part two note citations")
    assert _citation_view(part_two, CitationKind.NOTE) == expected["citations"]
    made = []
    for ref in part_two.references:
        if ref.origin == "note":
            csl = ref.to_csl()
            csl.pop("id")
            made.append({"line": ref.source.line, **csl})
    assert made == expected["references"]


def test_html_extract_citations_found_and_linked(html_extract: Library) -> None:
    assert _citation_view(html_extract, None) == golden("beria html extract citations")["citations"]


def test_every_target_is_linked_and_missing_works_are_one_stub_each(part_two: Library) -> None:
    targets = [t for c in part_two.citations for t in c.targets]
    assert all(t.reference is not None for t in targets)
    stubs = [r for r in part_two.references if r.stub]
    identities = [(tuple(n.display for n in r.authors), r.title) for r in stubs]
    assert len(identities) == len(set(identities))
    missing = [p for p in part_two.problems if p.code == "missing-work"]
    # 14 from the body and the notes' parentheses, 5 only the notes' prose cites: Zhukov's
    # Stalin and Tayny, Kokurin and Pozhalov, Starkov, Knight
    assert len(missing) == len(stubs) == 19


def test_both_mukhin_spellings_are_one_work(part_two: Library) -> None:
    mukhin = {id(t.reference) for c in part_two.citations for t in c.targets
              if t.title in {"Ubiystvo", "Ubyistvo"} or t.author == "Mukhin"}
    assert len(mukhin) == 1


def test_fifteen_notes_with_clean_urls_and_linked_calls(part_two: Library) -> None:
    assert [n.number for n in part_two.notes] == list(range(1, 16))
    for note in part_two.notes:
        assert note.calls, f"note {note.number} has no call in the text"
        for url in note.urls:
            assert not any(ch in url.url for ch in "<>") and "<u>" not in note.text
    assert [u.url for u in part_two.notes[7].urls] == [
        "http://www.kprf.ru/analytics/10828.shtml",
        "http://www.northstarcompass.org/nsc0004/stal1952.htm",
    ]
    assert part_two.notes[0].calls[0].line == 19  # "(Zhukov, Kul'tovaia; emphasis added)1"


def test_nine_distinct_urls_without_artefacts(part_two: Library) -> None:
    urls = {u.url for u in part_two.urls}
    assert len(urls) == 9
    assert all(u.startswith("http://") and not u.endswith((".", ">", ")")) for u in urls)


def test_seeds_agree_on_the_passage_they_share(part_two: Library, html_extract: Library) -> None:
    def works(library: Library) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
        return [(c.text.replace("*", ""), tuple(
            ("; ".join(n.display for n in t.reference.authors), t.reference.title)
            for t in c.targets if t.reference)) for c in library.citations]

    shared = works(html_extract)
    whole = works(part_two)
    for citation in shared:
        assert citation in whole


def test_a_note_giving_a_listed_works_url_cites_it(part_two: Library) -> None:
    [by_url] = [c for c in part_two.citations if c.note == 3]
    ref = by_url.targets[0].reference
    assert ref.authors[0].family == "Pyzhikov" and ref.origin == "entry"
    assert by_url.targets[0].remarks == ["cited by URL"] and by_url.source.line == 242
