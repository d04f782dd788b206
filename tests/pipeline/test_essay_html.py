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

import json
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.fuzz.strategies import html_text
from translitbib.model import Library
from translitbib.pipeline import ConvertOptions, run
from translitbib.readers import read_path, sniff_format
from translitbib.readers.html import lay_out, read_html
from translitbib.readers.html_tree import Element, Text, iter_elements, parse_html, tokens

RAW = ConvertOptions(normalize=False)


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


DATA = Path(__file__).parent.parent / "data" / "html"
PANDOC, WORD, JOURNAL = (DATA / "pandoc-footnotes.html", DATA / "word-save-as-html.htm",
                         DATA / "cultural-logic-notes.html")


def _page_lines(path: Path, encoding: str = "utf-8") -> list[str]:
    return path.read_bytes().decode(encoding).splitlines()


def _line_of(path: Path, needle: str, encoding: str = "utf-8") -> int:
    """The 1-based line of the page where ``needle`` first stands."""
    return next(number for number, line in enumerate(_page_lines(path, encoding), start=1)
                if needle in line)


def _links(library: Library) -> dict[str, list[str | None]]:
    return {c.text: [t.reference.id if t.reference else None for t in c.targets]
            for c in library.citations}


def test_pandoc_notes_keep_their_numbers_and_lines() -> None:
    library = run([PANDOC], RAW)
    assert [n.number for n in library.notes] == [1, 2, 3]
    # each note is where its text starts, each call where its link starts
    for note, text in zip(library.notes, ["<p>Amy Knight", "<p>Iu. I. Mukhin",
                                          "<p>Knight, <em>Beria</em>, 190"], strict=True):
        assert note.source.line == _line_of(PANDOC, text)
    assert [[c.line for c in n.calls] for n in library.notes] == [
        [_line_of(PANDOC, "sudden.<a href")], [_line_of(PANDOC, "618-23).<a href")],
        [_line_of(PANDOC, "followed.<a href")]]
    # the back-links are no text, and a note's second paragraph is its own
    assert not any("↩" in n.text or "[^" in n.text for n in library.notes)
    assert library.notes[2].text == (
        "Knight, Beria, 190.\nA second paragraph of this note: Mukhin, Ubiystvo, 620.")
    assert not library.problems


def test_pandoc_citations_link_through_emphasised_titles() -> None:
    library = run([PANDOC], RAW)
    links = _links(library)
    assert links["(Mukhin, *Ubiystvo* 618-23)"] == ["mukhin2003ubiystvo"]
    assert links["(*Lavrentii Beriia. 1953*, 308-9)"] == ["naumov1999lavrentii"]
    assert links["Mukhin, *Ubiystvo*, 620"] == ["mukhin2003ubiystvo"]
    cited = next(c for c in library.citations if c.text.startswith("(Mukhin"))
    assert cited.source.line == _line_of(PANDOC, "(Mukhin, <em>Ubiystvo</em>")
    entries = [r for r in library.references if r.origin == "entry"]
    assert [r.title for r in entries] == ["Beria: Stalin’s First Lieutenant",
                                          "Ubiystvo Stalina i Beriia", "Lavrentii Beriia. 1953"]
    assert [r.source.line for r in entries] == [
        _line_of(PANDOC, "<p>Knight, Amy."), _line_of(PANDOC, "<p>Mukhin, Iurii."),
        _line_of(PANDOC, "<p>Naumov")]


def test_urls_come_from_the_links_href() -> None:
    library = run([PANDOC], RAW)
    # "[Fond Iakovleva](URL)": the text is no URL, the href is; the note's link text is
    # its URL: written once
    assert sorted((u.source.line, u.url) for u in library.urls) == [
        (_line_of(PANDOC, "Iakovleva</a>"), "https://www.alexanderyakovlev.org/fond/issues/61096"),
        (_line_of(PANDOC, "618; see <a"), "https://www.hrono.ru/libris/lib_m/muhin00.php")]


