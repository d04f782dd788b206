"""The writers' fast paths write exactly what the plain ones did (byte for byte)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.strategies import any_json, csljson_library
from translitbib.model import Library
from translitbib.readers.csljson import read_csljson
from translitbib.report import markdown
from translitbib.report.json import iter_json, render_json
from translitbib.report.markdown import iter_markdown, render_markdown
from translitbib.textnorm import nfc
from translitbib.writers.bibtex import format_bibtex, iter_bibtex
from translitbib.writers.csljson import csl_item, format_csljson, indented_json, iter_csljson
from translitbib.writers.keys import assign_keys
from translitbib.writers.latex import escape, escape_title
from translitbib.writers.profile import TARGETS, get_target
from translitbib.writers.ris import format_ris, iter_ris

EXAMPLES = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


@EXAMPLES
@given(any_json)
def test_indented_json_is_json_dumps_with_indent(value):
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


@EXAMPLES
@given(any_json)
def test_report_records_are_json_dumps(value):
    from translitbib.report.json import _encode

    assert _encode(value) == json.dumps(value, ensure_ascii=False)


@EXAMPLES
@given(csljson_library())
def test_csljson_file_is_the_items_dumped_with_indent(library_text):
    library = assign_keys(read_csljson(library_text[0], "fuzz.json"))
    for target in TARGETS:
        items = [csl_item(ref, get_target(target)) for ref in library.references]
        expected = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
        assert format_csljson(library, target) == nfc(expected)  # every output is NFC


def _slow_title(text: str, russian: bool, proper: frozenset[str]) -> str:
    """escape_title through its general path: a special character appended, then cut off."""
    return escape_title(text + "%", russian, proper)[: -len(r"\%")]


words = st.sampled_from(["Stalin", "stalin", "NKVD", "Beria-Dzhugashvili", "Stalin's", "o",
                         "Ol'ga", "and", "1953", "Moskva", "McCarthy", "Лаврентий", "Берия",
                         "ʹ", "iʹ", "''", "x-", "’", "ǅ", "Ⅻ", "2nd", "é"])
separators = st.sampled_from([" ", ": ", ", ", " (", ") ", "-", "—", "  ", "\n", "«", "»"])


@EXAMPLES
@given(st.lists(st.tuples(words, separators), max_size=10), st.booleans())
def test_title_fast_path_matches_the_general_one(parts, russian):
    text = "".join(w + s for w, s in parts)
    proper = frozenset({"Stalin", "Moskva", "Beria"})
    assert escape_title(text, russian, proper) == _slow_title(text, russian, proper)


def test_markdown_ends_in_one_line_break_after_the_references_table(golden):
    for library in (Library(), golden):
        text = markdown.render_markdown(library)
        last = text.rstrip("\n").rsplit("\n", 1)[-1]
        assert text.endswith(last + "\n") and not text.endswith("\n\n")
        assert last == last.rstrip() and last.startswith("|")


def test_escape_keeps_plain_text_and_escapes_specials():
    assert escape("Olimp; Rusich") == "Olimp; Rusich"
    assert escape("50% & {a} }") == r"50\% \& \{a\} {\textbraceright}"
    assert escape("''Pravda''") == "'{}'Pravda'{}'"


def test_every_file_can_be_written_a_reference_at_a_time(golden):
    """The iterators give the files' exact text in pieces no bigger than one record."""
    whole_and_pieces = [
        (format_bibtex(golden, "bibtex"), list(iter_bibtex(golden, "bibtex"))),
        (format_csljson(golden, "zotero"), list(iter_csljson(golden, "zotero"))),
        (format_ris(golden), list(iter_ris(golden))),
        (render_json(golden), list(iter_json(golden))),
        (render_markdown(golden), list(iter_markdown(golden))),
    ]
    for whole, pieces in whole_and_pieces:
        assert "".join(pieces) == whole
        assert len(pieces) > len(golden.references)
        assert max(map(len, pieces)) < 3000


def test_effective_copies_every_other_field_of_the_reference():
    import dataclasses

    from tests.pipeline.test_transfer import _full_reference
    from translitbib.writers.profile import effective

    ref = _full_reference()  # a stub: the writers' copy gets the stub keyword and note
    copy = effective(ref)
    assert copy is not ref and copy.fields != ref.fields
    for field in dataclasses.fields(ref):
        if field.name not in ("type", "fields"):
            assert getattr(copy, field.name) is getattr(ref, field.name), field.name


_TEXTS = st.text(alphabet="aбz|\n\"\\ '", max_size=6)
_RECORDS = st.builds(
    lambda field, original, cyrillic, normalized, kind, confidence, evidence, applied, ref_id:
    (field, original, cyrillic, normalized, kind, confidence, tuple(evidence), applied, ref_id),
    _TEXTS, _TEXTS, st.none() | _TEXTS, _TEXTS, st.sampled_from(["variant", "typo-suspect"]),
    st.floats(0, 1), st.lists(_TEXTS, max_size=3), st.booleans(), _TEXTS)


@EXAMPLES
@given(st.lists(_RECORDS, min_size=1, max_size=6))
def test_normalization_records_written_from_their_shared_part_are_the_plain_ones(rows):
    """The JSON and table row made from a change's cached part, for records that share it
    and records that do not, are json.dumps of to_dict and the plain row."""
    from translitbib.model import Reference, SourceSpan
    from translitbib.report.json import _encode, normalization_json
    from translitbib.translit.record import Normalization
    from translitbib.translit.report import _plain_markdown_row, markdown_row

    records = []
    for field, original, cyrillic, normalized, kind, confidence, evidence, applied, ref_id in rows:
        ref = Reference("book", SourceSpan("a.bib", 1), "", id=ref_id)
        for reference in (ref, None):  # the same change in another place
            records.append(Normalization(field, original, cyrillic, None, normalized, kind,
                                         confidence, evidence, applied, reference, where="x"))
    for record in records * 2:  # the second time from the cache
        assert normalization_json(record) == _encode(record.to_dict())
        assert markdown_row(record) == _plain_markdown_row(record)
