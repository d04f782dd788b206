"""docs/outputs.md names every target with the help the tables give it."""

from pathlib import Path

from translitbib.writers import TARGETS
from translitbib.writers.profile import get_target

DOC = Path(__file__).parents[2] / "docs" / "outputs.md"


def test_every_target_is_documented_as_the_table_says():
    text = DOC.read_text("utf-8")
    for name in TARGETS:
        target = get_target(name)
        row = f"| `{name}` | {target.bib} | {target.csl} | {target.help} |"
        assert row in text, row
