"""Nothing a .bib holds is lost: biblatex fields mapped to CSL, or carried under their own
names (written back to the .bib, kept in CSL-JSON ``custom``), crossref resolved as biber
does, and what the writers append to a note taken back on reading."""

from __future__ import annotations

import json

from translitbib.pipeline import run
from translitbib.readers.bibtex import read_bibtex
from translitbib.readers.csljson import read_csljson
from translitbib.writers.bibtex import format_bibtex
from translitbib.writers.csljson import format_csljson
from translitbib.writers.ris import format_ris

BIB = r"""
@book{kotkin2014,
  author = {Kotkin, Stephen},
  title = {Stalin},
  subtitle = {Paradoxes of Power},
  date = {2014},
}

@article{volkogonov1991,
  title = {Triumf i tragediia},
  author = {Volkogonov, Dmitrii},
  journaltitle = {Oktiabr'},
  shortjournal = {Okt.},
  issuetitle = {Spetsvypusk},
  number = {3},
  eid = {e12},
  date = {1991},
  eprint = {1234.5678},
  eprinttype = {arxiv},
  pubstate = {forthcoming},
  origlanguage = {english},
  addendum = {Reprinted 2000},
  note = {First printing},
}

@book{solzhenitsyn1973,
  title = {Arkhipelag {GULag}},
  author = {Solzhenitsyn, Aleksandr},
  volume = {1},
  part = {2},
  origlocation = {Moskva},
  origpublisher = {Samizdat},
  date = {1973},
  introduction = {Struve, Nikita},
  foreword = {{Memorial Society}},
  editora = {Ivanov, I.},
  editoratype = {redactor},
  file = {:Solzhenitsyn1973.pdf:PDF},
  comment = {Key source},
  series = {Sobranie},
  number = {7},
}

@report{cia1953,
  title = {Beria's fall},
  institution = {Central Intelligence Agency},
  number = {CIA-RDP80-00810A},
  date = {1953},
}

@incollection{gorlizki2002,
  author = {Gorlizki, Yoram},
  title = {Stalin's Cabinet},
  crossref = {pons2002},
  pages = {81--97},
}

@book{pons2002,
  title = {Stalin, the Soviet Union and the Cold War},
  editor = {Pons, Silvio and Romano, Andrea},
  publisher = {Feltrinelli},
  year = {2002},
  address = {Milan},
}

@incollection{orphan,
  title = {Orphan},
  crossref = {nowhere},
}
"""


def _library(text: str = BIB):
    return read_bibtex(text, "in.bib")


def _csl(library) -> dict:
    return {item["id"]: item for item in json.loads(format_csljson(library))}


def _entry(text: str, key: str) -> str:
    start = text.index("{" + key + ",")
    return text[start:text.index("\n}", start)]


def test_subtitle_joins_the_title_as_pandoc_reads_it():
    item = _csl(_library())["kotkin2014"]
    assert item["title"] == "Stalin: Paradoxes of Power"
    assert item["title-short"] == "Stalin"
    assert "title = {Stalin: Paradoxes of Power}" in _entry(format_bibtex(_library()),
                                                            "kotkin2014")


def test_fields_csl_has_a_place_for_are_mapped():
    items = _csl(_library())
    article, book = items["volkogonov1991"], items["solzhenitsyn1973"]
    assert article["container-title-short"] == "Okt."
    assert article["status"] == "forthcoming"
    assert article["URL"] == "https://arxiv.org/abs/1234.5678"  # as pandoc reads an arXiv eprint
    assert article["issue"] == "3" and article["number"] == "e12"
    assert article["note"] == "First printing. Reprinted 2000"  # the addendum, as pandoc
    assert "archive_location" not in article
    assert book["original-publisher"] == "Samizdat"
    assert book["original-publisher-place"] == "Moskva"
    assert book["part"] == "2"
    assert book["collection-number"] == "7" and "issue" not in book  # number of a @book
    assert items["cia1953"]["number"] == "CIA-RDP80-00810A"  # number of a @report


