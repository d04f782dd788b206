"""Redirects read as a person reads them: where a Location header points, whether the
page moved for good, and when a redirect means "not found" (a deep URL sent home)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from yarl import URL

from .content import is_home_path
from .verdict import Hop

PERMANENT_REDIRECTS = frozenset({301, 308})
_ERROR_PATH_WORDS = ("404", "notfound", "not-found", "not_found", "page-not-found")
_RAW_BYTE = re.compile("[\udc80-\udcff]")  # a byte of a header that was not UTF-8


def redirect_target(current: str, location: str) -> str:
    """Where a Location header points, read as a browser reads it: relative to the current
    address, and with bytes that are not UTF-8 (a cp1251 path from an old Russian server,
    which aiohttp hands over as surrogate escapes and yarl would silently drop, asking
    for another page) percent-encoded."""
    location = _RAW_BYTE.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", location.strip())
    return urljoin(current, location)


def how_moved(hops: list[Hop]) -> str:
    """Permanent only when every step was (301, 308): then the citation should change."""
    temporary = next((h.status for h in hops if h.status not in PERMANENT_REDIRECTS), None)
    if temporary is None:
        return f"moved permanently (HTTP {hops[0].status})"
    return f"temporary redirect (HTTP {temporary})"


def soft_404_by_redirect(asked: URL, final: URL, hops: list[Hop]) -> str:
    """Why a redirect chain ending in 200 means "not found", or "" when it does not."""
    if not hops:
        return ""
    deep = not is_home_path(asked.path) or bool(asked.query_string)
    if deep and is_home_path(final.path) and not final.query_string:
        return f"a deep URL redirected to the home page {final}"
    if _names_an_error_page(final.path) and not _names_an_error_page(asked.path):
        return f"redirected to an error page {final}"
    return ""


def _names_an_error_page(path: str) -> bool:
    lowered = path.lower()
    return any(word in lowered for word in _ERROR_PATH_WORDS)
