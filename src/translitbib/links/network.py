"""Is this machine online at all?  Decided from its own state, with at most one lookup.

A machine with no default route is offline without asking anyone.  Otherwise one public
name, reserved by IANA for exactly this kind of use, is looked up once: when even that
fails, every failed lookup of a cited site says nothing about the site, so links are
reported ``offline`` instead of ``dead``.  The checker asks only after a lookup or a
connection has failed, so a working run sends no probe at all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from .netguard import LookupFailed, NameNotFound, SystemResolver

NetworkProbe = Callable[[], Awaitable[bool]]  # True when the machine can reach the internet
PROBE_NAME = "example.com"


def has_default_route(proc: Path = Path("/proc/net")) -> bool | None:
    """True/False from the kernel's routing tables; None where they cannot be read."""
    found_table = False
    try:
        lines = (proc / "route").read_text().splitlines()[1:]
        found_table = True
        for line in lines:
            cols = line.split()
            default = len(cols) > 7 and cols[1] == "00000000" and cols[7] == "00000000"
            if default and cols[0] != "lo":
                return True
    except OSError:
        pass
    try:
        for line in (proc / "ipv6_route").read_text().splitlines():
            cols = line.split()
            if len(cols) == 10 and cols[9] != "lo" and cols[0] == "0" * 32 and cols[1] == "00":
                return True
        found_table = True
    except OSError:
        pass
    return False if found_table else None


async def system_network_probe() -> bool:
    if has_default_route() is False:
        return False
    try:
        await SystemResolver().resolve(PROBE_NAME, 443)
    except (NameNotFound, LookupFailed):
        return False
    return True
