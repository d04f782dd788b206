"""The benchmark's loopback population: 10,000+ URLs across hundreds of hosts, with truth.

Every host is an address in 127.0.0.0/8 (all loopback on Linux) on one port, so each
tool sees distinct hosts without any DNS.  Host sizes are Zipf-like, with one host of
1,100 URLs; special hosts are rate-limited, catch-all (soft 404), parked, bot walls, or
refuse connections.  What each URL does is decided by the host's kind and a one-letter
path prefix, so the server is stateless apart from transient failures and rate limits:

    /a/  article (200)            /g/  gone (404)              /x/  removed (410)
    /m/  moved (301 to /a/)       /e/  redirect to a 404       /l/  redirect loop
    /h/  deep URL -> home page    /b/  503 once, then 200      /s/  slow (1.5 s), 200
    /w/  never answers in time    /n/  missing page on a catch-all host (200)
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

TOTAL_URLS = 10_000
TOP_HOST_URLS = 1_100
NORMAL_HOSTS = 380
ZIPF_S = 0.8
SEED = 20261122

# (kind, hosts, URLs per host)
SPECIAL_HOSTS = [
    ("catchall-phrase", 5, 40),  # missing pages answer 200 "Страница не найдена" / "Page not found"
    ("catchall-plain", 5, 40),  # missing pages answer 200 with the same generic page
    ("parked", 8, 12),  # every path: a domain-for-sale page
    ("botwall-cf", 3, 15),  # 403 with cf-mitigated: challenge
    ("botwall-999", 2, 10),  # 999
    ("auth", 2, 10),  # 401
    ("ratelimited", 1, 150),  # 5 requests/s; above that 429 with Retry-After: 1
    ("closed", 1, 10),  # nothing listens: connection refused
]
HEAD_REFUSING_SHARE = 0.1  # normal hosts that answer HEAD with 405

# path prefix -> (share of a normal host's URLs, ground truth)
NORMAL_MIX = [
    ("a", 0.800, "alive"),
    ("g", 0.040, "dead"),
    ("x", 0.010, "dead"),
    ("m", 0.050, "redirected"),
    ("e", 0.005, "dead"),
    ("l", 0.003, "dead"),
    ("h", 0.017, "soft-404"),
    ("b", 0.050, "alive"),
    ("s", 0.020, "alive"),
    ("w", 0.005, "timeout"),
]
SPECIAL_TRUTH = {"parked": "parked", "botwall-cf": "blocked", "botwall-999": "blocked",
                 "auth": "blocked", "ratelimited": "alive", "closed": "unreachable"}


@dataclass
class Host:
    ip: str
    kind: str  # "normal" or one of SPECIAL_HOSTS
    head_refusing: bool = False


@dataclass
class Link:
    url: str
    truth: str
    host: str
    prefix: str


def _ip(n: int) -> str:
    """The n-th benchmark host: 127.0.1.1, 127.0.1.2, ... (skipping .0 and .255)."""
    third, fourth = divmod(n, 254)
    return f"127.0.{1 + third}.{1 + fourth}"


def _zipf_sizes(total: int, hosts: int, s: float) -> list[int]:
    weights = [1 / (rank ** s) for rank in range(1, hosts + 1)]
    scale = total / sum(weights)
    sizes = [max(1, round(w * scale)) for w in weights]
    sizes[-1] += total - sum(sizes)
    return sizes


def build(port: int, rng: random.Random | None = None) -> tuple[list[Host], list[Link]]:
    rng = rng or random.Random(SEED)
    hosts: list[Host] = []
    links: list[Link] = []

    def url(host: Host, prefix: str, n: int) -> str:
        return f"http://{host.ip}:{port}/{prefix}/{n}.html"

    special_count = sum(count * size for _, count, size in SPECIAL_HOSTS)
    rest = TOTAL_URLS - TOP_HOST_URLS - special_count
    sizes = [TOP_HOST_URLS, *_zipf_sizes(rest, NORMAL_HOSTS, ZIPF_S)]
    for size in sizes:
        host = Host(_ip(len(hosts)), "normal", rng.random() < HEAD_REFUSING_SHARE)
        hosts.append(host)
        prefixes = rng.choices([p for p, _, _ in NORMAL_MIX], [w for _, w, _ in NORMAL_MIX],
                               k=size)
        truth = {p: t for p, _, t in NORMAL_MIX}
        links += [Link(url(host, p, n), truth[p], host.ip, p) for n, p in enumerate(prefixes)]
    for kind, count, size in SPECIAL_HOSTS:
        for _ in range(count):
            host = Host(_ip(len(hosts)), kind)
            hosts.append(host)
            for n in range(size):
                if kind.startswith("catchall"):
                    prefix = "n" if n % 2 else "a"
                    truth = "soft-404" if prefix == "n" else "alive"
                else:
                    prefix, truth = "a", SPECIAL_TRUTH[kind]
                links.append(Link(url(host, prefix, n), truth, host.ip, prefix))
    rng.shuffle(links)
    return hosts, links


def write(directory: Path, port: int) -> tuple[list[Host], list[Link]]:
    hosts, links = build(port)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "urls.txt").write_text("".join(f"{link.url}\n" for link in links))
    (directory / "truth.json").write_text(json.dumps(
        {"port": port, "hosts": [asdict(h) for h in hosts],
         "links": [asdict(link) for link in links]}, indent=0))
    return hosts, links
