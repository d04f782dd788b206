"""A romanized work settled as Ukrainian is written in the Ukrainian table of the chosen
scheme: one spelling for *Hrushevs'kyi, Istoriia Ukraïny-Rusy*, *Hrushevskyi, Istoriia
Ukrainy-Rusy* and *Hruševs'kyj, Istorija Ukrajiny-Rusy*, the spelling found kept in
``originals`` and every change explained; what is not surely a Ukrainian word stays."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from translitbib.translit.normalize import Normalizer
from translitbib.translit.resolve import Resolver, Role


def test_a_word_that_is_not_surely_a_ukrainian_word_stays(resolver: Resolver) -> None:
    """Zhuchenka is in no list; partii spells партії and партій alike (only suggested);
    TsDAVO is an acronym; the English in is English."""
    normalizer = Normalizer("scholarly", resolver=resolver)
    result = normalizer.field("Lysty Zhuchenka do Ievhena Chykalenka", Role.TITLE)
    assert result.text == "Lysty Zhuchenka do Jevhena Čykalenka"
    result = normalizer.field("Narysy istorii Komunistychnoi partii Ukrainy TsDAVO",
                              Role.TITLE)
    assert result.text == "Narysy istoriji Komunistyčnoji partii Ukrajiny TsDAVO"
    guess = next(c for c in result.changes if c.original == "partii")
    assert (guess.kind, guess.applied, guess.normalized) == ("guess", False, "partiji")
    assert guess.resolution.evidence[1] == "left as found: two Ukrainian words are spelled partii"


@pytest.mark.parametrize("scheme", ["ala-lc", "bgn-pcgn", "scholarly", "iso9"])
def test_normalizing_a_ukrainian_title_twice_changes_nothing_more(
        scheme: str, resolver: Resolver) -> None:
    normalizer = Normalizer(scheme, resolver=resolver)
    changed = 0
    for title in ["Holodomor 1932--1933 rr. iak henotsyd: trudnoshchi usvidomlennia",
                  "Rozstriliane vidrodzhennia: antolohiia 1917–1933",
                  "Istoriia Ukraïny-Rusy", "Ukrains'kyi istorychnyi zhurnal",
                  "Ukrajinsʹkyj istoryčnyj žurnal",
                  "Istoriia Ukrainy: navchalnyi posibnyk dlia studentiv",
                  "Kolektyvizatsiia i holod na Ukraini 1929–1933: zbirnyk dokumentiv"]:
        once = normalizer.field(title, Role.TITLE).text
        changed += once != title
        assert normalizer.field(once, Role.TITLE).text == once
    assert changed  # (each scheme writes some of them anew)


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
