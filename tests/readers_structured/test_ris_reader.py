"""RIS in: EndNote's, Zotero's and Mendeley's exports, and translitbib's own RIS read back
to the same references; what is wrong with a file is reported with its line, and nothing is
dropped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support import SEED_PDF, run_cli
from translitbib.errors import FormatError
from translitbib.model import Library
from translitbib.readers import read_path
from translitbib.readers.ris import _table, read_ris

EXAMPLES = _table()["examples"]


def _read(*lines: str) -> Library:
    return read_ris("\n".join(lines) + "\n", "refs.ris")


def _codes(library: Library) -> list[tuple[str, int]]:
    return [(p.code, p.source.line) for p in library.problems]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_the_tables_own_examples(example: dict[str, Any]) -> None:
    library = _read(*example["lines"])
    [ref] = library.references
    csl = ref.to_csl()
    for variable, expected in example["expect"].items():
        assert csl.get(variable) == expected, variable
    assert library.problems == [] and library.inputs[0].entries_read == 1


def test_our_own_ris_reads_back_to_the_same_references(tmp_path: Path) -> None:
    """The seed essay's references written as RIS and read again: every field, name and date
    the same (RIS has no 'and others', and where a record was read differs)."""
    first = tmp_path / "first"
    assert run_cli("convert", str(SEED_PDF), "--out", str(first)).returncode == 0
    again = tmp_path / "again"
    done = run_cli("convert", str(first / "references.ris"), "--out", str(again),
                   "--no-normalize")
    assert done.returncode == 0, done.stderr

    def items(directory: Path) -> dict[str, dict[str, Any]]:
        found = json.loads((directory / "references.json").read_text("utf-8"))
        for item in found:
            item.pop("custom", None)
            for role in ("author", "editor"):
                if role in item:
                    item[role] = [n for n in item[role] if n != {"literal": "others"}]
        return {item["id"]: item for item in found}

    written, read = items(first), items(again)
    assert len(written) > 10 and read == written


def test_endnote_habits(tmp_path: Path) -> None:
    """A BOM, CRLF, a record number for an ID, an abstract wrapped over lines, keywords on
    one line, the journal's full name in JF and its abbreviation in JA, a DOI in M3."""
    text = ("\ufeffTY  - JOUR\r\nID  - 17\r\nA1  - Getty, J. Arch\r\nT1  - Afraid of their "
            "shadows\r\nJF  - Slavic Review\r\nJA  - Slav. Rev.\r\nY1  - 2002/03//\r\n"
            "AB  - The first line\r\nand the second.\r\nKW  - terror; NKVD\r\nKW  - Stalin\r\n"
            "M3  - 10.2307/2696938\r\nER  - \r\n")
    path = tmp_path / "endnote.txt"  # EndNote saves RIS as .txt
    path.write_bytes(text.encode("utf-8"))
    library = read_path(path)
    [ref] = library.references
    assert ref.id == ""  # 17 is EndNote's record number: the writer makes a key
    assert ref.to_csl()["issued"] == {"date-parts": [[2002, 3]]}
    assert (ref.fields["container-title"], ref.fields["container-title-short"]) == (
        "Slavic Review", "Slav. Rev.")
    assert ref.fields["abstract"] == "The first line\nand the second."
    assert ref.fields["keyword"] == "terror, NKVD, Stalin"
    assert ref.fields["DOI"] == "10.2307/2696938" and "genre" not in ref.fields
    assert [p.code for p in library.problems] == ["format-from-content"]


def test_what_csl_has_no_place_for_goes_to_the_note_and_is_reported() -> None:
    library = _read("TY  - BOOK", "TI  - Inoi Stalin", "PY  - 2003", "PY  - 2004",
                    "C1  - signed", "ZZ  - a tag no one knows", "XX  - another", "ER  - ")
    [ref] = library.references
    assert ref.fields["note"] == "C1: signed\nZZ: a tag no one knows\nXX: another"
    assert ref.year == 2003  # the first year; a second, no finer, changes nothing
    [problem] = library.problems
    assert (problem.code, problem.source.line) == ("ris-unknown-tag", 1)
    assert "ZZ, XX" in problem.message


