"""Write -> read gives the same references (Hypothesis), for the .bib and for CSL-JSON.

The .bib carries everything but ``originals`` (documented in docs/outputs.md); CSL-JSON
carries everything.  References are compared as the writers see them (``effective``:
type rules applied, language and stub markers set), and URLs byte for byte.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.writers.writers_support import SEEDS, convert_seed, load_golden
from translitbib.model import Date, Library, Name, Reference, SourceSpan
from translitbib.readers.bibtex import read_bibtex
from translitbib.readers.csljson import read_csljson
from translitbib.richtext import strip_tags
from translitbib.writers.bibtex import format_bibtex
from translitbib.writers.csljson import format_csljson
from translitbib.writers.keys import assign_keys
from translitbib.writers.profile import effective
from translitbib.writers.ris import format_ris

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
LETTERS = string.ascii_letters + CYRILLIC
TEXT_CHARS = LETTERS + string.digits + "'%_&#{}$~^\\\"`.,:;!?()-/@«»—é"
URL_CHARS = string.ascii_letters + string.digits + "-._~%!$&'()*+,;=:@/?#[]"
TYPES = ["book", "article-newspaper", "article-magazine", "article-journal", "chapter",
         "webpage", "interview", "thesis", "report", "manuscript", "paper-conference",
         "document"]

word = st.text(TEXT_CHARS, min_size=1, max_size=8)
text = st.lists(word, min_size=1, max_size=6).map(" ".join)
name_word = st.text(LETTERS + "'-.", min_size=1, max_size=8).filter(lambda w: w[0].isalpha())
list_value = st.lists(st.lists(st.text(LETTERS, min_size=1, max_size=8), min_size=1,
                               max_size=3).map(" ".join), min_size=1, max_size=3).map("; ".join)
url = st.text(URL_CHARS, max_size=30).map(lambda tail: "http://example.org/" + tail)


@st.composite
def names(draw) -> list[Name]:
    people = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            people.append(Name(literal=" ".join(draw(st.lists(name_word, min_size=1, max_size=3)))))
        else:
            family = " ".join(draw(st.lists(name_word, min_size=1, max_size=2)))
            given = " ".join(draw(st.lists(name_word, max_size=2)))
            people.append(Name(family=family, given=given))
    return people


@st.composite
def dates(draw) -> Date:
    year = draw(st.integers(1000, 2100))
    month = draw(st.none() | st.integers(1, 12))
    day = draw(st.none() | st.integers(1, 28)) if month else None
    if draw(st.booleans()):
        return Date(year, month, day)
    end_month = draw(st.integers(1, 12)) if month else None  # a range: 1999/2001
    return Date(year, month, day, end=(year + draw(st.integers(1, 20)), end_month, None))


FIELDS = {
    "title": text, "container-title": text, "collection-title": text, "note": text,
    "original-title": st.text(CYRILLIC + " ", min_size=1, max_size=20).map(str.strip).filter(bool),
    "publisher": list_value, "publisher-place": list_value, "volume": st.from_regex(r"\d{1,3}", fullmatch=True),
    "issue": st.from_regex(r"\d{1,2}", fullmatch=True), "page": st.from_regex(r"\d{1,3}(-\d{1,3})?", fullmatch=True),
    "edition": st.from_regex(r"[1-9]", fullmatch=True), "URL": url, "DOI": st.from_regex(r"10\.\d{4}/[a-z_.%]{1,8}", fullmatch=True),
    "archive": text, "archive_location": url, "language": st.sampled_from(["ru", "en", "de"]),
    "genre": text, "ISBN": st.from_regex(r"[0-9X-]{10,13}", fullmatch=True),
    "keyword": st.lists(st.text(LETTERS, min_size=1, max_size=6), min_size=1, max_size=3).map(", ".join),
}
ROLES = ["author", "editor", "translator", "container-author", "compiler", "interviewer"]


@st.composite
def references(draw) -> Reference:
    ref = Reference(type=draw(st.sampled_from(TYPES)), source=SourceSpan("gen.txt", 1), raw="")
    for key in draw(st.lists(st.sampled_from(sorted(FIELDS)), unique=True, max_size=8)):
        ref.fields[key] = draw(FIELDS[key])
    ref.fields.setdefault("title", draw(text))
    for role in draw(st.lists(st.sampled_from(ROLES), unique=True, max_size=3)):
        ref.names[role] = draw(names())
    for key in draw(st.lists(st.sampled_from(["issued", "accessed", "original-date"]), unique=True)):
        ref.dates[key] = draw(dates())
    ref.stub = draw(st.booleans())
    if draw(st.booleans()):
        ref.originals = {"title": draw(text)}
    return ref


def library_of(refs: list[Reference]) -> Library:
    return assign_keys(Library(references=refs))


def comparable(ref: Reference, with_originals: bool) -> tuple:
    seen = effective(ref)
    return seen.to_csl(), seen.stub, ref.originals if with_originals else None


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(references(), min_size=1, max_size=4))
def test_biblatex_round_trip(refs):
    library = library_of(refs)
    back = read_bibtex(format_bibtex(library, "biblatex"), "out.bib")
    assert back.problems == []
    assert [comparable(r, False) for r in back.references] == [
        comparable(r, False) for r in library.references]
    for written, read in zip(library.references, back.references, strict=True):
        assert read.fields.get("URL") == written.fields.get("URL")  # byte for byte


@SETTINGS
@given(st.lists(references(), min_size=1, max_size=4), st.sampled_from(["default", "zotero"]))
def test_csljson_round_trip(refs, target):
    library = library_of(refs)
    back = read_csljson(format_csljson(library, target), "out.json")
    assert back.problems == []
    assert [comparable(r, True) for r in back.references] == [
        comparable(r, True) for r in library.references]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_and_golden_round_trip(seed):
    for library in (convert_seed(seed), load_golden()):
        from_bib = read_bibtex(format_bibtex(library, "biblatex"), "out.bib")
        from_json = read_csljson(format_csljson(library), "out.json")
        expected = [comparable(r, False) for r in library.references]
        assert [comparable(r, False) for r in from_bib.references] == expected
        assert [comparable(r, True) for r in from_json.references] == [
            comparable(r, True) for r in library.references]


def test_a_date_that_is_only_text_survives_both_dialects():
    ref = Reference(type="book", source=SourceSpan("t", 1), raw="", id="a",
                    fields={"title": "T"}, dates={"issued": Date(literal="spring 2003")})
    library = Library(references=[ref])
    biblatex = format_bibtex(library, "biblatex")
    assert "note = {Date: spring 2003}" in biblatex and "  date =" not in biblatex
    assert read_bibtex(biblatex, "a.bib").references[0].dates["issued"].literal == "spring 2003"
    assert "year = {spring 2003}" in format_bibtex(library, "bibtex")


@pytest.mark.parametrize("title,latex", [
    ("Interv'iu s <i>Pravdoi</i>", r"\emph{{Pravdoi}}"),
    ("H<sub>2</sub>O and <b>bold <i>both</i></b>", r"\textbf{bold \emph{both}}"),
    ('<span style="font-variant:small-caps;">Sc</span> and <sup>1</sup>', r"\textsc{Sc}"),
    ("a <i>stray tag", "a <i>stray tag"),  # unbalanced: text, written and read as text
])
def test_csl_rich_text_is_latex_in_the_bib_and_comes_back(title: str, latex: str) -> None:
    library = Library(references=[Reference("book", SourceSpan("a.json", 1), "", id="r",
                                            fields={"title": title})])
    biblatex = format_bibtex(library, "biblatex")
    assert latex in biblatex
    assert read_bibtex(biblatex, "a.bib").references[0].title == title
    assert f"TI  - {strip_tags(title)}" in format_ris(library)
