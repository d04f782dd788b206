"""Plain text <-> the LaTeX inside BibTeX field values.

Writing escapes only what LaTeX or BibTeX would misread (``% & # _ $ \\ { } ~ ^``) and
leaves Cyrillic and other Unicode as UTF-8.  Braces that pair up become ``\\{ \\}``; a lone
one becomes ``{\\textbraceleft}``, because BibTeX counts every brace, escaped or not.
Titles get proper names and acronyms brace-protected so no style re-cases them.  Reading
undoes exactly that, and decodes what other programs write: accent commands (``{\\"o}``),
TeX's quote and dash ligatures (````…''``, ``--``, ``---``), ties (``~``) and control spaces.
"""

from __future__ import annotations

import re
from functools import lru_cache

import latexcodec  # noqa: F401  (registers the "latex" codec; a pybtex dependency)

from ..richtext import RICH_COMMANDS, TAG, balanced_tags, latex_for

ESCAPES = {
    "\\": r"{\textbackslash}",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
}
_MARK = "\ue000"  # where a rich-text tag was, while the text around it is escaped
_SPECIAL = re.compile(r"[\\{}~^%&#_$]")
# Soft and hard signs some schemes write as modifier primes: ASCII in BibTeX.
ASCII_SIGNS = str.maketrans({"\u02b9": "'", "\u02ba": '"'})
_LIGATURES = re.compile(r"''+|``+|--+")  # TeX would make them quotes and dashes
# Combining marks belong to the letter before them: ALA-LC's tie (i͡a, U+0361), a decomposed
# caron (Z + U+030C).  \w has none of them, so a brace put around a word must take them in
# ({Berii͡a}, not {Berii}͡a: biber and pandoc keep a mark outside the braces apart).
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD = rf"[^\W\d_](?:[^\W_]|[{MARKS}'’\-])*"  # words hold no special character
_WORD_PARTS = re.compile(r"['’\-]")
# WORD for text without "_" (a special): one character class, several times faster
_WORD_SPLIT = re.compile(rf"([^\W\d_][\w{MARKS}'’\-]*)")
_WORD_OR_SPECIAL = re.compile(rf"(?P<word>{WORD})|[\\{{}}~^%&#_$]")


def _paired_braces(text: str) -> set[int]:
    """Positions of braces that pair up: those may be written ``\\{ \\}`` (pandoc reads it)."""
    stack: list[int] = []
    paired: set[int] = set()
    for pos, ch in enumerate(text):
        if ch == "{":
            stack.append(pos)
        elif ch == "}" and stack:
            paired.update((stack.pop(), pos))
    return paired


@lru_cache(maxsize=1 << 14)  # names, places, publishers and journals repeat
def escape(text: str) -> str:
    """Plain text -> LaTeX for a BibTeX value (Unicode kept, specials escaped).

    Doubled quotes and hyphens are split (``'{}'``, ``-{}-``) so that no program reads
    ``''`` as a closing quote or ``--`` as a dash.
    """
    return escape_title(text, russian=False, protect=False)


def _escape_special(char: str, pos: int, paired: set[int]) -> str:
    return "\\" + char if pos in paired else ESCAPES[char]


def _needs_protection(word: str, first: bool, russian: bool, proper: frozenset[str]) -> bool:
    rest = word[1:]
    if rest != rest.lower():
        return True  # acronyms and inner capitals: TsK, NKVD, VKP, McCarthy
    if first or not word[0].isupper():
        return False
    if russian or word in proper:
        return True
    parts = _WORD_PARTS.split(word)  # Stalin's, Beria-Dzhugashvili
    return len(parts) > 1 and any(part in proper for part in parts)


