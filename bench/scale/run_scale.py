"""Time translitbib convert against pybtex, bibtexparser v2, citation-js and pandoc.

Every tool runs as a child process; CPU seconds (user + system) and peak RSS come from
that child's rusage (``os.wait4``, like ``/usr/bin/time -v``), so interpreter start-up and
writing the output count for everyone.  Writes ``bench/scale/results.md`` (and
``results.json``) and prints the table.

    python bench/scale/run_scale.py                 # 20,000 and 100,000 entries
    python bench/scale/run_scale.py --sizes 2000 --tools translitbib,pybtex
    python bench/scale/run_scale.py --jobs 2        # pass --jobs to translitbib if it has one
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = HERE / "data"
CJS = HERE / "citationjs"
PY = sys.executable
TRANSLITBIB = str(Path(PY).with_name("translitbib"))
SEED = ROOT / "tests" / "data" / "seeds" / "000_73b8b495a264508a.txt"

PYBTEX = """
import sys
from pybtex import errors
from pybtex.database import parse_file
errors.set_strict_mode(False)  # duplicate keys are warnings, as in a real library
print(len(parse_file(sys.argv[1], bib_format="bibtex").entries))
"""
BIBTEXPARSER = """
import sys, bibtexparser
library = bibtexparser.parse_file(sys.argv[1])
print(len(library.entries))
"""
# The floor: split at '@', read braced/quoted/bare field values, no LaTeX decoding.
SCANNER = r"""
import re, sys
FIELD = re.compile(r'\s*([\w-]+)\s*=\s*(\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|"[^"]*"|[\w#\s"]+?)\s*(?:,|$)')
entries = []
for chunk in re.split(r'\n(?=@)', open(sys.argv[1], encoding='utf-8').read()):
    if not chunk.startswith('@'):
        continue
    head, _, body = chunk.partition('{')
    kind = head.strip('@ \n').lower()
    if kind in ('string', 'comment', 'preamble', ''):
        continue
    key, _, body = body.partition(',')
    entries.append((kind, key, {m[0].lower(): m[1] for m in FIELD.findall(body)}))
print(len(entries))
"""


@dataclass
class Run:
    tool: str
    size: int
    ok: bool
    cpu: float = 0.0
    wall: float = 0.0
    rss_mb: float = 0.0
    items: int = 0
    note: str = ""

    @property
    def rate(self) -> float:
        """Input entries per wall-clock second."""
        return self.size / self.wall if self.ok and self.wall else 0.0

    @property
    def cpu_rate(self) -> float:
        """Input entries per CPU second."""
        return self.size / self.cpu if self.ok and self.cpu else 0.0


def measure(cmd: list[str], timeout: float, cwd: Path | None = None) -> tuple[int, str, float, float, float]:
    """Run cmd; returns (exit code, stdout+stderr tail, CPU s, wall s, peak RSS MB).

    Through GNU time when it is there: a forked child's peak RSS counts the pages it
    inherited before exec, so the tool must be forked from a small process, not from us.
    """
    gnu_time = Path("/usr/bin/time")
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as stats:
        wrapped = [str(gnu_time), "-q", "-f", "%U %S %M", "-o", stats.name, *cmd] \
            if gnu_time.exists() else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        cpu, rss_kb = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
        fields = stats.read().split()[-3:] if gnu_time.exists() else []
        if len(fields) == 3:
            cpu, rss_kb = float(fields[0]) + float(fields[1]), int(fields[2])
    return proc.returncode, text[-2000:], cpu, wall, rss_kb / 1024


def tool_commands(bib: Path, out: Path, jobs: int | None, help_text: str) -> dict[str, list[str]]:
    tb = [TRANSLITBIB, "convert", str(bib), "--out"]
    extra = ["--jobs", str(jobs)] if jobs and "--jobs" in help_text else []
    return {
        "translitbib": [*tb, str(out / "tb"), *extra],
        "translitbib --jobs 1": [*tb, str(out / "tb-j1"), "--jobs", "1"],
        "translitbib CSL-JSON in": [TRANSLITBIB, "convert", str(bib.with_suffix(".json")),
                                     "--out", str(out / "tb-json"), *extra],
        "translitbib --no-normalize": [*tb, str(out / "tb-nn"), "--no-normalize", *extra],
        "citation-js": ["node", str(CJS / "convert.js"), str(bib), str(out / "cjs.json")],
        "pandoc": ["pandoc", "-f", "biblatex", "-t", "csljson", str(bib), "-o",
                   str(out / "pandoc.json")],
        "pybtex parse": [PY, "-c", PYBTEX, str(bib)],
        "bibtexparser v2 parse": [PY, "-c", BIBTEXPARSER, str(bib)],
        "regex scanner (floor)": [PY, "-c", SCANNER, str(bib)],
    }


def count_items(tool: str, out: Path, text: str) -> int:
    """Items in the tool's output; JSON is counted in a child so that we stay small."""
    paths = {"translitbib": out / "tb" / "references.json", "pandoc": out / "pandoc.json",
             "translitbib CSL-JSON in": out / "tb-json" / "references.json",
             "translitbib --no-normalize": out / "tb-nn" / "references.json",
             "translitbib --jobs 1": out / "tb-j1" / "references.json"}
    if tool in paths:
        if not paths[tool].exists():
            return 0
        counted = subprocess.run([PY, "-c", "import json, sys; print(len(json.load(open("
                                  "sys.argv[1], encoding='utf-8'))))", str(paths[tool])],
                                 capture_output=True, text=True)
        return int(counted.stdout.strip() or 0)
    numbers = re.findall(r"^(\d+)\s*$", text, re.MULTILINE)
    return int(numbers[-1]) if numbers else 0