def test_word_save_as_html_notes_in_windows_1251() -> None:
    library = read_path(WORD)
    assert library.inputs[0].format == "html" and library.inputs[0].encoding == "cp1251"
    assert [n.number for n in library.notes] == [1, 2]
    assert [[c.line for c in n.calls] for n in library.notes] == [
        [_line_of(WORD, "versions exist.<a", "cp1251")], [_line_of(WORD, "618-23).<a", "cp1251")]]
    assert library.notes[0].source.line == _line_of(WORD, "There is much evidence", "cp1251")
    # Word's "[1]" before the note is the link back to its call: no text of the note
    assert library.notes[0].text.startswith("There is much evidence")
    assert "His son says the same" in library.notes[0].text  # the note's second paragraph
    assert [u.url for u in library.notes[1].urls] == [
        "http://www.hrono.ru/libris/lib_m/muhin00.php", "http://www.akdi.ru/id/new/ek5.htm"]


def test_word_save_as_html_citations_link_to_the_bibliography() -> None:
    library = run([WORD], RAW)
    links = _links(library)
    assert links["(Mukhin, *Ubiystvo* 618-23)"] == ["mukhin2003ubiystvo"]
    assert links["(Beria, *Moy otets* 262)"] == ["beria1994moy"]
    assert links["(Prudnikova 380)"] == ["prudnikova2005beriia"]
    in_note = next(c for c in library.citations if c.text.startswith("Sergo Beria"))
    assert (in_note.note, in_note.targets[0].reference.id) == (1, "beria1994moy")  # type: ignore[union-attr]
    titles = [r.title for r in library.references]
    assert "Берия. Преступления, которых не было" in titles
    assert not library.problems


def test_plain_and_linked_superscripts_with_notes_under_a_heading() -> None:
    """The page seed 000 was extracted from: calls in <sup>, some of them links; the notes
    under "Notes", numbered by a <sup>, a plain number or a link back."""
    library = read_path(JOURNAL)
    assert library.inputs[0].encoding == "cp1252"  # declared iso-8859-1: as browsers do
    assert sorted(n.number for n in library.notes) == [1, 2, 3]
    by_number = {n.number: n for n in library.notes}
    assert by_number[1].text.startswith("Full text of the resolution")
    assert by_number[3].text.startswith('See also his article "N.A. Voznesenski"')
    assert [[c.line for c in by_number[n].calls] for n in (1, 2, 3)] == [
        [_line_of(JOURNAL, "emphasis added)<sup>", "cp1252")],
        [_line_of(JOURNAL, "differ.<sup>2", "cp1252")],
        [_line_of(JOURNAL, 'Voznesensky.<a href="#n3"', "cp1252")]]
    assert _links(library)["(Knight 190)"] == [None]  # linked by the pipeline, not the reader
    assert [u.url for u in sorted(library.urls, key=lambda u: u.source.line)] == [
        "http://ARTiHAUS.narod.ru", "http://www.akdi.ru/id/new/ek5.htm",
        "http://www.aif.ru/online/air/1182/10_01"]


def test_a_page_s_menus_scripts_and_hidden_text_are_left_out() -> None:
    text = lay_out(JOURNAL.read_bytes().decode("cp1252")).text
    assert "Menu" not in text and "JavaScript" not in text and "</td>" not in text
    assert "“russification”" in text and "émigré" in text  # &#147; and a latin-1 byte
    assert "Click here to view an enlarged image" in text
    page = lay_out('<p>Kept.</p><p hidden>Gone.</p><div style="display: none">Gone.</div>'
                   "<nav><a href='http://x.ru/menu'>Gone</a></nav><template>Gone</template>")
    assert page.text == "Kept."