def escape_title(text: str, russian: bool, proper: frozenset[str] = frozenset(),
                 protect: bool = True) -> str:
    """Escape a title and brace-protect the words a style must not re-case.

    In a Russian title every capitalized word after the first is a proper name (Russian
    capitalizes little else).  In other titles, which are often in title case, only
    acronyms, inner capitals and the known proper names in ``proper`` are.
    """
    if "\u02b9" in text or "\u02ba" in text:
        text = text.translate(ASCII_SIGNS)
    if "<" in text and _MARK not in text:
        tags = balanced_tags(text)
        if tags:  # CSL rich text: <i>Pravda</i> -> \emph{Pravda}
            marked = escape_title(TAG.sub(_MARK, text), russian, proper, protect)
            pieces = marked.split(_MARK)
            out, closers = [pieces[0]], []
            for tag, piece in zip(tags, pieces[1:], strict=True):
                if tag.startswith("</"):
                    out.append(closers.pop())
                else:
                    opener = latex_for(tag)
                    out.append(opener)
                    closers.append("}" if opener else "")
                out.append(piece)
            return "".join(out)
    paired = _paired_braces(text) if "{" in text else set()
    if not protect:
        out = _SPECIAL.sub(lambda m: _escape_special(m.group(), m.start(), paired),
                           text) if _SPECIAL.search(text) else text
    elif _SPECIAL.search(text) is None:  # the usual title: words to protect, nothing to escape
        out = _protect_words(text, russian, proper)
    else:
        words = 0

        def replace(match: re.Match[str]) -> str:
            nonlocal words
            word = match.group("word")
            if word is None:
                return _escape_special(match.group(), match.start(), paired)
            words += 1
            if not word.islower() and _needs_protection(word, words == 1, russian, proper):
                return "{" + word + "}"
            return word

        out = _WORD_OR_SPECIAL.sub(replace, text)
    if "'" in out or "`" in out or "--" in out:
        return _LIGATURES.sub(lambda m: "{}".join(m.group()), out)
    return out


def _protect_words(text: str, russian: bool, proper: frozenset[str]) -> str:
    """Brace the words a style must not re-case; ``text`` holds no special character."""
    parts = _WORD_SPLIT.split(text)  # separators at even places, words at odd ones
    for i in range(1, len(parts), 2):
        word = parts[i]
        if not word.islower() and _needs_protection(word, i == 1, russian, proper):
            parts[i] = "{" + word + "}"
    return "".join(parts)


_COMMAND_ESCAPES = {
    "textbackslash": "\\", "textbraceleft": "{", "textbraceright": "}",
    "textasciitilde": "~", "textasciicircum": "^", "textquotedbl": '"',
    "textquotesingle": "'", "textendash": "–", "textemdash": "—", "guillemotleft": "«",
    "guillemotright": "»", "textquoteleft": "‘", "textquoteright": "’", "ldots": "…",
    "dots": "…", "textellipsis": "…", "S": "§", "P": "¶", "textsection": "§",
}
_TOKEN = re.compile(
    r"\\([a-zA-Z]+)(?:\{\}|\s*)"  # \word, \word{} or \word followed by spaces
    r"|\\([^a-zA-Z])"  # \% \& \" ... and \ (a control space)
    r"|([{}])"  # a protective brace
)
# an accent's argument: {o}, o, or the dotless \i and \j an accent is put on ({\'\i}, \u{\i})
_ACCENT_ARG = re.compile(r"\s*(?:\{\s*\\([ij])(?![a-zA-Z])\s*(?:\{\})?\s*\}|\{([^{}]*)\}"
                         r"|([a-zA-Z])|\\([ij])(?![a-zA-Z])(?:\{\})?)")
TIE = "\u0361"  # ALA-LC's tie over two letters: \t{ia} is i͡a


# TeX's ligatures and ties as text: ``quoted'' (a pair only: '' alone is a hard sign in
# romanized Russian, Kommersant''), --- and -- dashes, ~ a no-break space (not \~, an accent)
_QUOTED = re.compile(r"``(.*?)''(?![^\W\d_])", re.DOTALL)  # S''ezde's '' is a hard sign
_DASHES = re.compile(r"(?<!-)---?(?!-)")
_TIE = re.compile(r"(?<!\\)~")
_DASH_TEXT = {"--": "\u2013", "---": "\u2014"}


