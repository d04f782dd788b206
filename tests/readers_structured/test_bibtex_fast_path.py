"""The fast BibTeX scanner gives exactly what pybtex gives: references (type, fields,
names with their raw text, dates, key, line, raw chunk), problems and accounting.

Every .bib text the suite knows is read twice, ``read_bibtex(text, path)`` and
``read_bibtex(text, path, fast=False)`` (pybtex for every chunk), and the two libraries are
compared in full; Hypothesis then writes entries of its own.  Other tests check that the
common case really takes the fast path, and that the odd chunks are left to pybtex.
"""

from __future__ import annotations

import dataclasses
import gc
import string
from typing import Any

import pytest
from bench.scale.generate_bib import generate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex import textutils
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person

from tests.fuzz.strategies import bibtex_text
from tests.hostile.corpus import all_cases
from tests.readers_structured.test_bibtex_reader import BIB
from tests.writers.writers_support import SEEDS, convert_seed, load_golden
from translitbib.errors import FormatError
from translitbib.model import Library
from translitbib.readers import bibtex as reader
from translitbib.readers import bibtex_scan as scan
from translitbib.readers.bibtex import _chunks, _decode, _person_fields, read_bibtex
from translitbib.readers.bibtex_names import (
    _extended_name_parts,
    name_from_person,
    parse_name,
    split_names,
)
from translitbib.readers.bibtex_scan import scan_chunk
from translitbib.writers.bibtex import format_bibtex
from translitbib.writers.latex import decode

# Chunks at the edges of the grammar: each is read by both paths and compared.
EDGE_CASES = {
    "parentheses as delimiters": "@book(p, title = {Rechi}, year = 1953)\n",
    "an at sign after the entry": "@book{a, title = {X}}\nmail me: ivan@example.org\n",
    "an at sign in a comment": "@comment{ivan@example.org}\n@book{b, title = {Y}}\n",
    "a percent comment inside an entry": "@book{c,\n  % a note\n  title = {Z},\n}\n",
    "an undefined macro": "@book{d, publisher = nomacro, year = 1994}\n",
    "an undefined macro in a string": "@string{s = nomacro # \"x\"}\n@book{e, title = s}\n",
    "repeated fields in other case": "@book{f, Title = {One}, TITLE = {Two}, title = {3}}\n",
    "an empty name field": "@book{g, author = {}, editor = {}, author = {Beria, L.}}\n",
    "von, Jr and the extended name format": (
        "@book{h, author = {de la Vall{\\'e}e Poussin, Jr, Charles and van Ree, Erik and "
        "Ludwig van Beethoven and family=Beria, given=Lavrentii and {Memorial \\& Friends} "
        "and Jean~Paul~Sartre and d'Artagnan and others}}\n"),
    "a name with four commas": "@book{i, author = {a, b, c, d}, title = {Four}}\n",
    "braces five deep": "@book{j, title = {a{b{c{d{e}}}}}}\n",
    "braces six deep": "@book{k, title = {a{b{c{d{e{f}}}}}}}\n",
    "braces seven deep": "@book{k, title = {a{b{c{d{e{f{g}}}}}}}}\n",
    "quotes holding braces and quotes": '@book{l, title = "a {"quoted"} b", note = "{}"}\n',
    "numbers and macros joined": '@string{m = "May "}\n@book{m, date = m # 19 # {53}, month = MAY}\n',
    "a number run into letters": "@book{n, edition = 2nd}\n",
    "odd characters in the key": '@book{k{e"y=@#, title = {K}}\n',
    "a string redefined in other case": '@string{X = "one"}\n@string{x = "two"}\n@book{o, title = X}\n',
    "a preamble with a macro": '@string{p = "x"}\n@preamble{p # "\\def\\y{}"}\n@book{q, title = p}\n',
    "empty values and commas": "@book{r,, title = {}, , note = \"\",,}\n",
    "no key": "@book{, title = {Nameless}}\n",
    "no comma after the key": "@book{s title = {T}}\n",
    "a key and nothing else": "@book{t}\n",
    "a field without a value": "@book{u, title = , year = 1}\n",
    "a field without equals": "@book{v, title {T}}\n",
    "a comma after a string": '@string{w = "x",}\n@book{w, title = w}\n',
    "a hash and nothing after": "@book{x, title = {a} # }\n",
    "a hash then a comma": "@book{y, title = {a} #, jan}\n",
    "a macro name starting with a symbol": '@string{+x = "plus"}\n@book{z, title = +x}\n',
    "Cyrillic macro name": "@book{aa, publisher = Наука}\n",
    "crlf line ends and tabs": "@book{ab,\r\n\tauthor\t=\t{Zhukov,\r\n  G.},\r\n\ttitle = {A\r\n B}\r\n}\r\n",
    "unicode spaces": "@book{ac, title = {A\u00a0\u2028B\u3000C}, author = {Bel\u00a0Ami, X}}\n",
    "type in capitals and spaces": "@ BOOK { ad , TITLE = {Caps} }\n",
    "a closing brace inside quotes": '@book{ae, title = "a } b"}\n',
    "two entries on one line": "@book{af, title = {A}} @book{ag, title = {B}}\n",
    "text after the last brace": "@book{ah, title = {A}} trailing words } {\n",
    "url commands": "@misc{ai, howpublished = {\\url{http://x.ru/a_b%20c}}, url = {http://y.ru/#f}}\n",
    "a repeated key": "@book{aj, title = {A}}\n@book{AJ, title = {B}}\n@book{aj, title = {C}}\n",
    "a name of only spaces and tildes": "@book{ak, author = {~ and Beria}}\n",
    "month macros": "@article{al, year = 2000, month = feb, day = {8}, journal = {J}}\n",
    "editortype companion": "@collection{am, editor = {Zhukov, G.}, editortype = {compiler}}\n",
}