def test_mediawiki_notes_and_roman_endnotes() -> None:
    wiki = ('<p>Beria fell.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">'
            '[1]</a></sup> Mukhin disagrees.<sup id="cite_ref-2"><a href="#cite_note-2">[2]'
            '</a></sup></p>\n<ol class="references">\n<li id="cite_note-1"><span class="mw-cite-'
            'backlink"><b><a href="#cite_ref-1">^</a></b></span> Knight, <i>Beria</i>, 176.</li>'
            '\n<li id="cite_note-2"><a href="#cite_ref-2">^</a> Mukhin, <i>Ubiystvo</i>, 618.'
            "</li></ol>")
    assert lay_out(wiki).text.split("\n\n") == [
        "Beria fell.[^1] Mukhin disagrees.[^2]", "[^1]: Knight, *Beria*, 176.",
        "[^2]: Mukhin, *Ubiystvo*, 618."]
    # Word's endnotes show i, ii: numbered in the order of their calls
    endnotes = ('<p>Beria fell.<a href="#_edn1" name="_ednref1">[i]</a> So it goes.'
                '<a href="#_edn2" name="_ednref2">[ii]</a></p><div id=edn1><p>'
                '<a href="#_ednref1" name="_edn1">[i]</a> Knight, 176.</p></div><div id=edn2>'
                '<p><a href="#_ednref2" name="_edn2">[ii]</a> Mukhin, 618.</p></div>')
    library = read_html(endnotes, "notes.html")
    assert [(n.number, n.text, [c.line for c in n.calls]) for n in library.notes] == [
        (1, "Knight, 176.", [1]), (2, "Mukhin, 618.", [1])]


def test_a_one_way_link_to_a_numbered_paragraph() -> None:
    page = lay_out('<p>Beria fell.<a href="#note1"><sup>1</sup></a></p>\n'
                   '<p>A link to <a href="#top">1</a> the top.</p>\n'
                   '<p id="note1">1. Knight, <i>Beria</i>, 176.</p><p id="top">x</p>')
    assert page.text.split("\n\n") == [
        "Beria fell.[^1]", "A link to 1 the top.", "[^1]: Knight, *Beria*, 176.", "x"]
    assert page.lines == [1, 1, 2, 2, 3, 3, 3]


def test_emphasis_links_lists_and_line_breaks() -> None:
    page = lay_out(
        '<p>See <i><a href="http://x.ru/ubiystvo">Ubiystvo</a></i> and <em> Beria </em>.</p>'
        '<p><a href="http://www.akdi.ru/id/">www.akdi.ru/id</a>, <a href="/a.html">here</a>'
        ' and <span style="font-style:italic">Pravda</span>'
        '<span style="mso-bidi-font-style:italic">plain</span>.</p>'
        '<ol start="3"><li>three<li value="7">seven<li>eight</ol><ul><li>item</ul>'
        "<p>Knight, Amy. Beria. 1993.<br>Mukhin, Iurii. Ubiystvo. 2003.</p>"
        "<table><tr><td>[1]</td><td>Knight</td></tr></table><h2>Works\nCited</h2>")
    assert page.text.split("\n\n") == [
        "See *Ubiystvo* and *Beria* . <http://x.ru/ubiystvo>",  # links' URLs at the end
        "http://www.akdi.ru/id/, here and *Pravda*plain.",
        "3. three", "7. seven", "8. eight", "- item",
        "Knight, Amy. Beria. 1993.", "Mukhin, Iurii. Ubiystvo. 2003.", "[1] Knight",
        "Works Cited"]
    with_base = lay_out('<base href="http://clogic.eserver.org/2005/"><p><a href="furr.html">'
                        "Part One</a></p>")
    assert with_base.text == "Part One <http://clogic.eserver.org/2005/furr.html>"


def test_a_title_split_into_two_emphasis_elements_is_one_title() -> None:
    """Word's HTML splits italics at a language or spelling mark: the citation was lost
    (``*Ubiy**stvo*`` and ``*Stalin's* *First*`` are no titles the grammar reads)."""
    page = lay_out("<p>A killing (Mukhin, <i>Ubiy</i><i><span lang=RU>stvo</span> Stalina</i> "
                   "618) and (Knight, <i>Beria: Stalin's</i> <i>First Lieutenant</i>, 12).</p>"
                   "<p><i>Beria</i>, <i>Ubiystvo</i>plain</p>")
    assert page.text.split("\n\n") == [
        "A killing (Mukhin, *Ubiystvo Stalina* 618) and (Knight, *Beria: Stalin's First "
        "Lieutenant*, 12).", "*Beria*, *Ubiystvo*plain"]
    library = read_html("<p>A killing (Mukhin, <i>Ubiy</i><i>stvo Stalina</i> 618).</p>",
                        "x.html")
    assert [c.text for c in library.citations] == ["(Mukhin, *Ubiystvo Stalina* 618)"]


