"""CSL-JSON in: items, lines, translitbib's own markers, problems and errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import translitbib.readers
from tests.support import CSL_SCHEMA, run_cli
from translitbib.errors import FormatError
from translitbib.readers.csljson import read_csljson

ITEMS = """[
  {"id": "a", "type": "book", "title": "Beriia",
   "author": [{"family": "Cruz", "non-dropping-particle": "de la", "given": "Juan"}],
   "issued": {"date-parts": [["2005", 3]]}, "language": "Russian", "number-of-pages": 320},
  {"type": "webpage", "title": "Stub", "note": "x\\noriginal-title: Заглушка\\nCited in the text but missing from its bibliography (added by translitbib).",
   "keyword": "a, translitbib-stub", "custom": {"translitbib": {"originals": {"title": "Stab"}}}},
  "not an item",
  {"id": "c", "type": "book", "author": "Nobody", "issued": [1]},
  {"id": "d", "title": "No type"}
]"""


def test_items_fields_names_dates():
    lib = read_csljson(ITEMS, "refs.json")
    first = lib.references[0]
    assert first.authors[0].family == "de la Cruz" and first.authors[0].given == "Juan"
    assert first.dates["issued"].iso() == "2005-03"
    assert first.fields["language"] == "ru" and first.fields["number-of-pages"] == "320"
    assert first.source.line == 2 and json.loads(first.raw)["id"] == "a"


def test_markers_are_taken_back():
    stub = read_csljson(ITEMS, "refs.json").references[1]
    assert stub.stub and stub.fields["keyword"] == "a" and stub.fields["note"] == "x"
    assert stub.fields["original-title"] == "Заглушка"
    assert stub.originals == {"title": "Stab"}
    assert stub.source.line == 5


def test_wrong_shapes_are_problems():
    lib = read_csljson(ITEMS, "refs.json")
    assert [p.code for p in lib.problems] == ["csljson-not-an-item", "csljson-bad-name",
                                             "csljson-bad-date", "csljson-no-type"]
    assert lib.problems[0].source.line == 7
    assert lib.references[-1].type == "document" and lib.references[-1].title == "No type"
    assert lib.inputs[0].entries_read == 5  # the non-object too: reported, not written
    assert [p.dropped_entry for p in lib.problems] == [True, False, False, False]


def test_single_object_and_items_wrapper():
    assert len(read_csljson('{"type": "book", "id": "x"}', "one.json").references) == 1
    wrapped = '{"items": [{"type": "book", "id": "x"}, {"type": "book", "id": "y"}]}'
    assert len(read_csljson(wrapped, "w.json").references) == 2


def test_invalid_json_raises_format_error_with_line():
    with pytest.raises(FormatError) as err:
        read_csljson('[\n  {"type": "book",\n  "id": }\n]', "bad.json")
    assert err.value.line == 3 and err.value.path == "bad.json"
    with pytest.raises(FormatError):
        read_csljson('"a string"', "s.json")


def test_json_nested_too_deeply_is_a_format_error():
    with pytest.raises(FormatError, match="nested too deeply"):
        read_csljson("[" * 5000 + "]" * 5000, "deep.json")


CSL_ITEM_TABLE = json.loads(
    (Path(translitbib.readers.__file__).parent / "data" / "csl_item.json").read_text("utf-8"))


@pytest.mark.parametrize("example", CSL_ITEM_TABLE["examples"],
                         ids=[json.dumps(e["item"]) for e in CSL_ITEM_TABLE["examples"]])
def test_csl_item_table_examples(example):
    lib = read_csljson(json.dumps([example["item"]]), "refs.json")
    ref = lib.references[0]
    assert ref.type == example["type"] and ref.fields["note"] == example["note"]
    assert [p.code for p in lib.problems] and all(p.source.line == 1 for p in lib.problems)


def test_the_table_is_the_official_schema():
    schema = json.loads(CSL_SCHEMA.read_text("utf-8"))["items"]["properties"]
    assert CSL_ITEM_TABLE["types"] == sorted(schema["type"]["enum"])
    assert set(CSL_ITEM_TABLE["text_variables"]) <= set(schema)


def test_foreign_types_and_variables_keep_the_output_valid_and_lose_nothing(tmp_path):
    items = [{"id": "a", "type": "bogus", "title": "Stalin", "foo": "bar",
              "categories": ["history", "USSR"], "volume": ["1"]},
             {"id": "b", "type": "book", "title": "Vlast'", "isbn": "5-224-01234-5",
              "note": "old note"}]
    lib = read_csljson(json.dumps(items), "refs.json")
    first, second = lib.references
    assert first.type == "document"
    assert first.fields["note"] == 'type: bogus\nfoo: bar\nvolume: ["1"]'
    assert first.fields["keyword"] == "history, USSR"
    assert second.fields["ISBN"] == "5-224-01234-5" and second.fields["note"] == "old note"
    assert sorted(p.code for p in lib.problems) == [
        "csljson-bad-value", "csljson-unknown-type", "csljson-unknown-variable"]
    source = tmp_path / "refs.json"
    source.write_text(json.dumps(items), "utf-8")
    out = tmp_path / "out"
    assert run_cli("convert", str(source), "--out", str(out), "--no-normalize").returncode == 0
    jsonschema.validate(json.loads((out / "references.json").read_text("utf-8")),
                        json.loads(CSL_SCHEMA.read_text("utf-8")))


def test_half_a_character_is_read_as_a_replacement_and_reported() -> None:
    """A \\ud800 escape alone is a lone surrogate no output can encode: U+FFFD, a warning;
    a pair of escapes is one character and changes nothing."""
    text = ('[{"id": "a", "type": "book", "title": "Zhizn\\ud800", "custom": {"translitbib": '
            '{"originals": {"title": "\\udfff"}}}},\n'
            ' {"id": "b", "type": "book", "title": "Smile \\ud83d\\ude00"}]')
    library = read_csljson(text, "lib.json")
    first, second = library.references
    assert first.title == "Zhizn\ufffd" and first.originals == {"title": "\ufffd"}
    assert second.title == "Smile \U0001f600"
    [problem] = library.problems
    assert problem.code == "csljson-half-character" and str(problem.source) == "lib.json:1"
    assert "2 " in problem.message
    for ref in library.references:
        ref.raw.encode("utf-8")  # every text can be written


def test_a_single_item_with_half_a_character_too() -> None:
    library = read_csljson('{"id": "a", "type": "book", "title": "X\\ud800"}', "one.json")
    assert library.references[0].title == "X\ufffd"
    library.references[0].raw.encode("utf-8")


@pytest.mark.parametrize("issued,iso,csl", [
    ({"raw": "2003-06-18"}, "2003-06-18", [[2003, 6, 18]]),  # was a literal: a note in .bib
    ({"date-parts": [[1999], [2001]]}, "1999/2001", [[1999], [2001]]),  # the end was lost
    ({"date-parts": [["1999", "5"], ["1999", "7"]]}, "1999-05/1999-07", [[1999, 5], [1999, 7]]),
    ({"raw": "1999/2001"}, "1999/2001", [[1999], [2001]]),
    ({"raw": "spring 1999"}, "spring 1999", None),
])
def test_raw_dates_and_ranges(issued, iso, csl):
    text = json.dumps([{"id": "a", "type": "book", "title": "T", "issued": issued}])
    date = read_csljson(text, "refs.json").references[0].dates["issued"]
    assert date.iso() == iso
    assert date.to_csl() == ({"date-parts": csl} if csl else {"literal": iso})


def test_zoteros_citation_key_is_the_key() -> None:
    """Zotero's CSL-JSON has its item's URI as the id and the user's key as citation-key:
    the .bib was written @book{http://zotero.org/users/1/items/AAA, and \\cite{hrytsak1996}
    found nothing.  The URI stays citable as an alias."""
    from translitbib.writers.keys import assign_keys

    text = json.dumps([
        {"id": "http://zotero.org/users/1/items/AAA", "type": "book", "title": "Istoriia Ukrainy",
         "citation-key": "hrytsak1996"},
        {"id": "item2", "type": "book", "title": "Narys", "citation-key": "item2"}])
    first, second = assign_keys(read_csljson(text, "z.json")).references
    assert (first.id, first.aliases) == ("hrytsak1996", ["http://zotero.org/users/1/items/AAA"])
    assert (second.id, second.aliases) == ("item2", [])
    # the key is no field besides: a key renamed for a clash would go stale in it
    assert "citation-key" not in first.fields and "citation-key" not in second.fields


@pytest.mark.parametrize("written", [{"literal": "et al."}, {"literal": "et al"}, "и др."])
def test_et_al_as_a_name_is_and_others(written: object) -> None:
    """Chicago printed 'Abylkhozhin, Zh. B. and et al.' from an exported literal 'et al.'."""
    item = {"id": "a", "type": "book", "title": "Istoriia",
            "author": [{"family": "Abylkhozhin", "given": "Zh. B."}, written]}
    (ref,) = read_csljson(json.dumps([item]), "refs.json").references
    assert [n.literal for n in ref.authors] == ["", "others"]