def snapshot(library: Library) -> dict[str, Any]:
    """Everything a library holds, as plain data (``Reference`` compares by identity)."""
    return {
        "references": [dataclasses.asdict(ref) for ref in library.references],
        "csl": [ref.to_csl() for ref in library.references],
        "problems": [dataclasses.asdict(problem) for problem in library.problems],
        "inputs": [dataclasses.asdict(item) for item in library.inputs],
    }


def read_both_ways(text: str, path: str = "refs.bib") -> tuple[Any, Any]:
    outcomes = []
    for fast in (True, False):
        try:
            outcomes.append(snapshot(read_bibtex(text, path, fast=fast)))
        except FormatError as error:
            outcomes.append(("FormatError", str(error), error.path, error.line))
    return outcomes[0], outcomes[1]


def assert_same_both_ways(text: str) -> None:
    fast, reference = read_both_ways(text)
    assert fast == reference


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_cases_read_the_same(name: str) -> None:
    assert_same_both_ways(EDGE_CASES[name])


def test_edge_cases_together_read_the_same() -> None:
    """Macros defined in one chunk are used in later ones, whichever path read them."""
    assert_same_both_ways("\n".join(EDGE_CASES[name] for name in sorted(EDGE_CASES)))


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.name)
def test_hostile_corpus_reads_the_same(case: Any) -> None:
    assert_same_both_ways(case.data.decode("utf-8", errors="replace"))


def test_reader_test_library_reads_the_same() -> None:
    assert_same_both_ways(BIB)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("dialect", ["biblatex", "bibtex", "pandoc"])
def test_written_seed_and_golden_libraries_read_the_same(seed: Any, dialect: str) -> None:
    for library in (convert_seed(seed), load_golden()):
        assert_same_both_ways(format_bibtex(library, dialect))


@pytest.mark.parametrize("seed", [1, 2024])
def test_generated_libraries_read_the_same(seed: int) -> None:
    assert_same_both_ways(generate(1500, seed))


def test_a_generated_library_never_needs_pybtex(monkeypatch: pytest.MonkeyPatch) -> None:
    """The common case takes the fast path: the equality above is not pybtex vs pybtex."""
    text = generate(500, 7)

    def refuse(*_: Any) -> None:
        raise AssertionError("pybtex was asked to read a common chunk")

    monkeypatch.setattr(reader, "_read_with_pybtex", refuse)
    library = read_bibtex(text, "gen.bib")
    assert len(library.references) == 500
    assert {p.code for p in library.problems} == {"bibtex-duplicate-key"}


UNSURE = ["parentheses as delimiters", "an at sign after the entry", "an at sign in a comment",
          "a percent comment inside an entry", "an undefined macro", "a name with four commas",
          "braces six deep", "a number run into letters", "no key", "a field without a value",
          "a comma after a string", "a hash then a comma", "a closing brace inside quotes",
          "two entries on one line"]


@pytest.mark.parametrize("name", UNSURE)
def test_odd_chunks_are_left_to_pybtex(name: str) -> None:
    text = EDGE_CASES[name]
    macros: dict[str, str] = {}
    results = [scan_chunk(text[start:end].rstrip(), macros, _person_fields())
               for _, _, start, end in _chunks(text)]
    assert None in results