def test_fields_csl_has_no_place_for_are_carried_in_every_output():
    library = _library()
    items = _csl(library)
    kept = items["solzhenitsyn1973"]["custom"]["translitbib"]["biblatex"]
    assert kept == {"introduction": "Struve, Nikita", "foreword": "{Memorial Society}",
                    "editora": "Ivanov, I.", "editoratype": "redactor",
                    "file": ":Solzhenitsyn1973.pdf:PDF", "comment": "Key source"}
    article = items["volkogonov1991"]["custom"]["translitbib"]["biblatex"]
    assert article == {"issuetitle": "Spetsvypusk", "eprint": "1234.5678",
                       "eprinttype": "arxiv", "origlanguage": "english"}
    assert not any(key.startswith("tex.") for item in items.values() for key in item)
    bib = _entry(format_bibtex(library), "solzhenitsyn1973")
    for line in ("introduction = {Struve, Nikita}", "foreword = {{Memorial Society}}",
                 "editora = {Ivanov, I.}", "editoratype = {redactor}",
                 "file = {:Solzhenitsyn1973.pdf:PDF}", "comment = {Key source}",
                 "part = {2}", "origlocation = {Moskva}", "origpublisher = {Samizdat}",
                 "series = {Sobranie}", "number = {7}"):
        assert line in bib, line
    article_bib = _entry(format_bibtex(library), "volkogonov1991")
    for line in ("shortjournal = {Okt.}", "pubstate = {forthcoming}", "eid = {e12}",
                 "number = {3}", "origlanguage = {english}", "issuetitle = {Spetsvypusk}"):
        assert line in article_bib, line
    assert "L1  - Solzhenitsyn1973.pdf" in format_ris(library)


def test_carried_fields_read_back_from_csljson_and_bib():
    library = _library()
    bib, csl = format_bibtex(library), format_csljson(library)
    assert format_bibtex(read_csljson(csl, "out.json")) == bib
    assert _items(read_bibtex(bib, "out.bib")) == _items(library)


def _items(library) -> list[dict]:
    """The CSL-JSON items, their source line aside."""
    items = json.loads(format_csljson(library))
    for item in items:
        del item["custom"]["translitbib"]["source"]
    return items


def test_crossref_inherits_from_the_parent_as_biber_does():
    library = _library()
    child = _csl(library)["gorlizki2002"]
    assert child["container-title"] == "Stalin, the Soviet Union and the Cold War"
    assert [e["family"] for e in child["editor"]] == ["Pons", "Romano"]
    assert child["publisher"] == "Feltrinelli" and child["publisher-place"] == "Milan"
    assert child["issued"] == {"date-parts": [[2002]]}
    assert child["title"] == "Stalin's Cabinet"  # its own title wins
    assert child["custom"]["translitbib"]["biblatex"] == {"crossref": "pons2002"}
    assert "crossref = {pons2002}" in _entry(format_bibtex(library), "gorlizki2002")
    missing = [p for p in library.problems if p.code == "bibtex-crossref-missing"]
    line = BIB.splitlines().index("@incollection{orphan,") + 1
    assert [(p.source.path, p.source.line) for p in missing] == [("in.bib", line)]
    assert "nowhere" in missing[0].message


def test_crossref_parent_found_from_a_slice_read_apart():
    from translitbib.readers.bibtex import chunks_of, read_slice
    chunks = chunks_of(BIB)
    child = next(i for i, c in enumerate(chunks) if "gorlizki2002" in BIB[c[2]:c[3]])
    refs, _, _, _ = read_slice(BIB, "in.bib", chunks, child, child + 1)
    assert refs[0].fields["container-title"] == "Stalin, the Soviet Union and the Cold War"


