"""HTML pages read as essays: the tree, the note shapes real sites use (pandoc, Word's Save
as HTML, plain superscripts under a Notes heading, MediaWiki), lines that point into the
page, emphasis, URLs from links, and the page's declared encoding.

The fixtures in tests/data/html: ``pandoc-footnotes.html`` is pandoc 2.17's
``pandoc pandoc-footnotes.md -s -o pandoc-footnotes.html``; ``word-save-as-html.htm`` is
Word's markup, written by hand, in windows-1251 (the shape of the page seed 002 was
extracted from: Beria's Moves towards Democratic Reform); ``cultural-logic-notes.html``
is a 2005 web journal's page as seed 000 shows it was (latin-1, plain and linked
superscript calls, notes under a Notes heading, ``<<URL>>`` links, a layout table).
"""

from __future__ import annotations

from translitbib.readers.html_tree import Element, Text, iter_elements, parse_html, tokens


def _tags(html: str) -> list[str]:
    return [e.tag for e in iter_elements(parse_html(html))][1:]


def test_tokens_keep_their_lines_and_script_is_text_to_its_end_tag() -> None:
    found = list(tokens('<p class=a id="b">Beria &amp; <i>Mukhin</i>\n<a\nhref="x">y</a>'
                        '<script>if (a</p>b) s = "</td>";</script>z'))
    assert [(kind, value, line) for kind, value, _, line, _ in found] == [
        ("start", "p", 1), ("text", "Beria & ", 1), ("start", "i", 1), ("text", "Mukhin", 1),
        ("end", "i", 1), ("text", "\n", 1), ("start", "a", 2), ("text", "y", 3),
        ("end", "a", 3), ("start", "script", 3), ("text", 'if (a</p>b) s = "</td>";', 3),
        ("end", "script", 3), ("text", "z", 3)]
    assert found[0][2] == {"class": "a", "id": "b"}


def test_what_never_ends_runs_to_the_end_of_the_file() -> None:
    # the HTML standard's rule, and what keeps every run linear
    assert _tags("<p>a<!-- never closed <p>b") == ["p"]
    assert _tags('<p>a<a href="never closed>b</a><p>c') == ["p"]
    assert _tags("<p>a</p <p>b") == ["p"]
    # a bogus comment ends at the next ">" (html.parser raises AssertionError on "<![")
    assert _tags("<p>a<![<![<p>b</p><p>c") == ["p", "p"]


def test_implied_ends_as_browsers_make_them() -> None:
    root = parse_html("<ul><li>one<li>two</ul><p>a<div>b</div><p>c<table><tr><td>x<td>y"
                      "</table><br/><a name=n1 />")
    body = [e for e in root.children if isinstance(e, Element)]
    assert [e.tag for e in body] == ["ul", "p", "div", "p", "table", "br", "a"]
    assert [e.tag for e in body[0].children] == ["li", "li"]  # type: ignore[union-attr]
    row = body[4].children[0]
    assert isinstance(row, Element) and [c.tag for c in row.children] == ["td", "td"]  # type: ignore[union-attr]
    assert body[6].attrs == {"name": "n1"} and not body[6].children


def test_a_hundred_thousand_nested_elements_are_no_recursion() -> None:
    root = parse_html("<div>" * 100_000 + "Beria" + "</div>" * 3)
    deepest = list(iter_elements(root))[-1]
    assert deepest.tag == "div" and len(deepest.children) == 1
    assert isinstance(text := deepest.children[0], Text) and text.text == "Beria"
