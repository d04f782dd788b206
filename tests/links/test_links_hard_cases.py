"""Hard cases a demanding user meets, each against a real server on a loopback address:
Russian pages in every encoding, cookie-gated redirects, hosts that ask for an hour's
pause, servers that stall after their headers, raw bytes in a Location header."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from tests.links.conftest import always_online, check_urls, fast_options
from tests.links.loopback import LoopbackServer, RawServer, page
from translitbib.links.check import LinkChecker
from translitbib.links.netguard import StaticResolver
from translitbib.links.verdict import LinkVerdict

NOT_FOUND_RU = "<html><head><title>Страница не найдена</title></head><body>"


def russian_pages(app: web.Application) -> None:
    async def long_utf8(request: web.Request) -> web.Response:
        # a not-found page longer than the 8 KB read: the cut falls inside a letter or not
        pad = "x" * int(request.query["pad"])
        text = NOT_FOUND_RU + pad + "Вернуться на главную. " * 600 + "</body></html>"
        return web.Response(body=text.encode("utf-8"),
                            headers={"Content-Type": "text/html; charset=utf-8"})

    async def undeclared(request: web.Request) -> web.Response:
        text = NOT_FOUND_RU + "Такой страницы нет. Вернуться на главную.</body></html>"
        return web.Response(body=text.encode(request.match_info["encoding"]),
                            headers={"Content-Type": "text/html"})

    app.router.add_get("/long-utf8", long_utf8)
    app.router.add_get("/undeclared/{encoding}", undeclared)


@pytest.fixture(scope="module")
def russian():
    with LoopbackServer(russian_pages) as srv:
        yield srv


@pytest.mark.parametrize("pad", [0, 1])
def test_a_long_utf8_not_found_page_is_soft_404_wherever_the_read_stops(russian, pad):
    url = russian.url(f"/long-utf8?pad={pad}")
    outcome = check_urls([url])[url]
    assert outcome.verdict is LinkVerdict.SOFT_404, outcome.evidence
    assert "страница не найдена" in outcome.evidence


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_an_undeclared_legacy_russian_not_found_page_is_soft_404(russian, encoding):
    url = russian.url(f"/undeclared/{encoding}")
    outcome = check_urls([url])[url]
    assert outcome.verdict is LinkVerdict.SOFT_404, outcome.evidence


def cookie_gate(app: web.Application) -> None:
    """A publisher that sends a browser without its cookie round in a circle (Taylor &
    Francis does: ?cookieSet=1 and back), and a plain loop that no browser gets out of."""
    async def article(request: web.Request) -> web.Response:
        if "cookieSet" in request.query:  # back to the article, with or without the cookie
            return web.Response(status=302, headers={"Location": request.path})
        if request.cookies.get("visited") == "1":
            return web.Response(text="<title>Europe-Asia Studies</title> The article itself.",
                                content_type="text/html")
        return web.Response(status=302, headers={"Location": request.path + "?cookieSet=1",
                                                 "Set-Cookie": "visited=1; Path=/"})

    async def loop(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": request.path})

    app.router.add_get("/doi/full/{doi:.*}", article)
    app.router.add_get("/loop", loop)


def test_a_cookie_gated_redirect_is_followed_like_a_browser_not_called_a_loop():
    with LoopbackServer(cookie_gate) as srv:
        article, loop = srv.url("/doi/full/10.1080/09668136.2012.1"), srv.url("/loop")
        outcomes = check_urls([article, loop])
    assert outcomes[article].verdict is LinkVerdict.ALIVE, outcomes[article].evidence
    assert len(outcomes[article].redirects) == 2  # the round trip is on record
    assert outcomes[article].final_url == article
    assert outcomes[loop].verdict is LinkVerdict.DEAD  # no cookie, no way out: a real loop
    assert "redirect loop" in outcomes[loop].evidence


def come_back_later(app: web.Application) -> None:
    async def wall(request: web.Request) -> web.Response:
        return web.Response(status=int(request.match_info["status"]),
                            headers={"Retry-After": "3600"}, text="Back in an hour.")

    app.router.add_get("/{status:\\d+}/{n}", wall)


def test_a_host_that_rate_limits_for_an_hour_is_not_asked_again():
    with LoopbackServer(come_back_later) as srv:
        urls = [srv.url(f"/429/{n}") for n in range(20)]
        outcomes = check_urls(urls, fast_options(per_host=2))
        hits = len(srv.stats.log)
    assert {o.verdict for o in outcomes.values()} == {LinkVerdict.BLOCKED}
    assert all("3600" in o.evidence for o in outcomes.values())
    assert hits <= 2  # the requests already in flight when the first answer came back


def test_a_page_down_for_an_hour_is_not_retried():
    """A 503 with Retry-After: 3600 was retried at once, three times, as if it had said
    nothing.  It speaks for its page (the host's other pages may be up): each URL is
    asked once."""
    with LoopbackServer(come_back_later) as srv:
        urls = [srv.url(f"/503/{n}") for n in range(20)]
        outcomes = check_urls(urls, fast_options(per_host=2))
        hits = len(srv.stats.log)
    assert {o.verdict for o in outcomes.values()} == {LinkVerdict.UNREACHABLE}
    assert all("3600" in o.evidence for o in outcomes.values())
    assert hits == len(urls)


def _answer(status_line: str, headers: bytes = b"", body: bytes = b"") -> bytes:
    return (f"HTTP/1.1 {status_line}\r\n".encode() + headers
            + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)


def test_a_location_in_raw_cp1251_bytes_is_followed_to_that_address_not_the_home_page():
    """An old Russian server writes its redirect target in cp1251; a browser asks for
    those bytes percent-encoded, and so must the checker (it asked for / instead)."""
    article = "/статья".encode("cp1251")
    encoded = "".join(f"%{b:02X}" for b in article[1:])
    answers = {
        "/old": _answer("302 Found", b"Location: " + article + b"\r\n"),
        "/" + encoded: _answer("200 OK", b"Content-Type: text/html\r\n",
                               b"<title>Article</title>" + b"Text of the article. " * 20),
        "/": _answer("200 OK", b"Content-Type: text/html\r\n", b"<title>Home</title>"),
    }
    with RawServer(answers) as srv:
        url = srv.url("/old")
        outcome = check_urls([url])[url]
        asked = list(srv.paths)
    assert "/" + encoded in asked and "/" not in asked
    assert outcome.verdict is LinkVerdict.REDIRECTED, outcome.evidence
    assert outcome.final_url == srv.url("/" + encoded)


def test_urls_that_differ_only_by_fragment_are_one_request():
    def routes(app: web.Application) -> None:
        async def chapter(request: web.Request) -> web.Response:
            return page("Lubianka: documents, 1937-1938", "The chapter itself. " * 30)
        app.router.add_get("/book/chapter3.html", chapter)

    told: list[str] = []

    async def run(urls: list[str]):
        async with LinkChecker(fast_options(), resolver=StaticResolver({}),
                               network_probe=always_online,
                               on_outcome=lambda o: told.append(o.url)) as checker:
            return await checker.check_many(urls)

    with LoopbackServer(routes) as srv:
        base = srv.url("/book/chapter3.html")
        urls = [f"{base}#doc12", f"{base}#doc40", base]
        outcomes = asyncio.run(run(urls))
        hits = srv.stats.hits("/book/chapter3.html")
    assert hits == 1
    assert {u: (o.url, o.verdict) for u, o in outcomes.items()} == \
        {u: (u, LinkVerdict.ALIVE) for u in urls}
    assert sorted(told) == sorted(urls)  # one progress report per cited URL


class CountingResolver(StaticResolver):
    def __init__(self, table: dict[str, list[str]]) -> None:
        super().__init__(table)
        self.asked: list[str] = []

    async def resolve(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        return await super().resolve(host, port)


def test_a_cyrillic_domain_is_resolved_once_and_connected_to_as_checked():
    """http://президент.рф/ goes on the wire as xn--d1abbgf6aiiy.xn--p1ai: the checker
    looked up the Cyrillic form and the HTTP client then looked up the ASCII one again,
    so the address connected to was not the one checked (and a table of names for
    tests, written in Cyrillic, did not work at all)."""
    def routes(app: web.Application) -> None:
        async def decree(request: web.Request) -> web.Response:
            return page("Указ Президента", "Текст указа. " * 30)
        app.router.add_get("/acts/{n}", decree)

    resolver = CountingResolver({"президент.рф": ["127.0.0.1"]})
    with LoopbackServer(routes) as srv:
        urls = [f"http://президент.рф:{srv.port}/acts/1",
                f"http://ПРЕЗИДЕНТ.РФ:{srv.port}/acts/2",
                f"http://xn--d1abbgf6aiiy.xn--p1ai:{srv.port}/acts/3"]
        outcomes = check_urls(urls, resolver=resolver)
    assert {o.verdict for o in outcomes.values()} == {LinkVerdict.ALIVE}, \
        [o.evidence for o in outcomes.values()]
    assert resolver.asked == ["xn--d1abbgf6aiiy.xn--p1ai"]


def stalling(app: web.Application) -> None:
    """Servers that send their status line and headers, a little of the page, then nothing."""
    async def stall(request: web.Request) -> web.StreamResponse:
        status = int(request.match_info["status"])
        resp = web.StreamResponse(status=status,
                                  headers={"Content-Type": "text/html; charset=utf-8"})
        await resp.prepare(request)
        title = "Страница не найдена" if request.match_info["what"] == "missing" else "Указ"
        await resp.write(f"<html><head><title>{title}</title></head><body>".encode())
        await asyncio.sleep(30)  # cut short when the test's server shuts down
        return resp

    app.router.add_get("/{status:\\d+}/{what}", stall)


@pytest.mark.parametrize(("path", "verdict", "status"), [
    ("/404/gone", LinkVerdict.DEAD, 404),
    ("/200/article", LinkVerdict.ALIVE, 200),
    ("/200/missing", LinkVerdict.SOFT_404, 200),
])
def test_a_page_that_stalls_after_its_headers_is_judged_by_what_came(path, verdict, status):
    with LoopbackServer(stalling) as srv:
        url = srv.url(path)
        outcome = check_urls([url], fast_options(timeout=0.5, probe_soft_404=False))[url]
    assert (outcome.verdict, outcome.status) == (verdict, status), outcome.evidence
    assert "stopped sending" in outcome.evidence


def moves(app: web.Application) -> None:
    def redirect(target: str, status: int):
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=status, headers={"Location": target})
        return handler

    async def article(request: web.Request) -> web.Response:
        return page("Stalin's 1952 draft", "The text of the draft. " * 30)

    for status in (301, 302, 307, 308):
        app.router.add_get(f"/r{status}", redirect("/new/article.html", status))
    app.router.add_get("/r301-then-302", redirect("/r302", 301))
    app.router.add_get("/new/article.html", article)


@pytest.mark.parametrize(("path", "says"), [
    ("/r301", "moved permanently (HTTP 301)"), ("/r308", "moved permanently (HTTP 308)"),
    ("/r302", "temporary redirect (HTTP 302)"), ("/r307", "temporary redirect (HTTP 307)"),
    ("/r301-then-302", "temporary redirect (HTTP 302)"),
])
def test_a_redirect_says_whether_the_page_moved_for_good(path, says):
    """301 and 308 tell a historian to update the citation; 302 and 307 do not."""
    with LoopbackServer(moves) as srv:
        url = srv.url(path)
        outcome = check_urls([url])[url]
    assert outcome.verdict is LinkVerdict.REDIRECTED
    assert outcome.evidence == f"redirected to {srv.url('/new/article.html')}: {says}"


def test_the_report_names_a_redirects_target_once():
    from translitbib.links.report import render_markdown
    from translitbib.links.verdict import CheckOutcome, CitedBy, LinkResult

    outcome = CheckOutcome("http://www.aif.ru/a", LinkVerdict.REDIRECTED, 200,
                           "https://aif.ru/a", evidence="redirected to https://aif.ru/a: "
                           "moved permanently (HTTP 301)", checked_at="2026-11-22T05:00:00Z")
    text = render_markdown([LinkResult(outcome, [CitedBy("essay.txt", 274)])])
    assert text.count("https://aif.ru/a") == 1


def test_a_page_sent_in_brotli_is_read():
    """A server that sends its page compressed with brotli (whether asked or not) ended
    as 'unreachable: ClientResponseError 400', though it answered: aiohttp decodes
    brotli only when the brotli package is installed, which is now a dependency."""
    import brotli

    missing = brotli.compress("<title>Страница не найдена</title>".encode() * 3)
    article = brotli.compress(b"<title>Lubianka</title>" + b"The article's text. " * 40)
    encoded = b"Content-Type: text/html; charset=utf-8\r\nContent-Encoding: br\r\n"
    answers = {"/gone": _answer("200 OK", encoded, missing),
               "/article": _answer("200 OK", encoded, article),
               "/dead": _answer("404 Not Found", encoded, missing)}
    with RawServer(answers) as srv:
        urls = {name: srv.url(f"/{name}") for name in ("gone", "article", "dead")}
        outcomes = check_urls(list(urls.values()))
    verdicts = {name: outcomes[url].verdict for name, url in urls.items()}
    assert verdicts == {"gone": LinkVerdict.SOFT_404, "article": LinkVerdict.ALIVE,
                        "dead": LinkVerdict.DEAD}, [o.evidence for o in outcomes.values()]
