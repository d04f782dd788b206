"""Ukrainian (and other Cyrillic languages) told from Russian: such a work is labelled with
its language and the report says why; a romanized Ukrainian one is written in the
Ukrainian table of the chosen scheme, anything else left as it is; a Russian one is not
taken for Ukrainian, whatever Ukraine it names."""

from __future__ import annotations

from pathlib import Path

import pytest

from translitbib.model import Name, Reference, SourceSpan
from translitbib.translit.normalize import Normalizer
from translitbib.translit.resolve import Resolver, Role
from translitbib.translit.step import normalize_reference
from translitbib.translit.tables import load_table
from translitbib.translit.ukrainian import cyrillic_language, latin_key, spellings
from translitbib.writers.profile import work_language

UKRAINIAN_TITLES = [
    "Holodomor 1932–1933 rr. v Ukraini: dokumenty i materialy",
    "Holodomor 1932--1933 rr. iak henotsyd: trudnoshchi usvidomlennia",
    "Liudyna i systema: shtrykhy do portreta totalitarnoi doby v Ukraini",
    "Ukrains'kyi istorychnyi zhurnal",
    "Narysy istorii Komunistychnoi partii Ukrainy",
    "Rozstriliane vidrodzhennia: antolohiia 1917–1933",
    "Ukraina v dobu \"Velykoho teroru\": 1936–1938 roky",
    "Kolektyvizatsiia i holod na Ukraini 1929–1933: zbirnyk dokumentiv i materialiv",
    "Istoriia Ukrainy: navchalnyi posibnyk dlia studentiv",  # the national system
]

RUSSIAN_TITLES = [
    "Ubyistvo",
    "Ubiystvo Stalina i Beria",
    "Istoriia Ukrainy",
    "Golod 1932-1933 godov na Ukraine: glazami istorikov, iazykom dokumentov",
    "Tragediia sovetskoi derevni: kollektivizatsiia i raskulachivanie",
    "Inoi Stalin: politicheskie reformy v SSSR v 1933-1937 gg.",
    "Stalin i Ukraina",
    "Ukraina i Rossiia v istoricheskoi retrospektive",
    "Obshchii vid na Kiev s Vladimirskoi gorki",
    "Moy otets Lavrentii Beria",
    "Sovetskaia Ukraina v gody voiny",
]


@pytest.mark.parametrize("cyrillic,latin", load_table("ukrainian")["examples"])
def test_the_tables_own_examples(cyrillic: str, latin: str) -> None:
    assert latin_key(latin) in next(spellings([cyrillic]))


@pytest.mark.parametrize("title", UKRAINIAN_TITLES)
def test_a_romanized_ukrainian_title_is_left_as_it_is(title: str, resolver: Resolver) -> None:
    """... by the normalizer, which has no work to label Ukrainian: the step writes it in
    the scheme's Ukrainian table (``test_ukrainian_writing``)."""
    result = Normalizer(resolver=resolver).field(title, Role.TITLE)
    assert result.language is not None and result.language.language == "uk"
    assert (result.text, result.russian, result.changes) == (title, False, ())
    assert result.language.evidence[0].startswith("Ukrainian words: ")


@pytest.mark.parametrize("title", RUSSIAN_TITLES)
def test_a_russian_title_is_not_taken_for_ukrainian(title: str, resolver: Resolver) -> None:
    result = Normalizer(resolver=resolver).field(title, Role.TITLE)
    assert result.language is None and result.russian


