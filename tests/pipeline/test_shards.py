"""A .bib converted in shards (``convert_to_directory(..., keep_library=False)``, what the
CLI asks for) gives the bytes one process gives; failures are as clear and leave nothing.

Shards are forced with ``jobs`` (the default shards only libraries of 10,000 entries), so
even a small file is cut in several slices: merges, repeated keys, @string macros and
broken entries fall across slices."""

from __future__ import annotations

import json
import os
import resource
import tempfile
from pathlib import Path
from typing import Any

import pytest
from bench.scale.generate_bib import generate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.corpus import all_cases
from tests.readers_structured.test_bibtex_fast_path import library_text
from translitbib import shards
from translitbib.errors import ConfigError, FormatError, InputError, OutputError
from translitbib.parallel import WorkerError
from translitbib.pipeline import ConvertOptions, convert_to_directory

# works repeated across the file, a stub found later, keys invalid, repeated and not ASCII, a
# macro defined half-way, volumes of one work (kept apart)
TRICKY = """
@book{again1, author = {Mukhin, Iurii}, title = {Ubiystvo Stalina i Berii}, year = 2002}
@book{again2, author = {Mukhin, Yuri}, title = {Ubiistvo Stalina i Berii}, publisher = {Krymskii most}}
@book{stub1, author = {Beria, Sergo}, title = {Moi otets}, keywords = {translitbib-stub},
  note = {Cited in the text but missing from its bibliography (added by translitbib).}}
@string{late = "Nauka"}
@book{bad key, author = {Zhukov, G.}, title = {Vospominaniia}, address = late}
@book{DUP, title = {First}}
@book{dup, title = {Second}}
@book{broken, title = {Never {closed, year = 1999}
@book{vol2, author = {Medvedev, Roy}, title = {Let History Judge}, volume = 2}
"""
LATER = """
@book{again3, author = {Mukhin, Iu.}, title = {Ubiystvo Stalina i Berii}, address = late}
@book{stub2, author = {Beria, Sergo}, title = {Moi otets}, year = 1994, publisher = {Olimp}}
@book{dup, title = {Third}}
@article{, title = {No key at all}}
@book{vol1, author = {Medvedev, Roy}, title = {Let History Judge}, volume = 1}
@book{vols, author = {Medvedev, Roy}, title = {Let History Judge}, year = 1989}
@book{renée2010, author = {Girard, René}, title = {Autre}, year = 2010}
@book{Мухин2002, author = {Мухин, Юрий}, title = {Убийство Сталина}, year = 2002}
"""


