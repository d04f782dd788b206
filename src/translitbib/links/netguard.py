"""Name resolution and the destination guard: only public addresses, unless allowed.

A name is resolved once per run, *before* connecting, and every address it has is checked:
one private address is enough to refuse it (a public name pointing into a private network
is how server-side request forgery works).  The HTTP client then connects only to the
addresses that were checked (``PinnedResolver``), so a second lookup cannot swap them, and
each redirect target goes through the same check.

Resolvers are injected: ``SystemResolver`` asks the operating system; ``StaticResolver``
maps names to addresses for tests and benchmarks that must never leave the machine.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Mapping, Sequence
from typing import Protocol

from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

_MISSING_NAME_ERRORS = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}


class NameNotFound(Exception):
    """The name does not exist (NXDOMAIN), or has no address."""


class LookupFailed(Exception):
    """The name could not be looked up right now (no answer from the resolver)."""


class DestinationRefused(Exception):
    """The destination is loopback, private, link-local or otherwise not public."""


class Resolver(Protocol):
    async def resolve(self, host: str, port: int) -> list[str]: ...


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def forbidden_reason(address: str) -> str | None:
    """Why connecting to this address is refused by default, or None when it is public."""
    ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, test in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("unspecified", ip.is_unspecified),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    ):
        if test:
            return f"{address} is a {label} address"
    if not ip.is_global:  # shared (CGNAT) and other special-purpose ranges
        return f"{address} is not a public address"
    return None


class SystemResolver:
    """The operating system's resolver (getaddrinfo), run off the event loop."""

    async def resolve(self, host: str, port: int) -> list[str]:
        # RFC 6761: names under .invalid never exist; answer without asking anyone.
        if host.rstrip(".").lower().endswith(".invalid") or host.lower() == "invalid":
            raise NameNotFound(f"{host}: a name under .invalid never exists")
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            if exc.errno in _MISSING_NAME_ERRORS:
                raise NameNotFound(f"{host}: {exc.strerror}") from exc
            raise LookupFailed(f"{host}: {exc.strerror}") from exc
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise NameNotFound(f"{host}: no address")
        return addresses


class StaticResolver:
    """Names from a table (tests, benchmarks); any other name does not exist.  A Cyrillic
    name may be written as such: it is looked up as the checker asks for it (xn--...)."""

    def __init__(self, table: Mapping[str, Sequence[str]]) -> None:
        self._table = {_ascii_name(name): list(addrs) for name, addrs in table.items()}

    async def resolve(self, host: str, port: int) -> list[str]:
        try:
            return list(self._table[_ascii_name(host)])
        except KeyError:
            raise NameNotFound(f"{host}: not in the table") from None


def _ascii_name(name: str) -> str:
    """``президент.рф`` -> ``xn--d1abbgf6aiiy.xn--p1ai``, as yarl encodes it in a URL."""
    name = name.lower().rstrip(".")
    try:
        return URL.build(scheme="http", host=name).raw_host or name
    except ValueError:
        return name


class AddressGuard:
    """Resolves each host once and refuses non-public destinations unless allowed."""

    def __init__(self, resolver: Resolver, *, allow_private: bool = False,
                 allowed_networks: Sequence[str] = ()) -> None:
        self.resolver = resolver
        self.allow_private = allow_private
        self.allowed = [ipaddress.ip_network(net, strict=False) for net in allowed_networks]
        self._memo: dict[tuple[str, int], list[str] | BaseException] = {}

    def known(self, host: str, port: int) -> bool:
        return (host.lower(), port) in self._memo

    async def addresses(self, host: str, port: int) -> list[str]:
        key = (host.lower(), port)
        if key not in self._memo:
            try:
                self._memo[key] = await self._checked(host.strip("[]"), port)
            except (NameNotFound, LookupFailed, DestinationRefused) as exc:
                self._memo[key] = exc
        found = self._memo[key]
        if isinstance(found, BaseException):
            raise found
        return found

    async def _checked(self, host: str, port: int) -> list[str]:
        found = [host] if is_ip_literal(host) else await self.resolver.resolve(host, port)
        if not self.allow_private:
            for address in found:
                reason = forbidden_reason(address)
                if reason and not self._explicitly_allowed(address):
                    raise DestinationRefused(f"{host}: {reason} (use --allow-private to check it)")
        return found

    def _explicitly_allowed(self, address: str) -> bool:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
        return any(ip in net for net in self.allowed)


class PinnedResolver(AbstractResolver):
    """aiohttp's resolver hook: connect only to the addresses the guard has checked."""

    def __init__(self, guard: AddressGuard) -> None:
        self._guard = guard

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        try:
            addresses = await self._guard.addresses(host, port)
        except (NameNotFound, LookupFailed, DestinationRefused) as exc:
            raise OSError(str(exc)) from exc
        out: list[ResolveResult] = []
        for address in addresses:
            fam = socket.AF_INET6 if ":" in address else socket.AF_INET
            out.append(ResolveResult(hostname=host, host=address, port=port, family=fam,
                                     proto=0, flags=socket.AI_NUMERICHOST))
        return out

    async def close(self) -> None:
        return None