def test_one_ukrainian_word_only_leans_and_the_people_settle_it(resolver: Resolver) -> None:
    normalizer = Normalizer(resolver=resolver)
    leaning = normalizer.field("Istoriia Ukrainy-Rusy", Role.TITLE)
    assert leaning.language is None and leaning.leaning is not None
    assert leaning.leaning.words == ("Rusy",)  # Руси; the Russian Русы is rare
    hrushevsky = _reference("Istoriia Ukrainy-Rusy", "Hrushevs'kyi", "Mykhailo", "Kyiv")
    records = normalize_reference(normalizer, hrushevsky)
    assert hrushevsky.fields["title"] == "Istoriia Ukrainy-Rusy"  # Rusy is no Rusi
    assert hrushevsky.fields["language"] == "uk"
    assert "original-title" not in hrushevsky.fields
    assert [(r.field, r.kind, r.applied) for r in records] == [("title", "not-russian", False)]
    assert records[0].evidence[:2] == (
        "read as Ukrainian", "Ukrainian words: Rusy, Hrushevs'kyi, Mykhailo, Kyiv")
    # a misspelt Russian title leans too (ubyistvo spells a rare Ukrainian word): a Russian
    # author settles nothing, and it is normalized as Russian
    mukhin = _reference("Ubyistvo", "Mukhin", "Iurii", "Moskva")
    normalize_reference(Normalizer(resolver=resolver, fix_typos=True), mukhin)
    assert (mukhin.fields["title"], mukhin.fields["language"]) == ("Ubiistvo", "ru")


def test_a_ukrainian_work_in_the_schemes_spelling_is_left_as_printed(
        resolver: Resolver) -> None:
    ref = _reference("Holodomor 1932–1933 rr. v Ukraini: dokumenty i materialy",
                     "Kul'chyts'kyi", "Stanislav", "Kyiv",
                     publisher="Vydavnytstvo imeni Oleny Telihy")
    before = (ref.authors[0].family, ref.authors[0].given, dict(ref.fields))
    normalize_reference(Normalizer(resolver=resolver), ref)
    assert (ref.authors[0].family, ref.authors[0].given) == before[:2]
    assert ref.fields == {**before[2], "language": "uk"}
    assert ref.originals == {}


def test_what_the_entry_says_decides(resolver: Resolver) -> None:
    title = "Liudyna i systema: shtrykhy do portreta totalitarnoi doby v Ukraini"
    said_russian = _reference(title, "Shapoval", "Iurii", "Kyiv", language="ru")
    normalize_reference(Normalizer(resolver=resolver), said_russian)
    assert said_russian.fields["title"] != title  # read as Russian, as the entry says
    said_ukrainian = _reference("Istoriia Ukrainy", "Iefymenko", "Hennadii", "Kyiv",
                                language="uk", container_title="Ukrainskyi istorychnyi zhurnal")
    records = normalize_reference(Normalizer(resolver=resolver), said_ukrainian)
    # never read as Russian; written in the Ukrainian table of ALA-LC, as a title read as
    # Ukrainian is (the national system's Ukrainskyi is ALA-LC's Ukrains'kyi)
    assert said_ukrainian.fields["title"] == "Istoriia Ukrainy"
    assert said_ukrainian.fields["container-title"] == "Ukrains'kyi istorychnyi zhurnal"
    assert {r.field for r in records} == {"container-title"}
    assert said_ukrainian.originals == {"container-title": "Ukrainskyi istorychnyi zhurnal"}


@pytest.mark.parametrize("text,language", [
    ("Історія України-Руси", "uk"),
    ("Голодомор 1932–1933 років в Україні: документи і матеріали", "uk"),
    ("Ґражда", "uk"),
    ("Гісторыя Беларусі ў дакументах", "be"),
    ("Историја Југославије", "sr"),
    ("Историја на македонскиот народ: ѓаур", "mk"),
    ("Убийство Сталина и Берии", None),
    ("Исторія Россіи съ древнѣйшихъ временъ", None),  # pre-1918 Russian writes і too
    ("Stalin", None),
])
def test_cyrillic_languages_by_their_letters(text: str, language: str | None) -> None:
    reading = cyrillic_language(text)
    assert (reading.language if reading else None) == language


def test_a_cyrillic_ukrainian_title_is_labelled_so_and_kept(resolver: Resolver) -> None:
    ref = _reference("Історія України-Руси", "Грушевський", "Михайло", "Київ")
    records = normalize_reference(Normalizer(resolver=resolver), ref)
    assert ref.fields["language"] == "uk" and "original-title" not in ref.fields
    assert records[0].evidence[1] == "written in І, і, ї: і, ї, є, ґ are Ukrainian"


