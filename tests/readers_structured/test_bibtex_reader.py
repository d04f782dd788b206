"""BibTeX / biblatex in: types, fields, names, LaTeX, lines, problems, errors."""

from __future__ import annotations

import pytest

from translitbib.errors import FormatError
from translitbib.readers import read_path
from translitbib.readers.bibtex import read_bibtex

BIB = r"""% an export from somewhere
@string{kv = "Kommersant-Vlast'"}

@article{dobriukha2003,
  entrysubtype = {newspaper},
  author = {Dobriukha, Nikolai and {Argumenty i fakty Staff}},
  title = {Otsy i otchimy {\textquotedbl}ottepeli{\textquotedbl}: G{\"o}del 50\% a\_b},
  journaltitle = {Argumenty i fakty},
  date = {2003-06-18},
  url = {http://www.aif.ru/online/air/1182/10_01?a=b_c%20#x},
  langid = {russian},
}

@ARTICLE{smirtiukhov,
  author = "Smirtiukhov, Mikhail",
  journal = kv,
  year = 2000, month = feb, day = {8},
  pages = {12--14},
}

@book{rubin1998,
  author = {Rubin, Nikolai},
  title = {Lavrentii {Beriia}},
  location = {Moscow and Smolensk},
  publisher = {Olimp and Rusich},
  year = {1998},
  howpublished = {\url{http://example.org/x_y}},
}

@book{broken,
  title = {Unbalanced {brace,
  year = 1999
}

@misc{after, title = {Still read}}
"""


def read():
    return read_bibtex(BIB, "refs.bib")


def test_types_fields_and_latex_decoded():
    lib = read()
    news = lib.references[0]
    assert news.type == "article-newspaper" and news.id == "dobriukha2003"
    assert news.title == 'Otsy i otchimy "ottepeli": Gödel 50% a_b'
    assert news.fields["container-title"] == "Argumenty i fakty"
    assert news.fields["URL"] == "http://www.aif.ru/online/air/1182/10_01?a=b_c%20#x"
    assert news.fields["language"] == "ru"
    assert news.dates["issued"].iso() == "2003-06-18"
    assert [n.to_csl() for n in news.authors] == [
        {"family": "Dobriukha", "given": "Nikolai"}, {"literal": "Argumenty i fakty Staff"}]


def test_classic_fields_macros_and_months():
    magazine = read().references[1]
    assert magazine.type == "article-journal"
    assert magazine.fields["container-title"] == "Kommersant-Vlast'"
    assert magazine.dates["issued"].iso() == "2000-02-08"
    assert magazine.fields["page"] == "12-14"


def test_biblatex_lists_and_url_in_howpublished():
    book = read().references[2]
    assert book.fields["publisher-place"] == "Moscow; Smolensk"
    assert book.fields["publisher"] == "Olimp; Rusich"
    assert book.fields["URL"] == "http://example.org/x_y"


def test_lines_raw_text_and_inputs():
    lib = read()
    assert [r.source.line for r in lib.references] == [4, 14, 21, 30, 35]
    assert lib.references[1].raw.startswith("@ARTICLE{smirtiukhov,")
    # every entry that gave a reference counts, the broken one too (the report balances)
    assert lib.inputs[0].format == "bibtex" and lib.inputs[0].entries_read == 5


def test_a_broken_entry_is_a_problem_and_a_minimal_reference():
    lib = read()
    (problem,) = lib.problems
    assert problem.code == "bibtex-syntax" and problem.source.line == 30
    assert problem.raw.startswith("@book{broken,")
    broken = lib.references[3]
    assert (broken.id, broken.type) == ("broken", "book")
    assert lib.references[4].title == "Still read"


def test_text_that_is_not_bibtex_raises_format_error():
    with pytest.raises(FormatError) as err:
        read_bibtex("\n\nJust an essay.\nNo entries here.\n", "essay.bib")
    assert err.value.path == "essay.bib" and err.value.line == 3


def test_empty_file_is_an_empty_library():
    assert read_bibtex("", "empty.bib").references == []


def test_dispatcher_reads_bib_by_suffix(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_bytes(BIB.encode("cp1251", errors="replace"))
    lib = read_path(path)
    assert len(lib.references) == 5


def test_bibtex_saved_as_txt_is_read_as_bibtex_and_said_so(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text(BIB, "utf-8")
    lib = read_path(path)
    assert len(lib.references) == 5 and lib.inputs[0].format == "bibtex"
    assert [p.code for p in lib.problems if p.code == "format-from-content"]
    as_essay = read_path(path, "essay")  # --from essay: the user has the last word
    assert as_essay.inputs[0].format == "essay"
    assert not any(p.code == "format-from-content" for p in as_essay.problems)


def test_repeated_field_and_unknown_macro_are_warnings_not_lost_entries():
    lib = read_bibtex("@book{d, title = {One}, title = {Two}, publisher = nomacro, year = 1994}",
                      "d.bib")
    (ref,) = lib.references
    assert ref.title == "One" and ref.year == 1994 and "publisher" not in ref.fields
    assert sorted(p.code for p in lib.problems) == [
        "bibtex-duplicate-field", "bibtex-undefined-macro"]


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "pybtex path"])
def test_biblatex_extended_name_format(fast):
    text = ("@book{e, author = {family=Beria, given=Lavrentii and "
            "family={Rudder}, given=Jean, prefix={de}, useprefix=false and "
            "Kokurin, A. I.}, editor = {given={Nikolai}, family=Dobriukha}, title = {Rechi}}")
    (ref,) = read_bibtex(text, "e.bib", fast=fast).references
    assert [(n.family, n.given) for n in ref.names["author"]] == [
        ("Beria", "Lavrentii"), ("de Rudder", "Jean"), ("Kokurin", "A. I.")]
    assert [(n.family, n.given) for n in ref.names["editor"]] == [("Dobriukha", "Nikolai")]


