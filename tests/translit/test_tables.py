"""Every data table's own examples hold (the tables carry them, as iuliia's schemas do)."""

from __future__ import annotations

import re

import pytest

from translitbib.translit.renderings import align
from translitbib.translit.resolve import Resolver, Role, guess_cyrillic
from translitbib.translit.skeleton import cyrillic_skeleton, latin_skeletons
from translitbib.translit.tables import load_table


@pytest.mark.parametrize("latin,cyrillic", load_table("skeleton")["examples"])
def test_skeleton_examples_meet(latin: str, cyrillic: str) -> None:
    assert cyrillic_skeleton(cyrillic) in latin_skeletons(latin)


@pytest.mark.parametrize("latin,cyrillic,verdict", load_table("renderings")["examples"])
def test_rendering_examples(latin: str, cyrillic: str, verdict: str) -> None:
    cut = align(latin, cyrillic.lower())
    assert (cut is not None) == (verdict == "variant")


@pytest.mark.parametrize("latin,cyrillic", load_table("guess")["examples"])
def test_guess_examples(latin: str, cyrillic: str) -> None:
    assert guess_cyrillic(latin) == cyrillic.lower()


@pytest.mark.parametrize("table", ["acronyms", "exonyms", "fixed_forms"])
def test_table_examples_resolve(table: str, resolver: Resolver) -> None:
    from translitbib.translit.normalize import Normalizer

    normalizer = Normalizer("ala-lc", "systematic", resolver=resolver)
    for latin, cyrillic in load_table(table)["examples"]:
        result = normalizer.field(latin, Role.PLACE if table == "exonyms" else Role.PUBLISHER,
                                  russian=True)
        assert result.cyrillic == cyrillic


@pytest.mark.parametrize("established,cyrillic,systematic",
                         load_table("established_names")["examples"])
def test_established_names(established: str, cyrillic: str, systematic: str,
                           resolver: Resolver) -> None:
    from translitbib.translit.normalize import Normalizer

    for latin in (established, systematic):
        assert resolver.resolve(latin, Role.NAME).cyrillic == cyrillic.lower()
    for policy, expected in (("established", established), ("systematic", systematic)):
        written = Normalizer("ala-lc", policy, resolver=resolver).field(systematic, Role.NAME)
        assert written.text == expected


@pytest.mark.parametrize("name", load_table("foreign_names")["examples"])
def test_foreign_names_are_left_alone(name: str, resolver: Resolver) -> None:
    from translitbib.translit.normalize import Normalizer

    result = Normalizer("ala-lc", "systematic", resolver=resolver).field(name, Role.NAME)
    assert (result.text, result.russian) == (name, False)


def test_scheme_names_map_to_iuliia_schemas() -> None:
    from translitbib.translit import SCHEMES
    from translitbib.translit.romanize import IUULIA_SCHEMAS, SCHEME_DESCRIPTIONS, romanize

    assert set(SCHEMES) == set(IUULIA_SCHEMAS) | {"as-found"} == set(SCHEME_DESCRIPTIONS)
    assert romanize("Хрущёв", "ala-lc") == "Khrushchev"
    assert romanize("Хрущёв", "ala-lc-diacritics") == "Khrushchëv"
    assert romanize("Берия", "iso9") == "Beriâ"


def test_foreign_cyrillic_names_come_from_transliterate(resolver: Resolver) -> None:
    dimitrov = resolver.resolve("Dimitrov", Role.NAME)
    assert (dimitrov.cyrillic, str(dimitrov.kind)) == ("Димитров", "not-russian")
    assert "transliterate's bg pack" in dimitrov.evidence[-1]
    assert resolver.resolve("Rakosi", Role.NAME).cyrillic is None  # Hungarian: Latin script


@pytest.mark.parametrize("title,written,cyrillic", load_table("institutions")["examples"])
def test_institution_names_keep_their_capitals_in_a_title_case_title(title, written, cyrillic):
    from translitbib.translit.normalize import Normalizer

    result = Normalizer().field(title, Role.TITLE)
    assert result.text == written and cyrillic in result.cyrillic


@pytest.mark.parametrize("cyrillic,scheme,latin", load_table("ukrainian_writing")["examples"])
def test_ukrainian_writing_examples(cyrillic: str, scheme: str, latin: str) -> None:
    """Each scheme's Ukrainian table writes its examples so, word by word, case kept."""
    from translitbib.translit.romanize import apply_case
    from translitbib.translit.ukrainian_writing import ukrainian_table

    table = ukrainian_table(scheme)
    assert table is not None
    words = re.split(r"([-\s])", cyrillic)
    assert "".join(apply_case(table.write(w.lower()), w) if w.strip("- ") else w
                   for w in words) == latin
