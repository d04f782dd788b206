"""Where a URL in running text ends: one rule for the essay reader, the bibliography entry
parser and the link checker (parse/urls.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from translitbib.links.extract import find_urls
from translitbib.parse.urls import urls_in
from translitbib.readers import read_path


@pytest.mark.parametrize(("text", "url"), [
    ("see https://en.wikipedia.org/wiki/Beria_(disambiguation).",
     "https://en.wikipedia.org/wiki/Beria_(disambiguation)"),  # its ")" was cut
    ("(see http://x.org/a).", "http://x.org/a"),
    ("«http://x.ru/статья»", "http://x.ru/статья"),  # "»" was kept
    ("„http://x.de/a“, sagt er", "http://x.de/a"),
    ("*http://x.org/a*", "http://x.org/a"),
    ("<http://x.org/a>.", "http://x.org/a"),
    ("http://x.org/a?b=(c", "http://x.org/a?b=(c"),
    ("http://x.org/a_(b)_c.html,", "http://x.org/a_(b)_c.html"),
    ("at http://x.org/a…", "http://x.org/a"),
    # an apostrophe inside a URL is the URL's (it was cut to .../Doctors, a live page)
    ("see https://en.wikipedia.org/wiki/Doctors'_plot.",
     "https://en.wikipedia.org/wiki/Doctors'_plot"),
    ("'http://x.org/a', he wrote", "http://x.org/a"),
])
def test_where_a_url_ends(text: str, url: str) -> None:
    assert [found for _, found in urls_in(text)] == [url]
    assert [u.url for u in find_urls(text, "x.txt")] == [url]  # the checker cuts it alike


def test_a_run_of_closing_parentheses_is_given_back() -> None:
    # (the hostile corpus has it 200,000 long: counted once, not once a parenthesis)
    assert [u for _, u in urls_in("http://x.org/a" + ")" * 2_000)] == ["http://x.org/a"]
    assert [u for _, u in urls_in("http://x.org/(a" + ")" * 2_000)] == ["http://x.org/(a)"]


def test_an_entry_quoting_its_url_in_guillemets(tmp_path: Path) -> None:
    """The entry kept "»" on its URL and "«" on its title."""
    essay = tmp_path / "essay.txt"
    essay.write_text("Text (Pyzhikov 100).\n\nBibliography\n\n"
                     "Pyzhikov, A. \"N.A. Voznesenskii.\" «http://www.akdi.ru/id/new/ek5.htm».\n"
                     "\nWikipedia. \"Beria.\" https://en.wikipedia.org/wiki/Beria_(disambiguation).\n",
                     encoding="utf-8")
    library = read_path(essay)
    urls = [r.fields.get("URL") for r in library.references]
    assert urls == ["http://www.akdi.ru/id/new/ek5.htm",
                    "https://en.wikipedia.org/wiki/Beria_(disambiguation)"]
    assert "«" not in library.references[0].title
    assert [u.url for u in library.urls] == urls


def test_an_entry_whose_url_holds_an_apostrophe(tmp_path: Path) -> None:
    """The entry's URL was cut at the apostrophe and the rest written as its publisher."""
    essay = tmp_path / "essay.txt"
    essay.write_text("Text (Brent 2003, 12).\n\nBibliography\n\nWikipedia. \"Doctors' Plot.\" "
                     "Accessed May 1, 2024. https://en.wikipedia.org/wiki/Doctors'_plot.\n",
                     encoding="utf-8")
    [reference] = read_path(essay).references
    assert reference.fields["URL"] == "https://en.wikipedia.org/wiki/Doctors'_plot"
    assert "_plot" not in " ".join(str(v) for k, v in reference.fields.items() if k != "URL")
