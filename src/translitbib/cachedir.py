"""Where translitbib keeps what it can rebuild: the word index and the link cache.

``$TRANSLITBIB_CACHE_DIR`` when set (tests and CI point it inside the project), else the
user cache directory (``~/.cache/translitbib`` on Linux).  Everything in it can be deleted.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "TRANSLITBIB_CACHE_DIR"


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("translitbib"))
