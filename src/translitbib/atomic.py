"""Write files atomically: temporary files beside the targets, then renames.

``write_files_atomic`` writes a set of files all or nothing: every file is written in full
(and synced) to a temporary file in its target's directory first, and only when all of
them are written are they renamed into place.  A full disk, a file size limit or a missing
permission therefore fails before any target is touched: the previous outputs stay as they
were and no temporary file is left behind.  Only the renames themselves, which need no
space, could fail midway (an I/O error, a directory removed under us); the error then says
which files were already replaced.

Every ``OSError`` becomes an ``OutputError`` that names the path, says what is wrong and
what to do.  New files get the usual permissions (``0o666`` less the umask); a replaced
file keeps its own.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import OutputError
from .parallel import can_fork, fork_map, interrupts_held
from .textnorm import nfc


@dataclass(frozen=True, slots=True)
class FileRange:
    """Bytes of another file (open as ``fd``), copied in as they are (in the kernel where
    it can)."""

    fd: int
    offset: int
    length: int


#: what a file can be given as: its text, its bytes, or its text in pieces (written as they
#: come, so a large output is never held whole in memory), some pieces maybe copied from
#: other files
Content = str | bytes | Iterable[str | FileRange]
_BATCH = 1 << 20  # characters joined and encoded per write

_NO_SPACE = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
_NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` so that readers see either the old or the new file."""
    write_files_atomic({Path(path): text}, encoding)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    write_files_atomic({Path(path): data})


def write_files_atomic(files: Mapping[Path, Content], encoding: str = "utf-8", *,
                       jobs: int = 1, costs: Mapping[Path, float] | None = None) -> list[Path]:
    """Write every file or none (see the module docstring); returns the paths, in order.

    ``jobs`` > 1 makes (stages) the files in that many forked processes at once: pieces
    are made as they are written, so the formatting work is what runs side by side.
    ``costs``: the work each file takes, relatively; the costliest are started first, so
    that the processes finish together.
    """
    staged: dict[Path, str] = {}  # target -> its temporary file, not yet renamed
    try:
        if jobs > 1 and len(files) > 1 and can_fork():
            _stage_in_processes(files, encoding, jobs, costs or {}, staged)
        for path, content in files.items():
            if Path(path) not in staged:
                _stage(Path(path), _chunks(content, encoding), staged)
        for path in staged:
            if path.is_dir():
                raise OutputError("is a directory, so no file can be written there",
                                  path=str(path), hint="move it away, or choose another "
                                  "output directory")
        _rename_all(staged)
    finally:
        for tmp in staged.values():
            _remove_quietly(tmp)
    for directory in {path.parent for path in files}:
        _sync_directory(directory)
    return [Path(path) for path in files]


def _stage_in_processes(files: Mapping[Path, Content], encoding: str, jobs: int,
                        costs: Mapping[Path, float], staged: dict[Path, str]) -> None:
    """Stage every file, the files shared out in ``jobs`` groups of about equal cost made
    side by side (``parallel.fork_map``: this process makes the first group, forked workers
    the others, into temporary files made here first, so that ``staged`` names every one
    whatever happens to a worker).  What cannot be written is raised here once all are
    done, the first in file order."""
    paths = [Path(p) for p in files]
    contents = list(files.values())
    targets = []  # each file's temporary file, open
    try:
        for path in paths:
            with interrupts_held():  # noted before an interrupt can come
                fd, staged[path] = new_temporary(path)
                targets.append(fd)
        groups = _groups(paths, costs, jobs)

        def stage_group(start: int, stop: int) -> list[tuple[int, str]]:
            # (file index, error message and hint) of each file that cannot be written
            failed = []
            for index in (i for group in groups[start:stop] for i in group):
                try:
                    _fill(targets[index], paths[index], _chunks(contents[index], encoding))
                except OutputError as exc:
                    failed.append((index, f"{exc.message}\0{exc.hint}"))
            return failed

        failed = sorted(f for part in fork_map(stage_group, len(groups), len(groups))
                        for f in part)
    finally:
        for fd in targets:
            with contextlib.suppress(OSError):
                os.close(fd)
    if failed:
        index, error = failed[0]
        message, hint = error.split("\0")
        raise OutputError(message, path=str(paths[index]), hint=hint)


def _groups(paths: list[Path], costs: Mapping[Path, float], jobs: int) -> list[list[int]]:
    """File indexes in ``jobs`` groups of about equal cost: the costliest file first, each
    to the group with the least so far."""
    groups: list[list[int]] = [[] for _ in range(min(jobs, len(paths)))]
    loads = [0.0] * len(groups)
    for index in sorted(range(len(paths)), key=lambda i: -costs.get(paths[i], 1.0)):
        lightest = loads.index(min(loads))
        groups[lightest].append(index)
        loads[lightest] += costs.get(paths[index], 1.0)
    return groups


