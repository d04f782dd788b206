"""One case per verdict, each against a real server on a loopback address."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from tests.links.conftest import check_urls, fast_options
from tests.links.loopback import LoopbackServer, page
from translitbib.links.netguard import StaticResolver
from translitbib.links.verdict import LinkVerdict

ARTICLE = "Beria's last days: a long article about the archives, with real content. " * 5


def site(app: web.Application) -> None:
    async def alive(request: web.Request) -> web.Response:
        return page("Pyzhikov on Voznesensky", ARTICLE + request.path)

    async def home(request: web.Request) -> web.Response:
        return page("Front page", "Welcome to the news site front page")

    def redirect(target: str, status: int = 302):
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=status, headers={"Location": target})
        return handler

    def status(code: int, headers: dict[str, str] | None = None):
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=code, text="no", headers=headers or {})
        return handler

    async def soft_ru(request: web.Request) -> web.Response:
        return page("Ошибка", "<h1>Страница не найдена</h1> Вернуться на главную")

    async def soft_en(request: web.Request) -> web.Response:
        return page("404 Not Found", "The page you requested could not be found.")

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(3)
        return page("late")

    async def not_found(request: web.Request) -> web.Response:
        return web.Response(status=404, text="not here")

    r = app.router
    r.add_get("/", home)
    r.add_get("/article/{n}", alive)
    r.add_get("/moved", redirect("/article/9", 301))
    r.add_get("/gone", status(404))
    r.add_get("/removed", status(410))
    r.add_get("/loop-a", redirect("/loop-b"))
    r.add_get("/loop-b", redirect("/loop-a"))
    r.add_get("/to-dead-end", redirect("/gone", 301))
    r.add_get("/old/deep/story.html", redirect("/", 301))
    r.add_get("/soft-ru", soft_ru)
    r.add_get("/soft-en", soft_en)
    r.add_get("/cf", status(403, {"cf-mitigated": "challenge"}))
    r.add_get("/linkedin", status(999))
    r.add_get("/login", status(401))
    r.add_get("/always-429", status(429, {"Retry-After": "0"}))
    r.add_get("/slow", slow)
    for n in range(12):
        r.add_get(f"/hop{n}", redirect(f"/hop{n + 1}"))
    r.add_get("/hop12", alive)
    r.add_route("*", "/{tail:.*}", not_found)


DRAFT = ("In October 1952 the draft of the new party programme, prepared by a commission "
         "under Stalin, proposed contested elections to party posts; the text survives in "
         "the archive with corrections in several hands and was first printed in 2000.")
NAVIGATION = " ".join(f"<a href='/rubric/{n}'>Rubric {n}: politics, history, archives</a>"
                      for n in range(200))  # 12 KB of menu before any content


def catch_all(app: web.Application) -> None:
    """A host that answers 200 with the same "sorry" page for every path (no phrase).

    Every page opens with the same long menu, so the first 8 KB of a real article look
    just like the "sorry" page: only the title tells them apart."""
    async def any_path(request: web.Request) -> web.Response:
        if request.path.startswith("/real"):
            return page("Stalin's 1952 draft: the archive copy", NAVIGATION + ARTICLE)
        if request.path.startswith("/untitled"):  # the site's title on every page
            return page("Sovetskaia Rossiia", NAVIGATION + DRAFT)
        return page("Sovetskaia Rossiia", NAVIGATION + f"Sorry, we moved things around: "
                    f"{request.path}. Try the search box or the menu on the left.")
    app.router.add_get("/{tail:.*}", any_path)


def parked(app: web.Application) -> None:
    async def for_sale(request: web.Request) -> web.Response:
        if request.host.startswith("127.0.0.4"):
            return page("akdi.ru", "Домен продаётся! Купить домен akdi.ru")
        return page("kprf-news.com", "This domain is for sale. Make an offer today.")
    app.router.add_get("/{tail:.*}", for_sale)


@pytest.fixture(scope="module")
def servers():
    with LoopbackServer(site) as main, LoopbackServer(catch_all, ("127.0.0.2",)) as soft, \
            LoopbackServer(parked, ("127.0.0.3", "127.0.0.4")) as park:
        yield main, soft, park


CASES = [
    ("/article/1", LinkVerdict.ALIVE, 200, "HTTP 200"),
    ("/moved", LinkVerdict.REDIRECTED, 200, "redirected to"),
    ("/gone", LinkVerdict.DEAD, 404, "HTTP 404"),
    ("/removed", LinkVerdict.DEAD, 410, "HTTP 410"),
    ("/loop-a", LinkVerdict.DEAD, 302, "redirect loop"),
    ("/to-dead-end", LinkVerdict.DEAD, 404, "dead end"),
    ("/hop0", LinkVerdict.DEAD, 302, "more than 10 redirects"),
    ("/hop2", LinkVerdict.REDIRECTED, 200, "redirected to"),  # exactly 10 redirects
    ("/soft-ru", LinkVerdict.SOFT_404, 200, "страница не найдена"),
    ("/soft-en", LinkVerdict.SOFT_404, 200, "not-found page"),
    ("/old/deep/story.html", LinkVerdict.SOFT_404, 200, "home page"),
    ("/cf", LinkVerdict.BLOCKED, 403, "cf-mitigated"),
    ("/linkedin", LinkVerdict.BLOCKED, 999, "999"),
    ("/login", LinkVerdict.BLOCKED, 401, "login"),
    ("/always-429", LinkVerdict.BLOCKED, 429, "rate limited"),
]


@pytest.mark.parametrize(("path", "verdict", "status", "evidence"), CASES,
                         ids=[c[0] for c in CASES])
def test_verdict_of_each_page(servers, path, verdict, status, evidence):
    main, _, _ = servers
    url = main.url(path)
    outcome = check_urls([url])[url]
    assert (outcome.verdict, outcome.status) == (verdict, status), outcome.evidence
    assert evidence.lower() in outcome.evidence.lower()
    assert outcome.checked_at.endswith("Z")


def test_redirect_chain_and_final_url_are_recorded(servers):
    main, _, _ = servers
    url = main.url("/moved")
    outcome = check_urls([url])[url]
    assert outcome.final_url == main.url("/article/9")
    assert [(h.url, h.status) for h in outcome.redirects] == [(url, 301)]


def test_catch_all_host_is_soft_404_by_random_path_probe_but_its_real_pages_are_alive(servers):
    _, soft, _ = servers
    missing, real = soft.url("/news/2003/06/18/beria.html"), soft.url("/real/beria.html")
    untitled = soft.url("/untitled/stalin-1952.html")
    outcomes = check_urls([missing, real, untitled])
    assert outcomes[missing].verdict is LinkVerdict.SOFT_404
    assert "random path" in outcomes[missing].evidence
    assert outcomes[real].verdict is LinkVerdict.ALIVE  # its own title
    assert outcomes[untitled].verdict is LinkVerdict.ALIVE  # told apart by reading further
    probes = [s for s in soft.stats.log if "translitbib-probe" in s.path]
    assert len(probes) == 2  # one per host and read size, shared by its URLs
    assert soft.stats.hits("/real/beria.html") == 1  # the title settled it: no second read


def test_parked_domains_in_english_and_russian(servers):
    _, _, park = servers
    urls = [park.url("/id/new/ek5.htm", "127.0.0.4"), park.url("/analytics/1.shtml", "127.0.0.3")]
    outcomes = check_urls(urls)
    assert [outcomes[u].verdict for u in urls] == [LinkVerdict.PARKED, LinkVerdict.PARKED]
    assert "домен продается" in outcomes[urls[0]].evidence  # ё and е alike


def test_timeout(servers):
    main, _, _ = servers
    url = main.url("/slow")
    outcome = check_urls([url], fast_options(timeout=0.3))[url]
    assert outcome.verdict is LinkVerdict.TIMEOUT
    assert main.stats.hits("/slow") == 1  # a timeout is not retried


def test_dns_name_that_does_not_exist_is_dead():
    from translitbib.links.netguard import SystemResolver

    url = "http://www.no-such-site.invalid/page.html"
    outcome = check_urls([url], resolver=SystemResolver())[url]
    assert outcome.verdict is LinkVerdict.DEAD
    assert "does not exist" in outcome.evidence


def test_name_missing_from_an_online_resolver_is_dead():
    url = "http://akdi.example/id/new/ek5.htm"
    outcome = check_urls([url], resolver=StaticResolver({}))[url]
    assert outcome.verdict is LinkVerdict.DEAD


def test_connection_refused_is_unreachable():
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x"
    outcome = check_urls([url])[url]
    assert outcome.verdict is LinkVerdict.UNREACHABLE
    assert "refused" in outcome.evidence


def test_tls_failure_is_blocked(servers):
    main, _, _ = servers
    url = main.url("/article/1").replace("http://", "https://")  # TLS to a plain HTTP server
    outcome = check_urls([url])[url]
    assert outcome.verdict is LinkVerdict.BLOCKED
    assert "TLS" in outcome.evidence


def test_only_http_and_https_are_checked():
    outcomes = check_urls(["ftp://ftp.akdi.ru/pub/ek5.txt", "mailto:editor@kprf.ru"])
    assert {o.verdict for o in outcomes.values()} == {LinkVerdict.UNSUPPORTED}


def test_rot_predicate():
    rot = {v for v in LinkVerdict if v.is_rot()}
    assert rot == {LinkVerdict.DEAD, LinkVerdict.SOFT_404, LinkVerdict.PARKED}


def test_head_mode_reads_pages_only_on_hosts_that_answer_200_for_anything(servers):
    main, soft, park = servers
    plain, real, missing = (main.url("/article/77"), soft.url("/real/head.html"),
                            soft.url("/news/head-missing.html"))
    parked_url = park.url("/analytics/head.shtml", "127.0.0.3")
    moved_home = main.url("/old/deep/story.html")
    outcomes = check_urls([plain, real, missing, parked_url, moved_home],
                          fast_options(method="head"))
    assert outcomes[moved_home].verdict is LinkVerdict.SOFT_404
    assert outcomes[plain].verdict is LinkVerdict.ALIVE
    assert outcomes[real].verdict is LinkVerdict.ALIVE
    assert outcomes[missing].verdict is LinkVerdict.SOFT_404
    assert outcomes[parked_url].verdict is LinkVerdict.PARKED
    asked_main = [s.method for s in main.stats.log if s.path == "/article/77"]
    assert asked_main == ["HEAD"]  # a host with real 404s: HEAD was enough
    asked_soft = [s.method for s in soft.stats.log if s.path == "/real/head.html"]
    assert asked_soft == ["HEAD", "GET"]
