"""One link-checking run: cache, checker, archive look-ups, and the places that cite.

``check_cited`` is what the ``check-links`` command and the pipeline step both call.  It
returns one ``LinkResult`` per distinct URL, in the order the URLs were first cited.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..model import Date
from .archive import ArchiveOptions
from .cache import DEFAULT_MAX_AGE, CacheNotice, LinkCache, default_cache_path, parse_max_age
from .clock import Clock, SystemClock
from .extract import CitedUrl
from .options import CheckOptions
from .verdict import CheckOutcome, CitedBy, LinkResult, LinkVerdict

if TYPE_CHECKING:  # keep this module free of aiohttp until a check runs
    from .netguard import Resolver
    from .network import NetworkProbe


@dataclass(slots=True)
class LinkSettings:
    """Everything a run can be told: checking, archive and cache."""

    check: CheckOptions = field(default_factory=CheckOptions)
    archive: ArchiveOptions | None = field(default_factory=ArchiveOptions)
    cache_path: Path | None = None  # None: no cache
    max_age: timedelta = DEFAULT_MAX_AGE

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> LinkSettings:
        """From ``ConvertOptions.link_options`` (keys named like the CLI options)."""
        known = {"concurrency", "per_host", "timeout", "retries", "allow_private", "archive",
                 "archive_endpoint", "cdx_endpoint", "cache", "max_age", "interval", "method"}
        unknown = set(values) - known
        if unknown:
            raise ConfigError(f"unknown link option(s): {', '.join(sorted(unknown))}")
        check = CheckOptions()
        for key in ("concurrency", "per_host", "retries"):
            if values.get(key) is not None:
                setattr(check, key, int(values[key]))  # type: ignore[call-overload]
        for key in ("timeout", "interval"):
            if values.get(key) is not None:
                setattr(check, key, float(values[key]))  # type: ignore[arg-type]
        check.allow_private = bool(values.get("allow_private", False))
        if values.get("method"):
            check.method = str(values["method"])
        archive = None
        if values.get("archive", True):
            archive = ArchiveOptions()
            if values.get("archive_endpoint"):
                archive.endpoint = str(values["archive_endpoint"])
            if values.get("cdx_endpoint"):
                archive.cdx_endpoint = str(values["cdx_endpoint"])
        cache = values.get("cache")
        cache_path = None if cache is False else Path(str(cache)) if cache else default_cache_path()
        max_age = values.get("max_age")
        if isinstance(max_age, timedelta):
            age = max_age
        else:
            try:
                age = parse_max_age(str(max_age)) if max_age is not None else DEFAULT_MAX_AGE
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
        return cls(check, archive, cache_path, age)


@dataclass(slots=True)
class Network:
    """What the checker talks through; defaults are the real machine's."""

    resolver: Resolver | None = None
    probe: NetworkProbe | None = None
    clock: Clock | None = None


def check_cited(cited: list[CitedUrl], settings: LinkSettings, network: Network | None = None,
                on_outcome: Callable[[CheckOutcome], None] | None = None,
                on_notice: Callable[[CacheNotice], None] | None = None) -> list[LinkResult]:
    """Check every cited URL (synchronous front door; runs its own event loop, in a
    worker thread when the caller is already inside one).  A fault of the cache file never
    stops the run: ``on_notice`` is told of each (see ``cache``)."""
    work = check_cited_async(cited, settings, network, on_outcome, on_notice)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()


