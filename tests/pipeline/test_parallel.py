"""``parallel.fork_map``: slices worked on side by side come back in order, errors in the
order one process would have met them, and no worker outlives the call."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translitbib.errors import InputError
from translitbib.parallel import WorkerError, fork_map, slices, worker_count


@given(st.integers(0, 500), st.integers(1, 9))
def test_slices_cover_the_range_in_order_none_empty(count: int, jobs: int) -> None:
    parts = slices(count, jobs)
    assert [i for start, stop in parts for i in range(start, stop)] == list(range(count))
    assert len(parts) == max(1, min(jobs, count))
    assert all(stop > start for start, stop in parts) or count == 0


def test_the_first_slice_is_the_longest() -> None:
    first, second = slices(100_000, 2)
    assert first[1] - first[0] > second[1] - second[0]


def test_worker_count() -> None:
    assert worker_count(3, 10) == 3
    assert worker_count(0, 10) == 1
    assert worker_count(0, 10_000) == (os.cpu_count() or 1)


def _squares(start: int, stop: int) -> tuple[int, list[int]]:
    return os.getpid(), [i * i for i in range(start, stop)]


@pytest.mark.parametrize("jobs", [1, 2, 3, 7])
def test_results_come_back_in_slice_order_from_other_processes(jobs: int) -> None:
    results = fork_map(_squares, 50, jobs, encode=list, decode=tuple)
    assert [x for _, part in results for x in part] == [i * i for i in range(50)]
    assert len(results) == jobs
    pids = [pid for pid, _ in results]
    assert pids[0] == os.getpid() and len(set(pids)) == jobs  # the rest were forked workers


def _fail_in(bad: set[int]) -> Callable[[int, int], list[int]]:
    """A work function that fails in the slices holding these items."""
    def work(start: int, stop: int) -> list[int]:
        for index in sorted(bad):
            if start <= index < stop:
                raise InputError(f"item {index} is bad", path="in.bib", line=index)
        return list(range(start, stop))
    return work


def test_an_error_in_a_worker_is_raised_here_as_itself() -> None:
    with pytest.raises(InputError) as raised:
        fork_map(_fail_in({40}), 50, 2)
    assert str(raised.value) == "in.bib:40: item 40 is bad"


def test_the_earliest_error_wins_as_in_one_process() -> None:
    with pytest.raises(InputError, match="item 30 is bad"):
        fork_map(_fail_in({30, 45}), 50, 3)
    with pytest.raises(InputError, match="item 3 is bad"):  # this process's own slice
        fork_map(_fail_in({3, 45}), 50, 3)


class _Unpicklable(Exception):
    def __init__(self, a: int, b: int) -> None:
        super().__init__(f"{a}/{b}")


def test_an_exception_that_cannot_travel_arrives_with_its_traceback() -> None:
    def work(start: int, stop: int) -> list[int]:
        if start:
            raise _Unpicklable(1, 2)
        return []

    with pytest.raises(WorkerError, match=r"(?s)_Unpicklable: 1/2"):
        fork_map(work, 10, 2)


def test_a_worker_that_dies_is_an_error_not_a_short_result() -> None:
    def work(start: int, stop: int) -> list[int]:
        if start:
            os._exit(9)
        return list(range(start, stop))

    with pytest.raises(WorkerError, match="ended without a result"):
        fork_map(work, 10, 2)


def test_workers_are_killed_and_reaped_when_this_process_fails() -> None:
    def work(start: int, stop: int) -> list[int]:
        if start:
            time.sleep(60)
        raise KeyboardInterrupt

    before = _children()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        fork_map(work, 10, 3)
    assert time.monotonic() - started < 10
    assert _children() == before  # killed and reaped: no zombie, no orphan


def _children() -> set[str]:
    """This process's children, zombies included (Linux)."""
    return {pid for task in Path("/proc/self/task").iterdir()
            for pid in (task / "children").read_text().split()}
