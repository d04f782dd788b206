"""Bytes to text (readers/text.py): the cases between a clean UTF-8 file and a legacy one."""

from __future__ import annotations

from pathlib import Path

from translitbib.readers import read_path
from translitbib.readers.text import decode_bytes

RUSSIAN = "\n".join(f"Строка {n} о Берии (Мухин {n})." for n in range(1, 60))


def test_a_stray_byte_in_a_utf8_essay_is_replaced_and_named() -> None:
    """One byte that is not UTF-8 (a PDF extraction's) refused the whole essay, naming line
    1; read as cp1251 its Cyrillic would be mojibake.  The byte is replaced, its line named,
    and every other line read as written."""
    data = RUSSIAN.encode().replace("Строка 50".encode(), "Строка 50".encode() + b"\xff")
    decoded = decode_bytes(data, "essay.txt")
    lines = decoded.text.split("\n")
    assert lines[49] == "Строка 50\ufffd о Берии (Мухин 50)."
    assert lines[:49] == RUSSIAN.split("\n")[:49]
    assert decoded.repairs == ((50, "1 byte(s) that are not UTF-8 replaced with \ufffd"),)
    assert decoded.encoding == "utf-8"


def test_a_cp1251_line_in_a_utf8_file_is_read_as_cp1251() -> None:
    data = (RUSSIAN.encode() + b"\n" + "Берия и Сталин в Москве.".encode("cp1251"))
    decoded = decode_bytes(data, "essay.txt")
    assert decoded.text.split("\n")[-1] == "Берия и Сталин в Москве."
    assert decoded.repairs == ((60, "line not in UTF-8, read as cp1251"),)
    assert decoded.encoding == "utf-8+cp1251"


def test_the_report_names_the_line(tmp_path: Path) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_bytes(RUSSIAN.encode().replace("Строка 7 ".encode(), "Строка 7 ".encode() + b"\xfe\xff"))
    library = read_path(essay)
    [repaired] = [p for p in library.problems if p.code == "encoding-repaired"]
    assert (repaired.source.line, repaired.message[:9]) == (7, "2 byte(s)")
    assert len(library.citations) == 59