def test_notes_in_a_section_with_an_id_stay_one_note_each() -> None:
    """Notes as paragraphs holding their anchor, in a <div id="notes">: the div was taken
    for every call's note (Word's <div id=ftn1> shape), so all three calls became [^1] and
    the three notes one, headed by its 'Notes' heading."""
    page = lay_out('<p>Arrested.<a href="#n1" name="r1"><sup>1</sup></a> Shot.'
                   '<a href="#n2" name="r2"><sup>2</sup></a></p>\n<div id="notes"><h3>Notes</h3>'
                   '\n<p><a name="n1" href="#r1">1</a>. Knight, <i>Beria</i>, 176.</p>'
                   '\n<p><a name="n2" href="#r2">2</a>. Ibid., 180.</p></div>')
    assert page.text.split("\n\n") == [
        "Arrested.[^1] Shot.[^2]", "Notes", "[^1]: Knight, *Beria*, 176.",
        "[^2]: Ibid., 180."]


def test_pandoc_notes_past_999() -> None:
    """Note 1000 on were no notes: their calls were glued text ('fell.1000') and the notes
    list items, read as bibliography entries ('Ibid., 1000.↩︎')."""
    count = 1002
    calls = "".join(f'Fell.<a href="#fn{n}" class="footnote-ref" id="fnref{n}" '
                    f'role="doc-noteref"><sup>{n}</sup></a> ' for n in range(1, count + 1))
    notes = "".join(f'<li id="fn{n}"><p>Ibid., {n}.<a href="#fnref{n}" class="footnote-back"'
                    ' role="doc-backlink">↩︎</a></p></li>' for n in range(1, count + 1))
    page = lay_out(f'<p>{calls}</p><section id="footnotes" class="footnotes"><hr><ol>{notes}'
                   "</ol></section>")
    paragraphs = page.text.split("\n\n")
    assert paragraphs[0].endswith("Fell.[^1001] Fell.[^1002]")
    assert paragraphs[-2:] == ["[^1001]: Ibid., 1001.", "[^1002]: Ibid., 1002."]


def test_a_list_start_of_superscript_digits_is_no_number() -> None:
    # '²'.isdigit() is true but int('²') raises: the page ended the run with exit 70
    assert lay_out('<ol start="²"><li>one</ol>').text == "1. one"


def test_superscript_numbered_notes_under_no_heading() -> None:
    """Notes after a rule, each opening with its number in a <sup>, no heading, no
    anchors: laid out '1 Knight...', they were body text, and every call a call of a note
    the page lacked."""
    library = read_html("<p>Arrested.<sup>1</sup> Shot.<sup>2</sup></p><hr>\n"
                        "<p><sup>1</sup> Amy Knight, <i>Beria</i> (Princeton: Princeton "
                        "University Press, 1993), 176.</p>\n<p><sup>2</sup>Ibid., 180.</p>",
                        "x.html")
    assert [(n.number, n.source.line, [c.line for c in n.calls]) for n in library.notes] == [
        (1, 2, [1]), (2, 3, [1])]
    assert not [p.code for p in library.problems if p.code.startswith("note-call")]


def test_a_page_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    saved = tmp_path / "essay.txt"
    saved.write_bytes(PANDOC.read_bytes())
    library = read_path(saved)
    assert [n.number for n in library.notes] == [1, 2, 3]
    assert [p.code for p in library.problems] == ["format-from-content"]
    assert sniff_format("<!DOCTYPE html>\n<html>") == "html"
    assert sniff_format("<?xml version='1.0'?>\n<!-- saved -->\n<HTML><BODY>") == "html"
    assert read_path(saved, "essay").inputs[0].format == "essay"  # --from essay: as text