def test_broken_records_are_read_and_reported_with_their_lines() -> None:
    library = _read(
        "a line before any record",  # 1
        "AU  - Mukhin, Iurii",  # 2: no TY
        "TI  - Ubiystvo",
        "ER  - ",
        "TY  - XYZ",  # 5: unknown type, and no ER before the next TY
        "TI  - Zagovor",
        "TY  - BOOK",  # 7: no ER before the end of the file
        "PY  - not a year",
        "TI  - Inoi Stalin",
    )
    assert [ref.title for ref in library.references] == ["Ubiystvo", "Zagovor", "Inoi Stalin"]
    assert [ref.type for ref in library.references] == ["document", "document", "book"]
    assert _codes(library) == [("ris-stray-text", 1), ("ris-no-type", 2), ("ris-no-end", 5),
                               ("ris-unknown-type", 5), ("ris-no-end", 7), ("ris-bad-date", 8)]
    assert library.references[1].fields["note"] == "TY: XYZ"
    assert library.references[2].fields["note"] == "PY: not a year"
    assert library.inputs[0].entries_read == 3


def test_a_file_without_any_record_is_refused_with_its_line() -> None:
    with pytest.raises(FormatError) as raised:
        read_ris("\n\nAU  - Mukhin, Iurii\nER  - \n", "refs.ris")
    assert (raised.value.line, "no RIS record" in raised.value.message) == (3, True)


@pytest.mark.parametrize("value,expected", [
    ("Mukhin, Iurii", {"family": "Mukhin", "given": "Iurii"}),
    ("King, Martin Luther, Jr.", {"family": "King", "given": "Martin Luther, Jr."}),
    ("Institut istorii Ukrainy", {"literal": "Institut istorii Ukrainy"}),
    ("Aristotle", {"family": "Aristotle"}),
])
def test_names(value: str, expected: dict[str, str]) -> None:
    [ref] = _read("TY  - BOOK", f"AU  - {value}", "ER  - ").references
    assert ref.to_csl()["author"] == [expected]


@pytest.mark.parametrize("value,parts", [
    ("1994", [1994]), ("1994///", [1994]), ("1994/05/12/", [1994, 5, 12]),
    ("1994/05//", [1994, 5]), ("2003-06-18", [2003, 6, 18]), ("1994/13/40/", [1994]),
])
def test_dates(value: str, parts: list[int]) -> None:
    [ref] = _read("TY  - BOOK", f"DA  - {value}", "ER  - ").references
    assert ref.to_csl()["issued"] == {"date-parts": [parts]}


def test_et_al_is_and_others() -> None:
    [ref] = _read("TY  - BOOK", "AU  - Abylkhozhin, Zh. B.", "AU  - et al.", "ER  - ").references
    assert ref.to_csl()["author"] == [{"family": "Abylkhozhin", "given": "Zh. B."},
                                      {"literal": "others"}]


def test_a_line_after_ty_is_no_part_of_the_type_and_long_wraps_are_joined_once() -> None:
    wrapped = ["AB  - first"] + ["wrapped"] * 50_000
    library = _read("TY  - JOUR", "a stray line", *wrapped, "ER  - ")
    [ref] = library.references
    assert ref.type == "article-journal"
    assert ref.fields["abstract"].count("\n") == 50_000
    assert _codes(library) == [("ris-stray-text", 2)]


def test_a_stray_end_an_empty_type_and_an_impossible_day() -> None:
    library = _read("TY  - BOOK", "TI  - A", "DA  - 1994/02/31/", "ER  - ", "ER  - ",
                    "TY  - ", "TI  - B", "ER  - ")
    assert [ref.title for ref in library.references] == ["A", "B"]  # no empty record
    assert library.references[0].to_csl()["issued"] == {"date-parts": [[1994, 2]]}
    assert _codes(library) == [("ris-stray-text", 5), ("ris-unknown-type", 6)]
