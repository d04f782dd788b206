"""A URL in running text: where it starts, and where it ends.

A URL runs to the first space, angle bracket, double quote or guillemet (« » „ “ ” ‹ ›: a
Russian or German text quotes a URL in them; an apostrophe stays, as in Wikipedia's
``Doctors'_plot``), then gives back what a sentence put after it: a full
stop, a comma, a closing quote, the ``*`` or ``_`` of emphasis, an ellipsis, and a closing
parenthesis that opens nowhere in it (``(see http://x.org/a).``), while a paired one stays
(``https://en.wikipedia.org/wiki/Beria_(disambiguation)``).  The essay reader, the
bibliography entry parser and the link checker all cut URLs so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: the run of characters a URL may take (checked by ``trim_url`` for what ends it)
URL_RUN = re.compile(r"""(?:https?|ftp)://[^\s<>"`{}|\\^\[\]«»„“”‹›]+""", re.IGNORECASE)
#: what a sentence puts after a URL („…“ closes with “ in Russian and German)
TRAILING = ".,;:!?'\"»”“’‘›…)*_<>"


def is_web_url(url: str) -> bool:
    """Whether a link's target is a web address worth citing (not mailto:, #note1, a file)."""
    return url.lower().startswith(("http://", "https://", "ftp://"))


def trim_url(run: str) -> str:
    """``run`` without the punctuation that ends the sentence around it."""
    end, opened, closed = len(run), run.count("("), run.count(")")  # (counted once)
    while end and run[end - 1] in TRAILING:
        if run[end - 1] == ")":
            if opened >= closed:
                break  # a paired parenthesis belongs to the URL
            closed -= 1
        end -= 1
    return run[:end]


def urls_in(text: str) -> Iterator[tuple[int, str]]:
    """Each URL in ``text`` with its offset, trimmed (a bare scheme is none)."""
    for match in URL_RUN.finditer(text):
        url = trim_url(match.group(0))
        if not url.endswith("://"):
            yield match.start(), url