def _chunks(content: Content, encoding: str) -> Iterable[bytes | FileRange]:
    if isinstance(content, bytes):
        yield content
        return
    if isinstance(content, str):
        yield nfc(content).encode(encoding)
        return
    batch: list[str] = []
    size = 0
    for piece in content:
        if isinstance(piece, FileRange):
            if batch:
                yield nfc("".join(batch)).encode(encoding)
                batch, size = [], 0
            yield piece
            continue
        batch.append(piece)
        size += len(piece)
        if size >= _BATCH:  # whole records: no combining mark starts a batch
            yield nfc("".join(batch)).encode(encoding)
            batch, size = [], 0
    if batch:
        yield nfc("".join(batch)).encode(encoding)


def _stage(path: Path, data: Iterable[bytes | FileRange], staged: dict[Path, str]) -> None:
    """``data`` written and synced to a new temporary file beside ``path``, noted in
    ``staged`` as it is made (the caller removes it whatever happens)."""
    with interrupts_held():  # an interrupt between making and noting it would leave it
        fd, staged[path] = new_temporary(path)
    try:
        _fill(fd, path, data)
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def new_temporary(path: Path) -> tuple[int, str]:
    """A new, empty temporary file beside ``path`` (made by ``mkstemp``: no one else's,
    no link followed): its descriptor and name; the caller closes and removes it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _directory_error(path.parent, exc) from exc
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _write_error(path, exc) from exc


def _fill(fd: int, path: Path, data: Iterable[bytes | FileRange]) -> None:
    """``data`` written and synced to the temporary file ``fd`` for ``path``, with the
    mode ``path`` should have; the descriptor stays open (its owner closes it)."""
    try:
        with os.fdopen(fd, "wb", closefd=False) as handle:
            for block in data:
                if isinstance(block, FileRange):
                    handle.flush()
                    _copy_range(block, handle.fileno())
                else:
                    handle.write(block)
            handle.flush()
            os.fsync(handle.fileno())
        os.fchmod(fd, _mode_for(path))
    except OSError as exc:
        raise _write_error(path, exc) from exc


def write_runs(fd: int, path: Path, runs: Iterable[Iterable[str]], encoding: str = "utf-8",
               ) -> list[tuple[int, int]]:
    """Each run's text written after the one before into the new, empty file ``fd`` (a
    part of ``path``, not synced); the (offset, length) in bytes of each.  ``OutputError``
    names ``path`` and says what is wrong, as for the outputs themselves."""
    places = []
    try:
        with os.fdopen(fd, "wb", closefd=False) as handle:
            for run in runs:
                start = handle.tell()
                for block in _chunks(run, encoding):
                    handle.write(block)  # type: ignore[arg-type]
                places.append((start, handle.tell() - start))
    except OSError as exc:
        raise _write_error(path, exc) from exc
    return places


def _copy_range(source: FileRange, target: int) -> None:
    """``source``'s bytes appended at ``target``'s position (a file descriptor)."""
    offset, left = source.offset, source.length
    while left > 0:
        try:
            done = os.copy_file_range(source.fd, target, left, offset)
        except OSError as exc:  # another file system, an old kernel: copy by hand
            if exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
                raise
            done = os.write(target, os.pread(source.fd, min(left, _BATCH), offset))
        if done == 0:
            raise OSError(errno.EIO, "a part ended before its range did")
        offset, left = offset + done, left - done


def _rename_all(staged: dict[Path, str]) -> None:
    done: list[Path] = []
    for path, tmp in list(staged.items()):
        try:
            os.replace(tmp, path)
        except OSError as exc:
            error = _write_error(path, exc)
            if done:
                error.message += ("; already replaced: " + ", ".join(p.name for p in done)
                                  + "; not replaced: "
                                  + ", ".join(p.name for p in staged))
            raise error from exc
        del staged[path]
        done.append(path)


def _write_error(path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    if exc.errno in _NO_SPACE:
        return OutputError(f"cannot write: {reason}", path=str(path),
                           hint="the disk is full or a file size limit was reached: free some "
                                "space or choose an output directory on another disk; the "
                                "previous outputs are unchanged")
    if exc.errno in _NO_PERMISSION:
        return OutputError(f"cannot write: {reason}", path=str(path),
                           hint="choose an output directory you can write to, or change its "
                                "permissions; the previous outputs are unchanged")
    return OutputError(f"cannot write: {reason}", path=str(path))


def _directory_error(directory: Path, exc: OSError) -> OutputError:
    blocker = next((p for p in (directory, *directory.parents)
                    if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        return OutputError(f"cannot create the output directory: {blocker} is a file, not a "
                           "directory", path=str(directory),
                           hint="choose another output directory, or move that file away")
    return _write_error(directory, exc)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_umask()


@cache
def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def _sync_directory(directory: Path) -> None:
    """Make the renames durable (where a directory can be opened for that)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
