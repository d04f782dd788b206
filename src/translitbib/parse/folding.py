"""A simple spelling-tolerant key: the fallback when the transliteration normalizer is absent.

Lower case, no diacritics, no apostrophes or soft signs, ``y``/``j`` as ``i``, doubled
letters once: ``Ubiystvo`` and ``Ubyistvo`` -> ``ubistvo``; ``Beriia`` and ``Beria`` -> ``beria``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .letters import SMALL

_DROP = re.compile(r"['’ʹʺ\"`ʼ*]")
_NON_WORD = re.compile(rf"[^0-9{SMALL}]+")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def folding_key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _DROP.sub("", text)
    text = text.replace("y", "i").replace("j", "i")
    text = _NON_WORD.sub(" ", text)
    return _DOUBLED.sub(r"\1", text).strip()