def _library(size: int = 300) -> str:
    text = generate(size, 5)
    middle = text.index("\n@", len(text) // 3)
    return text[:middle] + TRICKY + text[middle:] + LATER


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _both_ways(tmp_path: Path, name: str, data: bytes, jobs: int = 3,
               **options: Any) -> tuple[Any, Any]:
    source = tmp_path / name
    source.write_bytes(data)
    made = []
    for keep, count in ((True, 1), (False, jobs)):
        out = tmp_path / f"out-{keep}"
        try:
            result = convert_to_directory([source], out, ConvertOptions(jobs=count, **options),
                                          keep_library=keep)
            made.append((_outputs(out), result.summary,
                         [(p.code, str(p.source)) for p in result.library.problems]))
        except (InputError, OutputError) as error:
            made.append((type(error).__name__, str(error)))
    return made[0], made[1]


@pytest.mark.parametrize("options", [
    {}, {"target": "zotero"}, {"target": "bibtex"}, {"normalize": False},
    {"scheme": "bgn-pcgn", "names": "systematic"}, {"formats": ("csljson",)},
], ids=str)
def test_shards_write_the_bytes_one_process_writes(tmp_path: Path, options: dict) -> None:
    one, sharded = _both_ways(tmp_path, "library.bib", _library().encode(), **options)
    assert sharded == one
    problems = [code for code, _ in one[2]]
    assert {"duplicate-merged", "bibtex-duplicate-key", "bibtex-syntax", "key-renamed",
            "key-not-ascii"} <= set(problems)


@pytest.mark.parametrize("jobs", [2, 4, 9])
def test_any_number_of_shards_writes_the_same(tmp_path: Path, jobs: int) -> None:
    one, sharded = _both_ways(tmp_path, "library.bib", _library(80).encode(), jobs=jobs)
    assert sharded == one


@pytest.mark.parametrize("case", [c for c in all_cases() if c.filename.endswith((".bib", ".json"))],
                         ids=lambda c: c.name)
def test_hostile_bibtex_and_csljson_in_shards(tmp_path: Path, case: Any) -> None:
    one, sharded = _both_ways(tmp_path, case.filename, case.data)
    assert sharded == one


def _csljson_library(tmp_path: Path) -> bytes:
    """The tricky library written as CSL-JSON by one process, with odd items added: what
    CSL has no place for, an item that is no object, one without a type."""
    out = tmp_path / "as-json"
    source = tmp_path / "library.bib"
    source.write_text(_library(), encoding="utf-8")
    convert_to_directory([source], out, ConvertOptions(jobs=1, normalize=False))
    items = json.loads((out / "references.json").read_text("utf-8"))
    middle = len(items) // 2
    items[middle:middle] = [["not", "an", "item"], {"id": "x", "title": "Untyped"},
                            {"id": "y", "type": "book", "title": "Odd", "shelf": {"row": 3}}]
    items += items[:3]  # the first works again, at the end
    return json.dumps(items, ensure_ascii=False, indent=1).encode()


@pytest.mark.parametrize("options", [{}, {"target": "zotero"}, {"normalize": False}], ids=str)
def test_csljson_in_shards_writes_the_bytes_one_process_writes(tmp_path: Path,
                                                             options: dict) -> None:
    data = _csljson_library(tmp_path)
    one, sharded = _both_ways(tmp_path, "library.json", data, **options)
    assert sharded == one
    problems = {code for code, _ in one[2]}
    assert {"duplicate-merged", "csljson-not-an-item", "csljson-no-type"} <= problems


def test_repairs_and_encodings_are_reported_as_in_one_process(tmp_path: Path) -> None:
    mojibake = _library(40).replace("Берия", "Ð\x91ÐµÑ\x80Ð¸Ñ\x8f")
    for data in (mojibake.encode("utf-8"), _library(40).encode("cp1251", errors="replace")):
        one, sharded = _both_ways(tmp_path, "library.bib", data)
        assert sharded == one


def test_what_is_not_for_shards_is_converted_in_one_process(tmp_path: Path, seed_pdf: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            ) -> None:
    forked = []
    monkeypatch.setattr(shards._Worker, "fork", lambda shard: forked.append(shard))
    bib = tmp_path / "library.bib"
    bib.write_text(_library(50), encoding="utf-8")
    for paths, options in (([seed_pdf], {"jobs": 3}), ([bib, bib], {"jobs": 3}),
                           ([bib], {"jobs": 1}), ([bib], {"jobs": 0}),
                           ([bib], {"jobs": 3, "input_format": "essay"})):
        result = convert_to_directory(paths, tmp_path / "out", ConvertOptions(**options),
                                      keep_library=False)
        assert result.library.inputs
    assert not forked


def test_the_sharded_result_has_the_summary_problems_and_inputs(tmp_path: Path) -> None:
    bib = tmp_path / "library.bib"
    bib.write_text(_library(), encoding="utf-8")
    one = convert_to_directory([bib], tmp_path / "a", ConvertOptions(jobs=1))
    sharded = convert_to_directory([bib], tmp_path / "b", ConvertOptions(jobs=2),
                                   keep_library=False)
    assert sharded.summary == one.summary and not sharded.library.references
    assert [p.to_dict() for p in sharded.library.problems] == [
        p.to_dict() for p in one.library.problems]
    assert sharded.library.inputs == one.library.inputs
    assert [p.name for p in sharded.written] == [p.name for p in one.written]


def test_a_file_without_entries_and_a_wrong_authority_fail_before_any_fork(
        tmp_path: Path) -> None:
    bib = tmp_path / "notes.bib"
    bib.write_text("Just notes about Beria.\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"notes\.bib:1: no BibTeX entry"):
        convert_to_directory([bib], tmp_path / "out", ConvertOptions(jobs=2), keep_library=False)
    bib.write_text(_library(20), encoding="utf-8")
    authority = tmp_path / "names.toml"
    authority.write_text("this is = = not toml", encoding="utf-8")
    with pytest.raises(ConfigError):
        convert_to_directory([bib], tmp_path / "out", ConvertOptions(jobs=2, authority=authority),
                             keep_library=False)


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


def test_a_full_disk_in_a_shard_leaves_the_previous_outputs_and_no_part(tmp_path: Path) -> None:
    bib = tmp_path / "library.bib"
    bib.write_text(_library(), encoding="utf-8")
    out = tmp_path / "out"
    convert_to_directory([bib], out, ConvertOptions(jobs=2), keep_library=False)
    before = _outputs(out)
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    pid = os.fork()
    if pid == 0:  # a process of its own with a small file size limit, like a full disk
        code = 3
        try:
            resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, limit[1]))
            convert_to_directory([bib], out, ConvertOptions(jobs=2), keep_library=False)
        except OutputError as error:
            code = 0 if "disk is full" in str(error) else 4
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert _outputs(out) == before and not _leftovers(out)


