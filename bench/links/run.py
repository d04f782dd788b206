"""Benchmark: translitbib check-links against lychee on one loopback population.

    .venv/bin/python bench/links/run.py [--tools translitbib,lychee] [--out bench/links]

Builds the population (``population.py``), and for each tool starts a fresh server
(``server.py``), runs the tool on the same URL list with the same limits (10 requests in
flight per host, 50 ms between requests to one host, 128 in all, 5 s timeout, 3 retries),
and scores what it reported against the ground truth.  Writes ``results.json`` and
``results.md`` (the table recorded in README.md).  Only 127.x addresses are contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import population  # noqa: E402  (a sibling script, not a package)

PER_HOST, INTERVAL, CONCURRENCY, TIMEOUT, RETRIES = 10, 0.05, 128, 5, 3
LIVE = {"alive", "redirected"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tool_command(tool: str, urls: Path, out: Path) -> list[str]:
    bin_dir = Path(sys.executable).parent
    if tool.startswith("translitbib"):
        method = ["--method", "head"] if tool.endswith("-head") else []
        return [str(bin_dir / "translitbib"), "check-links", str(urls), "--json",
                "--allow-private", "--no-cache", "--no-archive",
                "--concurrency", str(CONCURRENCY), "--per-host", str(PER_HOST),
                "--interval", str(INTERVAL), "--timeout", str(TIMEOUT),
                "--retries", str(RETRIES), *method]
    lychee = shutil.which("lychee", path=str(bin_dir)) or shutil.which("lychee") or "lychee"
    return [lychee, "--no-progress", "--format", "json", "-v", "-o", str(out),
            "--max-concurrency", str(CONCURRENCY), "--host-concurrency", str(PER_HOST),
            "--host-request-interval", f"{int(INTERVAL * 1000)}ms",
            "--timeout", str(TIMEOUT), "--max-retries", str(RETRIES), str(urls)]


def run_tool(tool: str, work: Path) -> dict:
    stats_path = work / f"server-{tool}.json"
    server = subprocess.Popen([sys.executable, str(HERE / "server.py"),
                               str(work / "truth.json"), str(stats_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        if server.stdout.readline().strip() != "ready":
            raise RuntimeError("the benchmark server did not start")
        out = work / f"{tool}.json"
        command = tool_command(tool, work / "urls.txt", out)
        started = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True)
        wall = time.monotonic() - started
        if tool.startswith("translitbib"):
            out.write_text(done.stdout)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    verdicts = read_translitbib(out) if tool.startswith("translitbib") else read_lychee(out)
    return {"tool": tool, "wall_s": round(wall, 2), "exit": done.returncode,
            "command": " ".join(os.path.relpath(c) if c.startswith("/") else c
                                for c in command),
            "server": json.loads(stats_path.read_text()), "verdicts": verdicts,
            "stderr_tail": done.stderr[-500:]}


def read_translitbib(out: Path) -> dict[str, str]:
    return {row["url"]: row["verdict"] for row in json.loads(out.read_text())["links"]}


def read_lychee(out: Path) -> dict[str, str]:
    """lychee says success or failure; a failure's kind is kept for the record."""
    report = json.loads(out.read_text())
    verdicts: dict[str, str] = {}
    for key in ("success_map", "error_map", "timeout_map", "excluded_map"):
        for rows in (report.get(key) or {}).values():
            for row in rows:
                if key == "success_map":
                    verdicts[row["url"]] = "alive"
                elif key == "excluded_map":
                    verdicts[row["url"]] = "excluded"
                elif key == "timeout_map":
                    verdicts[row["url"]] = "error:timeout"
                else:
                    verdicts[row["url"]] = f"error:{row['status'].get('code') or 'other'}"
    return verdicts


def score(result: dict, truth: list[dict]) -> dict:
    got = result["verdicts"]
    by_truth: dict[str, list[str]] = {}
    for link in truth:
        by_truth.setdefault(link["truth"], []).append(got.get(link["url"], "missing"))
    ours = result["tool"].startswith("translitbib")

    def found(kind: str) -> int:
        if ours:
            return sum(v == kind for v in by_truth.get(kind, []))
        return sum(v.startswith("error") for v in by_truth.get(kind, []))  # lychee: "broken"

    live = by_truth["alive"] + by_truth["redirected"]
    false_alarms = sum(v not in LIVE for v in live)
    blocked = by_truth.get("blocked", [])
    return {
        "urls": len(truth),
        "false_alarms_on_live": false_alarms,
        "live": len(live),
        "dead_found": found("dead"), "dead": len(by_truth.get("dead", [])),
        "soft404_found": found("soft-404"), "soft404": len(by_truth.get("soft-404", [])),
        "parked_found": found("parked"), "parked": len(by_truth.get("parked", [])),
        "blocked_as_blocked": sum(v == "blocked" for v in blocked),
        "blocked_as_broken": sum(v.startswith("error") or v == "dead" for v in blocked),
        "blocked": len(blocked),
        "timeouts_found": sum(v in ("timeout", "error:timeout_map") or "timeout" in v
                              for v in by_truth.get("timeout", [])),
        "timeouts": len(by_truth.get("timeout", [])),
        "missing": sum(v == "missing" for vs in by_truth.values() for v in vs),
        "throughput": round(len(truth) / result["wall_s"], 1),
        "verdict_counts": dict(Counter(got.values())),
    }


