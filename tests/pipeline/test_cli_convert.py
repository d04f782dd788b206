"""The installed ``translitbib`` run as a user runs it, on the bundled example essay."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pybtex.database import parse_file

from tests.support import CSL_SCHEMA, run_cli

EXAMPLE = Path(__file__).parents[2] / "examples" / "furr-stalin-democratic-reform-part-two.txt"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = run_cli("convert", str(EXAMPLE), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "references" in result.stdout and str(out) in result.stdout
    return out


def test_convert_writes_every_output(converted: Path) -> None:
    names = sorted(p.name for p in converted.iterdir())
    assert names == ["references.bib", "references.json", "references.ris", "report.json",
                     "report.md"]


def test_csl_json_validates_against_the_official_schema(converted: Path) -> None:
    items = json.loads((converted / "references.json").read_text("utf-8"))
    schema = json.loads(CSL_SCHEMA.read_text("utf-8"))
    jsonschema.validate(items, schema)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) and all(ids)


def test_bibtex_parses_with_pybtex_and_keys_are_ascii(converted: Path) -> None:
    data = parse_file(str(converted / "references.bib"), bib_format="bibtex")
    keys = list(data.entries.keys())
    report = json.loads((converted / "report.json").read_text("utf-8"))
    assert len(keys) == len(report["references"])
    assert all(k.isascii() and k for k in keys)
    assert "mukhin" in " ".join(keys)


def test_report_follows_the_contract(converted: Path) -> None:
    report = json.loads((converted / "report.json").read_text("utf-8"))
    ref = report["references"][0]
    assert {"id", "csl", "source", "raw", "stub"} <= ref.keys()
    assert ref["source"]["path"].endswith(EXAMPLE.name) and ref["source"]["line"] == 272
    citation = report["citations"][0]
    assert {"text", "source", "targets"} <= citation.keys()
    assert {"reference", "locator"} <= citation["targets"][0].keys()
    ids = {r["id"] for r in report["references"]}
    assert all(t["reference"] in ids for c in report["citations"] for t in c["targets"])
    assert {"number", "text", "urls"} <= report["notes"][0].keys()
    problem = report["problems"][0]
    assert {"severity", "code", "message", "source"} <= problem.keys()
    assert report["accounting"]["balanced"] is True
    assert report["summary"]["notes"] == 15


def test_report_md_lists_missing_works_with_places(converted: Path) -> None:
    text = (converted / "report.md").read_text("utf-8")
    assert "## Missing works" in text
    assert f"{EXAMPLE.name}:43" in text  # the first Mukhin citation
    assert "## Citations" in text and "(Pyzhikov 100)" in text


def test_missing_input_exits_1_naming_the_file(tmp_path: Path) -> None:
    result = run_cli("convert", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "nope.txt" in result.stderr and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_csl_json_exits_1_with_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "refs.json"
    bad.write_text('[\n  {"id": "a", "type": "book",\n  oops\n]\n', encoding="utf-8")
    result = run_cli("convert", str(bad), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "refs.json:3" in result.stderr
    assert not (tmp_path / "o").exists()


def test_version_and_help() -> None:
    assert run_cli("--version").stdout.startswith("translitbib, version ")
    for command in ("convert", "translit", "check-links", "schemes"):
        result = run_cli(command, "--help")
        assert result.returncode == 0, result.stderr
        assert "Usage:" in result.stdout


def test_input_errors_are_printed_with_file_and_line_and_nothing_is_lost(tmp_path: Path) -> None:
    bib = tmp_path / "broken.bib"
    bib.write_text("@book{a,\n  title = {Stalin,\n  year = 2001\n}\n\n"
                   "@book{b, title={Beria}, year={2002}}\n", "utf-8")
    result = run_cli("convert", str(bib), "--out", str(tmp_path / "out"), "--no-normalize")
    assert result.returncode == 0, result.stderr
    assert f"{bib}:1: error: " in result.stderr and "[bibtex-syntax]" in result.stderr
    assert "1 input error(s)" in result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert report["accounting"]["balanced"] and report["accounting"]["entries_read"] == 2
    assert sorted(r["id"] for r in report["references"]) == ["a", "b"]
