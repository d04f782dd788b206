"""Properties: normalizing twice gives what normalizing once gave; as-found changes nothing."""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from translitbib.translit.normalize import Normalizer
from translitbib.translit.resolve import Resolver, Role

CASES = tomllib.loads((Path(__file__).parent / "hard_cases.toml").read_text("utf-8"))["case"]
KNOWN_WORDS = sorted({w for case in CASES for w in case["input"].split()})
EXTRA = ["Ubiistvo", "Beriia", "Ottsy", "Moi", "Tainy", "Khrushchyov", "Sovetskaia", "Rossiia",
         "Vtoroe", "ubiystvo", "Biography", "History", "the", "of", "Let", "v", "s", "Kremle"]
WORDS = st.sampled_from(KNOWN_WORDS + EXTRA) | st.text(
    alphabet="abcdefghijklmnoprstuvyzkh'", min_size=1, max_size=9)
SEPARATORS = st.sampled_from([" ", " ", ", ", ". ", ": ", " - ", " I "])
TEXTS = st.lists(st.tuples(WORDS, SEPARATORS), min_size=1, max_size=6).map(
    lambda parts: "".join(w + s for w, s in parts).strip())
ROLES = st.sampled_from([Role.TITLE, Role.TEXT, Role.NAME, Role.PUBLISHER])
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=TEXTS, role=ROLES, scheme=st.sampled_from(["ala-lc", "bgn-pcgn", "wikipedia"]),
       names=st.sampled_from(["established", "systematic"]), fix=st.booleans())
# a soft sign dropped before another apostrophe: that one would become the word's
@example(text="A y''", role=Role.TITLE, scheme="ala-lc", names="established", fix=False)
# BGN/PCGN's hard sign ” was no letter: V”yezda was read again as the preposition V
@example(text="A Vieezda bylo", role=Role.TITLE, scheme="bgn-pcgn", names="established",
         fix=False)
# a capital that ends a title is a label, also in a field read as ALA-LC (Mikoian)
@example(text="Mikoyan Aleksei I", role=Role.TITLE, scheme="ala-lc", names="established",
         fix=False)
# an abbreviation's full stop, written with a capital the second time (Gg. Nedeli)
@example(text="gg. Nedeli", role=Role.TITLE, scheme="ala-lc", names="established", fix=False)
@example(text="v. Ubiystvo", role=Role.TITLE, scheme="ala-lc", names="established", fix=False)
# written as Russian (it only leans Ukrainian), then read as Ukrainian: the normalizer leaves
# a Ukrainian field as it is (the step, which labels the work, writes it)
@example(text="b' t'bb", role=Role.TITLE, scheme="ala-lc", names="established", fix=True)
def test_normalizing_twice_equals_once(resolver: Resolver, text: str, role: Role, scheme: str,
                                       names: str, fix: bool) -> None:
    normalizer = Normalizer(scheme, names, fix_typos=fix, resolver=resolver)
    once = normalizer.field(text, role).text
    assert normalizer.field(once, role).text == once


@SETTINGS
@given(text=TEXTS, role=ROLES, fix=st.booleans())
def test_as_found_changes_nothing(resolver: Resolver, text: str, role: Role, fix: bool) -> None:
    normalizer = Normalizer("as-found", "as-found", fix_typos=fix, resolver=resolver)
    assert normalizer.field(text, role).text == text
