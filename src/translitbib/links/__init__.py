"""Link checking: which cited URLs are alive, moved, dead, soft-404, parked or blocked.

Light on purpose (importing it does not import aiohttp).  The pieces, in the order a run
uses them:

* ``extract``    - which URLs a library cites, where, and as of when;
* ``check``      - the asyncio checker (injected resolver, network probe and clock), with
  ``politeness`` (per-host gates, back-off, the global bound), ``netguard`` (resolution
  and the private-address guard), ``network`` (is this machine online?), ``content``
  (not-found and parking phrases, read from ``data/``), ``redirects`` (Location headers,
  moved for good or not, redirects that mean "not found") and ``clock``;
* ``verdict``    - ``LinkVerdict`` and the records a check produces;
* ``cache``      - the SQLite cache and its policy; ``archive`` - archived copies;
* ``run``        - one run (cache, checker, archive); ``step`` - the pipeline step;
* ``report``     - the Markdown section of report.md.
"""

from __future__ import annotations

from .verdict import LinkResult, LinkVerdict

__all__ = ["LinkResult", "LinkVerdict"]