def test_tex_ligatures_ties_and_control_spaces_read_as_text():
    """Quotes, dashes and spaces as TeX writes them were kept as typed (``, '' and --
    reached CSL-JSON and RIS; ``Rev.\\ ed.`` became ``{\\textbackslash}`` in the .bib)."""
    lib = read_bibtex(r"""@book{m, author = {Medvedev, Roy and J.~Smith},
  title = {On ``socialism'' in one country, 1953--1964 --- a study},
  note = {Rev.\ ed.}, publisher = {Kommersant''}, pages = {618--623}}""", "m.bib")
    [ref] = lib.references
    assert ref.title == "On \u201csocialism\u201d in one country, 1953\u20131964 \u2014 a study"
    assert ref.fields["note"] == "Rev. ed."
    assert ref.fields["publisher"] == "Kommersant''"  # '' alone is a hard sign, no quote
    assert ref.fields["page"] == "618-623"
    assert ref.authors[1].given == "J." and ref.authors[1].family == "Smith"


def test_date_ranges_read_in_both_dialects():
    lib = read_bibtex("@book{a, title = {T}, date = {2000/2001}}\n"
                      "@book{b, title = {T}, year = {1999--2001}}\n"
                      "@book{c, title = {T}, date = {2003-13}}", "r.bib")
    a, b, c = (ref.dates["issued"] for ref in lib.references)
    assert (a.year, a.end, b.year, b.end) == (2000, (2001, None, None), 1999, (2001, None, None))
    assert c.year is None and c.literal == "2003-13"  # no month 13: kept as text


def test_a_key_with_braces_loses_no_field() -> None:
    """ren{\\'e}2010: BibTeX (and pybtex) end the entry at the key's closing brace, and the
    entry came out as an empty @book{ref} with no problem reported."""
    from translitbib.readers.bibtex import read_bibtex

    library = read_bibtex("@book{ren{\\'e}2010, title={Autre}, author={Girard, Ren{\\'e}},"
                          " year={2010}}\n@book{ok, title={Fine}}\n", "k.bib")
    first, second = library.references
    assert (first.title, first.authors[0].given, first.year) == ("Autre", "René", 2010)
    assert second.title == "Fine"
    [problem] = library.problems
    assert (problem.code, str(problem.source)) == ("bibtex-key-braces", "k.bib:1")
    assert "ren{\\'e}2010" in problem.message


@pytest.mark.parametrize("written,url", [
    (r"http://www.example.ru/article?id=5{\&}lang=ru", "http://www.example.ru/article?id=5&lang=ru"),
    (r"http://ex.ru/a\_b\%20c\#top", "http://ex.ru/a_b%20c#top"),
    ("http://ex.ru/a_b%20c", "http://ex.ru/a_b%20c"),
])
def test_escapes_exporters_put_in_urls_are_undone(written: str, url: str) -> None:
    """Mendeley's {\\&} became %7B%5C&%7D in the .bib and {\\&} in the CSL-JSON."""
    from translitbib.readers.bibtex import read_bibtex

    [ref] = read_bibtex(f"@online{{a, title={{T}}, url={{{written}}}}}\n", "a.bib").references
    assert ref.fields["URL"] == url


@pytest.mark.parametrize("entry,genre", [
    ("@thesis{t, title={T}, type={phdthesis}, institution={MGU}, year={1999}}", "PhD thesis"),
    ("@phdthesis{t, title={T}, school={MGU}, year={1999}}", "PhD thesis"),
    ("@mastersthesis{t, title={T}, school={MGU}, year={1999}}", "Master's thesis"),
    ("@thesis{t, title={T}, type={Kandidatskaia dissertatsiia}, year={1999}}",
     "Kandidatskaia dissertatsiia"),
])
def test_a_thesis_type_is_read_as_pandoc_reads_it(entry: str, genre: str) -> None:
    """type = {phdthesis} became the CSL genre "phdthesis" (pandoc: "PhD thesis"), and
    @phdthesis lost the kind of thesis altogether."""
    [ref] = read_bibtex(entry + "\n", "t.bib").references
    assert (ref.type, ref.fields["genre"]) == ("thesis", genre)


