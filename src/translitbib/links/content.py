"""Reading the first few KB of a page: is it a "not found" page or a parked domain?

Phrase tables are data (``data/*.txt``), English and Russian.  A not-found phrase counts
only where a page says what it is (its title, a heading, or the opening words), so an
article that merely mentions "page not found" is not taken for one.
"""

from __future__ import annotations

import codecs
import html
import re
from functools import cache
from importlib import resources

from ..readers.text import prefer_cyrillic  # the essay reader's rule

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"<h[12][^>]*>(.*?)</h[12]", re.IGNORECASE | re.DOTALL)
_INVISIBLE = re.compile(r"<(script|style|noscript)[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
OPENING_CHARS = 300  # how much of a page's text counts as "what it says first"


@cache
def _phrases(name: str) -> tuple[str, ...]:
    text = resources.files("translitbib.links").joinpath("data", name).read_text("utf-8")
    # ё is folded to е on both sides: Russian sites spell the same phrase either way
    lines = (line.strip().lower().replace("ё", "е") for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def decode_page(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text: the declared charset, else UTF-8, else cp1251 or KOI8-R, whichever
    reads as Russian (old Russian sites often declare nothing).

    ``body`` is usually the first few KB of a longer page, so its last character may be
    cut in two: that part is dropped, not taken as proof that the page is not UTF-8.
    """
    declared = _CHARSET.search((content_type or "").encode("latin-1", "replace"))
    declared = declared or _CHARSET.search(body[:2048])
    candidates = [declared.group(1).decode("ascii", "replace")] if declared else []
    for encoding in dict.fromkeys([*candidates, "utf-8"]):
        try:
            return codecs.getincrementaldecoder(encoding)().decode(body, final=False)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode(prefer_cyrillic(body, "cp1251"), errors="replace")


def _plain(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip().lower()


def visible_text(page: str) -> str:
    return _plain(_INVISIBLE.sub(" ", page))


def _headline(page: str) -> str:
    """Title, top headings and the opening words: where a page says what it is."""
    parts = [_plain(m.group(1)) for m in _TITLE.finditer(page)]
    parts += [_plain(m.group(1)) for m in _HEADING.finditer(page)]
    parts.append(visible_text(page)[:OPENING_CHARS])
    return " | ".join(parts)


def page_title(page: str) -> str:
    """The page's first <title>, plain and lower-case ("" when it has none)."""
    match = _TITLE.search(page)
    return _plain(match.group(1)) if match else ""


def not_found_phrase(page: str) -> str | None:
    headline = _headline(page).replace("ё", "е")
    return next((p for p in _phrases("not_found_phrases.txt") if p in headline), None)


def parked_phrase(page: str) -> str | None:
    text = (_headline(page) + " " + visible_text(page)).replace("ё", "е")
    return next((p for p in _phrases("parked_phrases.txt") if p in text), None)


def is_parking_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in _phrases("parking_hosts.txt"))


def fingerprint(page: str, *, drop: tuple[str, ...] = ()) -> frozenset[str]:
    """Word 3-gram shingles of a page's text, with the given strings (paths) removed."""
    text = visible_text(page)
    for item in drop:
        if item:
            text = text.replace(item.lower(), " ")
    words = _WORD.findall(text)
    if len(words) < 3:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two fingerprints (1.0 for two empty pages)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def is_home_path(path: str) -> bool:
    """``/``, ``/index.html``, ``/index.php``, ``/default.aspx``, ``/ru/``: a site's front page."""
    stripped = path.strip("/").lower()
    if stripped in ("", "index", "default", "home", "main", "ru", "en", "ru/index", "en/index"):
        return True
    return bool(re.fullmatch(r"(?:[a-z]{2}/)?(?:index|default|home|main)\.\w{2,5}", stripped))
