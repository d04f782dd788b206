"""Slices of one job in forked processes, results back in order: the cores of a large run.

``fork_map(work, count, jobs, encode, decode)`` cuts ``range(count)`` into ``jobs``
contiguous slices.  This process works on the first slice itself (its result needs no
copying); a forked child works on each of the others and sends its result back through a
pipe as bytes (``encode``/``decode``: ``marshal`` of plain tuples is ten times quicker than
pickling objects).  A child sees everything this process had when it forked, so nothing
is sent *to* it.  The results come back in slice order, so a caller that joins them gets
what one process working through the whole range would have made.

Errors keep that order too: an exception in an earlier slice is raised before one in a
later slice, as a single process would have met them.  An exception a child cannot send
back as itself arrives as a ``WorkerError`` with the child's traceback, and a child that
died (killed, out of memory) as a ``WorkerError`` too.  Children never outlive the call:
if this process fails or is interrupted, they are interrupted in turn (so that their own
clean-up runs), given a few seconds, then killed, and reaped.  Forks happen with
interrupts held (``interrupts_held``), so that none is lost in the fork's own handlers.

Forking needs ``os.fork`` and a process with no other thread running (a thread could hold
a lock the child would inherit held); otherwise, or for ``jobs`` of 1, the whole range is
one slice worked on here.
"""

from __future__ import annotations

import contextlib
import itertools
import marshal
import os
import pickle
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import TypeVar

R = TypeVar("R")

#: ``jobs=0`` (automatic) uses every core from this many items on, one process below it
LARGE = 10_000

_OK, _RAISED, _FAILED = b"o", b"r", b"f"


class WorkerError(RuntimeError):
    """A forked worker failed with an exception that could not be sent back as itself."""


def worker_count(requested: int, items: int) -> int:
    """Processes for ``items`` items: ``requested`` when given (> 0); for 0, every core when
    the job is large (``LARGE`` items or more), else one."""
    if requested > 0:
        return requested
    return (os.cpu_count() or 1) if items >= LARGE else 1


def can_fork() -> bool:
    # forking a process that runs other threads (an event loop's resolver pool) could copy
    # a lock some thread holds
    return hasattr(os, "fork") and threading.active_count() == 1


#: the first slice's size against each other one's: this process works on it and needs no
#: copy of its result, while it decodes the others' as a child encodes its own
LEAD = 1.2


def slices(count: int, jobs: int, lead: float = LEAD) -> list[tuple[int, int]]:
    """``range(count)`` cut into ``jobs`` contiguous (start, stop) pairs, none empty, the
    first ``lead`` times as long as each of the others."""
    jobs = max(1, min(jobs, count))
    total = lead + jobs - 1
    inner = [round(count * (lead + i - 1) / total) for i in range(1, jobs)]
    # at least one item before each cut and after it
    inner = [min(max(cut, i), count - jobs + i) for i, cut in enumerate(inner, 1)]
    return list(itertools.pairwise([0, *inner, count]))


def _same(value: object) -> object:
    return value


def fork_map(work: Callable[[int, int], R], count: int, jobs: int,
             encode: Callable[[R], object] = _same,
             decode: Callable[[object], R] = _same,  # type: ignore[assignment]
             ) -> list[R]:
    """``work(start, stop)`` for each slice of ``range(count)``, in slice order.

    ``encode`` turns a child's result into what ``marshal`` can write (plain tuples,
    lists, dicts, strings, numbers); ``decode`` turns that back into a result here.
    """
    parts = slices(count, jobs)
    if len(parts) < 2 or not can_fork():
        return [work(0, count)]
    children: list[tuple[int, int]] = []  # (pid, read end of its pipe), not yet received
    outcomes: list[tuple[bytes, object]] = []
    try:
        for start, stop in parts[1:]:
            with interrupts_held() as release:
                children.append(_fork_child(work, start, stop, encode,
                                            [fd for _, fd in children], release))
        results = [work(*parts[0])]
        while children:
            outcomes.append(_receive(*children[0]))
            del children[0]
    finally:
        stop_all(children)  # only when this process failed: the rest are asked to stop
    for status, payload in outcomes:  # the first error in slice order is the one raised
        if status != _OK:
            raise _error(status, payload)
    results += [decode(payload) for _, payload in outcomes]
    return results


