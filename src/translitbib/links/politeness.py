"""Politeness: a per-host bound, a minimum interval between requests, and shared back-off.

Each host (``host:port``) has a ``HostGate``: at most ``per_host`` requests in flight and
request starts at least ``interval`` apart.  A 429 pauses the *whole host* until its
Retry-After and doubles the host's interval (halving its rate), so the other URLs waiting
for that host slow down too instead of being fired into the same wall.  Like TCP's
congestion window, the rate is halved once per episode: 429s for requests sent before
the last slow-down were caused by the old rate and only extend the pause.  Each success
after that brings the interval back towards its baseline.  Retries are bounded per URL
(by the caller) and per host (``retry_budget``), so a host that is down cannot eat the run.
A host that rate-limits (429) with a Retry-After longer than the checker waits is
``closed``: its other URLs are not requested at all in this run (it asked not to be; they
would only hit the same wall).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from .clock import Clock

MAX_INTERVAL = 5.0  # a 429-slowed host is still asked once every 5 s at the slowest
RECOVERY = 0.9  # each success shrinks a raised interval by 10%


class HostGate:
    def __init__(self, per_host: int, interval: float, clock: Clock, retry_budget: int) -> None:
        self._slots = asyncio.Semaphore(max(1, per_host))
        self._clock = clock
        self.base_interval = interval
        self.interval = interval
        self.retry_budget = retry_budget
        self._next_start = 0.0
        self._paused_until = 0.0
        self._slowed_at = float("-inf")
        self.closed: tuple[int, str] | None = None  # (status, why): a long rate limit
        self.backlog = 0  # URLs of this host not yet finished (for CriticalPathBound)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[float]:
        """Hold one of the host's slots, starting no sooner than its pacing allows;
        yields the (monotonic) time the request starts."""
        async with self._slots:
            while True:
                now = self._clock.monotonic()
                start = max(now, self._next_start, self._paused_until)
                self._next_start = start + self.interval
                if start <= now:
                    break
                await self._clock.sleep(start - now)
                if self._clock.monotonic() >= self._paused_until:
                    break  # no new pause arrived while this request waited its turn
            yield self._clock.monotonic()

    def slow_down(self, pause: float, sent_at: float) -> None:
        """A 429 for a request sent at ``sent_at``: pause the host for ``pause`` seconds,
        and halve its request rate unless it was already halved after that request left."""
        now = self._clock.monotonic()
        self._paused_until = max(self._paused_until, now + pause)
        if sent_at >= self._slowed_at:
            self._slowed_at = now
            self.interval = min(MAX_INTERVAL, max(self.interval * 2, self.base_interval, 0.05))

    def close(self, status: int, why: str) -> None:
        """The host rate-limited us for longer than this run waits: ask it nothing more."""
        if self.closed is None:
            self.closed = (status, why)

    def succeeded(self) -> None:
        if self.interval > self.base_interval:
            self.interval = max(self.base_interval, self.interval * RECOVERY)

    def take_retry(self) -> bool:
        """Spend one retry from the host's budget; False when it is used up."""
        if self.retry_budget <= 0:
            return False
        self.retry_budget -= 1
        return True


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Exponential back-off with "equal jitter": uniform in [c/2, c] for
    c = min(cap, base * 2**(n-1)), so waits grow and retries of many URLs spread out."""
    ceiling = min(cap, base * 2 ** max(0, attempt - 1))
    return rng.uniform(ceiling / 2, ceiling)


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # HTTP dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class CriticalPathBound:
    """The global bound on requests in flight, served busiest-host first.

    A plain FIFO semaphore makes the host with the most URLs (the one that decides when
    the run ends, since its own pacing is fixed) queue behind requests to hosts that could
    wait.  Here the waiter whose host has the most URLs still to check goes first.
    """

    def __init__(self, limit: int) -> None:
        self._free = max(1, limit)
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    @asynccontextmanager
    async def slot(self, backlog: int) -> AsyncIterator[None]:
        await self._acquire(backlog)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, backlog: int) -> None:
        if self._free > 0 and not self._waiters:
            self._free -= 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (-backlog, next(self._order), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._release()  # handed a slot as it was cancelled: pass it on
            raise

    def _release(self) -> None:
        while self._waiters:
            _, _, future = heapq.heappop(self._waiters)
            if not future.done():
                future.set_result(None)
                return
        self._free += 1
