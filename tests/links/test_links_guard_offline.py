"""Private destinations are refused by default; an offline machine is detected, not blamed."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from tests.links.conftest import check_urls, fast_options
from tests.links.loopback import LoopbackServer, page
from translitbib.links.check import LinkChecker
from translitbib.links.netguard import (
    AddressGuard,
    DestinationRefused,
    LookupFailed,
    NameNotFound,
    StaticResolver,
    forbidden_reason,
)
from translitbib.links.network import has_default_route
from translitbib.links.verdict import LinkVerdict


def routes(app: web.Application) -> None:
    async def ok(request: web.Request) -> web.Response:
        return page("ok", "fine")

    async def to_other_loopback(request: web.Request) -> web.Response:
        port = request.url.port
        return web.Response(status=302, headers={"Location": f"http://127.0.0.2:{port}/ok"})

    app.router.add_get("/ok", ok)
    app.router.add_get("/jump", to_other_loopback)


@pytest.fixture(scope="module")
def server():
    with LoopbackServer(routes, ("127.0.0.1", "127.0.0.2")) as srv:
        yield srv


def test_loopback_is_refused_without_allow_private(server):
    url = server.url("/ok")
    outcome = check_urls([url], fast_options(allow_private=False))[url]
    assert outcome.verdict is LinkVerdict.REFUSED
    assert "loopback" in outcome.evidence and "--allow-private" in outcome.evidence
    assert server.stats.hits("/ok") == 0  # not a single byte was sent


def test_a_name_resolving_to_loopback_is_refused(server):
    url = f"http://sneaky.example:{server.port}/ok"
    resolver = StaticResolver({"sneaky.example": ["127.0.0.1"]})
    outcome = check_urls([url], fast_options(allow_private=False), resolver)[url]
    assert outcome.verdict is LinkVerdict.REFUSED
    assert server.stats.hits("/ok") == 0


def test_each_redirect_target_is_checked_again(server):
    url = server.url("/jump")
    options = fast_options(allow_private=False, allowed_networks=("127.0.0.1/32",))
    outcome = check_urls([url], options)[url]
    assert outcome.verdict is LinkVerdict.REFUSED
    assert "127.0.0.2" in outcome.evidence
    assert outcome.final_url == server.url("/ok", "127.0.0.2")
    assert server.stats.hits("/jump") == 1 and server.stats.hits("/ok") == 0


def test_allow_private_reaches_loopback(server):
    url = server.url("/jump")
    assert check_urls([url], fast_options(allow_private=True))[url].verdict \
        is LinkVerdict.REDIRECTED


def test_every_address_of_a_name_is_checked():
    guard = AddressGuard(StaticResolver({"mixed.example": ["93.184.216.34", "10.1.2.3"]}))
    with pytest.raises(DestinationRefused, match=r"10\.1\.2\.3 is a private address"):
        asyncio.run(guard.addresses("mixed.example", 80))


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.0.0.7", "private"),
    ("192.168.1.1", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "unspecified"), ("100.64.0.1", "public"),
])
def test_forbidden_addresses(address, kind):
    reason = forbidden_reason(address)
    assert reason is not None and kind in reason


def test_public_addresses_are_allowed():
    assert forbidden_reason("93.184.216.34") is None
    assert forbidden_reason("2a00:1450:4001:80b::200e") is None


class OfflineResolver:
    """Behaves as getaddrinfo does on a machine without network: every lookup fails."""

    def __init__(self, error: type[Exception]) -> None:
        self.error = error
        self.lookups: list[str] = []

    async def resolve(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        await asyncio.sleep(0.01)
        raise self.error(f"{host}: Name or service not known")


@pytest.mark.parametrize("error", [NameNotFound, LookupFailed])
def test_offline_machine_is_detected_once_and_no_link_is_dead(error):
    resolver = OfflineResolver(error)
    probes: list[str] = []

    async def offline_probe() -> bool:
        probes.append("asked")
        return False

    urls = [f"http://www.site{n}.ru/page{n}.html" for n in range(6)]

    async def run():
        async with LinkChecker(fast_options(allow_private=False), resolver=resolver,
                               network_probe=offline_probe) as checker:
            return await checker.check_many(urls), checker.offline

    outcomes, offline = asyncio.run(run())
    assert offline is True
    assert {o.verdict for o in outcomes.values()} == {LinkVerdict.OFFLINE}
    assert probes == ["asked"]  # said once
    assert len(resolver.lookups) == 1  # no spray of lookups once offline is known


def test_online_machine_with_a_missing_name_reports_it_dead():
    resolver = OfflineResolver(NameNotFound)

    async def online() -> bool:
        return True

    async def run():
        async with LinkChecker(fast_options(), resolver=resolver, network_probe=online) as c:
            return await c.check("http://www.akdi.ru/id/new/ek5.htm")

    assert asyncio.run(run()).verdict is LinkVerdict.DEAD


def test_default_route_is_read_from_the_kernel_tables(tmp_path):
    header = "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n"
    (tmp_path / "route").write_text(header + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t"
                                    "00FFFFFF\t0\t0\t0\n")
    assert has_default_route(tmp_path) is False
    (tmp_path / "route").write_text(header + "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t"
                                    "00000000\t0\t0\t0\n")
    assert has_default_route(tmp_path) is True
    assert has_default_route(tmp_path / "missing") is None


def test_a_cited_address_does_not_make_an_offline_machine_look_online():
    """An essay citing http://93.184.216.34/ resolves nothing: it says nothing about DNS or
    the network, so the failed lookups after it are still put down to being offline."""
    resolver = OfflineResolver(NameNotFound)

    async def offline_probe() -> bool:
        return False

    literal, named = "http://93.184.216.34/archive/f5446.html", "http://www.hrono.ru/libris/"
    # no time at all for requests: the literal address is guarded but never contacted
    options = fast_options(allow_private=False, max_time=0.0)

    async def run():
        async with LinkChecker(options, resolver=resolver, network_probe=offline_probe) as c:
            return await c.check_many([literal, named])

    outcomes = asyncio.run(run())
    assert outcomes[literal].verdict is LinkVerdict.TIMEOUT and outcomes[literal].attempts == 0
    assert outcomes[named].verdict is LinkVerdict.OFFLINE, outcomes[named].evidence