def test_the_declared_encoding_is_read_and_a_wrong_one_reported(tmp_path: Path) -> None:
    page = ('<html><head>\n<meta charset="iso-8859-5">\n</head><body><p>Сталин и Берия '
            "(Мухин 380).</p></body></html>")
    declared = tmp_path / "iso.html"
    declared.write_bytes(page.encode("iso8859_5"))  # no detector guesses it
    library = read_path(declared)
    assert library.inputs[0].encoding == "iso8859_5"
    assert [c.text for c in library.citations] == ["(Мухин 380)"]
    resaved = tmp_path / "resaved.html"
    resaved.write_bytes(page.replace("iso-8859-5", "windows-1251").encode("utf-8"))
    library = read_path(resaved)
    assert library.inputs[0].encoding == "utf-8"
    assert [(p.code, p.source.line) for p in library.problems  # type: ignore[union-attr]
            if p.code.startswith("encoding")] == [("encoding-repaired", 2)]


def test_an_empty_page_and_a_page_of_links_say_so() -> None:
    empty = read_html("<html><head><title>x</title><script>var a;</script></head><body>"
                      "</body></html>", "empty.html")
    assert [(p.code, p.source.line) for p in empty.problems] == [("empty-input", 1)]  # type: ignore[union-attr]
    menu = "".join(f'<li><a href="http://x.ru/{n}.html">Article {n}</a></li>' for n in range(30))
    links = read_html(f"<h1>Contents</h1><ul>{menu}</ul>", "index.html")
    assert "html-no-essay" in [p.code for p in links.problems]
    assert len(links.urls) == 30
    relative = menu.replace('"http://x.ru/', '"../')  # a site's menu: no URL kept
    links = read_html(f"<h1>Contents</h1><ul>{relative}</ul>", "index.html")
    assert "html-no-essay" in [p.code for p in links.problems] and not links.urls


def test_cli_report_points_into_the_page(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "translitbib.cli", "convert", str(JOURNAL),
                           "--out", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["accounting"]["balanced"] is True
    assert report["accounting"]["entries_read"] == 3
    assert report["summary"]["notes"] == 3
    page = _page_lines(JOURNAL, "cp1252")
    problems = [p for p in report["problems"] if p["source"]]
    assert {p["code"] for p in problems} == {"missing-work"}
    for problem in problems:  # "...: Zhukov, Kul'tovaia; written out": Zhukov is on the line
        work = problem["message"].split("bibliography: ")[1].split(";")[0]
        author, title = (s.strip() for s in work.split(",", 1))
        assert (author if author != "unknown author" else title) in page[
            problem["source"]["line"] - 1], problem
    for citation in report["citations"]:  # its first word is on its line
        first = re.sub(r"\W", "", citation["text"].split()[0])
        assert first in page[citation["source"]["line"] - 1], citation


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(html_text)
def test_every_laid_out_line_has_a_line_of_the_page(page: str) -> None:
    laid_out = lay_out(page)
    lines = laid_out.text.splitlines()
    assert len(laid_out.lines) == len(lines)  # the essay reader zips them, strictly
    assert all(1 <= line <= page.count("\n") + 1 for line in laid_out.lines)
    assert laid_out.lines == sorted(laid_out.lines)  # in the page's order


def test_a_linked_title_keeps_its_citation() -> None:
    """A title that is a link: its URL after the title cut the citation in two (the body's
    parenthetical was lost, a note's page number too); it is written at the paragraph's
    end."""
    library = read_html(
        '<p>He fell (Knight, <i><a href="https://archive.org/details/beria00knig">Beria</a></i>'
        ', 190).<sup><a href="#fn1" id="r1">1</a></sup></p><h2>Notes</h2><ol><li id="fn1">Amy '
        'Knight, <a href="https://archive.org/details/beria00knig"><i>Beria: Stalin\'s First '
        'Lieutenant</i></a> (Princeton: Princeton University Press, 1993), 176.</li></ol>',
        "essay.html")
    found = {c.text: [t.locator for t in c.targets] for c in library.citations}
    assert found["(Knight, *Beria*, 190)"] == ["190"]
    [note] = [c for c in library.citations if c.text.startswith("Amy Knight")]
    assert note.targets[0].locator == "176"
    assert [u.url for u in library.notes[0].urls] == ["https://archive.org/details/beria00knig"]
    assert not [p for p in library.problems if p.code == "note-unparsed"]
