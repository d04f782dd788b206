"""A real HTTP server on loopback addresses, run in its own thread and event loop.

It records every request (time, method, host, path) and how many requests were in flight
at once, per host and overall, so tests can assert politeness from the server's side.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Seen:
    at: float
    method: str
    host: str
    path: str
    user_agent: str = ""


@dataclass
class Stats:
    log: list[Seen] = field(default_factory=list)
    in_flight: Counter[str] = field(default_factory=Counter)
    max_in_flight: Counter[str] = field(default_factory=Counter)
    total_in_flight: int = 0
    max_total_in_flight: int = 0

    def hits(self, path: str) -> int:
        return sum(1 for s in self.log if s.path == path)

    def times(self, path: str) -> list[float]:
        return [s.at for s in self.log if s.path == path]


class LoopbackServer:
    """Serve ``routes`` on each of ``hosts`` (all 127.x addresses), on one shared port."""

    def __init__(self, routes: Callable[[web.Application], None],
                 hosts: tuple[str, ...] = ("127.0.0.1",)) -> None:
        self.hosts = hosts
        self.stats = Stats()
        self.port = 0
        self._routes = routes
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._runner: web.AppRunner | None = None

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.hosts[0]}:{self.port}{path}"

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("loopback server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            if self._runner is not None:
                await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._start())
        self._ready.set()
        self._loop.run_forever()

    async def _start(self) -> None:
        stats = self.stats

        @web.middleware
        async def record(request: web.Request, handler):  # type: ignore[no-untyped-def]
            host = request.transport.get_extra_info("sockname")[0] if request.transport else "?"
            stats.log.append(Seen(time.monotonic(), request.method, host, request.path,
                                  request.headers.get("User-Agent", "")))
            stats.in_flight[host] += 1
            stats.total_in_flight += 1
            stats.max_in_flight[host] = max(stats.max_in_flight[host], stats.in_flight[host])
            stats.max_total_in_flight = max(stats.max_total_in_flight, stats.total_in_flight)
            try:
                return await handler(request)
            finally:
                stats.in_flight[host] -= 1
                stats.total_in_flight -= 1

        app = web.Application(middlewares=[record])
        self._routes(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        for host in self.hosts:
            site = web.TCPSite(self._runner, host, self.port)
            await site.start()
            if not self.port:
                self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


def page(title: str, body: str = "") -> web.Response:
    text = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<p>{body}</p></body></html>")
    return web.Response(text=text, content_type="text/html", charset="utf-8")


class RawServer:
    """Canned raw HTTP answers by path (bytes a well-behaved framework refuses to send,
    such as a cp1251 Location header), from a plain thread on 127.0.0.1."""

    def __init__(self, answers: dict[str, bytes]) -> None:
        import socketserver

        self.answers = answers
        self.paths: list[str] = []
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                request_line = self.rfile.readline().decode("latin-1").split()
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # the headers
                path = request_line[1] if len(request_line) > 1 else ""
                outer.paths.append(path)
                self.wfile.write(outer.answers.get(
                    path, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
