"""Archived copies of rotten links, as close as possible to the date they were cited.

First the Wayback Machine's availability API (``?url=...&timestamp=YYYYMMDD``), which
answers with the closest snapshot; when it has none, the CDX API sorted by closeness and
limited to snapshots that answered 200.  Both endpoints are options, so tests and users
behind a mirror can point them elsewhere; the endpoint is configuration the user chose,
so it is not subject to the private-address guard.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from yarl import URL

from ..model import Date
from .politeness import parse_retry_after

if TYPE_CHECKING:  # aiohttp is imported only when a look-up runs
    import aiohttp

AVAILABILITY_ENDPOINT = "https://archive.org/wayback/available"
CDX_ENDPOINT = "https://web.archive.org/cdx/search/cdx"
WAYBACK_BASE = "https://web.archive.org/web/"


@dataclass(slots=True)
class ArchiveOptions:
    endpoint: str = AVAILABILITY_ENDPOINT
    cdx_endpoint: str | None = None  # default: CDX_ENDPOINT, or the same server as endpoint
    timeout: float = 20.0
    per_host: int = 4  # look-ups in flight on the archive
    retries: int = 2  # after a 429 or 503 from the archive
    retry_after_max: float = 30.0

    def cdx(self) -> str:
        if self.cdx_endpoint:
            return self.cdx_endpoint
        if self.endpoint == AVAILABILITY_ENDPOINT:
            return CDX_ENDPOINT
        return str(URL(self.endpoint).origin() / "cdx" / "search" / "cdx")


def wayback_timestamp(when: Date | None) -> str:
    """``20030618``, ``200306`` or ``2003``: as precise as the citation's date is."""
    if when is None or when.year is None:
        return ""
    stamp = f"{when.year:04d}"
    if when.month:
        stamp += f"{when.month:02d}"
        if when.day:
            stamp += f"{when.day:02d}"
    return stamp


class ArchiveFinder:
    def __init__(self, session: aiohttp.ClientSession, options: ArchiveOptions) -> None:
        self._session = session
        self.options = options
        self._slots = asyncio.Semaphore(max(1, options.per_host))

    async def find(self, url: str, when: Date | None) -> tuple[str | None, str]:
        """(archived copy's URL or None, a note on how it was found or why not)."""
        import aiohttp

        stamp = wayback_timestamp(when)
        try:
            found = await self._availability(url, stamp)
            if found:
                return found, f"Wayback snapshot closest to {stamp or 'now'}"
            found = await self._cdx(url, stamp)
            if found:
                return found, f"Wayback CDX snapshot closest to {stamp or 'now'}"
        except (aiohttp.ClientError, TimeoutError, ValueError, KeyError, TypeError) as exc:
            return None, f"archive look-up failed: {exc.__class__.__name__}"
        return None, "no archived copy"

    async def _get_json(self, endpoint: str, params: dict[str, str]) -> object:
        """GET and parse JSON; a 429 or 503 is waited out (Retry-After, capped) and retried."""
        import aiohttp

        for attempt in range(self.options.retries + 1):
            async with self._slots, self._session.get(
                endpoint, params=params,
                timeout=aiohttp.ClientTimeout(total=self.options.timeout),
            ) as resp:
                if resp.status == 200:
                    return json.loads(await resp.text())
                if resp.status not in (429, 503) or attempt == self.options.retries:
                    raise ValueError(f"HTTP {resp.status}")
                wait = parse_retry_after(resp.headers.get("Retry-After"), datetime.now(UTC))
            await asyncio.sleep(min(self.options.retry_after_max,
                                    wait if wait is not None else 2.0 * (attempt + 1)))
        raise AssertionError("unreachable: the loop returns or raises")

    async def _availability(self, url: str, stamp: str) -> str | None:
        params = {"url": url}
        if stamp:
            params["timestamp"] = stamp
        data = await self._get_json(self.options.endpoint, params)
        closest = ((data or {}).get("archived_snapshots") or {}).get("closest") or {}  # type: ignore[union-attr]
        if closest.get("available") and str(closest.get("status", "200")).startswith("2"):
            return _https(str(closest["url"]))
        return None

    async def _cdx(self, url: str, stamp: str) -> str | None:
        params = {"url": url, "output": "json", "limit": "1", "fl": "timestamp,original",
                  "filter": "statuscode:200"}
        if stamp:
            params.update(sort="closest", closest=stamp)
        rows = await self._get_json(self.options.cdx(), params)
        if not isinstance(rows, list) or len(rows) < 2:
            return None
        timestamp, original = rows[1][0], rows[1][1]
        return f"{self._wayback_base()}{timestamp}/{original}"

    def _wayback_base(self) -> str:
        if self.options.cdx() == CDX_ENDPOINT:
            return WAYBACK_BASE
        return str(URL(self.options.cdx()).origin()) + "/web/"


def _https(archive_url: str) -> str:
    if archive_url.startswith("http://web.archive.org/"):
        return "https://" + archive_url[len("http://"):]
    return archive_url
