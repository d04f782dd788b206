"""The tokenizer's fast pattern (phrases tried only where one can start, possessive word
repeats) finds exactly the words the plain definition finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from translitbib.translit.normalize import _INSIDE, _LETTER, Token, tokenize
from translitbib.translit.resolve import table_phrases

_PLAIN_WORD = rf"{_LETTER}+(?:{_INSIDE}{_LETTER}+)*(?:\([a-z]\))?(?:['’ʹ](?!{_LETTER}))?"
_PLAIN = re.compile(
    rf"(?<!{_LETTER})(?:{'|'.join(re.escape(p) for p in table_phrases())})(?!{_LETTER})"
    rf"|{_PLAIN_WORD}", re.IGNORECASE)
# letters that case-fold onto the phrases' first letters (Kelvin sign, long s), quotes,
# combining marks, VKP(b)
PIECES = st.sampled_from([*table_phrases(), "Kommersant", "ST. PETERSBURG", "\u212a",
                          "\u017ft", "olma", "VKP(b)", "(B)", "'", "’", "‘", "ʹ", " ", ".",
                          "-", "\u0301", "\ufe20", "Berii͡a", "otsy", "1953", "_", '"'])


def _plain_tokens(text: str) -> tuple[Token, ...]:
    """The words by the plain pattern; a word's final apostrophe is a closing quote when the
    word follows a quote, or a quotation opened before it is still open, and no quote
    follows it."""
    openings = [m.start() for m in re.finditer(r"(?:^|(?<=[\s(\[«\"“]))['‘](?=[^\W\d_])", text)]
    tokens, closed = [], 0
    for match in _PLAIN.finditer(text):
        start, end, word = match.start(), match.end(), match.group()
        still_open = sum(1 for at in openings if at < start) - closed
        if word[-1] in "'’" and text[end : end + 1] not in ("'", "’") and (
                (start > 0 and text[start - 1] in "'‘") or still_open > 0):
            end, word = end - 1, word[:-1]
            closed += 1 if still_open > 0 else 0
        tokens.append(Token(start, end, word, text[end : end + 1] == "."))
    return tuple(tokens)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES | st.text(max_size=4), max_size=12).map("".join))
def test_tokenize_finds_what_the_plain_pattern_finds(text: str) -> None:
    assert tokenize(text) == _plain_tokens(text)


def test_phrases_and_quotes() -> None:
    words = [t.text for t in tokenize("Kommersant-Vlast' i 'ottepeli' v ST. PETERSBURG VKP(b).")]
    assert words == ["Kommersant-Vlast'", "i", "ottepeli", "v", "ST. PETERSBURG", "VKP(b)"]
    assert tokenize("VKP(b).")[-1].followed_by_dot


def test_a_quote_that_closes_a_quotation_is_no_soft_sign() -> None:
    """'Leningradskoe delo': delo' was read as дело with a soft sign, a typo suspect."""
    assert [t.text for t in tokenize("Tak nazyvaemoe 'Leningradskoe delo'.")] == [
        "Tak", "nazyvaemoe", "Leningradskoe", "delo"]
    # a soft sign right before the closing quote stays the word's
    assert [t.text for t in tokenize("Stalin i 'Ottepel''")] == ["Stalin", "i", "Ottepel'"]
    # no quotation open: the apostrophe is the soft sign
    assert [t.text for t in tokenize("Kreml' i Lubianka")] == ["Kreml'", "i", "Lubianka"]
