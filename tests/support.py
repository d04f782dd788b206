"""What tests share: paths to the test data and a runner for the installed CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
DATA = TESTS / "data"
SEED_PDF = DATA / "seeds" / "000_73b8b495a264508a.txt"
SEED_HTML = DATA / "seeds" / "002_b3fa9359d4eef8b0.txt"
CSL_SCHEMA = DATA / "csl" / "csl-data.json"


def translitbib_command() -> list[str]:
    """The installed console script (as a user runs it), next to this interpreter."""
    script = Path(sys.executable).with_name("translitbib")
    if script.exists():
        return [str(script)]
    found = shutil.which("translitbib")
    if found:
        return [found]
    pytest.fail("the translitbib console script is not installed (pip install -e .)")


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*translitbib_command(), *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env={**os.environ, **(env or {})})
