"""A cache file at fault never stops a run: damaged files are moved aside and rebuilt, a
locked or unwritable one is done without, and two real processes sharing one file lose
nothing.  Every test uses a real SQLite file; the concurrent runs check a real loopback
server."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiohttp import web

from tests.links.loopback import LoopbackServer, page
from tests.support import run_cli, translitbib_command
from translitbib.exit_codes import ExitCode
from translitbib.links.cache import CacheTrouble, LinkCache
from translitbib.links.verdict import CheckOutcome, LinkVerdict

NOW = datetime.now(UTC)
STAMP = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")


def _alive(url: str) -> CheckOutcome:
    return CheckOutcome(url, LinkVerdict.ALIVE, 200, checked_at=STAMP, evidence="HTTP 200")


def _filled_cache(path: Path, rows: int = 400) -> Path:
    cache = LinkCache(path)
    cache.store([_alive(f"http://old.ru/{n}") for n in range(rows)])
    with sqlite3.connect(path) as db:  # fold the WAL in, so the main file holds it all
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _works(cache: LinkCache) -> bool:
    cache.store([_alive("http://new.ru/")])
    return "http://new.ru/" in cache.lookup(["http://new.ru/"], NOW)


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not an SQLite file at all\n" * 100)


def _truncated(path: Path) -> None:
    data = _filled_cache(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _header_only(path: Path) -> None:
    data = _filled_cache(path).read_bytes()
    path.write_bytes(data[:50])


def _old_schema(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE link_checks (url TEXT PRIMARY KEY, ok INTEGER)")
        db.execute("INSERT INTO link_checks VALUES ('http://old.ru/', 1)")


def _another_database(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE essays (title TEXT)")


@pytest.mark.parametrize("damage", [_garbage, _truncated, _header_only, _old_schema,
                                    _another_database], ids=lambda f: f.__name__.strip("_"))
def test_a_damaged_cache_is_moved_aside_and_rebuilt(tmp_path, damage):
    path = tmp_path / "links.sqlite"
    damage(path)
    before = path.read_bytes()
    cache = LinkCache(path)
    [notice] = cache.notices
    assert notice.trouble is CacheTrouble.REBUILT and cache.usable
    assert notice.moved_to is not None and notice.moved_to.name.startswith("links.sqlite.corrupt-")
    assert notice.moved_to.read_bytes() == before  # kept as it was, never deleted
    assert str(path) in str(notice) and notice.moved_to.name in str(notice)
    assert _works(cache)
    assert LinkCache(path).notices == []  # the new file is sound for the next run


def test_a_zero_length_file_is_an_empty_cache_not_damage(tmp_path):
    path = tmp_path / "links.sqlite"
    path.write_bytes(b"")
    cache = LinkCache(path)
    assert cache.notices == [] and _works(cache)
    assert [p.name for p in tmp_path.iterdir() if "corrupt" in p.name] == []


def test_a_write_lock_held_too_long_is_done_without_and_loses_nothing(tmp_path):
    path = _filled_cache(tmp_path / "links.sqlite", rows=10)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO link_checks (url, verdict, checked_at) "
                   "VALUES ('http://holder.ru/', 'alive', ?)", (STAMP,))
    try:
        cache = LinkCache(path, busy_timeout=0.3)
        assert "http://old.ru/3" in cache.lookup(["http://old.ru/3"], NOW)  # WAL: reads go on
        cache.store([_alive("http://mine.ru/")])  # must not raise
    finally:
        holder.execute("COMMIT")
        holder.close()
    [notice] = cache.notices
    assert notice.trouble is CacheTrouble.LOCKED and "0.3 s" in notice.message
    assert not cache.usable and cache.lookup(["http://old.ru/3"], NOW) == {}
    again = LinkCache(path)
    kept = again.lookup(["http://holder.ru/", *(f"http://old.ru/{n}" for n in range(10))], NOW)
    assert len(kept) == 11 and again.notices == []
    assert not any("corrupt" in p.name for p in tmp_path.iterdir())


def test_a_file_locked_at_open_is_not_taken_for_damage(tmp_path):
    path = tmp_path / "links.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)  # a rollback-journal database
    holder.execute("CREATE TABLE link_checks (url TEXT PRIMARY KEY)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        cache = LinkCache(path, busy_timeout=0.3)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [n.trouble for n in cache.notices] == [CacheTrouble.LOCKED]
    assert cache.lookup(["http://a.ru/"], NOW) == {}
    cache.store([_alive("http://a.ru/")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["links.sqlite"]


@pytest.mark.parametrize("where", ["under a regular file", "a directory"])
def test_a_cache_that_cannot_be_created_is_done_without(tmp_path, where):
    blocker = tmp_path / "blocker"
    if where == "a directory":
        blocker.mkdir()
        path = blocker
    else:
        blocker.write_text("a regular file")
        path = blocker / "cache" / "links.sqlite"
    cache = LinkCache(path)
    [notice] = cache.notices
    assert notice.trouble is CacheTrouble.UNUSABLE and not cache.usable
    assert "without it" in notice.message and "--no-cache" in str(notice)
    assert cache.lookup(["http://a.ru/"], NOW) == {}
    cache.store([_alive("http://a.ru/")])  # a no-op, not an error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_cache_in_a_read_only_directory_is_done_without(tmp_path):
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        cache = LinkCache(locked / "links.sqlite")
    finally:
        locked.chmod(0o755)
    assert [n.trouble for n in cache.notices] == [CacheTrouble.UNUSABLE]


def _limit_file_size(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG


def test_a_full_disk_while_storing_is_a_notice_not_a_crash(tmp_path):
    path = _filled_cache(tmp_path / "links.sqlite", rows=10)
    script = (
        "import sys; from translitbib.links.cache import LinkCache;"
        "from translitbib.links.verdict import CheckOutcome, LinkVerdict\n"
        "cache = LinkCache(sys.argv[1])\n"
        f"cache.store([CheckOutcome(f'http://big.ru/{{n}}', LinkVerdict.ALIVE, 200,"
        f" checked_at='{STAMP}', evidence='x' * 2000) for n in range(2000)])\n"
        "print('|'.join(f'{n.trouble}: {n}' for n in cache.notices))")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=60, preexec_fn=lambda: _limit_file_size(400_000))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("link-cache-unusable:") and str(path) in done.stdout
    kept = LinkCache(path).lookup([f"http://old.ru/{n}" for n in range(10)], NOW)
    assert len(kept) == 10  # what was there before is intact


# -- two real processes on one file


def _site(app: web.Application) -> None:
    async def article(request: web.Request) -> web.Response:
        return page(f"Article {request.match_info['n']}", "Kommersant-Vlast archive")

    app.router.add_get("/article/{n}.html", article)


@pytest.fixture(scope="module")
def site():
    with LoopbackServer(_site) as server:
        yield server


def _rows(path: Path) -> dict[str, tuple[str, int, str]]:
    with sqlite3.connect(path) as db:
        return {url: (verdict, status, checked_at) for url, verdict, status, checked_at in
                db.execute("SELECT url, verdict, status, checked_at FROM link_checks")}


def test_two_check_links_runs_on_one_cache_lose_nothing(site, tmp_path):
    cache = tmp_path / "shared.sqlite"
    urls = [site.url(f"/article/{n}.html") for n in range(240)]
    lists = []
    for name, part in (("first", urls[:160]), ("second", urls[80:])):  # half of each shared
        lists.append(tmp_path / f"{name}.urls")
        lists[-1].write_text("\n".join(part) + "\n")
    command = ["check-links", "--json", "--allow-private", "--no-archive",
               "--interval", "0", "--per-host", "20", "--cache", str(cache)]
    runs = [subprocess.Popen([*translitbib_command(), *command, str(listed)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for listed in lists]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == ExitCode.OK, err
        assert err == ""
        assert {row["verdict"] for row in json.loads(out)["links"]} == {"alive"}
    rows = _rows(cache)
    assert set(rows) == set(urls)
    for verdict, status, checked_at in rows.values():
        assert (verdict, status) == ("alive", 200)
        datetime.fromisoformat(checked_at.replace("Z", "+00:00"))
    again = run_cli(*command, str(lists[0]))  # served from the cache, the server not asked
    assert again.returncode == ExitCode.OK
    assert all(row["from_cache"] for row in json.loads(again.stdout)["links"])


def test_two_processes_storing_in_many_small_writes_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite"
    script = (
        "import sys; from translitbib.links.cache import LinkCache;"
        "from translitbib.links.verdict import CheckOutcome, LinkVerdict\n"
        "from datetime import UTC, datetime\n"
        "worker = sys.argv[2]\n"
        "for batch in range(40):\n"
        "    cache = LinkCache(sys.argv[1])\n"
        f"    cache.store([CheckOutcome(f'http://s{{worker}}.ru/{{batch}}/{{n}}',"
        f" LinkVerdict.ALIVE, 200, checked_at='{STAMP}') for n in range(50)])\n"
        "    cache.lookup([f'http://s0.ru/{batch}/0'], datetime.now(UTC))\n"
        "    assert not cache.notices, cache.notices\n")
    runs = [subprocess.Popen([sys.executable, "-c", script, str(path), worker],
                             stderr=subprocess.PIPE, text=True) for worker in "01"]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    urls = [f"http://s{w}.ru/{b}/{n}" for w in "01" for b in range(40) for n in range(50)]
    assert set(_rows(path)) == set(urls)
    assert len(LinkCache(path).lookup(urls, datetime.now(UTC))) == 4000


# -- Ctrl-C


def _half_slow(app: web.Application) -> None:
    async def article(request: web.Request) -> web.Response:
        return page(f"Article {request.match_info['n']}", "Kommersant-Vlast archive")

    async def hanging(request: web.Request) -> web.Response:
        await asyncio.sleep(30)  # cut short when the server shuts down
        return page("Too late")

    app.router.add_get("/article/{n}.html", article)
    app.router.add_get("/hanging.html", hanging)


def test_ctrl_c_keeps_the_verdicts_learnt_before_it(tmp_path):
    """Ctrl-C in a long run: the cache stays sound and keeps every verdict finished by
    then, so the next run does not ask those sites again."""
    cache = tmp_path / "links.sqlite"
    with LoopbackServer(_half_slow) as server:
        done = [server.url(f"/article/{n}.html") for n in range(5)]
        listed = tmp_path / "cited.urls"
        listed.write_text("\n".join([*done, server.url("/hanging.html")]) + "\n")
        run = subprocess.Popen(
            [*translitbib_command(), "check-links", str(listed), "--allow-private",
             "--no-archive", "--interval", "0", "--timeout", "25", "--cache", str(cache)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.monotonic() + 30
        while server.stats.hits("/hanging.html") == 0 or \
                sum(server.stats.hits(f"/article/{n}.html") for n in range(5)) < 5:
            assert time.monotonic() < deadline and run.poll() is None
            time.sleep(0.02)
        time.sleep(0.5)  # the five answers read and judged; the sixth still hangs
        run.send_signal(signal.SIGINT)
        _, err = run.communicate(timeout=30)
    assert run.returncode != 0, err
    assert set(_rows(cache)) == set(done)
    assert all(row[0] == "alive" for row in _rows(cache).values())