def run_size(size: int, tools: list[str], jobs: int | None, timeout: float,
             help_text: str) -> list[Run]:
    bib = DATA / f"refs-{size}.bib"
    if not bib.exists():
        subprocess.run([PY, str(HERE / "generate_bib.py"), str(size), str(bib)], check=True)
    if "translitbib CSL-JSON in" in tools and not bib.with_suffix(".json").exists():
        csl_json_library(bib)
    runs = []
    with tempfile.TemporaryDirectory(prefix="tb-scale-") as tmp:
        out = Path(tmp)
        commands = tool_commands(bib, out, jobs, help_text)
        for tool in tools:
            print(f"  {size:>7} {tool} ...", end=" ", flush=True, file=sys.stderr)
            code, text, cpu, wall, rss = measure(commands[tool], timeout)
            run = Run(tool, size, code == 0, cpu, wall, rss)
            if code == 0:
                run.items = count_items(tool, out, text)
            else:
                run.note = f"exit {code}: " + text.strip().splitlines()[-1][:120] if text.strip() else f"exit {code}"
            print(f"{cpu:.1f} CPU s, {wall:.1f} s, {rss:.0f} MB {run.note}", file=sys.stderr)
            runs.append(run)
            for leftover in out.glob("*.json"):
                leftover.unlink()
    return runs


def csl_json_library(bib: Path) -> None:
    """The same library as CSL-JSON, as a reference manager exports it (translitbib's own
    CSL-JSON of the .bib, spellings as found): ``refs-N.json`` beside ``refs-N.bib``."""
    with tempfile.TemporaryDirectory(prefix="tb-scale-json-") as tmp:
        subprocess.run([TRANSLITBIB, "convert", str(bib), "--out", tmp, "--no-normalize"],
                       check=True, capture_output=True)
        shutil.copyfile(Path(tmp) / "references.json", bib.with_suffix(".json"))


def startup_ms(repeat: int = 7) -> float:
    """Best wall time of ``translitbib --help``."""
    return min(measure([TRANSLITBIB, "--help"], 30)[3] for _ in range(repeat)) * 1000


