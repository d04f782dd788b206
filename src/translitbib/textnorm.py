"""Unicode NFC for everything translitbib writes.

A decomposed ``Z`` + caron (iuliia's ISO 9 tables write it so; so does a macOS file) and
the one letter ``Ž`` look alike but search, sort and key differently in every client:
every output is NFC.  Files get it as they are written (``atomic``, a batch of records at
a time, which is quick); the ``format_*`` functions that return a whole file as text get
it once on the whole.
"""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """``text`` in Unicode NFC (unchanged, and not copied, when it already is)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
