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
from translitbib.writers.profile import effective, get_target
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
    # case-protected for citeproc-js, which re-cases original-title whatever the language
    nocase = '<span class="nocase">Сын Лаврентия Берия рассказывает</span>'
    assert item["original-title"] == nocase
    assert "origtitle = {Сын {Лаврентия} {Берия} рассказывает}" in format_bibtex(golden)
    assert "N1  - Original title: Сын Лаврентия Берия рассказывает" in format_ris(golden)
    zotero = next(i for i in json.loads(format_csljson(golden, "zotero")) if i["id"] == ref.id)
    assert zotero["original-title"] == nocase
    assert f"original-title: {nocase}" in zotero["note"]
    back = read_csljson(format_csljson(golden), "out.json")
    assert effective(by_id(back, "chilachava")).fields["original-title"] == (
        "Сын Лаврентия Берия рассказывает")


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
    # what is appended to the note starts a line of its own
    assert "note = {Link dead (404) when checked; archived copy found.\nArchived copy: https:" \
        in koshliakov


@pytest.mark.parametrize("target", TARGETS)
def test_pybtex_and_bibtexparser_parse_the_bib(target, golden):
    text = format_bibtex(golden, get_target(target).bib)
    data = pybtex.database.parse_string(text, "bibtex")
    assert list(data.entries) == [r.id for r in golden.references]
    parsed = bibtexparser.parse_string(text)
    assert not parsed.failed_blocks
    assert [e.key for e in parsed.entries] == [r.id for r in golden.references]
    url = next(e for e in parsed.entries if e.key.startswith("australian"))["url"]
    assert url == "http://www.abc.net.au/4corners/stories/s296563_x.htm?a=1&b=%20#top"


@pytest.mark.parametrize("target", TARGETS)
def test_pybtex_and_bibtexparser_parse_the_bib_of_both_seeds(target, seed_libraries):
    assert len(seed_libraries) == 2
    for name, library in seed_libraries.items():
        text = format_bibtex(library, get_target(target).bib)
        keys = [r.id for r in library.references]
        assert keys and len(set(keys)) == len(keys), name
        assert list(pybtex.database.parse_string(text, "bibtex").entries) == keys, name
        parsed = bibtexparser.parse_string(text)
        assert not parsed.failed_blocks, (name, [b.raw for b in parsed.failed_blocks])
        assert [e.key for e in parsed.entries] == keys, name
        urls = {r.id: r.fields["URL"] for r in library.references if r.fields.get("URL")}
        for entry in parsed.entries:
            if entry.key in urls:
                assert entry["url"] == urls.pop(entry.key), (name, entry.key)
        assert not urls, name


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
    assert "title = {Stalin, the {Leningrad} Affair, and the Limits of Postwar {Russocentrism}}," \
        in text
    assert "title = {The {Russian} Oligarchy: Welcome to the Real World}," in text
    assert "title = {Stalin: A Biography}," in text  # first word: no style lowers it
    # a Slavic given name from the table, a Bulgarian family name from the normalizer's
    assert "title = {The Diary of {Georgi} {Dimitrov} 1933-1949}," in text


def test_a_sentence_cased_english_title_protects_its_capitals():
    """In sentence case a capital after the first word is a proper name, known or not."""
    item = {"id": "a", "type": "book", "title": "Stalin's last crime: the plot against the "
            "Jewish doctors, 1948-1953", "language": "en"}
    text = format_bibtex(read_csljson(json.dumps([item]), "t.json"))
    assert "title = {Stalin's last crime: the plot against the {Jewish} doctors, 1948-1953}," \
        in text


def test_an_editor_only_book_is_a_collection_in_biblatex(golden):
    """biblatex's @book needs an author; a volume with editors only is a @collection."""
    banac = bib_entry(format_bibtex(golden, "biblatex"), "banac2003diary")
    assert banac.startswith("@collection{banac2003diary,\n  editor = {Banac, Ivo},")
    iakovlev = by_id(golden, "iakovlev").id
    entry = bib_entry(format_bibtex(golden, "biblatex"), iakovlev)
    assert entry.startswith("@collection{") and "editoratype = {compiler}" in entry
    assert bib_entry(format_bibtex(golden, "bibtex"), "banac2003diary").startswith("@book{")
    assert "@book{chilachava1992syn," in format_bibtex(golden, "biblatex")  # has an author