HELD = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def interrupts_held() -> Iterator[Callable[[], None]]:
    """Interrupts wait until the block ends.  Fork in it, and note the worker in it: an
    interrupt that came while the fork's own handlers ran (threading's, logging's, in
    either process) would be lost there, and one that came before the worker was noted
    would leave it unstopped.  A forked child never leaves the block: it calls what the
    block gives (it restores the mask) first."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)

    def release() -> None:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)

    try:
        yield release
    finally:
        release()


def _fork_child(work: Callable[[int, int], R], start: int, stop: int,
                encode: Callable[[R], object], inherited: list[int],
                release: Callable[[], None]) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    # the child: never returns, never runs the parent's clean-up or flushes its buffers
    code = 1
    try:
        release()
        for fd in (read_end, *inherited):  # earlier workers' pipes are not this one's
            os.close(fd)
        try:
            data = _OK + marshal.dumps(encode(work(start, stop)))
        except BaseException as exc:  # every failure goes back to the parent
            kind, body = pack_failure(exc)
            data = kind + body
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def pack_failure(exc: BaseException) -> tuple[bytes, bytes]:
    """An exception as (kind, bytes) to send to the parent: pickled when it will load
    there, else its traceback (``unpack_failure`` makes it an exception again)."""
    try:
        pickled = pickle.dumps(exc)
        pickle.loads(pickled)  # an exception whose class takes other arguments will not load
        return _RAISED, pickled
    except Exception:
        text = "".join(traceback.format_exception(exc))
        return _FAILED, text.encode("utf-8", "replace")


def unpack_failure(kind: bytes, body: bytes) -> BaseException:
    if kind == _RAISED:
        return pickle.loads(body)
    return WorkerError(f"a worker process failed:\n{body.decode('utf-8', 'replace')}")


def _receive(pid: int, fd: int) -> tuple[bytes, object]:
    """A worker's whole answer, and the worker reaped; a worker that ended without one
    (killed, out of memory) is a ``WorkerError``."""
    with os.fdopen(fd, "rb") as pipe:
        data = pipe.read()
    code = _reap(pid)
    kind, body = data[:1], data[1:]
    try:
        if kind == _OK:
            return _OK, marshal.loads(body)
        if kind in (_RAISED, _FAILED):
            return kind, unpack_failure(kind, body)
    except (EOFError, ValueError, TypeError, pickle.UnpicklingError):
        pass  # cut short: the worker died while it answered
    return _FAILED, f"a worker process ended without a result (exit status {code})"


def _reap(pid: int) -> int | None:
    """Waits for a worker; its exit code (None when it was reaped elsewhere)."""
    try:
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    except ChildProcessError:  # SIGCHLD ignored by the host program: already gone
        return None


def _error(status: bytes, payload: object) -> BaseException:
    if isinstance(payload, BaseException):
        return payload
    return WorkerError(f"a worker process failed:\n{payload}")


def stop_all(children: list[tuple[int, int]], grace: float = 5.0) -> None:
    """Stops workers whose answer will not be read: the pipe closed (one still writing
    ends), an interrupt (one still working cleans up and ends), at most ``grace`` seconds
    for all, then killed; every one reaped."""
    for pid, fd in children:
        with contextlib.suppress(OSError):
            os.close(fd)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + grace
    for pid, _ in children:
        asked = time.monotonic()
        while True:
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                break
            if done:
                break
            now = time.monotonic()
            if now > deadline:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
                break
            if now - asked > 0.1:  # not ended yet (busy in C code): ask again
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGINT)
                asked = now
            time.sleep(0.005)
