"""CPU seconds of each pipeline phase on one input, the lexicon load counted apart.

    .venv/bin/python bench/translit/phases.py bench/scale/data/refs-20000.bib

The lexicon is loaded first (from the cache; ``TRANSLITBIB_CACHE_DIR`` moves it), so the
steps after it show their own cost: deduplicate (``match_key`` on every title and first
author), link, normalize (every name, title, publisher and place).
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from translitbib.pipeline import ConvertOptions, default_steps
from translitbib.readers import read_inputs
from translitbib.translit.lexicon import get_lexicon


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    started = time.process_time()
    get_lexicon()
    print(f"lexicon load: {time.process_time() - started:.2f} s CPU, RSS {_rss_mb():,.0f} MB")
    started = time.process_time()
    library = read_inputs([args.path], None)
    print(f"read: {time.process_time() - started:.2f} s CPU, "
          f"{len(library.references):,} references, RSS {_rss_mb():,.0f} MB")
    for step in default_steps(ConvertOptions()):
        started = time.process_time()
        library = step(library)
        name = getattr(step, "__name__", type(step).__name__)
        print(f"{name}: {time.process_time() - started:.2f} s CPU, RSS {_rss_mb():,.0f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"normalizations: {len(library.normalizations):,}; peak RSS {peak:,.0f} MB")


def _rss_mb() -> float:
    """The resident set now (Linux), in MB."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


if __name__ == "__main__":
    main()
