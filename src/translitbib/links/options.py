"""How a check runs: limits, timeouts, retries (a plain record, cheap to import)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class CheckOptions:
    """How hard and how politely to check; the defaults follow lychee's per-host ones."""

    concurrency: int = 64  # requests in flight across all hosts
    per_host: int = 10  # requests in flight on one host (host:port)
    interval: float = 0.05  # seconds between request starts on one host
    timeout: float = 10.0  # seconds for one request, connect to last byte read
    max_time: float | None = None  # seconds of requests and back-off per URL
    retries: int = 3  # retries per URL for 429, 502, 503, 504 and resets
    host_retries: int = 20  # retries per host at least (more for hosts with many URLs)
    backoff: float = 0.5  # first back-off, doubled each retry, with jitter
    backoff_max: float = 8.0
    retry_after_max: float = 120.0  # a longer Retry-After closes the host for the run
    max_redirects: int = 10
    max_body: int = 8192  # bytes of a page read (enough for a title and a headline)
    method: str = "get"  # "get", or "head" (falling back to GET on any non-2xx)
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()  # private networks allowed one by one ("10.0.0.0/8")
    probe_soft_404: bool = True
    user_agent: str = "Mozilla/5.0 (compatible; translitbib link checker)"

    @property
    def url_time_limit(self) -> float:
        if self.max_time is not None:
            return self.max_time
        return self.timeout * 2 + self.backoff_max * max(1, self.retries)
