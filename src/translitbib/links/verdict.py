"""What a link check concludes: a verdict a person can act on, and the record around it.

Only ``dead``, ``soft-404`` and ``parked`` count as link rot.  ``blocked``, ``timeout``,
``unreachable``, ``refused``, ``unsupported`` and ``offline`` are reported, never counted
as rot: they say the checker could not tell, not that the page is gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..model import Reference


class LinkVerdict(StrEnum):
    ALIVE = "alive"
    REDIRECTED = "redirected"  # alive at another address (see final_url and the chain)
    DEAD = "dead"  # 404, 410, a name that does not exist, a redirect loop or dead end
    SOFT_404 = "soft-404"  # answers 200 with a "page not found" page
    PARKED = "parked"  # a domain-for-sale page
    BLOCKED = "blocked"  # a bot wall, an auth wall, persistent 429, TLS failure
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"  # connection refused or reset, persistent 5xx
    OFFLINE = "offline"  # this machine has no network: nothing was learnt about the link
    REFUSED = "refused"  # a private, loopback or link-local destination (not allowed)
    UNSUPPORTED = "unsupported"  # not http or https

    def is_rot(self) -> bool:
        return self in ROT_VERDICTS

    def is_alive(self) -> bool:
        return self in (LinkVerdict.ALIVE, LinkVerdict.REDIRECTED)


ROT_VERDICTS = frozenset({LinkVerdict.DEAD, LinkVerdict.SOFT_404, LinkVerdict.PARKED})


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a redirect chain: the URL asked for and the status it answered."""

    url: str
    status: int

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "status": self.status}


@dataclass(slots=True)
class CheckOutcome:
    """What checking one URL found, before it is tied to the places that cite it."""

    url: str
    verdict: LinkVerdict
    status: int | None = None
    final_url: str | None = None
    redirects: list[Hop] = field(default_factory=list)
    evidence: str = ""
    checked_at: str = ""
    archive_url: str | None = None
    from_cache: bool = False
    attempts: int = 0


@dataclass(frozen=True, slots=True)
class CitedBy:
    """A place that cites a URL; ``reference`` is kept as an object (ids come later)."""

    path: str
    line: int
    reference: Reference | None = None

    def to_dict(self) -> dict[str, Any]:
        ref_id = (self.reference.id or None) if self.reference is not None else None
        return {"reference": ref_id, "path": self.path, "line": self.line}


@dataclass(slots=True)
class LinkResult:
    """A checked URL with every place that cites it: one row of report.json ``links``."""

    outcome: CheckOutcome
    cited_by: list[CitedBy] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.outcome.url

    @property
    def verdict(self) -> LinkVerdict:
        return self.outcome.verdict

    def to_dict(self) -> dict[str, Any]:
        o = self.outcome
        return {
            "url": o.url,
            "verdict": str(o.verdict),
            "status": o.status,
            "final_url": o.final_url,
            "redirects": [hop.to_dict() for hop in o.redirects],
            "archive_url": o.archive_url,
            "checked_at": o.checked_at,
            "evidence": o.evidence,
            "from_cache": o.from_cache,
            "cited_by": [c.to_dict() for c in self.cited_by],
        }
