"""A romanized work settled as Ukrainian is written in the Ukrainian table of the chosen
scheme: one spelling for *Hrushevs'kyi, Istoriia Ukraïny-Rusy*, *Hrushevskyi, Istoriia
Ukrainy-Rusy* and *Hruševs'kyj, Istorija Ukrajiny-Rusy*, the spelling found kept in
``originals`` and every change explained; what is not surely a Ukrainian word stays."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from translitbib.model import Name, Reference, SourceSpan
from translitbib.translit.lexicon import Lexicon
from translitbib.translit.normalize import Normalizer
from translitbib.translit.resolve import Resolver, Role
from translitbib.translit.step import normalize_reference
from translitbib.translit.ukrainian_writing import read_ukrainian

# one work as three catalogues spell it: ALA-LC with its ï, the national system, the
# scholarly system (its x for х, as Shevelov writes Myxajlo)
SPELLINGS = [
    ("Istoriia Ukraïny-Rusy", "Hrushevs'kyi", "Mykhailo"),
    ("Istoriia Ukrainy-Rusy", "Hrushevskyi", "Mykhailo"),
    ("Istorija Ukrajiny-Rusy", "Hruševs'kyj", "Myxajlo"),
]
WRITTEN = {
    "ala-lc": ("Istoriia Ukrainy-Rusy", "Hrushevs'kyi", "Mykhailo"),
    "bgn-pcgn": ("Istoriia Ukrainy-Rusy", "Hrushevskyi", "Mykhailo"),
    "scholarly": ("Istorija Ukrajiny-Rusy", "Hruševsʹkyj", "Myxajlo"),
    "iso9": ("Ìstorìâ Ukraïni-Rusi", "Gruševsʹkij", "Mihajlo"),
}


def _work(title: str, family: str, given: str, place: str = "Kyiv", **fields: str) -> Reference:
    return Reference(
        type="book", source=SourceSpan("refs.bib", 1), raw=title,
        fields={"title": title, "publisher-place": place,
                **{k.replace("_", "-"): v for k, v in fields.items()}},
        names={"author": [Name(family=family, given=given)]},
    )


@pytest.mark.parametrize("scheme", sorted(WRITTEN))
def test_three_spellings_of_one_ukrainian_work_come_out_as_one(
        scheme: str, resolver: Resolver) -> None:
    normalizer = Normalizer(scheme, resolver=resolver)
    works = [_work(*spelling) for spelling in SPELLINGS]
    for work in works:
        normalize_reference(normalizer, work)
    assert {(w.title, w.authors[0].family, w.authors[0].given) for w in works} == {
        WRITTEN[scheme]}
    assert {w.fields["language"] for w in works} == {"uk"}
    for work, (title, family, given) in zip(works, SPELLINGS, strict=True):
        kept = {"title": title, "author[0].family": family, "author[0].given": given}
        written = {"title": work.title, "author[0].family": work.authors[0].family,
                   "author[0].given": work.authors[0].given}
        # the spelling found is kept for every field written anew, and only for those
        assert work.originals == {k: v for k, v in kept.items() if v != written[k]}


def test_the_records_say_which_ukrainian_words_and_which_table(resolver: Resolver) -> None:
    work = _work("Istoriia Ukraïny-Rusy", "Hrushevs'kyi", "Mykhailo")
    records = normalize_reference(Normalizer("scholarly", resolver=resolver), work)
    rows = [(r.field, r.original, r.cyrillic, r.normalized, r.kind, r.applied) for r in records]
    assert rows == [
        ("author[0].family", "Hrushevs'kyi", "грушевський", "Hruševsʹkyj", "variant", True),
        ("author[0].given", "Mykhailo", "михайло", "Myxajlo", "variant", True),
        ("title", "Istoriia Ukraïny-Rusy", None, "Istoriia Ukraïny-Rusy", "not-russian", False),
        ("title", "Istoriia", "історія", "Istorija", "variant", True),
        ("title", "Ukraïny", "україни", "Ukrajiny", "variant", True),
    ]
    assert records[2].evidence == (
        "read as Ukrainian", "Ukrainian words: Ukraïny, Rusy",
        "no Russian word is as common in these spellings",
        "written in the Ukrainian table of the scholarly system (2 word(s) changed); give "
        "the entry language = {russian} to normalize it as Russian")
    assert records[3].evidence == ("Ukrainian історія: the only Ukrainian word spelled so",
                                   "written in the Ukrainian table of the scholarly system")


def test_a_word_that_is_not_surely_a_ukrainian_word_stays(resolver: Resolver) -> None:
    """Zhuchenka is in no list; partii spells партії and партій alike (only suggested);
    TsDAVO is an acronym."""
    normalizer = Normalizer("scholarly", resolver=resolver)
    letters = _work("Lysty Zhuchenka do Ievhena Chykalenka", "Shapoval", "Iurii")
    normalize_reference(normalizer, letters)
    assert letters.title == "Lysty Zhuchenka do Jevhena Čykalenka"
    essays = _work("Narysy istorii Komunistychnoi partii Ukrainy TsDAVO", "Shapoval", "Iurii")
    records = normalize_reference(normalizer, essays)
    assert essays.title == "Narysy istoriji Komunistyčnoji partii Ukrajiny TsDAVO"
    guess = next(r for r in records if r.original == "partii")
    assert (guess.kind, guess.applied, guess.normalized) == ("guess", False, "partiji")
    assert guess.evidence[1] == "left as found: two Ukrainian words are spelled partii"


def test_a_title_that_only_leans_is_written_only_once_its_people_settle_it(
        resolver: Resolver) -> None:
    """Istoriia Ukrainy-Rusy has one Ukrainian word: by Hrushevs'kyi, of Kyiv, it is
    Ukrainian and written so; by a Russian of Moscow it is normalized as Russian, as before."""
    normalizer = Normalizer("scholarly", resolver=resolver)
    assert normalizer.field("Istoriia Ukrainy-Rusy", Role.TITLE).language is None  # leans
    hrushevsky = _work("Istoriia Ukrainy-Rusy", "Hrushevs'kyi", "Mykhailo")
    normalize_reference(normalizer, hrushevsky)
    assert (hrushevsky.title, hrushevsky.fields["language"]) == ("Istorija Ukrajiny-Rusy", "uk")
    mukhin = _work("Istoriia Ukrainy-Rusy", "Mukhin", "Iurii", "Moskva")
    records = normalize_reference(normalizer, mukhin)
    assert mukhin.fields["language"] == "ru" and "Ukrajiny" not in mukhin.title
    assert not any("Ukrainian table" in line for r in records for line in r.evidence)


def test_a_scheme_without_a_ukrainian_table_leaves_the_work_and_says_why(
        resolver: Resolver) -> None:
    work = _work("Istoriia Ukraïny-Rusy", "Hrushevs'kyi", "Mykhailo")
    records = normalize_reference(Normalizer("wikipedia", resolver=resolver), work)
    assert (work.title, work.authors[0].family, work.originals) == (
        "Istoriia Ukraïny-Rusy", "Hrushevs'kyi", {})
    assert [r.kind for r in records] == ["not-russian"]
    assert records[0].evidence[-1] == ("left as found: wikipedia has no Ukrainian table; "
                                       "give the entry language = {russian} to normalize it "
                                       "as Russian")


def test_a_ukrainian_works_other_titles_and_publisher_are_written_its_places_are_not(
        resolver: Resolver) -> None:
    work = _work("Liudyna i systema: shtrykhy do portreta totalitarnoi doby v Ukraini",
                 "Shapoval", "Iurii", container_title="Ukrains'kyi istorychnyi zhurnal",
                 publisher="Vydavnytstvo imeni Oleny Telihy")
    normalize_reference(Normalizer("scholarly", resolver=resolver), work)
    assert (work.authors[0].family, work.authors[0].given) == ("Šapoval", "Jurij")
    assert work.fields["container-title"] == "Ukrajinsʹkyj istoryčnyj žurnal"
    assert work.fields["publisher"] == "Vydavnyctvo imeni Oleny Telihy"
    assert work.fields["publisher-place"] == "Kyiv"  # (the scholarly Kyjiv is not written)
    assert work.originals["container-title"] == "Ukrains'kyi istorychnyi zhurnal"


@pytest.mark.parametrize("family,given,names,written", [
    ("Kappeler", "Andreas", "established", ("Kappeler", "Andreas")),  # Kappeler is no word
    ("Hrushevs'kyi", "M.", "established", ("Hruševsʹkyj", "M.")),  # an initial stays
    ("Hrushevs'kyi", "Mykhailo", "as-found", ("Hrushevs'kyi", "Mykhailo")),
    ("Hrushevs'kyi", "Mykhailo", "systematic", ("Hruševsʹkyj", "Myxajlo")),
])
def test_a_name_is_written_only_when_every_word_of_it_is_a_ukrainian_word(
        family: str, given: str, names: str, written: tuple[str, str],
        resolver: Resolver) -> None:
    work = _work("Istoriia Ukraïny-Rusy", family, given)
    normalize_reference(Normalizer("scholarly", names, resolver=resolver), work)
    assert work.title == "Istorija Ukrajiny-Rusy"
    assert (work.authors[0].family, work.authors[0].given) == written


@pytest.mark.parametrize("scheme", ["ala-lc", "bgn-pcgn", "scholarly", "iso9"])
def test_normalizing_a_ukrainian_work_twice_changes_nothing_more(
        scheme: str, resolver: Resolver) -> None:
    """A library's work is labelled uk and never read again; the translit command's field
    (no work to label) is written only if writing its output again changes nothing."""
    normalizer = Normalizer(scheme, resolver=resolver)
    work = _work("Istoriia Ukraïny-Rusy", "Hrushevs'kyi", "Mykhailo",
                 container_title="Ukrains'kyi istorychnyi zhurnal")
    normalize_reference(normalizer, work)
    once = (dict(work.fields), work.authors[0].family, work.authors[0].given)
    assert once[0]["title"] == WRITTEN[scheme][0]
    assert normalize_reference(normalizer, work) == []
    assert (work.fields, work.authors[0].family, work.authors[0].given) == once
    changed = 0
    for title in ["Holodomor 1932--1933 rr. iak henotsyd: trudnoshchi usvidomlennia",
                  "Rozstriliane vidrodzhennia: antolohiia 1917–1933",
                  "Istoriia Ukraïny-Rusy", "Ukrains'kyi istorychnyi zhurnal",
                  "Ukrajinsʹkyj istoryčnyj žurnal",
                  "Istoriia Ukrainy: navchalnyi posibnyk dlia studentiv",
                  "Kolektyvizatsiia i holod na Ukraini 1929–1933: zbirnyk dokumentiv"]:
        once_text = normalizer.rewrite_ukrainian(normalizer.field(title, Role.TITLE),
                                                 Role.TITLE).text
        changed += once_text != title
        assert normalizer.rewrite_ukrainian(normalizer.field(once_text, Role.TITLE),
                                            Role.TITLE).text == once_text
    assert changed  # (each scheme writes some of them anew)


def test_russian_works_beside_a_ukrainian_one_are_normalized_as_russian(
        resolver: Resolver) -> None:
    normalizer = Normalizer("scholarly", resolver=resolver)
    ukrainian = _work("Liudyna i systema: shtrykhy do portreta totalitarnoi doby v Ukraini",
                      "Shapoval", "Iurii")
    russian = [_work("Golod 1932-1933 godov na Ukraine: glazami istorikov, iazykom "
                     "dokumentov", "Kondrashin", "Viktor", "Moskva"),
               _work("Sovetskaia Ukraina v gody voiny", "Zhukov", "Iurii", "Moskva")]
    for work in (ukrainian, *russian):
        normalize_reference(normalizer, work)
    assert ukrainian.title == ("Ljudyna i systema: štryxy do portreta totalitarnoji doby v "
                               "Ukrajini")
    assert [w.title for w in russian] == [
        "Golod 1932-1933 godov na Ukraine: glazami istorikov, jazykom dokumentov",
        "Sovetskaja Ukraina v gody vojny"]
    assert [(w.fields["language"], w.authors[0].given) for w in russian] == [
        ("ru", "Viktor"), ("ru", "Jurij")]


def test_translit_json_shows_each_ukrainian_word_and_its_cyrillic() -> None:
    title = "Liudyna i systema: shtrykhy do portreta totalitarnoi doby v Ukraini"
    done = subprocess.run([sys.executable, "-m", "translitbib.cli", "translit", "--json",
                           "--role", "title", "--scheme", "bgn-pcgn",
                           "Ukrains'kyi istorychnyi zhurnal", title],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    first = records[0]
    assert (first["original"], first["cyrillic"], first["normalized"], first["kind"]) == (
        "Ukrains'kyi", "український", "Ukrainskyi", "variant")
    assert first["evidence"][0].startswith("the text reads as Ukrainian: Ukrainian words:")
    assert first["evidence"][1:] == [
        "Ukrainian український: the only Ukrainian word spelled so",
        "written in the Ukrainian table of Ukraine's national system (2010), BGN/PCGN's "
        "since 2019"]


def test_a_key_met_only_without_hacheks_is_no_reading(lexicon: Lexicon) -> None:
    """A key drops marks, so Persi has the key of the scholarly perši (перші): a word is
    read so only if a keyed scheme writes the word as it is, háčeks and all (the benchmark
    wrote дус as душ and персі as перші)."""
    assert read_ukrainian("Persi", lexicon) is None and read_ukrainian("dus", lexicon) is None
    assert [read_ukrainian(w, lexicon).cyrillic for w in ("Pershi", "perši", "Hruševs'kyj",
                                                           "Ukraïny", "Yurii", "Myxajlo")] \
        == ["перші", "перші", "грушевський", "україни", "юрій", "михайло"]


@pytest.mark.parametrize("declared", ["uk", "uk-UA"])  # (langid = {ukrainian} reads as uk)
def test_a_work_its_entry_declares_ukrainian_is_written_in_the_table_too(
        declared: str, resolver: Resolver) -> None:
    """An entry labelled Ukrainian (biblatex langid, Zotero's Language) was left entirely
    as found: a labelled library's spellings of one work stayed three."""
    normalizer = Normalizer("ala-lc", resolver=resolver)
    works = [_work(*spelling, language=declared) for spelling in SPELLINGS]
    for work in works:
        records = normalize_reference(normalizer, work)
        assert records or work.title == SPELLINGS[1][0]  # the national spelling is ALA-LC's
    assert {w.title for w in works} == {"Istoriia Ukrainy-Rusy"}
    assert works[0].originals["title"] == "Istoriia Ukraïny-Rusy"
    # read again (our own output): nothing changes and nothing is recorded
    assert [normalize_reference(normalizer, w) for w in works] == [[], [], []]
    english = _work("Ukraine: A History", "Subtelny", "Orest")
    english.fields["language"] = "uk"
    normalize_reference(normalizer, english)
    assert english.title == "Ukraine: A History" and english.originals == {}


def test_a_declared_work_in_iso9_stays_as_found(resolver: Resolver) -> None:
    """ISO 9's Ukraïni (україни) reads again as ALA-LC's Ukraïni (україні): a labelled
    work is read on every run, so it is written only in a scheme the keys spell."""
    work = _work("Istoriia Ukraïny-Rusy", "Hrushevs'kyi", "Mykhailo", language="uk")
    assert normalize_reference(Normalizer("iso9", resolver=resolver), work) == []
    assert work.title == "Istoriia Ukraïny-Rusy"
