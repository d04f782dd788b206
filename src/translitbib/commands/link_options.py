"""The link-checking options ``check-links`` and ``convert --check-links`` share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

#: the keyword names click gives these options, in the order they are declared
LINK_OPTION_NAMES = ("cache_path", "no_cache", "max_age", "concurrency", "per_host", "interval",
                     "timeout", "retries", "method", "allow_private", "archive",
                     "archive_endpoint", "cdx_endpoint")

_OPTIONS = [
    click.option("--cache", "cache_path", type=click.Path(path_type=Path, dir_okay=False),
                 help="SQLite cache file [default: links.sqlite in the user cache directory]."),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
    click.option("--max-age", default="1d", show_default=True, metavar="DURATION",
                 help="Serve cached verdicts younger than this (90, 30m, 12h, 7d)."),
    click.option("--concurrency", type=click.IntRange(1), default=64, show_default=True,
                 help="Requests in flight across all hosts."),
    click.option("--per-host", type=click.IntRange(1), default=10, show_default=True,
                 help="Requests in flight on one host."),
    click.option("--interval", type=click.FloatRange(0), default=0.05, show_default=True,
                 help="Minimum seconds between requests to one host."),
    click.option("--timeout", type=click.FloatRange(0.01), default=10.0, show_default=True,
                 help="Seconds for one request."),
    click.option("--retries", type=click.IntRange(0), default=3, show_default=True,
                 help="Retries per URL for 429, 502, 503, 504 and dropped connections."),
    click.option("--method", type=click.Choice(["get", "head"]), default="get",
                 show_default=True,
                 help="GET reading the first few KB, or HEAD falling back to GET on any "
                      "non-2xx."),
    click.option("--allow-private", is_flag=True,
                 help="Also check loopback, private and link-local addresses."),
    click.option("--archive/--no-archive", default=True, show_default=True,
                 help="Look up archived copies of dead, soft-404 and parked links."),
    click.option("--archive-endpoint", default=None, metavar="URL",
                 help="Wayback availability API [default: https://archive.org/wayback/available]."),
    click.option("--cdx-endpoint", default=None, metavar="URL",
                 help="Wayback CDX API, the fallback [default: web.archive.org's, or "
                      "/cdx/search/cdx on the --archive-endpoint server]."),
]


def link_check_options(command: F) -> F:
    """Add the link-checking options to a click command."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def link_settings_mapping(values: dict[str, Any]) -> dict[str, object]:
    """The options as ``LinkSettings.from_mapping`` (and ``ConvertOptions.link_options``)
    take them; ``values`` holds the keyword arguments click passed."""
    mapping = {name: values[name] for name in LINK_OPTION_NAMES
               if name not in ("cache_path", "no_cache")}
    mapping["cache"] = False if values["no_cache"] else values["cache_path"]
    return mapping
