"""Docs that cannot drift: every command and option is in docs/cli.md, and every
``translitbib`` command line shown in the README and docs/ parses."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from translitbib.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]
CLI_DOC = (ROOT / "docs" / "cli.md").read_text("utf-8")
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELL_BLOCK = re.compile(r"```sh\n(.*?)```", re.DOTALL)


def _command(name: str) -> click.Command:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    return command


def _shown_command_lines() -> list[tuple[str, str]]:
    lines = []
    for doc in DOCS:
        for block in SHELL_BLOCK.findall(doc.read_text("utf-8")):
            for line in block.splitlines():
                line = line.split(" > ")[0].split(" # ")[0].strip()
                if line.startswith("translitbib "):
                    lines.append((doc.name, line))
    return lines


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_option_is_documented(name: str) -> None:
    assert f"## translitbib {name}\n" in CLI_DOC
    section = CLI_DOC.split(f"## translitbib {name}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ")[0] for line in section.splitlines() if line.startswith("| `")]
    described = set(re.findall(r"`(--[a-z-]+)", "\n".join(rows)))
    described |= {f"--{half}" for row in rows for half in re.findall(r"/--([a-z-]+)", row)}
    for param in _command(name).params:
        if isinstance(param, click.Option):
            for opt in [*param.opts, *param.secondary_opts]:
                if opt not in ("-h", "--help"):
                    assert opt in described, f"{name} {opt} is not in docs/cli.md's table"


def test_the_docs_show_commands_that_parse() -> None:
    shown = _shown_command_lines()
    assert len(shown) >= 8
    for doc, line in shown:
        args = shlex.split(line)[1:]
        command = _command(args[0])
        try:
            command.make_context(args[0], args[1:], resilient_parsing=False)
        except click.UsageError as exc:
            if "does not exist" not in str(exc):  # example inputs need not exist here
                raise AssertionError(f"{doc}: {line!r}: {exc}") from exc


def test_the_readme_exit_codes_match_the_code() -> None:
    from translitbib.exit_codes import ExitCode

    readme = (ROOT / "README.md").read_text("utf-8")
    for code in ExitCode:
        assert f"| {int(code)} |" in readme and f"| {int(code)} |" in CLI_DOC, code


# where the source names a problem's code: add_problem(Severity.X, "code", ...), a reader's
# ("code", message) warnings, the link cache's CacheTrouble values
_PROBLEM_CODE = re.compile(
    r"Severity\.[A-Z]+,\s*\"([a-z0-9-]+)\"|\(\"((?:bibtex|csljson)-[a-z0-9-]+)\"|"
    r"= \"(link-cache-[a-z]+)\"")


def _problem_codes() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "src" / "translitbib").rglob("*.py"):
        for match in _PROBLEM_CODE.finditer(path.read_text("utf-8")):
            codes.add(next(group for group in match.groups() if group))
    return codes


def test_every_problem_code_is_explained_in_docs_problems() -> None:
    """A user who reads a code in report.json finds what it means and what to do."""
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", (ROOT / "docs" / "problems.md")
                                .read_text("utf-8"), re.MULTILINE))
    codes = _problem_codes()
    assert len(codes) >= 30  # the pattern still finds them
    assert codes - documented == set()
    assert documented - codes == set()  # and nothing listed that no longer exists