def test_common_chunks_are_scanned() -> None:
    text = EDGE_CASES["von, Jr and the extended name format"]
    (parsed,) = [scan_chunk(text[s:e].rstrip(), {}, _person_fields()) for _, _, s, e in _chunks(text)]
    assert parsed is not None
    names = parsed.entries[0].persons["author"]
    assert [(n.family, n.given, n.literal) for n in names] == [
        ("de la Vallée Poussin Jr", "Charles", ""), ("van Ree", "Erik", ""),
        ("van Beethoven", "Ludwig", ""), ("Beria", "Lavrentii", ""),
        ("", "", "Memorial & Friends"), ("Sartre", "Jean Paul", ""), ("d'Artagnan", "", ""),
        ("", "", "others")]  # biblatex's et al.: a literal name, as pandoc reads it
    assert names[0].raw == "de la Vall{\\'e}e Poussin, Jr, Charles"


def test_a_string_is_defined_only_when_its_chunk_was_read() -> None:
    macros: dict[str, str] = {}
    assert scan_chunk('@string{ok = "Nauka" # { i } # 1953}', macros, _person_fields())
    assert scan_chunk('@string{bad = "x"} then ivan@example.org', macros, _person_fields()) is None
    assert macros == {"ok": "Nauka i 1953"}


# -- repeated citation keys ------------------------------------------------------------------

def test_a_repeated_key_is_a_warning_on_the_second_entry_and_both_are_kept() -> None:
    text = "@book{beria1953, title = {A}}\n\n@book{Beria1953,\n title = {B}}\n@book{other, title = {C}}\n"
    library = read_bibtex(text, "refs.bib")
    assert [r.title for r in library.references] == ["A", "B", "C"]
    (problem,) = library.problems
    assert (problem.code, str(problem.source)) == ("bibtex-duplicate-key", "refs.bib:3")
    assert "'Beria1953'" in problem.message and "refs.bib:1" in problem.message
    assert problem.raw == "@book{Beria1953,\n title = {B}}"
    assert not problem.dropped_entry and library.inputs[0].entries_read == 3


def test_keys_of_entries_sharing_a_chunk_are_told_apart() -> None:
    """Two entries on one line are one chunk (pybtex reads both): one source, two keys."""
    text = "@book{k, title = {A}} @book{j, title = {B}}\n@book{J, title = {C}}\n"
    library = read_bibtex(text, "refs.bib")
    assert [r.title for r in library.references] == ["A", "B", "C"]
    (problem,) = library.problems
    assert "'J'" in problem.message and str(problem.source) == "refs.bib:2"


def test_a_broken_entry_with_a_repeated_key_is_reported_too() -> None:
    library = read_bibtex("@book{k, title = {A}}\n@book{k, title = {B\n", "refs.bib")
    assert [p.code for p in library.problems] == ["bibtex-syntax", "bibtex-duplicate-key"]


# -- Hypothesis -----------------------------------------------------------------------------

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
PIECES = ["'", "%", "_", "&", "#", "\\%", "\\&", "\\_", "{\\'e}", '\\"o', "{\\o}", "~", "--",
          "{}", "{{A}}", "{USSR}", "\\url{http://x.ru/a_b%20c?d=1&e=2#f}", "http://a.b/c_d#e",
          ",", ";", "and", "AND", "von", "de la", "Jr", "{Inst and Co}", "\\", "$x^2$", "\t",
          "\n", "\u00a0", "  ", "@", "``", "''", "---", "\\ ", "\\~{n}"]
word = st.one_of(st.text(CYRILLIC, min_size=1, max_size=8),
                 st.text(string.ascii_letters + "'-.", min_size=1, max_size=8),
                 st.sampled_from(PIECES))
phrase = st.lists(word, max_size=8).map(" ".join)
name = st.one_of(
    st.builds("{}, {}".format, phrase, phrase),
    st.builds("{} {}".format, phrase, phrase),
    st.builds("{} {}, {}, {}".format, st.sampled_from(["von", "de la", "van", "d'"]), word,
              st.sampled_from(["Jr", "III", ""]), phrase),
    st.builds("family={}, given={}".format, word, word),
    phrase.map("{{{}}}".format),
    phrase,
)
MACROS = ["jan", "Feb", "mac", "MAC", "undefined", "ross"]
part = st.one_of(
    phrase.map("{{{}}}".format),
    phrase.filter(lambda v: '"' not in v).map('"{}"'.format),
    st.integers(0, 3000).map(str),
    st.sampled_from(MACROS),
)
value = st.lists(part, min_size=1, max_size=3).map(" # ".join)
FIELD_NAMES = ["title", "Title", "journal", "journaltitle", "publisher", "address", "year",
               "date", "month", "pages", "url", "howpublished", "note", "langid", "language",
               "entrysubtype", "keywords", "editortype", "doi", "x-y"]


