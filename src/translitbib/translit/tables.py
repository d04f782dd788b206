"""Loading the data tables shipped in ``translit/data`` (TOML, read once per process)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_table(name: str) -> dict[str, Any]:
    """The parsed ``data/<name>.toml``; cached, so every caller shares one copy."""
    text = resources.files("translitbib.translit").joinpath("data", f"{name}.toml").read_text(
        encoding="utf-8"
    )
    return tomllib.loads(text)
