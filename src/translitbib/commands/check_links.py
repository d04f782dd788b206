"""``translitbib check-links``: is each cited URL alive, moved, dead, soft-404, parked...?"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..exit_codes import ExitCode
from .link_options import link_check_options, link_settings_mapping

if TYPE_CHECKING:
    from ..links.cache import CacheNotice
    from ..links.extract import CitedUrl
    from ..links.verdict import LinkResult
    from ..model import Library

URL_LIST_SUFFIXES = {".urls", ".list", ".lst"}


@click.command("check-links")
@click.argument("inputs", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON (no progress).")
@link_check_options
def check_links(inputs: tuple[Path, ...], as_json: bool, **link_options: Any) -> None:
    """Check every URL cited in INPUTS: essays (.txt, .md, .html), BibTeX (.bib), CSL-JSON
    (.json) or plain lists of URLs (one a line).

    Verdicts: alive, redirected, dead, soft-404, parked (the three counted as link rot),
    blocked, timeout, unreachable, offline, refused, unsupported.  A machine without
    network says so once and reports no link dead.

    \b
    Exit codes: 0 no rot, 4 at least one dead, soft-404 or parked link,
                1 an input cannot be read or yields no URL,
                2 bad options.  A damaged cache file is moved aside and
                rebuilt, a locked or unwritable one is done without: a warning.
    \b
    Example:
      translitbib check-links essay.txt --json > links.json
    """
    from ..errors import TranslitbibError
    from ..links.run import LinkSettings, check_cited

    try:
        cited = _cited_urls(inputs)
        settings = LinkSettings.from_mapping(link_settings_mapping(link_options))
    except TranslitbibError as exc:
        click.echo(f"translitbib: error: {exc}", err=True)
        sys.exit(int(ExitCode.INPUT_ERROR if exc.path else ExitCode.USAGE_ERROR))
    distinct = len({c.url for c in cited})

    def warn(notice: CacheNotice) -> None:
        click.echo(f"translitbib: warning: {notice}", err=True)

    show_bar = not as_json and sys.stderr.isatty() and distinct > 0
    try:
        if show_bar:
            with click.progressbar(length=distinct, label="Checking links", file=sys.stderr,
                                   show_pos=True) as bar:
                results = check_cited(cited, settings, on_outcome=lambda _o: bar.update(1),
                                      on_notice=warn)
        else:
            results = check_cited(cited, settings, on_notice=warn)
    except TranslitbibError as exc:
        click.echo(f"translitbib: error: {exc}", err=True)
        sys.exit(int(ExitCode.USAGE_ERROR))
    if as_json:
        click.echo(json.dumps(_as_json(results), ensure_ascii=False, indent=2))
    else:
        _print_table(results)
    rot = any(r.verdict.is_rot() for r in results)
    sys.exit(int(ExitCode.LINK_ROT if rot else ExitCode.OK))


def _cited_urls(inputs: tuple[Path, ...]) -> list[CitedUrl]:
    """Every URL the inputs cite; an input with text but no URL is an error."""
    from ..errors import InputError
    from ..links.extract import extract_urls, looks_like_url_list, read_url_list
    from ..readers import document_format, read_path
    from ..readers.text import decode_bytes

    cited: list[CitedUrl] = []
    for path in inputs:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
        if data.strip() and document_format(path, data) is not None:
            library = _with_keys(read_path(path))  # a Word or OpenDocument essay: no text
        elif not (text := decode_bytes(data, str(path)).text).strip():
            click.echo(f"translitbib: {path}: empty, nothing to check", err=True)
            continue
        elif path.suffix.lower() in URL_LIST_SUFFIXES or looks_like_url_list(text):
            library = read_url_list(text, str(path))
        else:
            library = _with_keys(read_path(path))
        found = extract_urls(library)
        if not found:
            raise InputError("no URL found in this input", path=str(path),
                             hint="check-links reads essays (.txt, .md, .docx, .odt), "
                                  ".bib, CSL-JSON, RIS or URL lists")
        cited.extend(found)
    return cited


def _as_json(results: list[LinkResult]) -> dict[str, object]:
    from ..links.run import summarize

    counts = summarize(results)
    return {
        "network": "offline" if counts["offline"] else "online",
        "summary": {"links": len(results),
                    "rot": sum(1 for r in results if r.verdict.is_rot()),
                    **{k: v for k, v in counts.items() if v}},
        "links": [r.to_dict() for r in results],
    }


def _print_table(results: list[LinkResult]) -> None:
    from ..links.run import network_notice, summarize

    width = max((len(r.url) for r in results), default=0)
    for r in sorted(results, key=lambda r: (not r.verdict.is_rot(), str(r.verdict), r.url)):
        o = r.outcome
        where = ", ".join(f"{c.path}:{c.line}" for c in r.cited_by)
        extra = o.evidence
        if o.final_url and o.final_url != o.url and o.final_url not in extra:
            extra += f" -> {o.final_url}"
        if o.archive_url:
            extra += f"; archived: {o.archive_url}"
        status = str(o.status) if o.status is not None else "-"
        click.echo(f"{o.verdict!s:<12} {status:>4}  {r.url:<{width}}  {where}  {extra}".rstrip())
    counts = summarize(results)
    rot = sum(1 for r in results if r.verdict.is_rot())
    parts = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
    click.echo(f"\n{len(results)} links: {parts}; {rot} rotten.")
    notice = network_notice([str(r.verdict) for r in results], [r.url for r in results])
    if notice:
        click.echo(notice)


def _with_keys(library: Library) -> Library:
    """The references under the citation keys a default ``convert`` gives them, so that
    a report of links names the same references."""
    from ..pipeline import ConvertOptions, default_steps

    for step in default_steps(ConvertOptions()):
        library = step(library)
    return library