@st.composite
def entry(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["book", "article", "incollection", "online", "misc", "Book"]))
    key = draw(st.from_regex(r"[A-Za-z][A-Za-z0-9:_-]{0,10}", fullmatch=True))
    fields = []
    for field in draw(st.lists(st.sampled_from([*FIELD_NAMES, "author", "editor"]), max_size=7)):
        if field in ("author", "editor"):
            fields.append(f"{field} = {{{' and '.join(draw(st.lists(name, min_size=1, max_size=3)))}}}")
        else:
            fields.append(f"{field} = {draw(value)}")
    separator = draw(st.sampled_from([",\n  ", ", ", ",", " ,\n\t"]))
    return f"@{kind}{{{key},{separator}{separator.join(fields)}{draw(st.sampled_from(['', ',']))}\n}}"


@st.composite
def library_text(draw: st.DrawFn) -> str:
    parts = ['@string{mac = "Voprosy istorii"}', '@STRING{ross = {ROSSPEN} # " " # 1992}']
    parts += draw(st.lists(entry(), min_size=1, max_size=5))
    if draw(st.booleans()):
        parts.insert(1, "@comment{Хрущёв {\\\"o}}\n% a line comment\n@preamble{\"\\newcommand{\\x}{}\"}")
    return "\n\n".join(parts) + "\n"


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(library_text())
def test_generated_entries_read_the_same(text: str) -> None:
    assert_same_both_ways(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bibtex_text)
def test_fuzz_bibtex_reads_the_same(text: str) -> None:
    assert_same_both_ways(text)


@SETTINGS
@given(st.lists(name, min_size=1, max_size=3).map(" and ".join))
def test_names_split_as_pybtex_splits_them(text: str) -> None:
    value = " ".join(text.split())
    assert split_names(value) == split_name_list(value)
    for one in split_names(value):
        if _extended_name_parts(one.strip()) is not None:
            continue  # biblatex's extended format, which pybtex does not know (own test)
        try:
            expected = name_from_person(Person(one))
        except Exception as error:  # pybtex refuses it: so must the fast path
            with pytest.raises(type(error)):
                parse_name(one)
            continue
        assert parse_name(one) == expected


@SETTINGS
@given(st.lists(word, max_size=10).map("".join))
def test_decode_is_skipped_only_when_it_would_change_nothing(text: str) -> None:
    assert _decode(text) == decode(text)


@SETTINGS
@given(st.lists(st.sampled_from(["and", " and ", "and and", "x", "{", "}", " ", "A{}nd"]),
                max_size=12).map("".join))
def test_lists_split_at_and_as_the_character_loop_splits_them(text: str) -> None:
    assert reader._split_and(text) == reader._split_and_by_characters(text)


def test_reading_leaves_the_garbage_collector_as_it_was() -> None:
    gc.disable()
    try:
        read_bibtex(BIB, "refs.bib")
        assert not gc.isenabled()
    finally:
        gc.enable()
    read_bibtex(BIB, "refs.bib")
    assert gc.isenabled()


@SETTINGS
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
       | st.lists(st.sampled_from([" ", "  ", "a", "\t", "\u00a0", "\u2028", "\x1c", "\x85",
                                   "\u3000", "\u200b", "\ufeff", "\x07", "я"]), max_size=8).map("".join))
def test_whitespace_is_normalized_as_pybtex_normalizes_it(text: str) -> None:
    assert scan.normalize_whitespace(text) == textutils.normalize_whitespace(text)


def test_broken_entries_leave_no_garbage_cycles_while_the_collector_is_paused() -> None:
    text = "".join(f"@book{{b{i}, title = {{Unbalanced {{brace, year = 1999}}\n" for i in range(50))
    read_bibtex(text, "refs.bib")  # warm the caches
    gc.collect()
    gc.disable()
    try:
        library = read_bibtex(text, "refs.bib")
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert [p.code for p in library.problems][:2] == ["bibtex-syntax", "bibtex-syntax"]


def _chunks_by_pattern(text: str) -> list[tuple[int, str, int, int]]:
    """The plain definition: every line-start ``@type{`` by the multi-line pattern."""
    from translitbib.readers.bibtex import _ENTRY_START

    starts = [(m.start(), m.group(1).lower()) for m in _ENTRY_START.finditer(text)]
    ends = [start for start, _ in starts[1:]] + [len(text)] if starts else []
    return [(text.count("\n", 0, start) + 1, kind, start, end)
            for (start, kind), end in zip(starts, ends, strict=True)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["@book{", "@ STRING (", " \t@misc{", "x@article{", "\n",
                                 "\n  ", "@", "{", "a", " ", "\t", "@@book{", "\r\n"]),
                max_size=30).map("".join))
def test_chunks_are_where_the_pattern_finds_them(text: str) -> None:
    from translitbib.readers.bibtex import _chunks

    assert list(_chunks(text)) == _chunks_by_pattern(text)