def seed_seconds() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        return min(measure([TRANSLITBIB, "convert", str(SEED), "--out", tmp], 120)[3]
                   for _ in range(3))


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), "0")

    def version(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
        except (OSError, IndexError):
            return "missing"

    cjs = CJS / "node_modules" / "@citation-js" / "core" / "package.json"
    cjs_version = json.loads(cjs.read_text())["version"] if cjs.exists() else "missing"
    return {
        "cpu": f"{cpu}, {os.cpu_count()} logical CPUs, {int(mem) / 2**20:.1f} GiB RAM",
        "os": platform.platform(),
        "python": platform.python_version(),
        "pandoc": version(["pandoc", "--version"]),
        "node": version(["node", "--version"]),
        "citation-js": cjs_version,
        "pybtex / bibtexparser": version([PY, "-c", "import importlib.metadata as m; "
                                          "print(m.version('pybtex'), '/', m.version('bibtexparser'))"]),
    }


def render(runs: list[Run], extras: dict[str, float], info: dict[str, str], argv: str) -> str:
    lines = ["# Scale benchmark results", "",
             f"Command: `{argv}`  ", f"Date: {time.strftime('%Y-%m-%d %H:%M')}", ""]
    lines += [f"- {k}: {v}" for k, v in info.items()]
    lines.append(f"- load average at the end: {os.getloadavg()[0]:.1f} (others' jobs share the machine)")
    for size in sorted({r.size for r in runs}):
        rows = [r for r in runs if r.size == size]
        tb = next((r for r in rows if r.tool == "translitbib" and r.ok), None)
        lines += ["", f"## {size:,} entries", "",
                  "| tool | CPU s | wall s | entries/CPU s | entries/s (wall) | peak MB "
                  "| items out | translitbib faster × | translitbib leaner × |",
                  "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
        for r in rows:
            if not r.ok:
                lines.append(f"| {r.tool} | failed | | | | | | | {r.note} |")
                continue
            ratios = ["", ""]
            if tb and r is not tb:
                ratios = [f"{r.cpu / tb.cpu:.2f}", f"{r.rss_mb / tb.rss_mb:.2f}"]
            lines.append(f"| {r.tool} | {r.cpu:.1f} | {r.wall:.1f} | {r.cpu_rate:,.0f} | "
                         f"{r.rate:,.0f} | {r.rss_mb:,.0f} | {r.items:,} | "
                         + " | ".join(ratios) + " |")
    lines += ["", "*faster ×* is the tool's CPU seconds over translitbib's (> 1: translitbib "
              "is faster; CPU time, because the machine is shared and wall time is noisy); "
              "*leaner ×* is the tool's peak RSS over translitbib's (> 1: translitbib uses "
              "less).  Entries are the entries in the input file."]
    lines += ["", "## Targets", "", *targets(runs, extras)]
    return "\n".join(lines) + "\n"


def targets(runs: list[Run], extras: dict[str, float]) -> list[str]:
    big = max((r.size for r in runs), default=0)
    by = {r.tool: r for r in runs if r.size == big and r.ok}
    tb = by.get("translitbib")
    out = []

    def check(label: str, ok: bool | None, value: str) -> None:
        mark = "n/a" if ok is None else "met" if ok else "**missed**"
        out.append(f"| {label} | {value} | {mark} |")

    out += ["| target | measured | |", "|---|---|---|"]
    if tb:
        check(f"≥ 15,000 entries/s end to end ({big:,} entries)", tb.rate >= 15000,
              f"{tb.rate:,.0f}/s wall, {tb.cpu_rate:,.0f}/CPU s")
        for tool, factor in (("citation-js", 2), ("pandoc", 15)):
            other = by.get(tool)
            check(f"≥ {factor}× {tool} (CPU)", other and other.cpu / tb.cpu >= factor,
                  f"{other.cpu / tb.cpu:.2f}×" if other else "not run")
        check("peak memory ≤ 500 MB", tb.rss_mb <= 500, f"{tb.rss_mb:,.0f} MB")
    if "help_ms" in extras:
        check("translitbib --help ≤ 150 ms", extras["help_ms"] <= 150, f"{extras['help_ms']:.0f} ms")
    if "seed_s" in extras:
        check("seed essay < 1 s", extras["seed_s"] < 1, f"{extras['seed_s']:.2f} s")
    return out


def main() -> None:
    tools = list(tool_commands(Path("x"), Path("x"), None, ""))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,100000")
    default = [t for t in tools if t != "translitbib --no-normalize"]
    parser.add_argument("--tools", default=",".join(default),
                        help=f"any of: {', '.join(tools)} (default: all but --no-normalize)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="pass --jobs N to translitbib convert (when it has the option)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per tool run")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    chosen = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = set(chosen) - set(tools)
    if unknown:
        parser.error(f"unknown tools: {', '.join(sorted(unknown))}")
    if not (CJS / "node_modules").exists() and "citation-js" in chosen and shutil.which("npm"):
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=CJS, check=True)
    help_text = subprocess.run([TRANSLITBIB, "convert", "--help"], capture_output=True,
                               text=True).stdout
    extras = {"help_ms": startup_ms(), "seed_s": seed_seconds()}
    runs: list[Run] = []
    for size in (int(s) for s in args.sizes.split(",")):
        runs += run_size(size, chosen, args.jobs, args.timeout, help_text)
    argv = "python bench/scale/run_scale.py " + " ".join(sys.argv[1:])
    text = render(runs, extras, machine(), argv.strip())
    args.out.write_text(text, encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(
        {"runs": [asdict(r) | {"rate": r.rate, "cpu_rate": r.cpu_rate} for r in runs], **extras}, indent=1) + "\n")
    print(text)


if __name__ == "__main__":
    main()
