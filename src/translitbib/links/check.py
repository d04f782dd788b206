"""The link checker: asyncio, a global bound, per-host politeness, honest verdicts.

The network is injected: a ``Resolver`` (names to addresses), a ``NetworkProbe`` (is this
machine online?) and a ``Clock``; tests pass a static resolver and run real servers on
127.0.0.1.  The checker prints nothing: it returns a ``CheckOutcome`` per URL.

One URL costs one GET in the common case, reading at most ``max_body`` bytes (or HEAD:
redirects followed with HEAD, GET on any other non-2xx, and GET again where the host
answers 200 for anything).  Redirects are followed by hand (at most ``max_redirects``) so
each hop's address is checked and the chain recorded.  A 200 page is read for not-found
and parking phrases and, for a deep URL, compared with the host's answer for a random
path (fetched once per host).
"""

from __future__ import annotations

import asyncio
import errno
import random
import secrets
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from urllib.parse import urldefrag

import aiohttp
from multidict import CIMultiDict
from yarl import URL

from .clock import Clock, SystemClock, iso_utc
from .content import (
    decode_page,
    fingerprint,
    is_home_path,
    is_parking_host,
    not_found_phrase,
    page_title,
    parked_phrase,
    similarity,
)
from .netguard import (
    AddressGuard,
    DestinationRefused,
    LookupFailed,
    NameNotFound,
    PinnedResolver,
    Resolver,
    SystemResolver,
    forbidden_reason,
    is_ip_literal,
)
from .network import NetworkProbe, system_network_probe
from .options import CheckOptions
from .politeness import CriticalPathBound, HostGate, backoff_delay, parse_retry_after
from .redirects import how_moved, redirect_target, soft_404_by_redirect
from .verdict import CheckOutcome, Hop, LinkVerdict

RETRY_STATUSES = frozenset({429, 502, 503, 504})
SOFT_404_SIMILARITY = 0.8  # Jaccard of word 3-grams: a catch-all page repeats itself
DEEPER_READ = 8  # a page that looks like the catch-all page is read again, 8x further
OWN_TEXT_SHINGLES = 10  # word 3-grams of its own that make a page more than a "not found"
_OFFLINE_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN}


@dataclass(slots=True)
class Page:
    url: str
    status: int
    headers: CIMultiDict[str]
    body: bytes
    method: str
    stalled: bool = False  # the server stopped sending the page before the read was done


@dataclass(frozen=True, slots=True)
class _RandomPathAnswer:
    """A host's 200 answer for a path that cannot exist: its title and fingerprint."""

    title: str
    fingerprint: frozenset[str]


class _Verdict(Exception):
    """A check ended before a page could be judged (raised inside, caught in ``check``)."""

    def __init__(self, verdict: LinkVerdict, evidence: str, status: int | None = None) -> None:
        super().__init__(evidence)
        self.verdict = verdict
        self.evidence = evidence
        self.status = status
        self.at_url = ""  # where a redirect chain stopped