# a URL, bare or in \\url{}: its ~ and -- are the address's own
_URLS = re.compile(r"(\\url\{[^{}]*\}|(?:https?|ftp)://[^\s{}]+)")


def _ligatures(value: str) -> str:
    if "://" in value or "\\url" in value:
        parts = _URLS.split(value)  # URLs at odd places
        return "".join(part if i % 2 else _text_ligatures(part) for i, part in enumerate(parts))
    return _text_ligatures(value)


def _text_ligatures(value: str) -> str:
    if "``" in value:
        value = _QUOTED.sub("\u201c\\1\u201d", value).replace("``", "\u201c")
    if "--" in value:
        value = _DASHES.sub(lambda m: _DASH_TEXT[m.group()], value)
    if "~" in value:
        value = _TIE.sub("\u00a0", value)
    return value


def has_latex(value: str) -> bool:
    """Whether ``decode`` could change ``value`` (most values hold no LaTeX at all)."""
    return ("\\" in value or "{" in value or "}" in value or "``" in value or "--" in value
            or "~" in value)


def decode(value: str) -> str:
    """LaTeX from a BibTeX value -> plain Unicode text (inverse of ``escape``); the rich
    text commands (``\\emph{Pravda}``) become CSL's tags (``<i>Pravda</i>``)."""
    value = _ligatures(value)
    out: list[str] = []
    closers: list[str] = []  # what each open brace closes with: a tag, or nothing
    pos = 0
    while True:
        match = _TOKEN.search(value, pos)
        if match is None:
            out.append(value[pos:])
            out += reversed(closers)  # an argument never closed: its tag closed at the end
            return "".join(out)
        out.append(value[pos:match.start()])
        pos = match.end()
        command, symbol, brace = match.groups()
        if brace is not None:
            if brace == "{":
                closers.append("")
            elif closers:
                out.append(closers.pop())
        elif command is not None and command in _COMMAND_ESCAPES:
            out.append(_COMMAND_ESCAPES[command])
        elif command in RICH_COMMANDS and value.startswith("{", pos):
            opener, closer = RICH_COMMANDS[command]
            out.append(opener)
            closers.append(closer)
            pos += 1
        elif symbol is not None and (symbol in "%&#_${}\\,;" or symbol.isspace()):
            out.append(symbol if symbol in "%&#_${}\\" else " ")
        elif command is not None or symbol is not None:
            text, pos = _decode_command(value, match, pos)
            out.append(text)


@lru_cache(maxsize=4096)
def _latexcodec(source: str) -> str:
    """latexcodec's Unicode for one command and its argument (``\\"{o}`` -> ö), braces
    dropped; a backslash when it cannot say.  Cached: the same few accents come back in
    every entry, and each call builds a decoder and a lexer."""
    try:
        return source.encode("ascii").decode("latex").replace("{", "").replace("}", "")
    except (UnicodeError, ValueError):
        return "\\"


def _decode_command(value: str, match: re.Match[str], pos: int) -> tuple[str, int]:
    """An accent or other command: ``\\"o``, ``\\'{e}``, ``\\i`` -> Unicode via latexcodec.

    A command latexcodec does not know (``\\emph``) is dropped and its argument kept.
    """
    arg = _ACCENT_ARG.match(value, pos) if match.group(2) or len(match.group(1)) == 1 else None
    source = match.group(0).rstrip()
    if arg is not None:
        letters = next(group for group in arg.groups() if group is not None)
        pos = arg.end()
        if match.group(1) == "t" and len(letters) == 2:  # latexcodec has no \t
            return letters[0] + TIE + letters[1], pos
        source += "{" + letters + "}"  # the accented dotless \i is the accented i
    decoded = _latexcodec(source)
    if "\\" in decoded:  # a command latexcodec does not know: keep its argument only
        return ("" if match.group(1) else match.group(2)), match.end()
    return decoded, pos