@pytest.mark.parametrize("fast", [True, False])
def test_accents_on_the_dotless_i_and_the_tie_are_read(fast: bool) -> None:
    """{\\'\\i} and \\u{\\i} (how LaTeX puts an accent on i, ALA-LC's ĭ) came out as an
    apostrophe or nothing beside a dotless ı (Ul'ıanov, Tolstoı), and \\t{ia} lost its tie."""
    text = ("@book{k, author = {Ul{\\'\\i}anov, D. I. and Tolsto\\u{\\i}, L. N. and"
            " Beri\\t{ia}, L. P. and M\\\"{\\i}ller, A.}, title = {Vospominani\\'{\\i}a}}\n")
    [ref] = read_bibtex(text, "i.bib", fast=fast).references
    assert [n.family for n in ref.names["author"]] == [
        "Ulíanov", "Tolstoĭ", "Berii\u0361a", "Mïller"]
    assert ref.title == "Vospominaniía"


@pytest.mark.parametrize("fast", [True, False])
def test_an_entry_without_a_key_loses_no_field(fast: bool) -> None:
    """EndNote exports @book{ with no key: the first field's name was taken for the key,
    the entry failed to parse and kept only its title (author, year, publisher lost)."""
    text = ("@book{\n   author = {Chubar'ian, A. O.},\n   title = {Istoriia Rossii},\n"
            "   publisher = {Prosveshchenie},\n   year = {2008}\n}\n\n"
            "@book{\n   author = {Dziuba, Ivan},\n   title = {Internationalism},\n"
            "   year = {1968}\n}\n@string{pub = {Nauka}}\n@book{ok, title = {Fine}, publisher = pub}\n")
    library = read_bibtex(text, "e.bib", fast=fast)
    first, second, third = library.references
    assert (first.id, first.authors[0].family, first.year, first.fields["publisher"]) == (
        "", "Chubar'ian", 2008, "Prosveshchenie")
    assert (second.id, second.authors[0].family, second.year) == ("", "Dziuba", 1968)
    assert (third.id, third.fields["publisher"]) == ("ok", "Nauka")
    assert [(p.code, str(p.source)) for p in library.problems] == [
        ("bibtex-key-missing", "e.bib:1"), ("bibtex-key-missing", "e.bib:8")]


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "pybtex path"])
def test_a_classic_entrys_publisher_and_address_are_one_text(fast):
    """EndNote and JabRef write classic BibTeX: 'Weidenfeld and Nicolson' is one publisher
    (pandoc -f bibtex reads it so; Chicago printed 'Weidenfeld; Nicolson'); biblatex's
    location and publisher are lists."""
    text = ("@book{a, publisher = {Weidenfeld and Nicolson}, address = {London and New York},"
            " year = {2007}, title = {The Whisperers}}\n"
            "@book{b, publisher = {Olimp and Rusich}, location = {Moscow and Smolensk},"
            " date = {1998}, title = {Lavrentii Beriia}}\n")
    classic, modern = read_bibtex(text, "e.bib", fast=fast).references
    assert (classic.fields["publisher"], classic.fields["publisher-place"]) == (
        "Weidenfeld and Nicolson", "London and New York")
    assert (modern.fields["publisher"], modern.fields["publisher-place"]) == (
        "Olimp; Rusich", "Moscow; Smolensk")


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "pybtex path"])
def test_endnotes_reference_type_in_type_is_no_genre(fast):
    """EndNote writes its reference type's name into type: APA printed '[Journal Article]'."""
    text = ("@article{a, title = {Ukraine}, journal = {Slavic Review}, type = {Journal Article}}\n"
            "@book{b, title = {Beria}, type = {Book}}\n"
            "@phdthesis{c, title = {National Bolshevism}, type = {Thesis}}\n"
            "@book{d, title = {Memoirs}, type = {Memoir}}\n")
    refs = read_bibtex(text, "e.bib", fast=fast).references
    assert [ref.fields.get("genre") for ref in refs] == [None, None, "PhD thesis", "Memoir"]


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "pybtex path"])
def test_et_al_written_as_a_name_is_and_others(fast):
    text = "@book{a, author = {Abylkhozhin, Zh. B. and et al.}, title = {Istoriia}}"
    (ref,) = read_bibtex(text, "e.bib", fast=fast).references
    assert [(n.family, n.literal) for n in ref.authors] == [("Abylkhozhin", ""), ("", "others")]


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "pybtex path"])
def test_two_fields_for_one_variable_lose_neither(fast):
    """@techreport's institution and publisher are both CSL's publisher; journal and
    journaltitle both the container: the second was dropped without a word."""
    text = ("@techreport{a, institution = {Harvard}, publisher = {Pub}, title = {T}}\n"
            "@article{b, journal = {Slavic Review}, journaltitle = {Slavic Rev.}, title = {X}}\n")
    report, article = read_bibtex(text, "e.bib", fast=fast).references
    assert (report.fields["publisher"], report.fields["tex.publisher"]) == ("Harvard", "Pub")
    assert (article.fields["container-title"], article.fields["tex.journaltitle"]) == (
        "Slavic Review", "Slavic Rev.")
