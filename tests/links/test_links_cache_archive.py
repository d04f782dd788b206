"""The cache policy and the archive look-up, against real loopback servers."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web

from tests.links.conftest import always_online, fast_options
from tests.links.loopback import LoopbackServer, page
from translitbib.links.archive import ArchiveOptions
from translitbib.links.cache import LinkCache, parse_max_age
from translitbib.links.extract import CitedUrl
from translitbib.links.netguard import StaticResolver
from translitbib.links.run import LinkSettings, Network, check_cited
from translitbib.links.verdict import CheckOutcome, LinkVerdict
from translitbib.model import Date, SourceSpan


def site(app: web.Application) -> None:
    async def alive(request: web.Request) -> web.Response:
        return page("Smirtiukhov interview", "Kommersant-Vlast, February 8, 2000")

    async def unavailable(request: web.Request) -> web.Response:
        return web.Response(status=503, text="maintenance")

    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=404, text="gone")

    app.router.add_get("/interview.html", alive)
    app.router.add_get("/busy.html", unavailable)
    app.router.add_get("/{tail:.*}", gone)


def wayback(app: web.Application) -> None:
    """A stand-in for the Wayback availability and CDX APIs."""
    busy_once: set[str] = set()

    async def available(request: web.Request) -> web.Response:
        url, stamp = request.query["url"], request.query.get("timestamp", "")
        if "archive-busy" in url and url not in busy_once:
            busy_once.add(url)
            return web.Response(status=429, headers={"Retry-After": "1"})
        if "only-in-cdx" in url:
            return web.json_response({"url": url, "archived_snapshots": {}})
        snap = f"{stamp or '2001'}0000000000"[:14]
        return web.json_response({"url": url, "archived_snapshots": {"closest": {
            "status": "200", "available": True, "timestamp": snap,
            "url": f"http://web.archive.org/web/{snap}/{url}"}}})

    async def cdx(request: web.Request) -> web.Response:
        q = request.query
        assert q["output"] == "json" and q["filter"] == "statuscode:200"
        return web.json_response([["timestamp", "original"],
                                  [f"{q.get('closest', '2004')}120000", q["url"]]])

    app.router.add_get("/wayback/available", available)
    app.router.add_get("/cdx/search/cdx", cdx)


@pytest.fixture(scope="module")
def servers():
    with LoopbackServer(site) as main, LoopbackServer(wayback) as archive:
        yield main, archive


def _cited(url: str, when: Date | None = None) -> CitedUrl:
    return CitedUrl(url, SourceSpan("essay.txt", 274), None, when)


def _settings(tmp_path, archive=None, **check) -> LinkSettings:
    return LinkSettings(fast_options(**check), archive, tmp_path / "links.sqlite")


NET = Network(resolver=StaticResolver({}), probe=always_online)


def test_a_live_link_is_served_from_cache_and_a_503_is_checked_again(servers, tmp_path):
    main, _ = servers
    live, busy = main.url("/interview.html"), main.url("/busy.html")
    settings = _settings(tmp_path, retries=0)
    first = {r.url: r.outcome for r in check_cited([_cited(live), _cited(busy)], settings, NET)}
    second = {r.url: r.outcome for r in check_cited([_cited(live), _cited(busy)], settings, NET)}
    assert first[live].verdict is second[live].verdict is LinkVerdict.ALIVE
    assert (first[live].from_cache, second[live].from_cache) == (False, True)
    assert second[live].checked_at == first[live].checked_at
    assert main.stats.hits("/interview.html") == 1
    assert second[busy].from_cache is False
    assert main.stats.hits("/busy.html") == 2


def test_entries_older_than_the_maximum_age_are_checked_again(servers, tmp_path):
    main, _ = servers
    live = main.url("/interview.html?fresh")
    settings = _settings(tmp_path)
    settings.max_age = parse_max_age("0")
    before = main.stats.hits("/interview.html")
    check_cited([_cited(live)], settings, NET)
    check_cited([_cited(live)], settings, NET)
    assert main.stats.hits("/interview.html") - before == 2


def test_a_link_that_starts_failing_is_forgotten(tmp_path):
    cache = LinkCache(tmp_path / "c.sqlite")
    now = datetime.now(UTC)
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    cache.store([CheckOutcome("http://a.ru/", LinkVerdict.ALIVE, 200, checked_at=stamp)])
    assert "http://a.ru/" in cache.lookup(["http://a.ru/"], now)
    cache.store([CheckOutcome("http://a.ru/", LinkVerdict.UNREACHABLE, 503, checked_at=stamp)])
    assert cache.lookup(["http://a.ru/"], now) == {}


def test_two_runs_can_share_the_cache(tmp_path):
    path = tmp_path / "shared.sqlite"
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    errors: list[BaseException] = []

    def run(worker: int) -> None:
        try:
            cache = LinkCache(path)
            for batch in range(20):
                cache.store([CheckOutcome(f"http://s{worker}.ru/{batch}/{n}", LinkVerdict.ALIVE,
                                          200, checked_at=stamp) for n in range(25)])
                cache.lookup([f"http://s{1 - worker}.ru/{batch}/0"], datetime.now(UTC))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    urls = [f"http://s{w}.ru/{b}/{n}" for w in (0, 1) for b in range(20) for n in range(25)]
    assert len(LinkCache(path).lookup(urls, datetime.now(UTC))) == 1000


def test_archive_lookup_uses_the_citation_date(servers, tmp_path):
    main, archive = servers
    dead = main.url("/online/air/1182/10_01")
    options = ArchiveOptions(endpoint=archive.url("/wayback/available"))
    [result] = check_cited([_cited(dead, Date(2003, 6, 18))], _settings(tmp_path, options), NET)
    assert result.verdict is LinkVerdict.DEAD
    assert result.outcome.archive_url == \
        f"https://web.archive.org/web/20030618000000/{dead}"
    assert "20030618" in result.outcome.evidence


def test_the_archive_is_asked_with_the_checkers_user_agent(servers, tmp_path):
    """The Wayback Machine asks clients to say who they are, as every site checked is told."""
    main, archive = servers
    dead = main.url("/only-in-cdx/user-agent.htm")  # both APIs are asked
    options = ArchiveOptions(endpoint=archive.url("/wayback/available"))
    check_cited([_cited(dead)], _settings(tmp_path, options), NET)
    agents = {s.user_agent for s in archive.stats.log if "user-agent.htm" in s.path
              or s.path in ("/wayback/available", "/cdx/search/cdx")}
    assert agents == {fast_options().user_agent}


def test_archive_falls_back_to_cdx(servers, tmp_path):
    main, archive = servers
    dead = main.url("/only-in-cdx/ek5.htm")
    options = ArchiveOptions(endpoint=archive.url("/wayback/available"))
    [result] = check_cited([_cited(dead, Date(2000))], _settings(tmp_path, options), NET)
    assert result.outcome.archive_url == f"{archive.url('/web/')}2000120000/{dead}"
    assert "CDX" in result.outcome.evidence


def test_live_links_are_not_looked_up_in_the_archive(servers, tmp_path):
    main, archive = servers
    before = len(archive.stats.log)
    options = ArchiveOptions(endpoint=archive.url("/wayback/available"))
    [result] = check_cited([_cited(main.url("/interview.html?a"))],
                           _settings(tmp_path, options), NET)
    assert result.outcome.archive_url is None
    assert len(archive.stats.log) == before


def test_the_archive_url_is_cached_with_the_verdict(servers, tmp_path):
    main, archive = servers
    dead = main.url("/cached/dead.html")
    options = ArchiveOptions(endpoint=archive.url("/wayback/available"))
    settings = _settings(tmp_path, options)
    check_cited([_cited(dead, Date(2003))], settings, NET)
    before = len(archive.stats.log)
    [again] = check_cited([_cited(dead, Date(2003))], settings, NET)
    assert again.outcome.from_cache and again.outcome.archive_url
    assert len(archive.stats.log) == before


def test_max_age_parsing():
    assert parse_max_age("90") == timedelta(seconds=90)
    assert parse_max_age("12h") == timedelta(hours=12)
    assert parse_max_age("7d") == timedelta(days=7)
    with pytest.raises(ValueError):
        parse_max_age("soon")


def test_report_json_shape(servers, tmp_path):
    main, _ = servers
    [result] = check_cited([_cited(main.url("/interview.html?shape"))],
                           _settings(tmp_path), NET)
    row = result.to_dict()
    assert set(row) >= {"url", "verdict", "status", "final_url", "redirects", "archive_url",
                        "checked_at", "evidence", "cited_by"}
    assert row["cited_by"] == [{"reference": None, "path": "essay.txt", "line": 274}]
    json.dumps(row)


def test_the_sync_front_door_works_inside_a_running_event_loop(servers, tmp_path):
    import asyncio

    main, _ = servers

    async def from_async_code():
        return check_cited([_cited(main.url("/interview.html?loop"))], _settings(tmp_path), NET)

    [result] = asyncio.run(from_async_code())
    assert result.verdict is LinkVerdict.ALIVE


def test_a_busy_archive_is_waited_for(servers, tmp_path):
    main, archive = servers
    dead = main.url("/archive-busy/ek5.htm")
    options = ArchiveOptions(endpoint=archive.url("/wayback/available"))
    before = len(archive.stats.log)
    [result] = check_cited([_cited(dead, Date(2003))], _settings(tmp_path, options), NET)
    assert result.outcome.archive_url == f"https://web.archive.org/web/20030000000000/{dead}"
    asked = [s.at for s in archive.stats.log[before:]]
    assert len(asked) == 2 and asked[1] - asked[0] >= 0.95  # the 429, then after Retry-After


def test_a_cached_dead_link_gets_its_archived_copy_on_a_later_run(servers, tmp_path):
    main, archive = servers
    dead = main.url("/cached/first-without-archive.html")
    [first] = check_cited([_cited(dead, Date(2003))], _settings(tmp_path), NET)
    assert first.outcome.verdict is LinkVerdict.DEAD and first.outcome.archive_url is None
    options = ArchiveOptions(endpoint=archive.url("/wayback/available"))
    [again] = check_cited([_cited(dead, Date(2003))], _settings(tmp_path, options), NET)
    assert again.outcome.from_cache and again.outcome.archive_url
    assert "/web/2003" in again.outcome.archive_url
    [third] = check_cited([_cited(dead, Date(2003))], _settings(tmp_path, options), NET)
    assert third.outcome.archive_url == again.outcome.archive_url  # stored with the verdict


def test_what_an_allow_private_run_cached_is_refused_without_the_flag(servers, tmp_path):
    main, _ = servers
    live = main.url("/interview.html?private")
    [allowed] = check_cited([_cited(live)], _settings(tmp_path), NET)
    assert allowed.outcome.verdict is LinkVerdict.ALIVE
    before = main.stats.hits("/interview.html")
    [safe] = check_cited([_cited(live)], _settings(tmp_path, allow_private=False), NET)
    assert safe.outcome.verdict is LinkVerdict.REFUSED and not safe.outcome.from_cache
    assert main.stats.hits("/interview.html") == before  # and nothing was sent