def _reference(title: str, family: str, given: str, place: str, **fields: str) -> Reference:
    return Reference(
        type="book", source=SourceSpan("refs.bib", 1), raw=title,
        fields={"title": title, "publisher-place": place,
                **{k.replace("_", "-"): v for k, v in fields.items()}},
        names={"author": [Name(family=family, given=given)]},
    )


UKRAINIAN_BIB = r"""
@book{hrushevskyi1991,
  author = {Hrushevs'kyi, Mykhailo},
  title = {Istoriia Ukrainy-Rusy},
  address = {Kyiv},
  year = {1991}
}
@article{shapoval1994,
  author = {Shapoval, Iurii},
  title = {Liudyna i systema: shtrykhy do portreta totalitarnoi doby v Ukraini},
  journal = {Ukrains'kyi istorychnyi zhurnal},
  year = {1994}
}
@book{zhukov2003,
  author = {Zhukov, Iurii},
  title = {Inoi Stalin: politicheskie reformy v SSSR v 1933-1937 gg.},
  address = {Moskva},
  year = {2003}
}
"""


def test_every_output_labels_a_ukrainian_work_so(tmp_path: Path) -> None:
    import json

    from tests.support import run_cli

    source = tmp_path / "refs.bib"
    source.write_text(UKRAINIAN_BIB, "utf-8")
    result = run_cli("convert", str(source), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    items = {i["id"]: i for i in json.loads((tmp_path / "out/references.json").read_text())}
    assert [items[k]["language"] for k in ("hrushevskyi1991", "shapoval1994", "zhukov2003")] \
        == ["uk", "uk", "ru"]
    assert items["shapoval1994"]["title"].endswith("doby v Ukraini")  # not v Ukrainy
    assert items["shapoval1994"]["container-title"] == "Ukrains'kyi istorychnyi zhurnal"
    bib = (tmp_path / "out/references.bib").read_text("utf-8")
    assert bib.count("langid = {ukrainian}") == 2 and bib.count("langid = {russian}") == 1
    ris = (tmp_path / "out/references.ris").read_text("utf-8")
    assert ris.count("LA  - uk") == 2
    report = (tmp_path / "out/report.md").read_text("utf-8")
    assert ("| shapoval1994 | title | Liudyna i systema: shtrykhy do portreta totalitarnoi "
            "doby v Ukraini |   | Liudyna i systema") in report
    assert "| not-russian | 0.90 | no | read as Ukrainian; Ukrainian words: Liudyna," in report


UKRAINIAN_ESSAY = """The Famine and Its Historians

Ukrainian historians have studied it since the late 1980s (Kul'chyts'kyi 45). The synthesis \
remains the starting point (Hrushevs'kyi 12-14). Soviet accounts denied it (Shapoval, \
"Liudyna i systema" 30).

Bibliography

Hrushevs'kyi, Mykhailo. Istoriia Ukrainy-Rusy. Vol. 1. Kyiv: Naukova dumka, 1991.
Kul'chyts'kyi, Stanislav. Holodomor 1932-1933 rr. iak henotsyd: trudnoshchi usvidomlennia. \
Kyiv: Nash chas, 2007.
Shapoval, Iurii. "Liudyna i systema: shtrykhy do portreta totalitarnoi doby v Ukraini." \
Ukrains'kyi istorychnyi zhurnal, no. 5 (1994): 3-27.
Кульчицький С. Голодомор 1932-1933 рр. як геноцид: труднощі усвідомлення. К.: Наш час, 2007.
Zhukov, Iurii. Inoi Stalin: politicheskie reformy v SSSR v 1933-1937 gg. Moskva: Vagrius, 2003.
"""


def test_an_essay_citing_ukrainian_works(tmp_path: Path) -> None:
    """Its Ukrainian entries are read (К. is Kyiv), linked, merged across scripts and left as
    printed; the Russian one beside them is normalized."""
    from translitbib.pipeline import ConvertOptions, run

    essay = tmp_path / "famine.txt"
    essay.write_text(UKRAINIAN_ESSAY, "utf-8")
    library = run([essay], ConvertOptions())
    by_family = {ref.authors[0].family: ref for ref in library.references}
    assert sorted(by_family) == ["Hrushevs'kyi", "Kul'chyts'kyi", "Shapoval", "Zhukov"]
    assert [p.code for p in library.problems] == ["duplicate-merged"]  # Кульчицький С.
    assert {family: ref.fields["language"] for family, ref in by_family.items()} == {
        "Hrushevs'kyi": "uk", "Kul'chyts'kyi": "uk", "Shapoval": "uk", "Zhukov": "ru"}
    shapoval = by_family["Shapoval"]
    assert (shapoval.fields["container-title"], shapoval.fields["issue"]) == (
        "Ukrains'kyi istorychnyi zhurnal", "5")
    assert shapoval.title.endswith("doby v Ukraini")
    linked = [(t.reference.authors[0].family, t.locator) for c in library.citations
              for t in c.targets]
    assert linked == [("Kul'chyts'kyi", "45"), ("Hrushevs'kyi", "12-14"), ("Shapoval", "30")]


@pytest.mark.parametrize("family,given,place,language", [
    ("Кульчицький", "Станіслав", "", "uk"),
    ("Кульчицкий", "Станислав", "Київ", "uk"),
    ("Кульчицкий", "Станислав", "Киев", "ru"),
])
def test_a_cyrillic_title_without_ukrainian_letters_takes_its_peoples(
        family: str, given: str, place: str, language: str, resolver: Resolver) -> None:
    """Голодомор 1932–1933 рр. як геноцид by Кульчицький, Станіслав was labelled Russian
    (langid = {russian}): its title has no і, ї, є or ґ, but its author's name has."""
    ref = _reference("Голодомор 1932–1933 рр. як геноцид", family, given, place)
    assert work_language(ref) == language  # as written without normalizing
    records = normalize_reference(Normalizer(resolver=resolver), ref)
    assert work_language(ref) == language and "original-title" not in ref.fields
    if language == "uk":
        assert ref.fields["language"] == "uk"
        assert [(r.field, r.kind) for r in records] == [("title", "not-russian")]
    # a letter Ukrainian lacks says Russian, whoever wrote it
    russian = _reference("Голод 1932–1933 годов в деревне Поволжья: новые материалы",
                         family, given, place or "Київ")
    normalize_reference(Normalizer(resolver=resolver), russian)
    assert work_language(russian) == "ru"  # новые


def test_a_czech_looking_word_does_not_keep_a_title_from_leaning(resolver: Resolver) -> None:
    """Zhertvy teroru: teroru is a Czech word too, so the title read as no Russian; its
    Ukrainian leaning was lost, and the author and Kyiv settled nothing."""
    ref = _reference("Zhertvy teroru", "Bilokin'", "Serhii", "Kyiv")
    normalize_reference(Normalizer(resolver=resolver), ref)
    assert ref.fields["language"] == "uk"


def test_normalizing_a_german_titled_work_twice_changes_nothing_more(resolver: Resolver) -> None:
    title = ("S etoi tochki zreniia: Die Zielgruppen des Befehls Nr. 00447 aus Sicht der "
             "Moskauer Zentrale")
    ref = _reference(title, "Iakovlev", "Aleksandr", "")
    normalizer = Normalizer(resolver=resolver)
    normalize_reference(normalizer, ref)
    once = (ref.fields.copy(), ref.authors[0].family, ref.authors[0].given)
    normalize_reference(normalizer, ref)
    assert (ref.fields, ref.authors[0].family, ref.authors[0].given) == once
    assert once[0]["language"] == "de" and once[1] == "Iakovlev"
