"""The mapping tables (``data/*.json``): loaded once, read-only."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources
from typing import Any


@cache
def load_table(name: str) -> dict[str, Any]:
    """``load_table("bibtex")`` -> the parsed ``data/bibtex.json``."""
    text = resources.files(__package__).joinpath("data", f"{name}.json").read_text("utf-8")
    return json.loads(text)


@cache
def _language_index() -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for lang in load_table("languages")["languages"]:
        for spelling in (lang["bcp47"], lang["babel"], *lang["aliases"]):
            index[spelling.lower()] = lang
    return index


@lru_cache(maxsize=1024)  # a library names few languages, on every reference
def language_tag(value: str) -> str:
    """Any spelling of a language -> its BCP 47 tag (``Russian`` -> ``ru``); else as given."""
    lang = _language_index().get(value.strip().lower())
    return lang["bcp47"] if lang else value.strip()


@lru_cache(maxsize=1024)
def babel_name(value: str) -> str:
    """Any spelling of a language -> the babel name langid takes (``ru`` -> ``russian``)."""
    lang = _language_index().get(value.strip().lower())
    return lang["babel"] if lang else value.strip().lower()