def test_raw_csl_types_are_mapped_before_any_file_is_written(golden):
    """The golden set holds a CSL interview and an undated article as a reader gives them."""
    assert {r.type for r in golden.references} >= {"interview", "article", "thesis", "report"}
    beseda, toptygin = by_id(golden, "beriia2000"), by_id(golden, "toptygin")
    items = {i["id"]: i for i in json.loads(format_csljson(golden))}
    assert items[beseda.id]["type"] == "article-magazine"
    assert items[beseda.id]["container-title"] == "Ogonek"
    assert items[beseda.id]["interviewer"] == [{"family": "Dobriukha", "given": "Nikolai"}]
    assert items[toptygin.id]["type"] == "webpage"
    bib = format_bibtex(golden, "biblatex")
    assert "editorb = {Dobriukha, Nikolai},\n  editorbtype = {interviewer}," in bib_entry(
        bib, beseda.id)
    assert bib_entry(bib, toptygin.id).startswith("@online{")
    ris = format_ris(golden)
    assert f"TY  - MGZN\nID  - {beseda.id}" in ris and f"TY  - ELEC\nID  - {toptygin.id}" in ris


def test_en_dash_page_ranges_are_ranges_everywhere():
    item = {"id": "a", "type": "article-journal", "title": "T", "container-title": "J",
            "page": "10–20", "issued": {"date-parts": [[2004]]}}
    library = read_csljson(json.dumps([item]), "t.json")
    for dialect in ("biblatex", "bibtex", "pandoc", "zotero"):
        assert "  pages = {10--20},\n" in format_bibtex(library, dialect), dialect
    ris = format_ris(library)
    assert "SP  - 10\nEP  - 20\n" in ris and "10–20" not in ris


@pytest.mark.parametrize(("ris_type", "item", "tag"), [
    ("BOOK", {"type": "book"}, "A3"),  # Zotero: A2 on a BOOK is the series editor
    ("CHAP", {"type": "chapter", "container-title": "B"}, "A2"),
    ("JOUR", {"type": "article-journal", "container-title": "J"}, "A2"),
    ("CONF", {"type": "paper-conference", "container-title": "P"}, "A2"),
])
def test_the_editor_tag_is_the_one_zotero_reads_as_editor_for_each_type(ris_type, item, tag):
    item = {"id": "a", "title": "T", "editor": [{"family": "Banac", "given": "Ivo"}], **item}
    ris = format_ris(read_csljson(json.dumps([item]), "t.json"))
    assert ris.startswith(f"TY  - {ris_type}\n")
    assert f"{tag}  - Banac, Ivo" in ris
    assert ris.count("Banac, Ivo") == 1


def test_an_interviews_genre_is_a_note_in_ris_not_m3(golden):
    """Zotero reads M3 on a magazine article as its DOI: the genre goes to a note there."""
    ris = format_ris(golden)
    record = next(r for r in ris.split("\n\n") if "ID  - smirtiukhov" in r)
    assert "N1  - Genre: interview" in record and "M3  - " not in record
    thesis = next(r for r in ris.split("\n\n") if "ID  - brandenberger1999" in r)
    assert "M3  - PhD diss." in thesis


def test_write_outputs_gives_keys_to_a_library_that_has_none(tmp_path, golden):
    for ref in golden.references:
        ref.id = ""
    golden.references[0].names["author"].append(Name())
    (bib,) = write_outputs(golden, tmp_path, formats=("bibtex",))
    keys = list(pybtex.database.parse_file(str(bib)).entries)
    assert len(set(keys)) == len(golden.references) and all(keys)


@pytest.mark.parametrize("csl_type", ["document", "broadcast"])
def test_a_misc_publisher_is_its_organization(tmp_path: Path, csl_type: str,
                                              require_client) -> None:
    """biblatex's @misc has no publisher (biber --validate-datamodel: "Invalid field", and
    the styles print nothing): it takes it as organization, which biblatex prints and
    pandoc and translitbib read back as the publisher.  (Zotero's .bib keeps publisher.)"""
    import subprocess

    from translitbib.readers.bibtex import read_bibtex

    library = read_csljson(json.dumps([{"id": "d", "type": csl_type, "title": "Fond 17",
                                        "publisher": "RGASPI", "publisher-place": "Moscow",
                                        "issued": {"date-parts": [[1953]]}}]), "in.json")
    bib = format_bibtex(library, "biblatex")
    assert "@misc{d," in bib and "  organization = {RGASPI}," in bib
    assert "  publisher = {RGASPI}," in format_bibtex(library, "zotero")
    assert read_bibtex(bib, "out.bib").references[0].fields["publisher"] == "RGASPI"
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    biber = subprocess.run([require_client("biber"), "--tool", "--validate-datamodel",
                            "--output-file", "v.bib", "refs.bib"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert biber.returncode == 0 and "Invalid field" not in biber.stdout + biber.stderr
