"""The files written: schema-valid CSL-JSON, faithful .bib and RIS, one test per hard case."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pybtex.database
import pytest

from tests.writers.writers_support import CSL_DIR, load_golden
from translitbib.errors import OutputError
from translitbib.model import Library, Name
from translitbib.readers.csljson import read_csljson
from translitbib.writers import TARGETS, write_outputs
from translitbib.writers.bibtex import format_bibtex
from translitbib.writers.csljson import format_csljson
from translitbib.writers.ris import format_ris

SCHEMA = json.loads((CSL_DIR / "csl-data.json").read_text("utf-8"))


def by_id(library: Library, prefix: str):
    return next(r for r in library.references if r.id.startswith(prefix))


def bib_entry(text: str, key: str) -> str:
    return re.search(r"^@\w+\{" + key + r",\n.*?^\}", text, re.M | re.S).group()


def test_write_outputs_writes_three_files_atomically(tmp_path: Path, golden):
    paths = write_outputs(golden, tmp_path / "out")
    assert [p.name for p in paths] == ["references.bib", "references.json", "references.ris"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)
    assert paths[0].read_text("utf-8").count("\n@") == len(golden.references)


def test_write_outputs_rejects_unknown_target_and_format_before_writing(tmp_path, golden):
    with pytest.raises(ValueError, match="unknown target"):
        write_outputs(golden, tmp_path, target="endnote")
    with pytest.raises(ValueError, match="unknown output format"):
        write_outputs(golden, tmp_path, formats=("docx",))
    assert list(tmp_path.iterdir()) == []


def test_unwritable_directory_is_an_output_error(tmp_path, golden):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        write_outputs(golden, blocker / "out")


@pytest.mark.parametrize("target", TARGETS)
def test_golden_csljson_validates_against_the_schema(target):
    items = json.loads(format_csljson(load_golden(), target))
    jsonschema.validate(items, SCHEMA)
    assert {item["type"] for item in items} >= {
        "book", "article-newspaper", "article-magazine", "article-journal", "chapter", "webpage"}


def test_seed_csljson_validates_against_the_schema(seed_libraries):
    for name, library in seed_libraries.items():
        items = json.loads(format_csljson(library))
        assert items, name
        jsonschema.validate(items, SCHEMA)


def test_russian_works_carry_language_everywhere(golden):
    items = {i["id"]: i for i in json.loads(format_csljson(golden))}
    bib, ris = format_bibtex(golden), format_ris(golden)
    for ref in golden.references:
        if ref.fields.get("language") == "ru":
            assert items[ref.id]["language"] == "ru"
            entry = bib_entry(bib, ref.id)
            assert "langid = {russian}" in entry and "language = {russian}" in entry
            assert re.search(r"ID  - " + ref.id + r"\n(?:.*\n)*?LA  - ru\n", ris)


def test_newspaper_stays_a_newspaper(golden):
    ref = by_id(golden, "dobriukha")
    item = next(i for i in json.loads(format_csljson(golden)) if i["id"] == ref.id)
    assert item["type"] == "article-newspaper"
    assert "entrysubtype = {newspaper}" in bib_entry(format_bibtex(golden, "biblatex"), ref.id)
    assert f"TY  - NEWS\nID  - {ref.id}" in format_ris(golden)


def test_interview_keeps_its_magazine_and_interviewee(golden):
    ref = by_id(golden, "smirtiukhov")
    item = next(i for i in json.loads(format_csljson(golden, "zotero")) if i["id"] == ref.id)
    assert item["type"] == "article-magazine" and item["genre"] == "interview"
    assert item["container-title"] == "Kommersant-Vlast'"
    assert item["author"] == [{"family": "Smirtiukhov", "given": "Mikhail"}]
    entry = bib_entry(format_bibtex(golden, "biblatex"), ref.id)
    assert "entrysubtype = {magazine}" in entry and "journaltitle = {Kommersant-Vlast'}" in entry
    assert f"TY  - MGZN\nID  - {ref.id}" in format_ris(golden)


def test_a_genre_that_repeats_the_title_is_written_nowhere():
    """"Interview" by genre "interview" would print "Interview. Interview." (pandoc)."""
    item = {"id": "smirtiukhov2000interview", "type": "interview", "title": "Interview",
            "genre": "Interview.", "container-title": "Kommersant-Vlast'",
            "author": [{"family": "Smirtiukhov", "given": "Mikhail"}]}
    library = read_csljson(json.dumps([item]), "interview.json")
    for target in TARGETS:
        (written,) = json.loads(format_csljson(library, target))
        assert written["type"] == "article-magazine" and "genre" not in written
        assert written["title"] == "Interview"
    bib = format_bibtex(library, "biblatex")
    assert "title = {Interview}," in bib and "titleaddon" not in bib
    assert "type = " not in format_bibtex(library, "bibtex")
    ris = format_ris(library)
    assert "TI  - Interview\n" in ris and "M3  - " not in ris
    assert library.references[0].fields["genre"] == "Interview."  # the model keeps it


def test_a_genre_beside_another_title_stays():
    item = {"id": "a", "type": "thesis", "title": "Beriia i atomnyi proekt", "genre": "PhD thesis"}
    library = read_csljson(json.dumps([item]), "thesis.json")
    assert json.loads(format_csljson(library))[0]["genre"] == "PhD thesis"
    assert "M3  - PhD thesis" in format_ris(library)


def test_two_places_and_two_publishers_survive(golden):
    ref = by_id(golden, "rubin")
    item = next(i for i in json.loads(format_csljson(golden)) if i["id"] == ref.id)
    assert (item["publisher-place"], item["publisher"]) == ("Moscow; Smolensk", "Olimp; Rusich")
    entry = bib_entry(format_bibtex(golden, "biblatex"), ref.id)
    assert "location = {Moscow and Smolensk}" in entry
    assert "publisher = {Olimp and Rusich}" in entry
    classic = bib_entry(format_bibtex(golden, "bibtex"), ref.id)
    assert "address = {Moscow; Smolensk}" in classic and "publisher = {Olimp; Rusich}" in classic
    assert "CY  - Moscow; Smolensk\nPB  - Olimp; Rusich" in format_ris(golden)


def test_cyrillic_original_is_present_where_known(golden):
    ref = by_id(golden, "chilachava")
    item = next(i for i in json.loads(format_csljson(golden)) if i["id"] == ref.id)
    assert item["original-title"] == "Сын Лаврентия Берия рассказывает"
    assert "origtitle = {Сын {Лаврентия} {Берия} рассказывает}" in format_bibtex(golden)
    assert "N1  - Original title: Сын Лаврентия Берия рассказывает" in format_ris(golden)
    zotero = next(i for i in json.loads(format_csljson(golden, "zotero")) if i["id"] == ref.id)
    assert "original-title: Сын Лаврентия Берия рассказывает" in zotero["note"]


def test_originals_and_stub_are_kept_and_visible(golden):
    ref = by_id(golden, "mukhin")
    item = next(i for i in json.loads(format_csljson(golden)) if i["id"] == ref.id)
    assert item["custom"]["translitbib"] == {
        "source": str(ref.source), "originals": {"title": "Ubiystvo"}, "stub": True}
    assert "translitbib-stub" in item["keyword"] and "missing from its bibliography" in item["note"]
    entry = bib_entry(format_bibtex(golden), ref.id)
    assert "keywords = {translitbib-stub}" in entry and "missing from its bibliography" in entry


def test_bib_escapes_text_once_and_never_urls(golden):
    text = format_bibtex(golden)
    entry = bib_entry(text, by_id(golden, "australian").id)
    assert "title = {A Clear \\& Present Danger: 100\\% \\#1 \\{draft\\} a\\_b}," in entry
    assert "url = {http://www.abc.net.au/4corners/stories/s296563_x.htm?a=1&b=%20#top}," in entry
    assert "\\\\%" not in text and "''" not in text and "textquotesingle" not in text
    assert "author = {Chilachava, Raul'}," in text  # the soft sign as one ASCII apostrophe


def test_bib_protects_proper_names_and_acronyms(golden):
    text = format_bibtex(golden)
    assert "title = {Lavrentiia {Beriia} rasstreliali zadolgo do prigovora}," in text
    assert "title = {Politbiuro {TsK} {VKP}(b) i {Sovet} {Ministrov} {SSSR}}," in text


def test_classic_bibtex_dialect(golden):
    text = format_bibtex(golden, "bibtex")
    entry = bib_entry(text, by_id(golden, "dobriukha").id)
    assert "journal = {Argumenty i fakty}," in entry
    assert "year = {2003},\n  month = jun,\n  day = {18}," in entry
    assert not re.search(r"^  date =", text, re.M) and "entrysubtype" not in text
    koshliakov = bib_entry(text, by_id(golden, "koshliakov").id)
    assert "note = {Link dead (404) when checked; archived copy found. Archived copy: https:" \
        in koshliakov


@pytest.mark.parametrize("dialect", ["biblatex", "bibtex", "pandoc"])
def test_pybtex_and_bibtexparser_parse_the_bib(dialect, golden):
    text = format_bibtex(golden, dialect)
    data = pybtex.database.parse_string(text, "bibtex")
    assert list(data.entries) == [r.id for r in golden.references]
    parsed = bibtexparser.parse_string(text)
    assert not parsed.failed_blocks
    assert [e.key for e in parsed.entries] == [r.id for r in golden.references]
    url = next(e for e in parsed.entries if e.key.startswith("australian"))["url"]
    assert url == "http://www.abc.net.au/4corners/stories/s296563_x.htm?a=1&b=%20#top"


def test_ris_records_are_well_formed(golden):
    text = format_ris(golden)
    records = text.rstrip("\n").split("\n\n")
    assert len(records) == len(golden.references)
    for record in records:
        lines = record.splitlines()
        assert lines[0].startswith("TY  - ") and lines[-1] == "ER  - "
        assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines)
    assert "Y2  - 2024/03/01/" in text and "UR  - http://www.aif.ru/online/air/1182/10_01" in text
    assert {line[6:] for line in text.splitlines() if line.startswith("TY")} >= {
        "BOOK", "NEWS", "MGZN", "ELEC", "CHAP", "JOUR"}


def test_characters_no_url_holds_raw_are_percent_encoded_in_the_bib(golden):
    ref = by_id(golden, "dobriukha")
    ref.fields["URL"] = "http://example.org/a b/{c}\\d?e=%41_#f"
    entry = bib_entry(format_bibtex(golden), ref.id)
    assert "url = {http://example.org/a%20b/%7Bc%7D%5Cd?e=%41_#f}," in entry


def test_english_titles_protect_known_proper_names_only(golden):
    text = format_bibtex(golden, "bibtex")
    assert "title = {Stalin, the {Leningrad} Affair, and the Limits of Postwar Russocentrism}," \
        in text
    assert "title = {The {Russian} Oligarchy: Welcome to the Real World}," in text
    assert "title = {Stalin: A Biography}," in text  # first word: no style lowers it


def test_write_outputs_gives_keys_to_a_library_that_has_none(tmp_path, golden):
    for ref in golden.references:
        ref.id = ""
    golden.references[0].names["author"].append(Name())
    (bib,) = write_outputs(golden, tmp_path, formats=("bibtex",))
    keys = list(pybtex.database.parse_file(str(bib)).entries)
    assert len(set(keys)) == len(golden.references) and all(keys)
