"""The link cache: one SQLite file, shared safely by runs that overlap.

Policy, in one place (``is_servable``):

* A verdict about the page itself (alive, redirected, dead, soft-404, parked) is kept and
  served while younger than the maximum age.
* A failure to learn anything (timeout, unreachable, blocked, offline, refused) and any
  answer of 429 or 5xx is never served: it is checked again on the next run, and it
  removes an older entry for the same URL, so a link that started failing is not reported
  alive from memory.

Two runs may share the file: WAL journaling lets readers and a writer overlap, every write
is a short transaction of upserts, and a busy file is waited for (``busy_timeout``) rather
than failed.

A cache is a convenience, so no fault of its file stops a run.  Each fault is recorded as
a ``CacheNotice`` in ``LinkCache.notices`` (one per kind of trouble) for the caller to show:

* ``REBUILT``: the file is not a link cache (not SQLite, damaged, truncated, or another
  schema).  It is renamed ``<name>.corrupt-<UTC time>`` (with its ``-wal``, if any), never
  deleted, and a new cache is made in its place.  A zero-length file is an empty database,
  not damage: another run may have just created it.
* ``LOCKED``: another process held the file longer than ``busy_timeout``.  The file is left
  alone; links are checked without the cache, and results that could not be saved are
  simply checked again next time.
* ``UNUSABLE``: the file or its directory cannot be created, opened or written (a path
  under a regular file, a read-only directory, a full disk).  The run goes on without the
  cache: ``lookup`` finds nothing and ``store`` keeps nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from .verdict import CheckOutcome, Hop, LinkVerdict

SERVABLE_VERDICTS = frozenset({LinkVerdict.ALIVE, LinkVerdict.REDIRECTED, LinkVerdict.DEAD,
                               LinkVerdict.SOFT_404, LinkVerdict.PARKED})
DEFAULT_MAX_AGE = timedelta(days=1)
DEFAULT_BUSY_TIMEOUT = 10.0  # seconds another run may hold the file before we go on without
COLUMNS = ("url", "final_url", "verdict", "status", "checked_at", "archive_url", "redirects",
           "evidence")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS link_checks (
    url TEXT PRIMARY KEY,
    final_url TEXT,
    verdict TEXT NOT NULL,
    status INTEGER,
    checked_at TEXT NOT NULL,
    archive_url TEXT,
    redirects TEXT NOT NULL DEFAULT '[]',
    evidence TEXT NOT NULL DEFAULT ''
)
"""
_UPSERT = (f"INSERT INTO link_checks ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * 8)})"
           " ON CONFLICT(url) DO UPDATE SET "
           + ", ".join(f"{c}=excluded.{c}" for c in COLUMNS[1:]))
_ROWS_PER_WRITE = 200  # one transaction each, so a long store never starves another run
_HINT = "choose another file with --cache, or --no-cache"
T = TypeVar("T")


class CacheTrouble(StrEnum):
    """What went wrong with the cache file (the value is the report's problem code)."""

    REBUILT = "link-cache-rebuilt"
    LOCKED = "link-cache-locked"
    UNUSABLE = "link-cache-unusable"


@dataclass(frozen=True, slots=True)
class CacheNotice:
    """A fault of the cache file that the run went on despite; for the user to read."""

    trouble: CacheTrouble
    path: Path
    message: str
    moved_to: Path | None = None  # where a damaged file was put (REBUILT only)
    hint: str = _HINT

    def __str__(self) -> str:
        return f"{self.path}: {self.message} ({self.hint})"


class _NotALinkCache(Exception):
    """A readable SQLite file whose tables are not ours."""


def is_servable(outcome: CheckOutcome) -> bool:
    status = outcome.status
    if status is not None and (status == 429 or status >= 500):
        return False
    return outcome.verdict in SERVABLE_VERDICTS


def default_cache_path() -> Path:
    from ..cachedir import cache_dir

    return cache_dir() / "links.sqlite"


