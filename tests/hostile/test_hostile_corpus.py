"""Every hostile input gets a correct result or a clear message — never a traceback — and
every entry it holds is accounted for (tests/hostile/corpus.py lists the cases)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.hostile.corpus import Case, all_cases
from translitbib.cli import cli

CASES = all_cases()


def convert(tmp_path: Path, case: Case) -> tuple[int, str, Path]:
    source = tmp_path / case.filename
    source.write_bytes(case.data)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["convert", str(source), "--out", str(out)],
                                catch_exceptions=False)
    return result.exit_code, result.output, out


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 100
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(tmp_path: Path, case: Case) -> None:
    code, output, out = convert(tmp_path, case)
    assert "Traceback" not in output
    if case.exit_code == -1:  # generated: either outcome, but a clean one
        assert code in (0, 1), output
    else:
        assert code == case.exit_code, output
    if code != 0:
        assert output.startswith("translitbib: error: "), output
        assert case.filename in output
        for part in case.message:
            assert part in output, f"{part!r} not in {output!r}"
        assert not out.exists(), "a failed run must not write outputs"
        return
    report = json.loads((out / "report.json").read_text("utf-8"))
    accounting = report["accounting"]
    assert accounting["balanced"], accounting
    if case.entries is not None:
        assert accounting["entries_read"] == case.entries, accounting
    codes = {p["code"] for p in report["problems"]}
    for code_ in case.problems:
        assert code_ in codes, f"{code_} not in {codes}"
    for problem in report["problems"]:
        assert problem["source"] is None or problem["source"]["path"].endswith(case.filename)
    written = json.loads((out / "references.json").read_text("utf-8"))
    assert len(written) == len(report["references"])
