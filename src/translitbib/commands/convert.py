"""``translitbib convert``: inputs in; references.bib/.json/.ris and a report out."""

from __future__ import annotations

import contextlib
import gc
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..exit_codes import ExitCode
from ..translit import NAMES_POLICIES, SCHEMES
from ..writers import DEFAULT_TARGET, TARGETS
from .link_options import link_check_options, link_settings_mapping

if TYPE_CHECKING:
    from ..model import Library


@click.command("convert")
@click.argument("inputs", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--from", "input_format",
              type=click.Choice(["essay", "html", "docx", "odt", "bibtex", "csljson", "ris"]),
              help="Read every input as this format [default: by suffix, then by content].")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("out"), show_default=True, help="Directory for the outputs.")
@click.option("--scheme", type=click.Choice(SCHEMES), default="ala-lc", show_default=True,
              help="Romanization scheme for Russian words (as-found: change nothing).")
@click.option("--names", "names_policy", type=click.Choice(NAMES_POLICIES),
              default="established", show_default=True,
              help="Personal names: established English forms (Beria), the scheme's "
                   "systematic form (Beriia), or as found.")
@click.option("--authority", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="A TOML file of name forms that override both policies.")
@click.option("--fix-typos", is_flag=True, help="Apply suspected typo corrections "
              "(they are only reported otherwise).")
@click.option("--no-normalize", is_flag=True, help="Skip transliteration normalization.")
@click.option("--target", type=click.Choice(TARGETS), default=DEFAULT_TARGET, show_default=True,
              help="The client the .bib is written for.")
@click.option("--jobs", type=click.IntRange(0), default=0, show_default=True, metavar="N",
              help="Processes that read, normalize and write side by side (0: every core "
                   "when the library has 10,000 entries or more, else one).")
@click.option("--check-links", is_flag=True,
              help="Check every cited URL and fold the verdicts into the outputs "
                   "(the options below tune the checker, as in check-links).")
@link_check_options
def convert(inputs: tuple[Path, ...], input_format: str | None, out_dir: Path, scheme: str,
            names_policy: str, authority: Path | None, fix_typos: bool, no_normalize: bool,
            target: str, jobs: int, check_links: bool, **link_options: Any) -> None:
    """Convert essays (.txt, .md, web pages .html, Word .docx, LibreOffice .odt), BibTeX
    (.bib), CSL-JSON (.json) or RIS (.ris) into one clean, deduplicated bibliography.

    Writes OUT/references.bib, references.json (CSL-JSON), references.ris,
    report.json and report.md.  Problems in the input are listed in the report and do
    not change the exit code.

    \b
    Exit codes: 0 written, 1 an input cannot be read, 2 bad options,
                3 an output cannot be written, 4 written, but --check-links found
                dead, soft-404 or parked links.

    \b
    Example:
      translitbib convert examples/furr-stalin-democratic-reform-part-two.txt --out out
    """
    from ..errors import InputError, OutputError, TranslitbibError
    from ..pipeline import ConvertOptions, convert_to_directory

    options = ConvertOptions(scheme=scheme, names=names_policy, authority=authority,
                             fix_typos=fix_typos, normalize=not no_normalize, target=target,
                             check_links=check_links, input_format=input_format, jobs=jobs,
                             link_options=link_settings_mapping(link_options))
    # A run makes millions of small objects and almost no reference cycles: the cyclic
    # collector would walk them again and again (about 10% of a 100,000-entry run).
    gc.disable()
    _end_cleanly_on_termination()
    try:
        result = convert_to_directory(list(inputs), out_dir, options, keep_library=False)
    except InputError as exc:
        raise _exit(str(exc), ExitCode.INPUT_ERROR) from exc
    except OutputError as exc:
        raise _exit(str(exc), ExitCode.OUTPUT_ERROR) from exc
    except TranslitbibError as exc:
        raise _exit(str(exc), ExitCode.USAGE_ERROR) from exc
    facts = result.summary
    click.echo(
        f"{facts['references']} references ({facts['stubs']} missing from the bibliography), "
        f"{facts['citations']} citations, {facts['notes']} notes, "
        f"{sum(facts['problems'].values())} problems -> {out_dir}/"
    )
    for path in result.written:
        click.echo(f"  wrote {path}")
    _echo_errors(result.library, out_dir)
    if check_links:
        sys.exit(int(_report_links(result.library)))


def _end_cleanly_on_termination() -> None:
    """SIGTERM and SIGHUP end the run as Ctrl-C does, through every clean-up on the way:
    workers stopped, temporary and part files removed, the previous outputs untouched
    (exit 128 + the signal's number, as a shell reports it)."""
    def end(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        with contextlib.suppress(ValueError, OSError):  # not the main thread: leave it
            signal.signal(sig, end)


#: at most this many input errors are printed; the rest are in report.md
SHOWN_ERRORS = 20


def _echo_errors(library: Library, out_dir: Path) -> None:
    """Input errors (an entry kept only as raw text, a broken brace) on stderr, with file
    and line: the outputs are written, but a person should look before trusting them."""
    from ..model import Severity

    errors = [p for p in library.problems if p.severity is Severity.ERROR]
    for problem in errors[:SHOWN_ERRORS]:
        where = f"{problem.source}: " if problem.source else ""
        click.echo(f"{where}error: {problem.message} [{problem.code}]", err=True)
    if len(errors) > SHOWN_ERRORS:
        click.echo(f"... and {len(errors) - SHOWN_ERRORS} more errors", err=True)
    if errors:
        click.echo(f"translitbib: {len(errors)} input error(s); every entry is accounted for "
                   f"in {out_dir / 'report.md'}", err=True)


def _report_links(library: Library) -> ExitCode:
    from ..links.run import network_notice, summarize

    for problem in library.problems:
        if problem.code.startswith("link-cache-"):
            click.echo(f"translitbib: warning: {problem.message}", err=True)
    results = library.links
    counts = summarize(results)
    rot = sum(1 for r in results if r.verdict.is_rot())
    parts = ", ".join(f"{v} {k}" for k, v in counts.items() if v) or "none cited"
    click.echo(f"links: {len(results)} checked ({parts}); {rot} rotten")
    notice = network_notice([str(r.verdict) for r in results], [r.url for r in results])
    if notice:
        click.echo(notice)
    return ExitCode.LINK_ROT if rot else ExitCode.OK


def _exit(message: str, code: ExitCode) -> click.exceptions.Exit:
    click.echo(f"translitbib: error: {message}", err=True)
    return click.exceptions.Exit(int(code))
