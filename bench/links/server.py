"""Serve the benchmark population on loopback addresses (run as its own process).

    python bench/links/server.py TRUTH.json STATS.json

Binds every host of the population on 127.x addresses and the population's port, adds
20 ms of latency to every answer, and prints ``ready`` once all are listening.  Transient
503s and the rate limit are per process, so each tool run gets a fresh server.  On
SIGTERM it writes what it saw to STATS.json: requests in all, per method, 429s served,
and the most requests in flight at once on one host.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
import time
from collections import Counter
from pathlib import Path

from aiohttp import web

LATENCY = 0.020
SLOW = 1.5
HANG = 30.0
RATE = 5.0  # requests per second the rate-limited host allows (a token bucket)

ARTICLE = ("<html><head><title>Статья {n}</title></head><body><h1>Архив: материал {n}</h1>"
           "<p>{body}</p></body></html>")
HOME = "<html><head><title>Главная</title></head><body><h1>Новости</h1></body></html>"
PARKED = {0: "<html><head><title>{host}</title></head><body>Домен продаётся! "
             "Купить домен {host}</body></html>",
          1: "<html><head><title>{host}</title></head><body>This domain is for sale. "
             "Make an offer.</body></html>"}
NOT_FOUND_PAGE = {0: "<html><head><title>Ошибка</title></head><body><h1>Страница не найдена"
                     "</h1></body></html>",
                  1: "<html><head><title>Oops</title></head><body><h1>Page not found</h1>"
                     "</body></html>"}
GENERIC = ("<html><head><title>Газета</title></head><body><p>Извините, мы обновили сайт. "
           "Воспользуйтесь поиском или меню слева. {path}</p></body></html>")


def _words(n: int) -> str:
    """A distinct body per article, so articles do not look alike."""
    vocab = ["Берия", "Сталин", "Хрущёв", "архив", "съезд", "пленум", "постановление",
             "реформа", "демократия", "выборы", "конституция", "партия", "история", "документ",
             "письмо"]
    return " ".join(vocab[(n * 7 + i * i) % len(vocab)] + str((n * 31 + i) % 97)
                    for i in range(60))


class Population:
    def __init__(self, truth: dict) -> None:
        self.kinds = {h["ip"]: h["kind"] for h in truth["hosts"]}
        self.head_refusing = {h["ip"] for h in truth["hosts"] if h["head_refusing"]}
        self.failed_once: set[tuple[str, str]] = set()  # (host address, path)
        self.tokens = RATE
        self.refilled = time.monotonic()
        self.requests: Counter[str] = Counter()
        self.in_flight: Counter[str] = Counter()
        self.max_in_flight: Counter[str] = Counter()
        self.started: dict[str, list[float]] = {}  # request start times per host

    def stats(self) -> dict[str, object]:
        top = self.max_in_flight.most_common(1)
        busiest = max(self.started.values(), key=len, default=[])
        first = min((times[0] for times in self.started.values()), default=0.0)
        return {"requests": self.requests["all"], "head": self.requests["HEAD"],
                "get": self.requests["GET"], "served_429": self.requests["429"],
                "max_in_flight_one_host": top[0][1] if top else 0,
                "busiest_host_requests": len(busiest),
                "busiest_host_span_s": round(busiest[-1] - busiest[0], 2) if busiest else 0,
                "busiest_host_last_s": round(busiest[-1] - first, 2) if busiest else 0}

    async def counted(self, request: web.Request) -> web.StreamResponse:
        ip = request.transport.get_extra_info("sockname")[0] if request.transport else ""
        self.requests["all"] += 1
        self.started.setdefault(ip, []).append(time.monotonic())
        self.requests[request.method] += 1
        self.in_flight[ip] += 1
        self.max_in_flight[ip] = max(self.max_in_flight[ip], self.in_flight[ip])
        try:
            response = await self.handle(request)
        except web.HTTPException as exc:
            response = exc
        finally:
            self.in_flight[ip] -= 1
        if response.status == 429:
            self.requests["429"] += 1
        return response

    def _take_token(self) -> bool:
        now = time.monotonic()
        self.tokens = min(RATE, self.tokens + (now - self.refilled) * RATE)
        self.refilled = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    async def handle(self, request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(LATENCY)
        ip = request.transport.get_extra_info("sockname")[0] if request.transport else ""
        kind = self.kinds.get(ip, "normal")
        if request.method == "HEAD" and ip in self.head_refusing:
            return web.Response(status=405)
        parts = request.path.strip("/").split("/")
        prefix = parts[0] if len(parts) == 2 else ""
        n = int(parts[1].split(".")[0]) if prefix and parts[1].split(".")[0].isdigit() else 0
        if kind == "parked":
            return _html(PARKED[int(ip.rsplit(".", 1)[1]) % 2].format(host=ip))
        if kind == "botwall-cf":
            return web.Response(status=403, headers={"cf-mitigated": "challenge"},
                                text="Just a moment...")
        if kind == "botwall-999":
            return web.Response(status=999, text="Request denied")
        if kind == "auth":
            return web.Response(status=401, headers={"WWW-Authenticate": "Basic"})
        if kind == "ratelimited" and not self._take_token():
            return web.Response(status=429, headers={"Retry-After": "1"}, text="slow down")
        if kind.startswith("catchall") and prefix != "a" and request.path != "/":
            if kind == "catchall-phrase":
                return _html(NOT_FOUND_PAGE[int(ip.rsplit(".", 1)[1]) % 2])
            return _html(GENERIC.format(path=request.path))
        return await self._normal(request, prefix, n)

    async def _normal(self, request: web.Request, prefix: str, n: int) -> web.StreamResponse:
        path = request.path
        if path == "/":
            return _html(HOME)
        if prefix == "a":
            return _html(ARTICLE.format(n=n, body=_words(n)))
        if prefix in ("g",):
            return web.Response(status=404, text="Not Found")
        if prefix == "x":
            return web.Response(status=410, text="Gone")
        if prefix == "m":
            raise web.HTTPMovedPermanently(f"/a/{n + 100000}.html")
        if prefix == "e":
            raise web.HTTPFound(f"/g/{n + 100000}.html")
        if prefix == "l":
            raise web.HTTPFound(f"/l/{n + 1 if n % 2 == 0 else n - 1}.html")
        if prefix == "h":
            raise web.HTTPMovedPermanently("/")
        if prefix == "b":
            ip = request.transport.get_extra_info("sockname")[0] if request.transport else ""
            if (ip, path) not in self.failed_once:
                self.failed_once.add((ip, path))
                return web.Response(status=503, text="Service Unavailable")
            return _html(ARTICLE.format(n=n, body=_words(n)))
        if prefix == "s":
            await asyncio.sleep(SLOW)
            return _html(ARTICLE.format(n=n, body=_words(n)))
        if prefix == "w":
            await asyncio.sleep(HANG)
            return _html(ARTICLE.format(n=n, body=_words(n)))
        return web.Response(status=404, text="Not Found")


def _html(text: str) -> web.Response:
    return web.Response(text=text, content_type="text/html", charset="utf-8")


async def serve(truth_path: Path, stats_path: Path) -> None:
    truth = json.loads(truth_path.read_text())
    population = Population(truth)
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", population.counted)
    runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
    await runner.setup()
    for host in truth["hosts"]:
        if host["kind"] != "closed":
            await web.TCPSite(runner, host["ip"], truth["port"], backlog=1024).start()
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    stats_path.write_text(json.dumps(population.stats()))
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(serve(Path(sys.argv[1]), Path(sys.argv[2])))
