"""Retry rules and politeness, asserted from the server's side of a real connection."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from aiohttp import web

from tests.links.conftest import check_urls, fast_options
from tests.links.loopback import LoopbackServer, page
from translitbib.links.verdict import LinkVerdict


def flaky(app: web.Application) -> None:
    """Routes that fail a set number of times per path, then answer 200."""
    seen: Counter[str] = Counter()

    def fail_first(times: int, status: int, headers=None):
        async def handler(request: web.Request) -> web.Response:
            seen[request.path] += 1
            if seen[request.path] <= times:
                extra = headers() if callable(headers) else headers or {}
                return web.Response(status=status, headers=extra, text="try later")
            return page("Finally", "the article")
        return handler

    async def reset_once(request: web.Request) -> web.Response:
        seen[request.path] += 1
        if seen[request.path] == 1:
            request.transport.abort()  # the connection drops mid-request
        return page("Back", "after a reset")

    async def always(request: web.Request) -> web.Response:
        return web.Response(status=int(request.match_info["code"]), text="down")

    async def slowish(request: web.Request) -> web.Response:
        await asyncio.sleep(0.1)
        return page("Slow but fine", request.path)

    async def head_refused(request: web.Request) -> web.Response:
        if request.method == "HEAD":
            return web.Response(status=405)
        return page("GET only", "fine")

    async def huge(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        await resp.prepare(request)
        await resp.write(b"<title>Page not found</title>" + b"x" * 1000)
        for _ in range(1200):  # 1.2 MB in all, if anyone read it
            await resp.write(b"y" * 1024)
        await resp.write_eof()
        return resp

    def http_date_in(seconds: float):
        return lambda: {"Retry-After": format_datetime(
            datetime.now(UTC) + timedelta(seconds=seconds), usegmt=True)}

    r = app.router
    r.add_get("/429-seconds", fail_first(1, 429, {"Retry-After": "1"}))
    r.add_get("/429-date", fail_first(1, 429, http_date_in(2)))
    r.add_get("/429-forever", fail_first(1, 429, {"Retry-After": "3600"}))
    for code in (502, 503, 504):
        r.add_get(f"/{code}-twice", fail_first(2, code))
    r.add_get("/reset-once", reset_once)
    r.add_get("/always/{code}/{n}", always)
    r.add_get("/slow/{n}", slowish)
    r.add_route("*", "/head-refused", head_refused)
    r.add_get("/huge", huge)


@pytest.fixture
def server():
    with LoopbackServer(flaky, ("127.0.0.1", "127.0.0.2")) as srv:
        yield srv


def test_429_waits_for_retry_after_in_seconds(server):
    url = server.url("/429-seconds")
    outcome = check_urls([url])[url]
    first, second = server.stats.times("/429-seconds")
    assert outcome.verdict is LinkVerdict.ALIVE
    assert second - first >= 0.95


def test_429_waits_for_retry_after_as_an_http_date(server):
    url = server.url("/429-date")
    outcome = check_urls([url])[url]
    first, second = server.stats.times("/429-date")
    assert outcome.verdict is LinkVerdict.ALIVE
    assert second - first >= 0.9  # the date is 2 s ahead, at one-second resolution


def test_a_retry_after_beyond_the_limit_means_blocked_without_waiting(server):
    url = server.url("/429-forever")
    outcome = check_urls([url], fast_options(retry_after_max=5))[url]
    assert outcome.verdict is LinkVerdict.BLOCKED
    assert "3600" in outcome.evidence
    assert server.stats.hits("/429-forever") == 1


@pytest.mark.parametrize("code", [502, 503, 504])
def test_transient_gateway_errors_are_retried(server, code):
    url = server.url(f"/{code}-twice")
    outcome = check_urls([url])[url]
    assert outcome.verdict is LinkVerdict.ALIVE
    assert server.stats.hits(f"/{code}-twice") == 3
    assert outcome.attempts == 3


def test_backoff_grows_between_retries(server):
    url = server.url("/503-twice")
    check_urls([url], fast_options(backoff=0.2, backoff_max=1.0))
    t0, t1, t2 = server.stats.times("/503-twice")
    assert t1 - t0 >= 0.1  # at least half the first back-off (jitter)
    assert t2 - t1 >= 0.2  # the second back-off's range doubles: at least the first's top


def test_a_dropped_connection_is_retried(server):
    url = server.url("/reset-once")
    outcome = check_urls([url])[url]
    assert outcome.verdict is LinkVerdict.ALIVE
    assert server.stats.hits("/reset-once") == 2


def test_retries_are_bounded_per_url(server):
    url = server.url("/always/503/1")
    outcome = check_urls([url], fast_options(retries=2))[url]
    assert outcome.verdict is LinkVerdict.UNREACHABLE
    assert "503" in outcome.evidence
    assert server.stats.hits("/always/503/1") == 3  # the first try and two retries


def test_retries_are_bounded_per_host(server):
    urls = [server.url(f"/always/503/{n}") for n in range(4)]
    outcomes = check_urls(urls, fast_options(retries=3, host_retries=2))
    assert {o.verdict for o in outcomes.values()} == {LinkVerdict.UNREACHABLE}
    assert len(server.stats.log) == 4 + 2  # one each, then the host's two retries


def test_a_host_answering_429_slows_down_as_a_whole(server):
    urls = [server.url("/429-seconds")] + [server.url(f"/slow/{n}") for n in range(4)]
    check_urls(urls, fast_options(per_host=1))
    log = server.stats.log
    refused_at = log[0].at if log[0].path == "/429-seconds" else None
    assert refused_at is not None  # the 429 URL went first (per_host=1 keeps order)
    later = [s.at for s in log[1:]]
    assert later and min(later) - refused_at >= 0.95  # nobody was fired into the wall


def test_per_host_bound_is_respected(server):
    urls = [server.url(f"/slow/{n}") for n in range(24)]
    check_urls(urls, fast_options(per_host=3, concurrency=50))
    assert server.stats.max_in_flight["127.0.0.1"] == 3


def test_global_bound_across_hosts(server):
    urls = [server.url(f"/slow/{n}", host) for n in range(12) for host in server.hosts]
    check_urls(urls, fast_options(per_host=10, concurrency=4))
    assert server.stats.max_total_in_flight == 4


def test_minimum_interval_between_requests_to_one_host(server):
    urls = [server.url(f"/slow/{n}") for n in range(5)]
    check_urls(urls, fast_options(per_host=10, interval=0.15))
    starts = sorted(s.at for s in server.stats.log if s.path.startswith("/slow/"))
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert starts[-1] - starts[0] >= 4 * 0.15 - 0.01  # paced, not fired together
    assert min(gaps) >= 0.1  # arrival times jitter a little on a busy machine


def test_head_falls_back_to_get_on_any_non_2xx(server):
    url = server.url("/head-refused")
    outcome = check_urls([url], fast_options(method="head"))[url]
    assert outcome.verdict is LinkVerdict.ALIVE
    asked = [s.method for s in server.stats.log if s.path == "/head-refused"]
    assert asked == ["HEAD", "GET"]


def test_only_the_first_kilobytes_of_a_huge_page_are_read(server):
    url = server.url("/huge")
    outcome = check_urls([url], fast_options(max_body=4096))[url]
    assert outcome.verdict is LinkVerdict.SOFT_404  # judged from its title, at the top


def test_total_time_per_url_is_capped(server):
    url = server.url("/always/503/9")
    outcome = check_urls([url], fast_options(retries=50, backoff=0.2, backoff_max=0.2,
                                             max_time=0.5, host_retries=100))[url]
    # the cap ends the tries: after a 503 (unreachable), or during a request that the cap
    # cut short on a loaded machine (timeout); never dead, never alive
    assert outcome.verdict in (LinkVerdict.UNREACHABLE, LinkVerdict.TIMEOUT)
    # waits of 0.1-0.2 s within 0.5 s: at most 5 tries of the 51 allowed (at least one: on a
    # loaded machine the first answer alone may take most of the 0.5 s)
    assert 1 <= server.stats.hits("/always/503/9") <= 5


def test_the_global_bound_serves_the_busiest_host_first():
    from translitbib.links.politeness import CriticalPathBound

    async def run() -> list[str]:
        bound = CriticalPathBound(1)
        order: list[str] = []
        release = asyncio.Event()

        async def holder() -> None:
            async with bound.slot(0):
                await release.wait()

        async def waiter(name: str, backlog: int) -> None:
            async with bound.slot(backlog):
                order.append(name)

        first = asyncio.create_task(holder())
        await asyncio.sleep(0)
        tasks = [asyncio.create_task(waiter(n, b))
                 for n, b in (("small", 3), ("busiest", 1100), ("medium", 40))]
        await asyncio.sleep(0)
        release.set()
        await asyncio.gather(first, *tasks)
        return order

    assert asyncio.run(run()) == ["busiest", "medium", "small"]


def test_a_burst_of_429s_halves_the_rate_once():
    from translitbib.links.clock import SystemClock
    from translitbib.links.politeness import HostGate

    gate = HostGate(10, 0.05, SystemClock(), retry_budget=10)
    sent = SystemClock().monotonic()
    for _ in range(5):  # five requests fired together all come back 429
        gate.slow_down(1.0, sent)
    assert gate.interval == pytest.approx(0.1)
    gate.slow_down(1.0, SystemClock().monotonic() + 0.001)  # sent after the slow-down
    assert gate.interval == pytest.approx(0.2)
    for _ in range(50):
        gate.succeeded()
    assert gate.interval == pytest.approx(0.05)
