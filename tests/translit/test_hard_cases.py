"""Every known-hard case: Latin as found -> Cyrillic -> ALA-LC without diacritics."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from translitbib.translit.normalize import Normalizer
from translitbib.translit.resolve import OTHER_LANGUAGES, Resolver, Role, is_acronym

CASES: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).parent / "hard_cases.toml").read_text(encoding="utf-8")
)["case"]


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['input']}-{case['role']}-{case.get('names', 'systematic')}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_hard_case(case: dict[str, Any], resolver: Resolver) -> None:
    names = case.get("names", "systematic")
    normalizer = Normalizer("ala-lc", names, fix_typos=True, resolver=resolver)
    role = Role(case["role"])
    result = normalizer.field(case["input"], role)
    assert (result.cyrillic or "") == case["cyrillic"]
    assert result.text == case["ala_lc"]
    first = resolver.resolve(case["input"].split()[0], role)
    if "lemma" in case:
        assert first.lemma == case["lemma"]
    if "kind" in case:
        change = result.changes[0]
        assert str(change.kind) == case["kind"]


def test_typo_suspects_are_not_applied_without_the_flag(resolver: Resolver) -> None:
    normalizer = Normalizer("ala-lc", "systematic", fix_typos=False, resolver=resolver)
    result = normalizer.field("Prestupleniia, kororykh ne bylo", Role.TITLE)
    assert result.text == "Prestupleniia, kororykh ne bylo"
    suspect = next(c for c in result.reportable if c.original == "kororykh")
    assert (suspect.cyrillic, suspect.normalized, suspect.applied) == (
        "которых", "kotorykh", False)
    assert any("'r' for 't'" in e for e in suspect.resolution.evidence)


def test_case_forms_share_a_lemma_but_keep_their_form(resolver: Resolver) -> None:
    nominative = resolver.resolve("Lavrentii", Role.NAME)
    genitive = resolver.resolve("Lavrentiia", Role.NAME)
    assert nominative.lemma == genitive.lemma == "лаврентий"
    assert (nominative.cyrillic, genitive.cyrillic) == ("лаврентий", "лаврентия")


def test_cyrillic_yo_never_leaks_into_latin(resolver: Resolver) -> None:
    for scheme in ("ala-lc-diacritics", "bgn-pcgn", "iso9", "scholarly"):
        written = Normalizer(scheme, "systematic", resolver=resolver).field(
            "Khrushchyov", Role.NAME).text
        assert "ë" in written and "ё" not in written


@pytest.mark.parametrize("name,origin", [("O'Meara", "Irish"), ("O’Brien", "Irish"),
                                         ("D'Agostino", "French or Italian")])
def test_western_prefixes_are_not_russian_and_say_why(name: str, origin: str,
                                                      resolver: Resolver) -> None:
    for role in Role:
        resolution = resolver.resolve(name, role)
        assert (resolution.cyrillic, str(resolution.kind)) == (None, "not-russian")
        assert resolution.evidence[0].startswith(f"an {origin} name" if origin == "Irish"
                                                 else f"a {origin} name")


def test_an_established_name_in_a_title_says_the_title_gets_the_scheme(
        resolver: Resolver) -> None:
    normalizer = Normalizer("ala-lc", "established", resolver=resolver)
    title = normalizer.field("Syn Lavrentiia Beria rasskazyvaet", Role.TITLE)
    [beria] = [c for c in title.distinct if c.original == "Beria"]
    assert beria.normalized == "Beriia"
    assert beria.resolution.evidence == (
        "established English form of the Russian name Берия; a title gets the scheme's "
        "spelling (established forms are for names of people)",)
    name = normalizer.field("Beria", Role.NAME)
    assert name.text == "Beria" and not name.distinct  # kept as written: nothing to report
    assert name.changes[0].resolution.evidence == ("established English form of a Russian name",)


@pytest.mark.parametrize("word,acronym", [
    ("TsDAHO", True), ("TsDAVO", True), ("HDA", True), ("RTsKhIDNI", True), ("SPb", True),
    ("McCarthy", False), ("Stalin", False), ("I", False),
])
def test_capitals_inside_a_word_make_an_acronym(word: str, acronym: bool) -> None:
    assert is_acronym(word) == acronym


def test_an_acronym_no_table_knows_is_kept_as_written(resolver: Resolver) -> None:
    normalizer = Normalizer("ala-lc", "systematic", resolver=resolver)
    title = "Dokumenty TsDAHO Ukrainy i HDA SBU o golode"
    result = normalizer.field(title, Role.TITLE)
    assert result.russian and result.text == title
    # no guess such as Tsdakho is suggested, and no original title is made of a guess
    assert [c.original for c in result.reportable] == []
    assert not result.confirmed


@pytest.mark.parametrize("word,cyrillic", [
    ("Amirskaia", "амирская"),  # was a typo of амурская
    ("Irenskaia", "иренская"),  # was a typo of иранская
    ("Eltonskaia", "элтонская"),  # was a typo of эстонская
])
def test_a_derivative_of_a_proper_name_is_no_typo(word: str, cyrillic: str,
                                                  resolver: Resolver) -> None:
    resolution = resolver.resolve(word, Role.TITLE)
    assert (resolution.cyrillic, str(resolution.kind)) == (cyrillic, "guess")
    assert any(e.startswith("derived from the proper name") for e in resolution.evidence)


@pytest.mark.parametrize("word,language", [
    ("Befehls", "German"), ("Sicht", "German"), ("Zentrale", "German"), ("historii", "Polish"),
    ("Geschichte", "German"), ("sovětské", "Czech"),
])
def test_a_common_word_of_another_language_is_not_russian(word: str, language: str,
                                                          resolver: Resolver) -> None:
    resolution = resolver.resolve(word, Role.TITLE)
    assert (resolution.cyrillic, str(resolution.kind)) == (None, "not-russian")
    assert resolution.evidence[0].startswith(f"a common {language} word (Zipf ")


def test_a_word_of_another_language_that_spells_a_common_russian_one_stays(
        resolver: Resolver) -> None:
    les = resolver.resolve("les", Role.TITLE)  # лес, and French's les
    assert (les.cyrillic, les.language in OTHER_LANGUAGES) == ("лес", False)
    der = resolver.resolve("der", Role.TITLE)  # дер is no common Russian word
    assert (der.cyrillic, der.language) == ("дер", "de")
    assert der.evidence[-1].startswith("a common German word")


@pytest.mark.parametrize("word", ["War", "moment", "man", "Archives", "question"])
def test_an_english_word_is_no_other_languages_word(word: str, resolver: Resolver) -> None:
    # German's war and man are commoner than English's, but not enough to outweigh them
    assert resolver.resolve(word, Role.TITLE).language not in OTHER_LANGUAGES
