"""The long fuzz job: the suite's strategies and checks, for minutes instead of seconds.

Runs every target in rounds with fresh random seeds until the time is up (or the example
budget is spent).  A crash is shrunk by Hypothesis to a minimal input, recorded once under
its signature (exception type, innermost translitbib frame), then stepped over so the run
keeps looking for others.  Writes ``bench/fuzz/results.json`` and prints a summary.

    python bench/fuzz/run_long.py --minutes 30           # or FUZZ_MINUTES=30
    python bench/fuzz/run_long.py --examples 20000       # or FUZZ_EXAMPLES=20000
    python bench/fuzz/run_long.py --targets reader:bibtex,pipeline:normalized
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # for ``tests.fuzz``

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.fuzz import checks  # noqa: E402
from tests.fuzz.strategies import (  # noqa: E402
    DOCUMENT_SUFFIX,
    SUFFIX,
    TEXT_BY_FORMAT,
    bibtex_library,
    csljson_library,
    ris_library,
    word_document_bytes,
)

any_input = st.sampled_from(sorted(TEXT_BY_FORMAT)).flatmap(
    lambda fmt: st.tuples(st.just(fmt), TEXT_BY_FORMAT[fmt]))
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8-r", "latin-1"]


def _in_file(fmt: str, data: bytes, call: Callable[[Path], object]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{(SUFFIX | DOCUMENT_SUFFIX).get(fmt, '.dat')}"
        path.write_bytes(data)
        call(path)


def _lost_none(fmt: str, pair: tuple[str, list[str]]) -> None:
    text, keys = pair
    library = checks.read_text(fmt, text, f"fuzz{SUFFIX[fmt]}")
    ids = {ref.id for ref in library.references} if library else set()
    assert ids >= set(keys), f"lost: {sorted(set(keys) - ids)}"


# name -> (strategy, check, share of the round's examples)
TARGETS: dict[str, tuple[st.SearchStrategy, Callable[[object], None], float]] = {
    **{f"reader:{fmt}": (strategy, lambda text, fmt=fmt: checks.read_text(
        fmt, text, f"fuzz{SUFFIX[fmt]}"), 1.0) for fmt, strategy in TEXT_BY_FORMAT.items()},
    "read_path:bytes": (st.tuples(st.sampled_from([*SUFFIX, "none"]), st.binary(max_size=2000)),
                        lambda p: _in_file(p[0], p[1], lambda f: checks.read_file(
                            f, None if p[0] == "none" else p[0])), 1.0),
    "read_path:encoded": (st.tuples(any_input, st.sampled_from(ENCODINGS)),
                          lambda p: _in_file(p[0][0], p[0][1].encode(p[1], "replace"),
                                             lambda f: checks.read_file(f, None)), 1.0),
    "read_path:docx": (word_document_bytes(), lambda data: _in_file(
        "docx", data, lambda f: checks.read_file(f, None)), 0.5),
    "lost-none:bibtex": (bibtex_library(), lambda p: _lost_none("bibtex", p), 0.5),
    "lost-none:csljson": (csljson_library(), lambda p: _lost_none("csljson", p), 0.5),
    "lost-none:ris": (ris_library(), lambda p: _lost_none("ris", p), 0.5),
    "pipeline:raw": (any_input, lambda p: _in_file(
        p[0], p[1].encode("utf-8", "surrogatepass"),
        lambda f: checks.run_pipeline(f, normalize=False)), 0.25),
    "pipeline:normalized": (any_input, lambda p: _in_file(
        p[0], p[1].encode("utf-8", "surrogatepass"),
        lambda f: checks.run_pipeline(f, normalize=True)), 0.25),
}


def _failures(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for sub in exc.exceptions for leaf in _failures(sub)]
    return [exc]


def run_round(name: str, examples: int, round_seed: int, counts: Counter[str],
              crashes: dict[str, dict[str, object]]) -> None:
    strategy, check, _ = TARGETS[name]

    @seed(round_seed)
    @settings(max_examples=examples, deadline=None, database=None, print_blob=True,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def target(value: object) -> None:
        counts[name] += 1
        check(value)

    try:
        target()
    except Exception as exc:  # a new crash: record its shrunk input, then step over it
        for failure in _failures(exc):
            sig = checks.signature(failure)
            checks.tolerated.add(sig)
            key = f"{sig[0]} at {sig[1]}"
            notes = "\n".join(getattr(failure, "__notes__", []))
            crashes.setdefault(key, {"target": name, "message": str(failure)[:300],
                                     "minimal input": notes[:3000], "seed": round_seed})
            print(f"  CRASH {key} ({name})\n{notes[:1500]}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=float(os.environ.get("FUZZ_MINUTES", 10)))
    parser.add_argument("--examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", 0)),
                        help="stop after this many inputs in all (0: only the time limit)")
    parser.add_argument("--round", type=int, default=400, help="examples per target per round")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    names = [t for t in args.targets.split(",") if t]
    counts: Counter[str] = Counter()
    crashes: dict[str, dict[str, object]] = {}
    rng = random.Random(os.environ.get("FUZZ_SEED"))
    start = time.monotonic()
    deadline = start + args.minutes * 60
    rounds = 0
    while time.monotonic() < deadline and not (args.examples and counts.total() >= args.examples):
        rounds += 1
        for name in names:
            if time.monotonic() >= deadline:
                break
            run_round(name, max(10, int(args.round * TARGETS[name][2])), rng.randrange(2**32),
                      counts, crashes)
        print(f"round {rounds}: {counts.total():,} inputs, {len(crashes)} crashes, "
              f"{(time.monotonic() - start) / 60:.1f} min", file=sys.stderr)
    result = {
        "minutes": round((time.monotonic() - start) / 60, 1),
        "rounds": rounds,
        "inputs": counts.total(),
        "inputs by target": dict(counts),
        "crashes": crashes,
        "known crashes stepped over": {f"{k[0]} at {k[1]}": n for k, n in checks.hits.items()},
    }
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "crashes"}, indent=1))
    print(f"{len(crashes)} distinct crashes" + "".join(f"\n  {k}" for k in crashes))


if __name__ == "__main__":
    main()
