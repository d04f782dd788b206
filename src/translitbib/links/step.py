"""The pipeline step: check every cited URL and fold the verdicts into the references.

* alive or redirected: the reference gets today's date as ``accessed`` (unless it has one);
* dead, soft-404 or parked: a sentence in its ``note`` ("Link dead when checked 2026-11-22
  (HTTP 404)."), and when an archived copy exists, ``archive`` = "Internet Archive" and
  ``archive_location`` = its URL (CSL variables; each writer maps them for its target);
* anything else (blocked, timeout, offline...) changes no reference: it is in the report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Date, Library, Reference, Severity
from .verdict import CheckOutcome, LinkResult, LinkVerdict

if TYPE_CHECKING:
    from ..pipeline import ConvertOptions
    from .run import Network

ARCHIVE_NAME = "Internet Archive"


def make_link_step(options: ConvertOptions,
                   network: Network | None = None) -> Callable[[Library], Library]:
    """A step that checks links when ``options.check_links`` is set (else leaves the library)."""
    from .run import LinkSettings

    settings = LinkSettings.from_mapping(options.link_options)

    def check_links_step(library: Library) -> Library:
        if not options.check_links:
            return library
        from .extract import extract_urls
        from .run import check_cited

        results = check_cited(extract_urls(library), settings, network, on_notice=lambda n:
                              library.add_problem(Severity.WARNING, str(n.trouble), str(n)))
        library.links = list(results)
        fold_into_references(results)
        return library

    return check_links_step


def fold_into_references(results: list[LinkResult]) -> None:
    for result in results:
        refs = {id(c.reference): c.reference for c in result.cited_by if c.reference is not None}
        for ref in refs.values():
            _fold(ref, result)


def _fold(ref: Reference, result: LinkResult) -> None:
    outcome = result.outcome
    day = outcome.checked_at[:10]
    if outcome.verdict.is_alive():
        if "accessed" not in ref.dates and day:
            year, month, dom = (int(part) for part in day.split("-"))
            ref.dates["accessed"] = Date(year, month, dom)
        return
    if not outcome.verdict.is_rot():
        return
    sentence = rot_sentence(result)
    note = ref.fields.get("note", "")
    if sentence not in note:
        ref.fields["note"] = f"{note} {sentence}".strip() if note else sentence
    if outcome.archive_url:
        ref.fields["archive"] = ARCHIVE_NAME
        ref.fields["archive_location"] = outcome.archive_url


def rot_sentence(result: LinkResult) -> str:
    outcome = result.outcome
    day = outcome.checked_at[:10]
    if outcome.verdict is LinkVerdict.DEAD:
        return f"Link dead when checked {day} ({_dead_because(outcome)})."
    if outcome.verdict is LinkVerdict.SOFT_404:
        return f"Link showed a \u201cpage not found\u201d page when checked {day}."
    return f"Link pointed to a parked (for sale) domain when checked {day}."


def _dead_because(outcome: CheckOutcome) -> str:
    """A short reason fit for a bibliography note."""
    if outcome.status in (404, 410):
        return f"HTTP {outcome.status}"
    evidence = outcome.evidence
    for marker, reason in (("DNS", "the domain name no longer exists"),
                           ("redirect loop", "redirect loop"),
                           ("more than", "too many redirects"),
                           ("non-web address", "redirects away from the web"),
                           ("invalid address", "redirects to an invalid address")):
        if marker in evidence:
            return reason
    return evidence