class _Spent:
    """Time a URL has used in requests and back-off (waiting for its turn is free)."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.used = 0.0
        self.attempts = 0

    def left(self) -> float:
        return self.limit - self.used


class LinkChecker:
    """Check URLs; use as ``async with LinkChecker(options) as checker``."""

    def __init__(
        self,
        options: CheckOptions | None = None,
        *,
        resolver: Resolver | None = None,
        network_probe: NetworkProbe | None = None,
        clock: Clock | None = None,
        rng: random.Random | None = None,
        on_outcome: Callable[[CheckOutcome], None] | None = None,
    ) -> None:
        self.options = options or CheckOptions()
        self.guard = AddressGuard(resolver or SystemResolver(),
                                  allow_private=self.options.allow_private,
                                  allowed_networks=self.options.allowed_networks)
        self._probe_network = network_probe or system_network_probe
        self.clock: Clock = clock or SystemClock()
        self._rng = rng or random.Random()
        self._on_outcome = on_outcome
        self._gates: dict[str, HostGate] = {}
        self._host_load: Counter[str] = Counter()
        self._global = CriticalPathBound(self.options.concurrency)
        self._soft_404_probes: dict[str, asyncio.Task[_RandomPathAnswer | None]] = {}
        self._online: bool | None = None  # None until a lookup or the probe tells
        self._dns_lock = asyncio.Lock()
        self._session: aiohttp.ClientSession | None = None

    @property
    def offline(self) -> bool:
        return self._online is False

    async def __aenter__(self) -> LinkChecker:
        connector = aiohttp.TCPConnector(
            limit=max(1, self.options.concurrency),
            limit_per_host=max(1, self.options.per_host),
            resolver=PinnedResolver(self.guard),
            use_dns_cache=False,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            # cookies kept as a browser keeps them: publishers (Taylor & Francis, Wiley)
            # redirect a client without their cookie in a circle; unsafe=True takes them
            # from hosts named by an address too
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            headers={"User-Agent": self.options.user_agent, "Accept": "text/html,*/*;q=0.8"},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        for task in self._soft_404_probes.values():
            task.cancel()
        if self._session is not None:
            await self._session.close()

    # -- public --------------------------------------------------------------------------

    async def check_many(self, urls: Iterable[str]) -> dict[str, CheckOutcome]:
        """Check each distinct URL once, all at once (the gates keep it polite).  URLs that
        differ only by their #fragment name one page: it is asked for once."""
        unique = list(dict.fromkeys(urls))
        cited_as: dict[str, list[str]] = {}
        for url in unique:
            cited_as.setdefault(urldefrag(url).url or url, []).append(url)
        for page_url in cited_as:
            key = _host_key(page_url)
            if key:
                self._host_load[key] += 1

        async def one_page(page_url: str) -> list[CheckOutcome]:
            checked = await self.check(page_url, report=False)
            outcomes = [_as_cited(checked, url) for url in cited_as[page_url]]
            if self._on_outcome is not None:
                for outcome in outcomes:
                    self._on_outcome(outcome)
            return outcomes

        found = await asyncio.gather(*(one_page(p) for p in cited_as))
        by_url = {o.url: o for outcomes in found for o in outcomes}
        return {url: by_url[url] for url in unique}

    async def check(self, url: str, *, report: bool = True) -> CheckOutcome:
        key = _host_key(url)
        gate = self._gate(key) if key else None
        if gate is not None:
            gate.backlog += 1
        try:
            outcome = await self._check(url)
        finally:
            if gate is not None:
                gate.backlog -= 1
        if report and self._on_outcome is not None:
            self._on_outcome(outcome)
        return outcome

    async def _check(self, url: str) -> CheckOutcome:
        spent = _Spent(self.options.url_time_limit)
        hops: list[Hop] = []
        try:
            page, hops = await self._follow(url, spent, hops)
            verdict, evidence = await self._judge(url, page, hops, spent)
            if page.stalled:
                evidence += (f"; the server stopped sending the page after {len(page.body)} "
                             f"bytes ({self.options.timeout:g} s)")
            outcome = CheckOutcome(url, verdict, page.status, page.url if hops else url,
                                   hops, evidence)
        except _Verdict as stop:
            final = stop.at_url if hops else url
            outcome = CheckOutcome(url, stop.verdict, stop.status, final, hops, stop.evidence)
        outcome.checked_at = iso_utc(self.clock.now())
        outcome.attempts = spent.attempts
        return outcome

    # -- following a URL -----------------------------------------------------------------

    async def _follow(self, url: str, spent: _Spent, hops: list[Hop],
                      method: str | None = None, cap: int | None = None
                      ) -> tuple[Page, list[Hop]]:
        seen = {url}
        current = url
        while True:
            try:
                page = await self._fetch(current, spent, method, cap)
            except _Verdict as stop:
                stop.at_url = current
                raise
            location = page.headers.get("Location")
            if not (300 <= page.status < 400 and location):
                return page, hops
            target = redirect_target(current, location)
            hops.append(Hop(current, page.status))
            if "Set-Cookie" in page.headers:
                seen = set()  # with the cookie, an address seen before may answer otherwise
            stop = self._chain_end(target, seen, hops, page.status)
            if stop is not None:
                stop.at_url = target
                raise stop
            seen.add(target)
            current = target

    def _chain_end(self, target: str, seen: set[str], hops: list[Hop],
                   status: int) -> _Verdict | None:
        """Why a redirect chain must stop here as dead, or None to follow it."""
        try:
            scheme = URL(target).scheme
        except ValueError:
            return _Verdict(LinkVerdict.DEAD, f"redirects to an invalid address: {target}",
                            status)
        if scheme not in ("http", "https"):
            return _Verdict(LinkVerdict.DEAD, f"redirects to a non-web address: {target}", status)
        if target in seen:
            return _Verdict(LinkVerdict.DEAD,
                            f"redirect loop after {len(hops)} redirects (back to {target})",
                            status)
        if len(hops) > self.options.max_redirects:
            return _Verdict(LinkVerdict.DEAD,
                            f"more than {self.options.max_redirects} redirects", status)
        return None

    async def _fetch(self, url: str, spent: _Spent, method: str | None = None,
                     cap: int | None = None) -> Page:
        """One URL, no redirects: resolve, guard, then request with bounded retries."""
        try:
            parsed = URL(url)
        except ValueError as exc:
            raise _Verdict(LinkVerdict.UNSUPPORTED, f"not a valid URL: {exc}") from None
        if parsed.scheme not in ("http", "https"):
            raise _Verdict(LinkVerdict.UNSUPPORTED, f"only http and https are checked: {url}")
        host = parsed.raw_host  # as on the wire (xn--... for a Cyrillic domain), the name
        if not host:            # the HTTP client will connect to: one lookup, one guard
            raise _Verdict(LinkVerdict.UNSUPPORTED, f"no host name in {url}")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        await self._addresses(host, port)
        gate = self._gate(f"{host.lower()}:{port}")
        method = method or ("HEAD" if self.options.method.lower() == "head" else "GET")
        attempt = 0
        while True:
            attempt += 1
            if spent.left() <= 0:
                raise _Verdict(LinkVerdict.TIMEOUT,
                               f"gave up after {spent.limit:.0f} s of requests and retries")
            page, trouble, sent_at = await self._attempt(gate, method, url, spent, cap)
            if page is not None and method == "HEAD" and not _head_is_enough(page):
                method, attempt = "GET", attempt - 1  # HEAD refused or odd: ask properly
                continue
            if page is not None and page.status not in RETRY_STATUSES:
                gate.succeeded()
                return page
            wait = self._retry_wait(gate, page, attempt, sent_at)
            if not (attempt <= self.options.retries and wait < spent.left()
                    and gate.take_retry()):
                raise self._gave_up(page, trouble, attempt)
            if page is None or page.status != 429:  # a 429 pauses the whole gate instead
                spent.used += wait
                await self.clock.sleep(wait)

    async def _attempt(self, gate: HostGate, method: str, url: str, spent: _Spent,
                       cap: int | None = None) -> tuple[Page | None, str, float]:
        """One request in the host's turn: (page, "", sent at) or (None, why it may be
        retried, sent at)."""
        async with gate.turn() as sent_at, self._global.slot(gate.backlog):
            if gate.closed is not None:
                raise _closed_host(*gate.closed)
            spent.attempts += 1
            started = self.clock.monotonic()
            try:
                timeout = min(self.options.timeout, spent.left())
                return await self._request(method, url, timeout, cap), "", sent_at
            except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError) as exc:
                return None, f"connection reset ({exc.__class__.__name__})", sent_at
            except TimeoutError:
                raise _Verdict(LinkVerdict.TIMEOUT,
                               f"no complete answer within {self.options.timeout:g} s") from None
            except aiohttp.ClientSSLError as exc:
                raise _Verdict(LinkVerdict.BLOCKED, f"TLS failure: {exc}") from None
            except aiohttp.ClientConnectorError as exc:
                raise await self._connect_failure(exc) from None
            except aiohttp.ClientOSError as exc:
                if exc.errno in (errno.ECONNRESET, errno.EPIPE, errno.ECONNABORTED):
                    return None, "connection reset", sent_at
                raise _Verdict(LinkVerdict.UNREACHABLE, f"network error: {exc}") from None
            except (aiohttp.ClientResponseError, aiohttp.ClientError, ValueError) as exc:
                raise _Verdict(LinkVerdict.UNREACHABLE,
                               f"not a valid HTTP answer: {exc.__class__.__name__}: {exc}"
                               ) from None
            finally:
                spent.used += self.clock.monotonic() - started

    async def _request(self, method: str, url: str, timeout: float,
                       cap: int | None = None) -> Page:
        assert self._session is not None, "use LinkChecker as an async context manager"
        async with self._session.request(
            method, URL(url), allow_redirects=False,
            timeout=aiohttp.ClientTimeout(total=timeout),
        ) as resp:
            body, stalled = b"", False
            if method != "HEAD":
                body, stalled = await _read_capped(resp.content, cap or self.options.max_body)
            if stalled or not resp.content.at_eof():
                resp.close()  # a huge or stalled page: drop the connection, do not drain it
            return Page(url, resp.status, CIMultiDict(resp.headers), body, method, stalled)

    def _retry_wait(self, gate: HostGate, page: Page | None, attempt: int,
                    sent_at: float) -> float:
        """How long to wait before asking again (``page`` is a 429/5xx answer, or None
        for a dropped connection).  A Retry-After beyond what a run waits ends the URL,
        and after a 429 closes its host."""
        opts = self.options
        wait = None
        if page is not None:
            wait = parse_retry_after(page.headers.get("Retry-After"), self.clock.now())
            if wait is not None and wait > opts.retry_after_max:
                why = f"Retry-After {wait:.0f} s is longer than {opts.retry_after_max:.0f} s"
                if page.status != 429:  # this page is down: not asked again, others are
                    raise _Verdict(LinkVerdict.UNREACHABLE, f"server unavailable (HTTP "
                                   f"{page.status}): {why}; not asked again", page.status)
                gate.close(page.status, why)  # a rate limit is the whole host's
                raise _closed_host(page.status, why)
        if wait is None:
            wait = backoff_delay(attempt, opts.backoff, opts.backoff_max, self._rng)
        if page is not None and page.status == 429:
            gate.slow_down(wait, sent_at)
        return wait

    @staticmethod
    def _gave_up(page: Page | None, trouble: str, attempts: int) -> _Verdict:
        tries = f"after {attempts} attempt{'s' if attempts > 1 else ''}"
        if page is None:
            return _Verdict(LinkVerdict.UNREACHABLE, f"{trouble} {tries}")
        if page.status == 429:
            return _Verdict(LinkVerdict.BLOCKED, f"rate limited (HTTP 429) {tries}", 429)
        return _Verdict(LinkVerdict.UNREACHABLE, f"server error (HTTP {page.status}) {tries}",
                        page.status)

    async def _connect_failure(self, exc: aiohttp.ClientConnectorError) -> _Verdict:
        code = exc.os_error.errno if exc.os_error is not None else None
        if code in _OFFLINE_ERRNOS and await self._machine_offline():
            return _Verdict(LinkVerdict.OFFLINE, "this machine has no network")
        if code == errno.ECONNREFUSED:
            return _Verdict(LinkVerdict.UNREACHABLE, "connection refused")
        return _Verdict(LinkVerdict.UNREACHABLE, f"cannot connect: {exc.os_error or exc}")

    # -- names and the network ------------------------------------------------------------

    async def _addresses(self, host: str, port: int) -> list[str]:
        """Resolve and guard; while the network state is unknown, one lookup at a time
        (an offline machine then sends one failed lookup and one probe, not one per site)."""
        if is_ip_literal(host) or self._online is True or self.guard.known(host, port):
            return await self._guarded(host, port)
        async with self._dns_lock:
            if self._online is False:
                raise _Verdict(LinkVerdict.OFFLINE, "this machine has no network")
            return await self._guarded(host, port)

    async def _guarded(self, host: str, port: int) -> list[str]:
        try:
            addresses = await self.guard.addresses(host, port)
        except DestinationRefused as exc:
            raise _Verdict(LinkVerdict.REFUSED, str(exc)) from None
        except NameNotFound as exc:
            if await self._machine_offline():
                raise _Verdict(LinkVerdict.OFFLINE, "this machine has no network") from None
            raise _Verdict(LinkVerdict.DEAD, f"DNS: the name does not exist ({exc})") from None
        except LookupFailed as exc:
            if await self._machine_offline():
                raise _Verdict(LinkVerdict.OFFLINE, "this machine has no network") from None
            raise _Verdict(LinkVerdict.UNREACHABLE, f"DNS lookup failed ({exc})") from None
        if self._online is None and not is_ip_literal(host) and \
                any(forbidden_reason(a) is None for a in addresses):
            self._online = True  # a public name resolved (an address cited as such proves
            # nothing: it needs no lookup, and an offline machine "resolves" it all the same)
        return addresses

    async def _machine_offline(self) -> bool:
        if self._online is None:
            self._online = await self._probe_network()
        return self._online is False

    def _gate(self, key: str) -> HostGate:
        gate = self._gates.get(key)
        if gate is None:
            budget = max(self.options.host_retries, self._host_load[key] // 2)
            gate = HostGate(self.options.per_host, self.options.interval, self.clock, budget)
            self._gates[key] = gate
        return gate

    # -- judging a page ------------------------------------------------------------------

    async def _judge(self, url: str, page: Page, hops: list[Hop],
                     spent: _Spent) -> tuple[LinkVerdict, str]:
        status = page.status
        via = f" (after {len(hops)} redirect{'s' if len(hops) > 1 else ''})" if hops else ""
        if 200 <= status < 300:
            return await self._judge_page(url, page, hops, spent)
        if status in (404, 410):
            end = "a redirect to a dead end: " if hops else ""
            return LinkVerdict.DEAD, f"{end}HTTP {status}{via}"
        if status == 403 and "cf-mitigated" in page.headers:
            return LinkVerdict.BLOCKED, (f"bot wall: HTTP 403 with cf-mitigated: "
                                         f"{page.headers['cf-mitigated']}")
        if status in (401, 407):
            return LinkVerdict.BLOCKED, f"login required (HTTP {status})"
        if status == 999:
            return LinkVerdict.BLOCKED, "bot wall (HTTP 999)"
        if 400 <= status < 500:
            return LinkVerdict.BLOCKED, f"the server refused the request (HTTP {status}){via}"
        if status >= 500:
            return LinkVerdict.UNREACHABLE, f"server error (HTTP {status}){via}"
        return LinkVerdict.UNREACHABLE, f"HTTP {status} without a page or a target"

    async def _judge_page(self, url: str, page: Page, hops: list[Hop],
                          spent: _Spent) -> tuple[LinkVerdict, str]:
        asked, final = URL(url), URL(page.url)
        if final.host and is_parking_host(final.host):
            return LinkVerdict.PARKED, f"redirects to a domain-parking service ({final.host})"
        if page.method == "HEAD":
            # A HEAD 200 shows no page.  It is enough unless this host answers 200 for a
            # path that cannot exist (catch-all or parked): then the page must be read.
            catch_all = self.options.probe_soft_404 and \
                await self._random_path_print(final) is not None
            if not catch_all:
                moved_home = soft_404_by_redirect(asked, final, hops)
                if moved_home:
                    return LinkVerdict.SOFT_404, moved_home
                return _alive(page, hops, "HEAD ")
            page, more = await self._follow(page.url, spent, [], method="GET")
            hops.extend(more)
            if not 200 <= page.status < 300:
                return await self._judge(url, page, hops, spent)
            final = URL(page.url)
        text = decode_page(page.body, page.headers.get("Content-Type"))
        phrase = parked_phrase(text)
        if phrase:
            return LinkVerdict.PARKED, f'domain-for-sale page ("{phrase}")'
        moved_home = soft_404_by_redirect(asked, final, hops)
        if moved_home:
            return LinkVerdict.SOFT_404, moved_home
        phrase = not_found_phrase(text)
        if phrase:
            return LinkVerdict.SOFT_404, f'HTTP {page.status} with a not-found page ("{phrase}")'
        deep = not is_home_path(asked.path) or bool(asked.query_string)
        if deep and self.options.probe_soft_404 and page.body:
            verdict = await self._compare_with_random_path(asked, page, text, spent)
            if verdict:
                return LinkVerdict.SOFT_404, verdict
        return _alive(page, hops)

    async def _compare_with_random_path(self, asked: URL, page: Page, text: str,
                                        spent: _Spent) -> str:
        final = URL(page.url)
        alike = await self._alike_random_path(asked, final, text)
        if alike is not None and len(page.body) >= self.options.max_body:
            # The first KB may be nothing but the site's menu: read further before judging.
            cap = self.options.max_body * DEEPER_READ
            try:
                longer, _ = await self._follow(page.url, spent, [], method="GET", cap=cap)
            except _Verdict:
                return ""
            longer_text = decode_page(longer.body, longer.headers.get("Content-Type"))
            alike = await self._alike_random_path(asked, final, longer_text, cap)
        if alike is None:
            return ""
        return f"same page as this host's answer for a random path ({alike:.0%} alike)"

    async def _alike_random_path(self, asked: URL, final: URL, text: str,
                                 cap: int | None = None) -> float | None:
        """How alike this page and the host's random-path answer are, when alike enough."""
        probe = await self._random_path_print(final, cap)
        if probe is None:
            return None
        title = page_title(text)
        if title and probe.title and title != probe.title:
            return None  # a page with a title of its own is not the host's "not found" page
        page_print = fingerprint(text, drop=_path_strings(asked, final))
        alike = similarity(page_print, probe.fingerprint)
        # A shared menu can make any two pages of a site alike; a real page also says
        # something the "not found" page does not.
        says_more = len(page_print - probe.fingerprint) >= OWN_TEXT_SHINGLES
        return alike if alike >= SOFT_404_SIMILARITY and not says_more else None

    async def _random_path_print(self, url: URL,
                                 cap: int | None = None) -> _RandomPathAnswer | None:
        """The host's answer for a path that cannot exist, fetched once per host (and
        read size)."""
        key = f"{url.origin()} {cap or self.options.max_body}"
        task = self._soft_404_probes.get(key)
        if task is None:
            task = asyncio.ensure_future(self._random_path_fingerprint(str(url.origin()), cap))
            self._soft_404_probes[key] = task
        return await asyncio.shield(task)

    async def _random_path_fingerprint(self, origin: str,
                                       cap: int | None = None) -> _RandomPathAnswer | None:
        """What the host says for a random path (read with GET), or None when it answers
        404 or fails.  An empty page still counts: it is a 200."""
        probe_url = f"{origin}/{secrets.token_hex(8)}-translitbib-probe.html"
        try:
            page, _ = await self._follow(probe_url, _Spent(self.options.url_time_limit), [],
                                         method="GET", cap=cap)
        except (_Verdict, ValueError):
            return None
        if not 200 <= page.status < 300:
            return None
        text = decode_page(page.body, page.headers.get("Content-Type"))
        print_ = fingerprint(text, drop=_path_strings(URL(probe_url), URL(page.url)))
        return _RandomPathAnswer(page_title(text), print_)


def _closed_host(status: int, why: str) -> _Verdict:
    """The verdict for a URL of a host that rate-limited us for longer than a run waits."""
    return _Verdict(LinkVerdict.BLOCKED, f"rate limited (HTTP {status}): {why}; "
                    "the host is not asked again in this run", status)


def _as_cited(outcome: CheckOutcome, url: str) -> CheckOutcome:
    """The outcome for the page as cited with a #fragment (the page is the same)."""
    if url == outcome.url:
        return outcome
    final = url if outcome.final_url == outcome.url else outcome.final_url
    return replace(outcome, url=url, final_url=final, redirects=list(outcome.redirects))


def _alive(page: Page, hops: list[Hop], how: str = "") -> tuple[LinkVerdict, str]:
    if hops and page.url != hops[0].url:
        return LinkVerdict.REDIRECTED, f"redirected to {page.url}: {how_moved(hops)}"
    if hops:  # a round trip (a cookie set on the way): the cited address itself works
        return LinkVerdict.ALIVE, f"{how}HTTP {page.status} after {len(hops)} redirects " \
                                  "back to this address"
    return LinkVerdict.ALIVE, f"{how}HTTP {page.status}"


def _head_is_enough(page: Page) -> bool:
    """A HEAD answer stands when it is 2xx or a redirect to follow; else ask with GET."""
    return 200 <= page.status < 300 or (300 <= page.status < 400 and "Location" in page.headers)


def _host_key(url: str) -> str:
    try:
        parsed = URL(url)
    except ValueError:
        return ""
    if not parsed.raw_host:
        return ""
    return f"{parsed.raw_host.lower()}:{parsed.port}"


def _path_strings(*urls: URL) -> tuple[str, ...]:
    out: list[str] = []
    for u in urls:
        for text in (u.path, u.raw_path, u.name, u.raw_name, str(u), u.path_qs):
            if text and text != "/":
                out.append(text)
    return tuple(sorted(set(out), key=len, reverse=True))


async def _read_capped(stream: aiohttp.StreamReader, cap: int) -> tuple[bytes, bool]:
    """At most ``cap`` bytes of a body, and whether the server stopped sending before the
    request's time was up.  The status and headers are in by then: a 404 that hangs is
    dead, and a page is judged by what came of it, rather than all called a timeout."""
    chunks: list[bytes] = []
    size = 0
    while size < cap:
        try:
            chunk = await stream.read(cap - size)
        except TimeoutError:
            return b"".join(chunks), True
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks), False