def floor_seconds(links: list[dict], kinds: dict[str, str]) -> dict[str, float]:
    """The least time any polite tool needs: the most throttled host at the rate it allows,
    or the longest timeout chain, whichever is larger."""
    per_host = Counter(link["host"] for link in links)
    busiest = max(per_host.values()) * INTERVAL  # one request per interval on that host
    throttled = max((per_host[ip] / RATE_LIMIT for ip, kind in kinds.items()
                     if kind == "ratelimited"), default=0.0)
    return {"busiest_host_s": round(busiest, 2), "rate_limited_host_s": round(throttled, 2),
            "longest_timeout_chain_s": float(TIMEOUT),
            "floor_s": round(max(busiest, throttled, TIMEOUT), 2)}


RATE_LIMIT = 5.0  # the rate-limited host's allowance (server.py RATE)


def table(results: list[dict], floor: dict[str, float]) -> str:
    rows = ["| tool | wall time (s) | URLs/s | × floor | false alarms on live links | "
            "dead found | soft-404 found | parked found | bot walls → blocked | "
            "bot walls → broken | timeouts found | requests sent | 429s served | "
            "max in flight on one host | busiest host: requests in s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        s, srv = r["score"], r["server"]
        rows.append(
            f"| {r['tool']} | {r['wall_s']:.1f} | {s['throughput']:.0f} | "
            f"{r['wall_s'] / floor['floor_s']:.2f} | {s['false_alarms_on_live']} of {s['live']} | "
            f"{s['dead_found']} of {s['dead']} | {s['soft404_found']} of {s['soft404']} | "
            f"{s['parked_found']} of {s['parked']} | {s['blocked_as_blocked']} of {s['blocked']} | "
            f"{s['blocked_as_broken']} of {s['blocked']} | {s['timeouts_found']} of "
            f"{s['timeouts']} | {srv['requests']} | {srv['served_429']} | "
            f"{srv['max_in_flight_one_host']} | {srv['busiest_host_requests']} in "
            f"{srv['busiest_host_span_s']:.1f} |")
    lychee = next((r for r in results if r["tool"] == "lychee"), None)
    rows.append("")
    for r in results:
        if lychee is not None and r is not lychee:
            ratio = r["score"]["throughput"] / lychee["score"]["throughput"]
            rows.append(f"Throughput {r['tool']} / lychee: **{ratio:.2f}×**.  ")
    if results:
        rows.append(f"Floor: {floor['floor_s']:.1f} s (busiest host "
                    f"{floor['busiest_host_s']:.1f} s at one request per {INTERVAL * 1000:.0f} ms;"
                    f" rate-limited host {floor['rate_limited_host_s']:.1f} s at "
                    f"{RATE_LIMIT:.0f}/s; longest timeout chain {TIMEOUT} s).")
    return "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", default="translitbib,lychee")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="linkbench-") as tmp:
        work = Path(tmp)
        hosts, _ = population.write(work, free_port())
        truth = json.loads((work / "truth.json").read_text())["links"]
        floor = floor_seconds(truth, {h.ip: h.kind for h in hosts})
        results = []
        for tool in args.tools.split(","):
            result = run_tool(tool, work)
            result["score"] = score(result, truth)
            print(f"{tool}: {result['wall_s']:.1f} s, exit {result['exit']}, "
                  f"{json.dumps(result['score'])}", file=sys.stderr)
            results.append(result)
    summary = {"population": {"urls": len(truth), "hosts": len(hosts),
                              "busiest_host_urls": max(Counter(x["host"] for x in truth)
                                                       .values()),
                              "truth": dict(Counter(x["truth"] for x in truth))},
               "floor": floor,
               "results": [{k: v for k, v in r.items() if k != "verdicts"} for r in results]}
    (args.out / "results.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    (args.out / "results.md").write_text(table(results, floor))
    print(table(results, floor))


if __name__ == "__main__":
    main()
