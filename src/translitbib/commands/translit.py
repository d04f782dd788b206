"""``translitbib translit`` (normalize words and text) and ``translitbib schemes``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..exit_codes import ExitCode
from ..translit import NAMES_POLICIES, SCHEMES


@click.command("translit")
@click.argument("text", nargs=-1, required=True)
@click.option("--scheme", type=click.Choice(SCHEMES), default="ala-lc", show_default=True,
              help="Romanization to write Russian words in (as-found: no change).")
@click.option("--names", "names_policy", type=click.Choice(NAMES_POLICIES),
              default="established", show_default=True,
              help="Names: established English forms (Beria), the scheme's (Beriia), or as found.")
@click.option("--authority", type=click.Path(path_type=Path, dir_okay=False),
              help="TOML file of your own name forms and readings; overrides the tables.")
@click.option("--fix-typos", is_flag=True, help="Apply suspected one-letter typo corrections.")
@click.option("--role", type=click.Choice(["text", "title", "name"]), default="text",
              show_default=True,
              help="Read each TEXT as running text, a title (Russian capitalization) or a name.")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON record per word: Cyrillic, lemma, kind, evidence, candidates.")
def translit(text: tuple[str, ...], scheme: str, names_policy: str, authority: Path | None,
             fix_typos: bool, role: str, as_json: bool) -> None:
    """Normalize romanized Russian in each TEXT and print it, one line per TEXT.

    Each word is resolved to Cyrillic (against a Russian dictionary, name tables and word
    frequencies), then written back in one scheme.  English words, other languages and
    acronyms are recognized and left alone; suspected typos are only reported unless
    --fix-typos is given.

    \b
    Examples:
      translitbib translit "Mukhin, Ubyistvo" "Voznesensky Voznesenskii"
      translitbib translit --role title "Argumenty I Fakty"
      translitbib translit --json --names systematic Beria
    """
    from ..errors import TranslitbibError
    from ..translit.authority import load_authority
    from ..translit.normalize import Normalizer
    from ..translit.resolve import Role

    try:
        normalizer = Normalizer(scheme, names_policy, fix_typos, load_authority(authority))
    except TranslitbibError as exc:
        click.echo(f"translitbib: error: {exc}", err=True)
        raise click.exceptions.Exit(ExitCode.USAGE_ERROR) from exc
    records: list[dict[str, Any]] = []
    for item in text:
        result = normalizer.rewrite_ukrainian(normalizer.field(item, Role(role)), Role(role))
        if not as_json:
            click.echo(result.text)
            continue
        if result.russian:
            records += [_record(item, c.token.text, c.resolution, c, True) for c in result.changes]
            continue
        # a field in another language (Ukrainian...) says so before each word's evidence
        reading = result.language
        said = [f"the text reads as {reading.name}: " + "; ".join(reading.evidence)] \
            if reading is not None else []
        if result.changes:  # romanized Ukrainian, written in the scheme's Ukrainian table
            records += [_record(item, c.token.text, c.resolution, c,
                                str(c.kind) != "not-russian", said) for c in result.changes]
        else:
            records += [_record(item, token.text, resolution, None, False, said)
                        for token, resolution in normalizer.resolve_all(item, Role(role))]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))


def _record(text: str, word: str, resolution: Any, change: Any, russian: bool,
            said: list[str] | None = None) -> dict[str, Any]:
    kind = str(change.kind) if change is not None else "not-russian"
    normalized = change.normalized if change is not None else word
    return {
        "text": text,
        "original": word,
        "cyrillic": resolution.cyrillic if russian or resolution.source == "foreign-name"
        else None,
        "lemma": resolution.lemma if russian else None,
        "normalized": normalized,
        "kind": kind,
        "confidence": resolution.confidence,
        "evidence": [*(said or []), *resolution.evidence],
        "applied": bool(change.applied) if change is not None else False,
        "candidates": [
            {"cyrillic": c.cyrillic, "score": c.score, "reading": c.reading, "zipf": c.zipf,
             "in_dictionary": c.known}
            for c in resolution.candidates
        ],
    }


@click.command("schemes")
def schemes() -> None:
    """List the romanization schemes and names policies."""
    from ..translit.romanize import SCHEME_DESCRIPTIONS

    click.echo("Schemes (--scheme):")
    for name in SCHEMES:
        click.echo(f"  {name:<18} {SCHEME_DESCRIPTIONS[name]}")
    click.echo("\nNames policies (--names):")
    click.echo("  established        forms English reference works use: Beria, Trotsky, Yeltsin")
    click.echo("  systematic         the scheme's form: Beriia, Trotskii, El'tsin")
    click.echo("  as-found           names are written as they were found")
    click.echo("\nAn --authority FILE (TOML) overrides both; see docs/transliteration.md.")
