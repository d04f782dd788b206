"""Every example carried by a mapping table is a test (the tables are the documentation)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from translitbib.model import Library, SourceSpan
from translitbib.readers.csljson import item_to_reference
from translitbib.writers.bibtex import format_entry as bib_entry
from translitbib.writers.bibtex import known_proper_names, sentence_cased
from translitbib.writers.csljson import csl_item
from translitbib.writers.latex import escape_title
from translitbib.writers.profile import effective, get_target
from translitbib.writers.ris import format_entry as ris_entry
from translitbib.writers.tables import babel_name, language_tag, load_table


def reference(item: dict[str, Any]):
    item = {"id": "example", **item}
    return item_to_reference(item, SourceSpan("table", 1), json.dumps(item), Library())


def examples(table: str) -> list[Any]:
    return [pytest.param(e, id=e.get("name", str(i)))
            for i, e in enumerate(load_table(table)["examples"])]


@pytest.mark.parametrize("example", examples("bibtex"))
def test_bibtex_table_examples(example):
    text = bib_entry(reference(example["reference"]), get_target(example["target"]).bib)
    lines = text.splitlines()
    for line in example["lines"]:
        assert line in lines, text


@pytest.mark.parametrize("example", examples("ris"))
def test_ris_table_examples(example):
    lines = ris_entry(reference(example["reference"])).splitlines()
    for line in example["lines"]:
        assert line in lines
    for line in example.get("absent", ()):
        assert line not in lines


@pytest.mark.parametrize("example", examples("targets"))
def test_type_rule_examples(example):
    ref = effective(reference(example["reference"]))
    assert ref.type == example["type"]
    if "genre" in example:  # null: no genre written at all
        assert ref.fields.get("genre") == example["genre"]


@pytest.mark.parametrize("example", [
    pytest.param(e, id=e["title"]) for e in load_table("bibtex")["proper_words"]["examples"]])
def test_proper_word_examples(example):
    title = example["title"]
    assert escape_title(title, sentence_cased(title), known_proper_names()) == example["protected"]


@pytest.mark.parametrize("example", [
    pytest.param(e, id=e["reference"]["original-title"])
    for e in load_table("targets")["csl_nocase"]["examples"]])
@pytest.mark.parametrize("target", ["default", "zotero"])
def test_nocase_examples(example, target):
    """Written wrapped (when not English); every writer sees a wrapped value unwrapped."""
    ref = reference(example["reference"])
    assert csl_item(ref, get_target(target))["original-title"] == example["original-title"]
    read_back = reference({**example["reference"], "original-title": example["original-title"]})
    assert effective(read_back).fields["original-title"] == example["reference"]["original-title"]


@pytest.mark.parametrize("example", examples("languages"))
def test_language_examples(example):
    assert language_tag(example["input"]) == example["bcp47"]
    assert babel_name(example["input"]) == example["babel"]


def test_every_dialect_maps_every_model_type():
    """Each dialect and RIS has a fallback, so no CSL type is ever left without a mapping."""
    for name, table in load_table("bibtex")["dialects"].items():
        assert "*" in table.get("types", {"*": 1}), name
    assert "*" in load_table("ris")["types"]
