"""Fixtures for link tests: checkers wired to real loopback servers, never to the internet."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import pytest

from translitbib.links.check import CheckOptions, LinkChecker
from translitbib.links.netguard import Resolver, StaticResolver
from translitbib.links.verdict import CheckOutcome


async def always_online() -> bool:
    return True


def fast_options(**changes: object) -> CheckOptions:
    """Short timeouts and back-offs so the suite stays fast; loopback allowed."""
    options = CheckOptions(allow_private=True, timeout=1.0, backoff=0.05, backoff_max=0.2,
                           interval=0.0, retries=3)
    for key, value in changes.items():
        setattr(options, key, value)
    return options


def check_urls(urls: Iterable[str], options: CheckOptions | None = None,
               resolver: Resolver | None = None) -> dict[str, CheckOutcome]:
    async def run() -> dict[str, CheckOutcome]:
        async with LinkChecker(options or fast_options(),
                               resolver=resolver or StaticResolver({}),
                               network_probe=always_online) as checker:
            return await checker.check_many(urls)

    return asyncio.run(run())


@pytest.fixture
def check():
    return check_urls
