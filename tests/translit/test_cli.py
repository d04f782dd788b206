"""``translitbib translit`` and ``translitbib schemes`` as a user runs them (subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "translitbib.cli", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def test_translit_prints_one_normalized_line_per_text() -> None:
    done = _run("translit", "--names", "systematic", "Voznesensky, Voznesenski",
                "Stalin. A Biography", "Mukhin, Ubyistvo")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Voznesenskii, Voznesenskii", "Stalin. A Biography",
                                        "Mukhin, Ubyistvo"]


def test_translit_title_role_fix_typos_and_scheme() -> None:
    done = _run("translit", "--role", "title", "--fix-typos", "--scheme", "bgn-pcgn",
                "Mif I Rea'nost'", "Argumenty I Fakty")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Mif i real’nost’", "Argumenty i fakty"]


def test_translit_json_has_one_record_per_word_with_candidates() -> None:
    done = _run("translit", "--json", "--names", "systematic", "Moy Otets Lavrentii Beria")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert [r["original"] for r in records] == ["Moy", "Otets", "Lavrentii", "Beria"]
    assert [r["cyrillic"] for r in records] == ["мой", "отец", "лаврентий", "берия"]
    assert [r["normalized"] for r in records] == ["Moi", "Otets", "Lavrentii", "Beriia"]
    moy = records[0]
    assert moy["kind"] == "variant" and moy["applied"] is True
    assert moy["candidates"][0]["cyrillic"] == "мой"
    assert {"lemma", "confidence", "evidence", "text"} <= set(moy)


def test_translit_says_why_a_ukrainian_title_is_written_as_ukrainian() -> None:
    """In ALA-LC, the scheme it is already in: its words are found as Ukrainian, none
    changes."""
    title = "Liudyna i systema: shtrykhy do portreta totalitarnoi doby v Ukraini"
    done = _run("translit", "--json", "--role", "title", title)
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert {r["kind"] for r in records} == {"exact", "guess"}  # (i: і or й)
    assert records[0]["evidence"][0].startswith(
        "the text reads as Ukrainian: Ukrainian words: Liudyna, systema")
    assert records[0]["cyrillic"] == "людина"
    assert _run("translit", "--role", "title", title).stdout == title + "\n"


def test_translit_reports_bad_authority_file(tmp_path: Path) -> None:
    bad = tmp_path / "names.toml"
    bad.write_text("[names]\nБерия = \n", encoding="utf-8")
    done = _run("translit", "--authority", str(bad), "Beria")
    assert done.returncode == 2
    assert f"{bad}:2:" in done.stderr


def test_schemes_lists_every_scheme_and_policy() -> None:
    from translitbib.translit import NAMES_POLICIES, SCHEMES

    done = _run("schemes")
    assert done.returncode == 0
    for name in (*SCHEMES, *NAMES_POLICIES):
        assert f"  {name} " in done.stdout


def test_help_does_not_load_the_dictionary() -> None:
    code = ("import sys, translitbib.cli, translitbib.translit, translitbib.commands.translit;"
            "print(any(m in sys.modules for m in ('pymorphy3', 'wordfreq', 'iuliia')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "False"