CSL = [
    {"id": "z1", "type": "book", "title": "Ubiystvo", "abstract": "Kniga o smerti.",
     "annote": "Read 2021", "number-of-volumes": "3", "collection-number": "7",
     "collection-title": "Zagadki istorii", "call-number": "DK268.S8 M85",
     "source": "Library of Congress", "medium": "print", "chapter-number": "4",
     "archive": "GARF", "archive_location": "f. R-9401, op. 2, d. 1, l. 5"},
    {"id": "z2", "type": "article-journal", "title": "Politbiuro", "section": "History",
     "number": "e12", "issue": "3", "container-title": "Otechestvennaia istoriia"},
]


def test_csl_variables_reach_the_bib_and_ris():
    library = read_csljson(json.dumps(CSL), "z.json")
    bib = format_bibtex(library)
    book, article = _entry(bib, "z1"), _entry(bib, "z2")
    for line in ("abstract = {Kniga o smerti.}", "annotation = {Read 2021}", "volumes = {3}",
                 "number = {7}", "callnumber = {DK268.S8 M85}",
                 "source = {Library of Congress}", "medium = {print}", "chapter = {4}",
                 "library = {GARF}", "addendum = {Archive location: f. R-9401, op. 2, d. 1, l. 5}"):
        assert line in book, line
    assert "Archived copy" not in bib
    assert "eid = {e12}" in article and "number = {3}" in article
    assert "section = {History}" in article
    ris = format_ris(library)
    for line in ("AB  - Kniga o smerti.", "CN  - DK268.S8 M85", "NV  - 3",
                 "AN  - f. R-9401, op. 2, d. 1, l. 5"):
        assert line in ris, line
    again = {i["id"]: i for i in json.loads(format_csljson(read_bibtex(bib, "b.bib")))}
    for item in CSL:  # and the .bib reads back into the same variables
        for key, value in item.items():
            assert again[item["id"]][key] == value, key


def test_archive_location_is_labelled_as_such_in_every_dialect():
    library = read_csljson(json.dumps(CSL[:1]), "z.json")
    for dialect, field in (("bibtex", "note"), ("zotero", "note"), ("pandoc", "addendum")):
        text = format_bibtex(library, dialect)
        assert "Archive location: f. R-9401" in text and "Archived copy" not in text, dialect
        assert f"{field} = {{" in text
        back = read_bibtex(text, "b.bib").references[0]
        assert back.fields["archive_location"] == "f. R-9401, op. 2, d. 1, l. 5", dialect
        assert "note" not in back.fields, dialect


ZOTERO_BIB = r"""
@book{mukhin2002, author={Mukhin, Iurii}, title={Ubiistvo Stalina i Beriia}, year={2002},
  origtitle={Убийство Сталина и Берия}, note={Print run 5000}, langid={russian},
  eprint={https://web.archive.org/web/2005/http://a.ru/x}, eprinttype={archived copy}}
@article{smirtiukhov, title={Interv'iu}, journaltitle={Kommersant-Vlast'},
  entrysubtype={magazine}, titleaddon={interview}, year={2000}}
"""


def test_zotero_bib_is_stable_when_converted_again():
    first = format_bibtex(_library(ZOTERO_BIB), "zotero")
    assert ("note = {Print run 5000\nOriginal title: Убийство Сталина и Берия\n"
            "Archived copy: https://web.archive.org/web/2005/http://a.ru/x}") in first
    second = format_bibtex(read_bibtex(first, "out.bib"), "zotero")
    assert second == first
    back = read_bibtex(first, "out.bib").references[0]
    assert back.fields["note"] == "Print run 5000"
    assert back.fields["original-title"] == "Убийство Сталина и Берия"


def test_the_pipeline_keeps_carried_fields(tmp_path):
    path = tmp_path / "in.bib"
    path.write_text(BIB, "utf-8")
    library = run([str(path)])
    ref = next(r for r in library.references if r.id == "solzhenitsyn1973")
    assert ref.fields["tex.introduction"] == "Struve, Nikita"