def parse_max_age(text: str) -> timedelta:
    """``90`` (seconds), ``30m``, ``12h``, ``7d``, ``2w``."""
    text = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
    unit = text[-1:] if text[-1:] in units else "s"
    number = text[:-1] if text[-1:] in units else text
    try:
        seconds = float(number) * units[unit]
    except ValueError:
        raise ValueError(f"not a duration: {text!r} (try 90, 30m, 12h, 7d)") from None
    if seconds < 0:
        raise ValueError(f"a maximum age cannot be negative: {text!r}")
    return timedelta(seconds=seconds)


class LinkCache:
    """The cache at ``path``; never raises for a fault of its file (see ``notices``)."""

    def __init__(self, path: Path, max_age: timedelta = DEFAULT_MAX_AGE, *,
                 busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        self.max_age = max_age
        self.busy_timeout = busy_timeout
        self.notices: list[CacheNotice] = []
        self.usable = self._open()

    def lookup(self, urls: Iterable[str], now: datetime) -> dict[str, CheckOutcome]:
        """Fresh, servable entries for these URLs (others must be checked)."""
        wanted = list(dict.fromkeys(urls))
        if not self.usable or not wanted:
            return {}
        try:
            rows = self._with_db(lambda db: _select(db, wanted))
        except sqlite3.Error as exc:
            self._note_failure(exc, "links were checked without it and nothing was saved")
            return {}
        found: dict[str, CheckOutcome] = {}
        for row in rows:
            outcome = _outcome(row)
            if outcome is not None and is_servable(outcome) and \
                    now - _when(outcome.checked_at) <= self.max_age:
                found[outcome.url] = outcome
        return found

    def store(self, outcomes: Iterable[CheckOutcome]) -> None:
        """Keep what may be served later; forget a URL whose new check failed."""
        keep, forget = [], []
        for o in outcomes:
            if o.from_cache:
                continue
            if is_servable(o):
                keep.append((o.url, o.final_url, str(o.verdict), o.status, o.checked_at,
                             o.archive_url, json.dumps([h.to_dict() for h in o.redirects]),
                             o.evidence))
            else:
                forget.append((o.url,))
        if not self.usable or not (keep or forget):
            return
        try:
            self._with_db(lambda db: _write(db, keep, forget))
        except sqlite3.Error as exc:
            self._note_failure(exc, "some results of this run were not saved in it; "
                                    "those links will be checked again next time")

    # -- opening, and what to do when the file is at fault

    def _open(self) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return self._note(CacheTrouble.UNUSABLE, "cannot create the link cache's directory "
                              f"({_os_reason(exc)}); links were checked without it")
        for _ in range(3):  # a damaged file is moved aside once; another run may race us
            seen = _identity(self.path)
            try:
                _until_unlocked(lambda: self._with_db(_prepare), self.busy_timeout)
                return True
            except (_NotALinkCache, sqlite3.Error) as exc:
                if not _is_damage(exc):
                    assert isinstance(exc, sqlite3.Error)
                    self._note_failure(exc, "links were checked without it")
                    return False
                if _identity(self.path) == seen and not self._move_aside(exc):
                    return False
        return self._note(CacheTrouble.UNUSABLE, "the link cache was damaged again right "
                          "after being rebuilt; links were checked without it")

    def _move_aside(self, why: Exception) -> bool:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.rename(self.path, target)
        except FileNotFoundError:
            return True  # another run moved it first
        except OSError as exc:
            return self._note(CacheTrouble.UNUSABLE, f"the link cache is damaged "
                              f"({_reason(why)}) and cannot be moved aside "
                              f"({_os_reason(exc)}); links were checked without it")
        for suffix in ("-wal", "-shm"):  # its journal belongs with it, not with the new file
            with contextlib.suppress(OSError):
                os.rename(f"{self.path}{suffix}", f"{target}{suffix}")
        self._note(CacheTrouble.REBUILT, f"the link cache was unreadable ({_reason(why)}); "
                   f"moved it to {target.name} and started a new one", moved_to=target,
                   hint="the old file is kept for inspection; delete it when you like")
        return True

    def _note_failure(self, exc: sqlite3.Error, consequence: str) -> None:
        """The rest of this run goes without the cache (one notice, not one per call)."""
        self.usable = False
        if _is_lock(exc):
            self._note(CacheTrouble.LOCKED, "another process kept the link cache locked for "
                       "more than "
                       f"{self.busy_timeout:g} s; {consequence}",
                       hint="nothing in it was lost; the next run will use it again")
        else:
            self._note(CacheTrouble.UNUSABLE,
                       f"cannot use the link cache ({_reason(exc)}); {consequence}")

    def _note(self, trouble: CacheTrouble, message: str, *, moved_to: Path | None = None,
              hint: str = _HINT) -> bool:
        """Record a notice (once per kind of trouble); False, for ``return self._note(...)``."""
        if all(n.trouble is not trouble for n in self.notices):
            self.notices.append(CacheNotice(trouble, self.path, message, moved_to, hint))
        return False

    def _with_db(self, action: Callable[[sqlite3.Connection], T]) -> T:
        db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        try:
            return action(db)
        finally:
            db.close()


def _prepare(db: sqlite3.Connection) -> None:
    """Check that the file is a sound link cache, and make it one if it is empty."""
    if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise sqlite3.DatabaseError("the integrity check failed")
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "link_checks" in tables:
        columns = {r[1] for r in db.execute("PRAGMA table_info(link_checks)")}
        if not columns >= set(COLUMNS):
            raise _NotALinkCache("its link_checks table has other columns")
    elif tables:
        raise _NotALinkCache(f"it holds other tables ({', '.join(sorted(tables)[:3])})")
    # switching to WAL takes an exclusive lock that the busy timeout does not wait for
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        db.execute("PRAGMA journal_mode=WAL")
    if "link_checks" not in tables:
        db.execute(_SCHEMA)


def _select(db: sqlite3.Connection, wanted: list[str]) -> list[tuple]:
    rows: list[tuple] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows += db.execute(f"SELECT {', '.join(COLUMNS)} FROM link_checks "
                           f"WHERE url IN ({marks})", chunk).fetchall()
    return rows


def _write(db: sqlite3.Connection, keep: list[tuple], forget: list[tuple]) -> None:
    for start in range(0, max(len(keep), len(forget)), _ROWS_PER_WRITE):
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(_UPSERT, keep[start : start + _ROWS_PER_WRITE])
            db.executemany("DELETE FROM link_checks WHERE url = ?",
                           forget[start : start + _ROWS_PER_WRITE])
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise


def _until_unlocked(action: Callable[[], None], timeout: float) -> None:
    """Run a schema action, waiting out (up to ``timeout``) another run that holds the lock."""
    deadline = time.monotonic() + timeout
    pause = 0.02
    while True:
        try:
            action()
            return
        except sqlite3.OperationalError as exc:
            if not _is_lock(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 1.5, 0.5)


def _is_lock(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _is_damage(exc: BaseException) -> bool:
    if isinstance(exc, _NotALinkCache):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:  # raised by _prepare itself
        return not isinstance(exc, sqlite3.OperationalError)
    return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return f"{reason}: {exc.filename}" if exc.filename else reason


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _outcome(row: tuple) -> CheckOutcome | None:
    url, final_url, verdict, status, checked_at, archive_url, redirects, evidence = row
    try:
        hops = [Hop(h["url"], int(h["status"])) for h in json.loads(redirects or "[]")]
        _when(checked_at)
        return CheckOutcome(url, LinkVerdict(verdict), status, final_url, hops, evidence,
                            checked_at, archive_url, from_cache=True)
    except (ValueError, KeyError, TypeError):
        return None  # a row written by another version: check the URL again
