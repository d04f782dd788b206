"""One normalization as the report shows it: what was written, how it was read, and why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..model import Reference


@dataclass(slots=True, eq=False)
class Normalization:
    """A word that was changed, or that could be (a typo suspect, a guess)."""

    field: str
    original: str
    cyrillic: str | None
    lemma: str | None
    normalized: str
    kind: str
    confidence: float
    evidence: tuple[str, ...]  # shared with the resolution (a tuple of str: the collector
    # need not track it, which matters with a hundred thousand records)
    applied: bool
    reference: Reference | None = None  # ids are assigned after this step: read lazily
    where: str = ""  # a description when there is no reference (a citation, a text)
    candidates: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference_label(),
            "field": self.field,
            "original": self.original,
            "cyrillic": self.cyrillic,
            "lemma": self.lemma,
            "normalized": self.normalized,
            "kind": self.kind,
            "confidence": self.confidence,
            "evidence": list(self.evidence),
            "applied": self.applied,
        }

    def reference_label(self) -> str:
        ref = self.reference
        if ref is None:
            return self.where
        if ref.id:
            return ref.id
        title = ref.fields.get("title", "")[:40]
        return f"{ref.source} {title}".strip()


def record_to_tuple(record: Normalization) -> tuple[Any, ...]:
    """A record made for a reference, without it (``parallel`` sends these back)."""
    return (record.field, record.original, record.cyrillic, record.lemma, record.normalized,
            record.kind, record.confidence, record.evidence, record.applied, record.where,
            record.candidates)


def record_from_tuple(data: tuple[Any, ...], reference: Reference | None) -> Normalization:
    (name, original, cyrillic, lemma, normalized, kind, confidence, evidence, applied, where,
     candidates) = data
    return Normalization(name, original, cyrillic, lemma, normalized, kind, confidence,
                         evidence, applied, reference, where, candidates)


class ChangeTexts:
    """What is written of a change after a record's reference and field, made once: every
    record of one change (Zhukovskaya -> Zhukovskaia in a thousand references) says the
    same there.  Kept for ``KEPT`` changes at most (then begun again)."""

    KEPT = 1 << 16

    def __init__(self) -> None:
        self._texts: dict[tuple[Any, ...], str] = {}

    def get(self, record: object, write: Callable[[], str]) -> str | None:
        """The text for ``record``'s change, ``write()`` the first time; None for anything
        that is not a Normalization with a tuple of evidence (no key can be made of it)."""
        if type(record) is not Normalization or type(record.evidence) is not tuple:
            return None
        key = (record.original, record.cyrillic, record.lemma, record.normalized,
               record.kind, record.confidence, record.evidence, record.applied)
        text = self._texts.get(key)
        if text is None:
            if len(self._texts) >= self.KEPT:
                self._texts.clear()
            text = self._texts[key] = write()
        return text
