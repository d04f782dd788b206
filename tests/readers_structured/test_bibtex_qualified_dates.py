"""Qualified dates: ``year = {[1953]}`` (supplied), ``date = {1990~}`` (biblatex's circa) and
a date with a time keep their year and their qualifier.

``[1953]`` became a literal (biblatex got no date), ``1990~`` lost "circa", and a
``urldate`` with a time was dropped from the .bib.
"""

from __future__ import annotations

import json

from translitbib.readers.bibtex import read_bibtex
from translitbib.writers.bibtex import format_bibtex
from translitbib.writers.csljson import format_csljson

BIB = """@book{d2, author={A, C}, title={Two}, date={1990~}}
@book{d4, author={A, E}, title={Four}, year={[1953]}}
@book{d8, author={A, H}, title={Eight}, date={1953-07-10?}}
@book{d9, author={A, J}, title={Nine}, year={1953}, urldate={2020-01-01T10:00:00Z}}
"""


def _entries(text: str) -> dict[str, str]:
    chunks = text.split("\n@")[1:]
    return {chunk.split("{", 1)[1].split(",", 1)[0]: chunk for chunk in chunks}


def test_dates_read_with_their_qualifiers():
    refs = {r.id: r for r in read_bibtex(BIB, "d.bib").references}
    assert (refs["d2"].dates["issued"].year, refs["d2"].dates["issued"].literal) == (1990, "1990~")
    assert (refs["d4"].dates["issued"].year, refs["d4"].dates["issued"].literal) == (1953, "[1953]")
    accessed = refs["d9"].dates["accessed"]
    assert (accessed.year, accessed.month, accessed.day) == (2020, 1, 1)


def test_biblatex_keeps_year_circa_and_time_and_reads_them_back():
    bib = format_bibtex(read_bibtex(BIB, "d.bib"))
    entries = _entries(bib)
    assert "date = {1990~}" in entries["d2"]
    assert "date = {1953}" in entries["d4"] and "note = {Date: [1953]}" in entries["d4"]
    assert "date = {1953-07-10?}" in entries["d8"]
    assert "urldate = {2020-01-01T10:00:00Z}" in entries["d9"]
    assert format_bibtex(read_bibtex(bib, "out.bib")) == bib  # converting again: the same


def test_classic_bibtex_prints_the_supplied_year():
    entries = _entries(format_bibtex(read_bibtex(BIB, "d.bib"), "bibtex"))
    assert "year = {[1953]}" in entries["d4"] and "year = {1990}" in entries["d2"]


def test_csl_json_has_the_year_and_circa():
    items = {i["id"]: i for i in json.loads(format_csljson(read_bibtex(BIB, "d.bib")))}
    assert items["d2"]["issued"] == {"date-parts": [[1990]], "circa": True}
    assert items["d4"]["issued"] == {"date-parts": [[1953]]}
    assert items["d9"]["accessed"] == {"date-parts": [[2020, 1, 1]]}
