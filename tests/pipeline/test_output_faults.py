"""An output that cannot be written is a clear error (exit 3) that leaves the previous
outputs as they were and no temporary file behind.  The CLI runs as a subprocess; a full
disk is a real file size limit (RLIMIT_FSIZE) in the child, so writes fail with EFBIG."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import SEED_HTML, SEED_PDF, run_cli, translitbib_command
from translitbib.atomic import write_files_atomic
from translitbib.errors import OutputError
from translitbib.exit_codes import ExitCode

OUTPUTS = ["references.bib", "references.json", "references.ris", "report.json", "report.md"]
REFERENCES = OUTPUTS[:3]


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def _previous_run(out: Path) -> dict[str, bytes]:
    done = run_cli("convert", str(SEED_HTML), "--out", str(out))
    assert done.returncode == ExitCode.OK, done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    return _snapshot(out)


def _sizes_of_a_new_run(scratch: Path) -> dict[str, int]:
    done = run_cli("convert", str(SEED_PDF), "--out", str(scratch))
    assert done.returncode == ExitCode.OK, done.stderr
    return {p.name: p.stat().st_size for p in scratch.iterdir()}


def _limit_file_size(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG


def _convert_with_file_size_limit(out: Path, limit: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*translitbib_command(), "convert", str(SEED_PDF), "--out", str(out)],
                          capture_output=True, text=True, timeout=120,
                          preexec_fn=lambda: _limit_file_size(limit))


def _assert_clear_error(done: subprocess.CompletedProcess[str], *names: str) -> None:
    assert done.returncode == ExitCode.OUTPUT_ERROR, done.stderr
    assert done.stderr.startswith("translitbib: error: ")
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    for name in names:
        assert name in done.stderr


def test_out_under_a_regular_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a regular file, not a directory")
    done = run_cli("convert", str(SEED_PDF), "--out", str(blocker / "out"))
    _assert_clear_error(done, str(blocker / "out"), f"{blocker} is a file, not a directory",
                        "choose another output directory")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert blocker.read_text() == "a regular file, not a directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_out_keeps_the_previous_outputs(tmp_path):
    out = tmp_path / "out"
    before = _previous_run(out)
    out.chmod(0o555)
    try:
        done = run_cli("convert", str(SEED_PDF), "--out", str(out))
    finally:
        out.chmod(0o755)
    _assert_clear_error(done, str(out), "Permission denied", "permissions")
    assert _snapshot(out) == before


def test_a_full_disk_keeps_the_previous_outputs_and_leaves_no_temp_file(tmp_path):
    sizes = _sizes_of_a_new_run(tmp_path / "scratch")
    limit = sizes["references.bib"] + 1  # the first file fits, the next does not
    assert max(sizes[name] for name in REFERENCES[1:]) > limit
    out = tmp_path / "out"
    before = _previous_run(out)
    done = _convert_with_file_size_limit(out, limit)
    _assert_clear_error(done, str(out / "references."), "File too large", "disk is full",
                        "previous outputs are unchanged")
    assert _snapshot(out) == before  # byte for byte, and no *.tmp beside them


def test_a_full_disk_while_writing_the_report_replaces_no_output(tmp_path):
    sizes = _sizes_of_a_new_run(tmp_path / "scratch")
    limit = max(sizes[name] for name in REFERENCES) + 1  # the references fit, the report not
    assert sizes["report.json"] > limit
    out = tmp_path / "out"
    before = _previous_run(out)
    done = _convert_with_file_size_limit(out, limit)
    _assert_clear_error(done, str(out / "report.json"), "File too large")
    assert _snapshot(out) == before


def test_a_first_run_that_fails_leaves_no_file_at_all(tmp_path):
    out = tmp_path / "out"
    done = _convert_with_file_size_limit(out, 64)
    _assert_clear_error(done, str(out / "references.bib"), "File too large")
    assert list(out.iterdir()) == []


# -- the library: write_files_atomic


def test_all_files_or_none_when_one_target_is_a_directory(tmp_path):
    (tmp_path / "a.txt").write_text("old a")
    (tmp_path / "b.txt").mkdir()
    with pytest.raises(OutputError, match="is a directory") as caught:
        write_files_atomic({tmp_path / "a.txt": "new a", tmp_path / "b.txt": "new b",
                            tmp_path / "c.txt": "new c"})
    assert caught.value.path == str(tmp_path / "b.txt")
    assert (tmp_path / "a.txt").read_text() == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_all_files_or_none_on_a_full_disk(tmp_path):
    (tmp_path / "small.txt").write_text("old small")
    script = ("import sys; from pathlib import Path;"
              "from translitbib.atomic import write_files_atomic;"
              "from translitbib.errors import OutputError\n"
              "d = Path(sys.argv[1])\n"
              "try:\n"
              "    write_files_atomic({d / 'small.txt': 'new small', d / 'big.txt': 'x' * 9000})\n"
              "except OutputError as exc:\n"
              "    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True,
                          text=True, timeout=60, preexec_fn=lambda: _limit_file_size(4096))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{tmp_path / 'big.txt'}: cannot write: File too large")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.txt"]
    assert (tmp_path / "small.txt").read_text() == "old small"


def test_new_files_get_the_usual_mode_and_replaced_files_keep_theirs(tmp_path):
    kept = tmp_path / "kept.txt"
    kept.write_text("old")
    kept.chmod(0o640)
    mask = os.umask(0o022)
    os.umask(mask)
    write_files_atomic({tmp_path / "new.txt": "new", kept: b"replaced"})
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o666 & ~mask  # not 0o600
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_bytes() == b"replaced"


def test_jobs_make_the_same_bytes_and_fail_the_same_way(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for out, jobs in ((one, "1"), (two, "3")):
        done = run_cli("convert", str(SEED_PDF), "--out", str(out), "--jobs", jobs)
        assert done.returncode == ExitCode.OK, done.stderr
    assert _snapshot(one) == _snapshot(two)
    # a full disk in a forked worker: the same clear error, nothing replaced, no temp file
    before = _snapshot(two)
    limit = min(p.stat().st_size for p in two.iterdir()) + 1
    done = subprocess.run([*translitbib_command(), "convert", str(SEED_PDF), "--out", str(two),
                           "--jobs", "3"], capture_output=True, text=True, timeout=120,
                          preexec_fn=lambda: _limit_file_size(limit))
    _assert_clear_error(done, "disk is full")
    assert _snapshot(two) == before


def test_forked_staging_writes_every_file_or_none(tmp_path):
    files = {tmp_path / f"f{i}.txt": (f"line {i}\n" for _ in range(1000)) for i in range(4)}
    written = write_files_atomic(files, jobs=2)
    assert [p.name for p in written] == [f"f{i}.txt" for i in range(4)]
    assert (tmp_path / "f3.txt").read_text() == "line 3\n" * 1000
    blocked = {tmp_path / "g.txt": "new", tmp_path / "f0.txt" / "x": "cannot"}
    with pytest.raises(OutputError):
        write_files_atomic(blocked, jobs=2)
    assert not (tmp_path / "g.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
