"""translitbib: clean, deduplicated bibliographies from texts that cite Russian sources.

The public API is what ``__all__`` lists; every other module is private and free to change.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