def test_a_worker_that_dies_is_an_error_and_leaves_no_part(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           ) -> None:
    parent = os.getpid()
    normalize = shards._Shard.normalize

    def die_in_a_worker(self: Any) -> Any:
        if os.getpid() != parent:
            os._exit(9)
        return normalize(self)

    monkeypatch.setattr(shards._Shard, "normalize", die_in_a_worker)
    bib = tmp_path / "library.bib"
    bib.write_text(_library(), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(WorkerError, match="ended without a result"):
        convert_to_directory([bib], out, ConvertOptions(jobs=3), keep_library=False)
    assert not list(out.iterdir())


def test_an_interrupt_in_this_process_stops_the_workers_and_leaves_no_part(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pipeline.test_parallel import _children

    parent = os.getpid()
    render = shards._Shard.render

    def interrupted_here(self: Any, *args: Any) -> Any:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        return render(self, *args)

    monkeypatch.setattr(shards._Shard, "render", interrupted_here)
    bib = tmp_path / "library.bib"
    bib.write_text(_library(), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    before = _children()
    with pytest.raises(KeyboardInterrupt):
        convert_to_directory([bib], out, ConvertOptions(jobs=3), keep_library=False)
    assert _children() == before and not list(out.iterdir())


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_signal_ends_a_run_in_shards_leaving_nothing(tmp_path: Path, signal_name: str) -> None:
    """SIGTERM (a closed terminal: SIGHUP) mid-run: exit 143; Ctrl-C (SIGINT to the whole
    foreground group, workers too): 130 (it was 1, the code of an unreadable input); no
    worker, no temporary or part file, no output half-written."""
    import signal
    import subprocess
    import time

    from tests.support import translitbib_command

    bib = tmp_path / "library.bib"
    bib.write_text(generate(20_000, 3), encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.Popen([*translitbib_command(), "convert", str(bib), "--out", str(out),
                            "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           start_new_session=True)
    deadline = time.monotonic() + 60
    while not (out.exists() and _leftovers(out)) and run.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)  # the part files are made before the shards start
    sig = getattr(signal, signal_name)
    if sig == signal.SIGINT:  # as a terminal sends it: to every process of the group
        os.killpg(run.pid, sig)
    else:
        run.send_signal(sig)
    assert run.wait(timeout=60) == 128 + sig, run.stderr.read()
    if sig == signal.SIGINT:
        assert run.stderr.read().decode().strip().endswith("translitbib: interrupted")
    assert not list(out.iterdir())
    assert not _in_session(run.pid)


def _in_session(session: int) -> list[int]:
    """The processes of a session (Linux /proc): none once a run and its workers ended."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # after the name: state, ppid, pgrp, session
            found.append(int(stat.parent.name))
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(library_text(), min_size=2, max_size=4).map("\n".join),
       st.sampled_from([2, 3, 5]))
def test_generated_libraries_in_shards(text: str, jobs: int) -> None:
    """Hypothesis's libraries (macros, odd fields, names, repeated keys) across shards."""
    with tempfile.TemporaryDirectory() as tmp:
        one, sharded = _both_ways(Path(tmp), "library.bib", text.encode(), jobs=jobs)
    assert sharded == one
