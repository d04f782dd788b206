"""The command line: a thin layer that wires library steps and maps outcomes to exit codes.

Commands live in ``translitbib.commands.*`` and are imported only when run, so
``translitbib --help`` stays fast (no dictionary, no HTTP client at start-up).
"""

from __future__ import annotations

import importlib
import sys

import click

from . import __version__
from .exit_codes import ExitCode

# name -> (module, function, one-line help shown by ``translitbib --help``)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "convert": (
        "translitbib.commands.convert",
        "convert",
        "Essays, BibTeX or CSL-JSON in; one clean bibliography and a report out.",
    ),
    "translit": (
        "translitbib.commands.translit",
        "translit",
        "Normalize romanized Russian words and text; show how each was resolved.",
    ),
    "check-links": (
        "translitbib.commands.check_links",
        "check_links",
        "Check every cited URL: alive, dead, soft-404, parked, blocked...",
    ),
    "schemes": (
        "translitbib.commands.translit",
        "schemes",
        "List the romanization schemes and names policies.",
    ),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attr, _ = COMMANDS[cmd_name]
        return getattr(importlib.import_module(module_name), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


EPILOG = """\b
Exit codes:
  0   success (problems found in the input are listed in the report)
  1   an input cannot be read or is not valid in its format
  2   wrong options or arguments
  3   an output cannot be written
  4   check-links found dead, soft-404 or parked links
  70  internal error (a bug: please report it)
"""


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="translitbib")
def cli() -> None:
    """translitbib: clean, deduplicated bibliographies from texts that cite Russian sources.

    Run ``translitbib COMMAND --help`` for the options of each command.
    """


def main(argv: list[str] | None = None) -> int:
    """Console entry point: run the CLI and turn unexpected failures into exit code 70."""
    try:
        code = cli.main(args=argv, prog_name="translitbib", standalone_mode=False)
    except click.ClickException as exc:  # wrong options (2), or a command's own error
        exc.show()
        return exc.exit_code
    except click.Abort as exc:  # Ctrl-C: 130 as for any program, not 1 (a bad input)
        interrupted = isinstance(exc.__cause__, KeyboardInterrupt)
        click.echo("translitbib: interrupted" if interrupted else "Aborted!", err=True)
        return ExitCode.INTERRUPTED if interrupted else ExitCode.INPUT_ERROR
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    except Exception as exc:  # a bug: say so plainly, with the traceback for a report
        import traceback

        traceback.print_exc()
        click.echo(f"translitbib: internal error: {exc!r}", err=True)
        return ExitCode.INTERNAL_ERROR
    return code if isinstance(code, int) else 0  # (click's Exit: --help, ctx.exit(n))


if __name__ == "__main__":
    sys.exit(main())
