"""match_key: one key for every spelling of a work, different keys for different works."""

from __future__ import annotations

import pytest

from translitbib.translit.key import match_key


@pytest.mark.parametrize("spellings", [
    ["Ubiystvo", "Ubyistvo", "*Ubiystvo*", "Ubiistvo", "Ubijstvo", "UBIYSTVO"],
    ["Beria", "Beriia", "Beriya", "Beria's"],
    ["Mikoyan", "Mikoian"],
    ["Voznesensky", "Voznesenskii", "Voznesenski"],
    ["Khlevniuk", "Khlevnyuk"],
    ["Chilachava", "Chilačava"],
    ["Mukhin, Ubiystvo", "Mukhin, *Ubyistvo*"],
    ["Stalin. A Biography", "stalin a biography"],
])
def test_spellings_share_a_key(spellings: list[str]) -> None:
    keys = {match_key(s) for s in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize("one,other", [
    ("Ubiystvo", "Ubiystvo Stalina"),
    ("Lavrentii", "Lavrentiia"),
    ("Beria", "Berezin"),
    ("Let History Judge", "History"),
])
def test_different_words_differ(one: str, other: str) -> None:
    assert match_key(one) != match_key(other)


def test_key_is_cyrillic_for_russian_and_folded_for_the_rest() -> None:
    assert match_key("Mukhin, Ubyistvo 611") == "мухин убийство 611"
    assert match_key("Rákosi and Service") == "rakosi and service"
