"""The link cache: one SQLite file, shared safely by runs that overlap.

Policy, in one place (``is_servable``):

* A verdict about the page itself (alive, redirected, dead, soft-404, parked) is kept and
  served while younger than the maximum age.
* A failure to learn anything (timeout, unreachable, blocked, offline, refused) and any
  answer of 429 or 5xx is never served: it is checked again on the next run, and it
  removes an older entry for the same URL, so a link that started failing is not reported
  alive from memory.

Two runs may share the file: WAL journaling lets readers and a writer overlap, every write
is one short transaction, and a busy file is waited for rather than failed.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path

from .verdict import CheckOutcome, Hop, LinkVerdict

SERVABLE_VERDICTS = frozenset({LinkVerdict.ALIVE, LinkVerdict.REDIRECTED, LinkVerdict.DEAD,
                               LinkVerdict.SOFT_404, LinkVerdict.PARKED})
DEFAULT_MAX_AGE = timedelta(days=1)
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


def is_servable(outcome: CheckOutcome) -> bool:
    status = outcome.status
    if status is not None and (status == 429 or status >= 500):
        return False
    return outcome.verdict in SERVABLE_VERDICTS


def default_cache_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("translitbib")) / "links.sqlite"


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
    def __init__(self, path: Path, max_age: timedelta = DEFAULT_MAX_AGE) -> None:
        self.path = Path(path)
        self.max_age = max_age
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _when_unlocked(self._create)

    def _create(self) -> None:
        db = self._connect()
        try:
            # switching to WAL takes an exclusive lock that busy_timeout does not wait for
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)
        finally:
            db.close()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        db.execute("PRAGMA busy_timeout=30000")
        return db

    def lookup(self, urls: Iterable[str], now: datetime) -> dict[str, CheckOutcome]:
        """Fresh, servable entries for these URLs (others must be checked)."""
        wanted = list(dict.fromkeys(urls))
        found: dict[str, CheckOutcome] = {}
        db = self._connect()
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    "SELECT url, final_url, verdict, status, checked_at, archive_url, redirects,"
                    f" evidence FROM link_checks WHERE url IN ({marks})", chunk).fetchall()
                for row in rows:
                    outcome = _outcome(row)
                    if outcome is not None and is_servable(outcome) and \
                            now - _when(outcome.checked_at) <= self.max_age:
                        found[outcome.url] = outcome
        finally:
            db.close()
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
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(
                "INSERT INTO link_checks VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO "
                "UPDATE SET final_url=excluded.final_url, verdict=excluded.verdict, "
                "status=excluded.status, checked_at=excluded.checked_at, "
                "archive_url=excluded.archive_url, redirects=excluded.redirects, "
                "evidence=excluded.evidence", keep)
            db.executemany("DELETE FROM link_checks WHERE url = ?", forget)
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.close()


def _when_unlocked(action: Callable[[], None], tries: int = 50) -> None:
    """Run a schema action, waiting out another run that holds the file's lock."""
    for attempt in range(tries):
        try:
            action()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(0.02 * (attempt + 1))


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