async def check_cited_async(cited: list[CitedUrl], settings: LinkSettings,
                            network: Network | None = None,
                            on_outcome: Callable[[CheckOutcome], None] | None = None,
                            on_notice: Callable[[CacheNotice], None] | None = None,
                            ) -> list[LinkResult]:
    from .check import LinkChecker

    network = network or Network()
    clock = network.clock or SystemClock()
    by_url: dict[str, list[CitedUrl]] = {}
    for item in cited:
        by_url.setdefault(item.url, []).append(item)
    cache = LinkCache(settings.cache_path, settings.max_age) if settings.cache_path else None
    outcomes = cache.lookup(by_url, clock.now()) if cache else {}
    finished: list[CheckOutcome] = []  # kept by an interrupted run (Ctrl-C)

    def learnt(outcome: CheckOutcome) -> None:
        finished.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    async with LinkChecker(settings.check, resolver=network.resolver,
                           network_probe=network.probe, clock=clock,
                           on_outcome=learnt) as checker:
        # safe by default, cache or not: what an --allow-private run cached is refused
        # again without the flag (the checker then says so, as for any private address)
        if not settings.check.allow_private:
            for url in [u for u in outcomes if _private_destination(u)]:
                del outcomes[url]
        if on_outcome is not None:
            for outcome in outcomes.values():
                on_outcome(outcome)
        todo = [url for url in by_url if url not in outcomes]
        try:
            outcomes.update(await checker.check_many(todo))
        except BaseException:  # Ctrl-C cancels the run: what was learnt is kept
            if cache is not None:
                cache.store(finished)
            raise
        offline = checker.offline
    if settings.archive is not None and not offline:
        await _find_archived(outcomes, by_url, settings.archive, settings.check.user_agent)
    if cache is not None:
        cache.store(outcomes.values())
        for notice in cache.notices if on_notice is not None else ():
            on_notice(notice)
    return [LinkResult(outcomes[url], sorted(
                (CitedBy(c.source.path, c.source.line, c.reference) for c in places),
                key=lambda c: (c.path, c.line)))
            for url, places in by_url.items()]


def _private_destination(url: str) -> bool:
    """Is the URL's host a loopback, private or link-local address by itself (an IP
    literal, ``localhost``)?  Decided without a lookup, so that a cached verdict costs no
    network; a public name is guarded when it is checked."""
    from urllib.parse import urlsplit

    from .netguard import forbidden_reason, is_ip_literal

    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    return is_ip_literal(host) and forbidden_reason(host) is not None


async def _find_archived(outcomes: dict[str, CheckOutcome], by_url: dict[str, list[CitedUrl]],
                         options: ArchiveOptions, user_agent: str) -> None:
    import aiohttp

    from .archive import ArchiveFinder

    rotten = [o for o in outcomes.values()
              if o.verdict.is_rot() and not o.archive_url]
    if not rotten:
        return
    async with aiohttp.ClientSession(headers={"User-Agent": user_agent}) as session:
        finder = ArchiveFinder(session, options)

        async def one(outcome: CheckOutcome) -> None:
            when = _citation_when(by_url.get(outcome.url, []))
            outcome.archive_url, note = await finder.find(outcome.url, when)
            outcome.evidence = f"{outcome.evidence}; {note}" if outcome.evidence else note

        await asyncio.gather(*(one(o) for o in rotten))


def _citation_when(places: list[CitedUrl]) -> Date | None:
    dated = [p for p in places if p.when is not None and p.when.year is not None]
    # the day a citing text says it saw the page wins, then the most precise date
    best = max(dated, key=lambda p: (p.accessed, p.when.month is not None,
                                     p.when.day is not None), default=None)
    return best.when if best else None


def summarize(results: list[LinkResult]) -> dict[str, int]:
    """How many links got each verdict (every verdict listed, zeros included)."""
    counts = {str(v): 0 for v in LinkVerdict}
    for result in results:
        counts[str(result.verdict)] += 1
    return counts


#: verdicts that say nothing about the page: no answer came
_NO_ANSWER = frozenset({str(LinkVerdict.TIMEOUT), str(LinkVerdict.UNREACHABLE)})


def network_notice(verdicts: Sequence[str], urls: Sequence[str]) -> str | None:
    """What a person must hear about the network before reading the verdicts: that this
    machine is offline, or that no site answered at all (three hosts or more, every link
    timed out or unreachable: a firewall or a proxy, not link rot); None otherwise."""
    offline = sum(1 for v in verdicts if v == str(LinkVerdict.OFFLINE))
    if offline:
        return (f"Network unreachable: this machine is offline, so {offline} of "
                f"{len(verdicts)} links could not be checked; none is reported dead.")
    hosts = {urlsplit(url).hostname for url in urls}
    if len(hosts) >= 3 and verdicts and all(v in _NO_ANSWER for v in verdicts):
        return (f"No site answered: all {len(verdicts)} links, on {len(hosts)} hosts, timed "
                "out or could not be reached. A firewall or a proxy may be in the way "
                "(translitbib connects directly; it does not use HTTP_PROXY); none is "
                "reported dead.")
    return None
