"""Extraction artefacts are cleaned and every offset maps back to its original line."""

from __future__ import annotations

import pytest

from translitbib.readers.essay_clean import clean_line, clean_lines, join_blocks

ARTEFACTS = [
    pytest.param("Party leaders.<u>3</u>", "Party leaders.", [(14, 3)], id="underlined note call"),
    pytest.param("and party. $\\underline{4}$", "and party.", [(10, 4)], id="latex underline call"),
    pytest.param("$\\frac{1}{1}$ Full text of", "1 Full text of", [], id="fraction before a note"),
    pytest.param("Copyright: <<u>http://ARTiHAUS.narod.ru</u>>", "Copyright: http://ARTiHAUS.narod.ru",
                 [], id="double angle url"),
    pytest.param("at <<u>http://www.aif.ru/online/air/1182/10_01</u>>.",
                 "at http://www.aif.ru/online/air/1182/10_01.", [], id="url keeps underscore"),
    pytest.param("<u>Click here</u> to view", "Click here to view", [], id="underlined words"),
    pytest.param("the _nomenklatura_ said", "the *nomenklatura* said", [], id="underscore emphasis"),
    pytest.param("     32. Officially, Beria was", "Officially, Beria was", [], id="numbered paragraph"),
    pytest.param("versions exist.12 In any event", "versions exist. In any event", [(15, 12)],
                 id="bare call after a sentence"),
    pytest.param("emphasis added)1", "emphasis added)", [(15, 1)], id="bare call after bracket"),
    pytest.param("в 1937 года.1 Затем", "в 1937 года. Затем", [(12, 1)],
                 id="bare call after a Cyrillic sentence"),
    pytest.param("«Правда».[2] Затем", "«Правда». Затем", [(9, 2)],
                 id="bracketed call after a guillemet"),
    pytest.param("in 1952.² That is", "in 1952. That is", [(8, 2)], id="superscript call"),
    pytest.param("5 times in 1951, and 4 times", "5 times in 1951, and 4 times", [],
                 id="numbers in prose are not calls"),
    pytest.param("<u>3</u> Pyzhikov attributes", "3 Pyzhikov attributes", [],
                 id="underlined number starting a note"),
]


@pytest.mark.parametrize(("raw", "text", "calls"), ARTEFACTS)
def test_artefacts_are_cleaned(raw: str, text: str, calls: list[tuple[int, int]]) -> None:
    line = clean_line(raw, 7)
    assert line.text == text
    assert line.calls == calls
    assert line.raw == raw


def test_page_break_split_is_rejoined_with_its_line_map() -> None:
    text = "It would retain only agitation and participation in the\n\nselection of cadres, which."
    [block] = join_blocks(clean_lines(text))
    assert block.text == "It would retain only agitation and participation in the selection of cadres, which."
    assert block.lines == [1, 3]
    assert block.line_at(block.text.index("selection")) == 3
    assert block.line_at(0) == 1


def test_headings_and_list_items_are_not_joined() -> None:
    text = ("a) to implement universal voting on the questions of life;\n\n"
            "b) to widely develop legislative initiative\n\nThe 1947 Draft of the Party Program\n\n"
            "There is probably more.")
    blocks = join_blocks(clean_lines(text))
    assert [b.lines for b in blocks] == [[1], [3], [5], [7]]


def test_long_line_cut_mid_sentence_is_rejoined_even_before_a_capital() -> None:
    first = "Beria did not hold back in putting into people's minds the idea that the country " \
            "ought to be ruled, in the center and in the localities, by the"
    blocks = join_blocks(clean_lines(f"{first}\n\nSoviets, as the Constitution provided."))
    assert len(blocks) == 1 and "by the Soviets, as" in blocks[0].text


def test_a_url_cut_after_its_slash_is_joined_without_a_space() -> None:
    """'https://prozhito.org/' then 'diaries.' on the next line gave the URL
    https://prozhito.org/ and a container title 'diaries' (or no citation at all)."""
    text = ("Prozhito. \"Elektronnyi korpus.\" Accessed March 3, 2021. https://prozhito.org/\n"
            "diaries.\n"
            "Memorial. \"Zhertvy.\" https://base.memo.ru/\n"
            "Accessed March 3, 2021.\n")
    prozhito, memorial = join_blocks(clean_lines(text))
    assert prozhito.text.endswith(" https://prozhito.org/diaries.")
    assert prozhito.line_at(prozhito.text.index("diaries")) == 2
    assert memorial.text.endswith("https://base.memo.ru/ Accessed March 3, 2021.")


def test_given_paragraphs_keep_their_source_lines_and_are_never_guessed() -> None:
    # a text made from an HTML page: every line knows its line in the page; a blank line
    # ends a paragraph (no page-break re-join), and the lines of one stay one
    text = "Mukhin puts it this way\n\nthe Soviets, as the Constitution provided\nKnight, Amy."
    blocks = join_blocks(clean_lines(text, [12, 12, 14, 15]), given=True)
    assert [(b.text, b.lines) for b in blocks] == [
        ("Mukhin puts it this way", [12]),
        ("the Soviets, as the Constitution provided Knight, Amy.", [14, 15])]
    assert blocks[1].line_at(blocks[1].text.index("Knight")) == 15
    # the same text, guessed: the lower-case paragraph goes on the one before, and the
    # line that starts as an entry does ("Knight, Amy") is one of its own
    assert [b.text for b in join_blocks(clean_lines(text))] == [
        "Mukhin puts it this way the Soviets, as the Constitution provided", "Knight, Amy."]
