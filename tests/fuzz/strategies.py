"""Hypothesis strategies for hostile inputs: BibTeX, CSL-JSON and essays.

Each format has a *structured* strategy (mostly valid records with the odd thing real
files have: LaTeX escapes, Cyrillic, macros, URLs, stray braces) and a *mangled* one (the
same text truncated, spliced with junk or with a brace dropped), so the fuzzer spends its
time near the readers' edges rather than on noise the first check throws out.
"""

from __future__ import annotations

import json
import string
from typing import Any

from hypothesis import strategies as st

CYRILLIC = ("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
            "іїєґўІЇЄҐЎ'ѣ")  # Ukrainian, Belarusian and pre-1918 letters too
WORDS = ["Stalin", "Beriia", "Beria", "Khrushchev", "Хрущёв", "zhizn'", "Zagovor", "protiv",
         "Ubiystvo", "Ubiistvo", "Sud'ba", "Moskva", "Москва", "and", "the", "of", "Iurii",
         "Yuri", "Shcherbakov", "Ščerbakov", "Ol'ga", "Vopr.", "ist.", "Ёлкин", "tom", "1953",
         # Ukrainian, romanized and in Cyrillic: a title of these is left as printed
         "Ukraini", "iak", "henotsyd", "usvidomlennia", "Hrushevs'kyi", "Історія", "Київ", "К."]
LATEX = ["{\\\"o}", "\\\"u", "{\\'e}", "\\'{e}", "50\\%", "\\&", "---", "--", "``", "''",
         "{\\em x}", "\\textit{y}", "\\url{http://a.b/c_d}", "$x^2$", "\\\\", "~", "{", "}",
         "\\", "%", "#", "\\c{c}", "{\\o}", "\\v{s}", "\\textbf{", "\\relax", "{{}}"]
URLS = ["https://doi.org/10.1080/0966_8136", "http://militera.lib.ru/memo/zhukov_1/01.html",
        "https://ru.wikipedia.org/wiki/%D0%91%D0%B5%D1%80%D0%B8%D1%8F", "http://x",
        "https://web.archive.org/web/2003/http://kp.ru/a?b=c&d=%20", "ftp://[::1]/x"]
JUNK = ["\x00", "\ufeff", "\r", "\r\n", "\x0c", "\t", "\u2028", "\u00a0", "\u200b",
        "@", "@@", "{", "}", "(", ")", "\"", ",", "=", "%", "\\", "@comment{", "@string{x=",
        "\n\n", "—", "–", "¹", "²", "[1]", "^1^", "[^1]", "ibid.", "Ibid.", "op. cit."]

safe_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
word = st.one_of(st.sampled_from(WORDS), st.sampled_from(LATEX),
                 st.text(CYRILLIC, min_size=1, max_size=10),
                 st.text(string.ascii_letters + "'-.", min_size=1, max_size=10))
phrase = st.lists(word, min_size=0, max_size=8).map(" ".join)


@st.composite
def mangled(draw: st.DrawFn, text: str) -> str:
    """The text with a few cuts, junk insertions and dropped characters."""
    for _ in range(draw(st.integers(0, 3))):
        if not text:
            break
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["cut", "insert", "drop", "dup"]))
        if action == "cut":
            text = text[:at]
        elif action == "insert":
            text = text[:at] + draw(st.one_of(st.sampled_from(JUNK), safe_text)) + text[at:]
        elif action == "drop":
            text = text[:at] + text[at + 1:]
        else:
            text = text[:at] + text[at:at + 50] + text[at:]
    return text


def _and_mangled(structured: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(structured, structured.flatmap(mangled), safe_text)


# -- BibTeX -----------------------------------------------------------------------------------

ENTRY_TYPES = ["book", "article", "incollection", "inbook", "online", "misc", "thesis",
               "phdthesis", "report", "collection", "unpublished", "Book", "ARTICLE", "x"]
FIELDS = ["author", "editor", "translator", "title", "booktitle", "journal", "journaltitle",
          "publisher", "address", "location", "year", "date", "month", "pages", "volume",
          "number", "url", "urldate", "doi", "note", "language", "entrysubtype", "keywords",
          "howpublished", "edition", "series", "titleaddon", "origtitle", "editortype", "x-y"]
bib_key = st.from_regex(r"[A-Za-z][A-Za-z0-9:_-]{0,15}", fullmatch=True)
person = st.one_of(
    st.builds(lambda f, g: f"{f}, {g}", word, word),
    st.builds(lambda g, f: f"{g} {f}", word, word),
    st.builds(lambda f: f"{{{f}}}", phrase),
    st.builds(lambda v, f, g: f"{v} {f}, Jr, {g}", st.sampled_from(["von", "de la", "van"]),
              word, word),
    st.sampled_from(["others", "", ",", "and", "{", "A. and", "Хрущёв, Н. С."]),
)
people = st.lists(person, min_size=1, max_size=4).map(" and ".join)


def _brace_balanced(text: str) -> bool:
    depth = 0
    for ch in text.replace("\\{", "").replace("\\}", ""):
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


field_value = st.one_of(
    phrase.filter(_brace_balanced).map(lambda v: f"{{{v}}}"),
    phrase.filter(lambda v: '"' not in v and _brace_balanced(v)).map(lambda v: f'"{v}"'),
    st.integers(-5, 3000).map(str),
    st.sampled_from(URLS).map(lambda u: f"{{{u}}}"),
    st.sampled_from(["jan", "feb", "dec", "mac1", "mac1 # \", x\"", "{1953-03-05}",
                     "{2003-13-45}", "{1953/1956}", "{--}", "{12--34}", "{iii--xv}"]),
)


@st.composite
def bib_entry(draw: st.DrawFn, key: str | None = None) -> str:
    fields = draw(st.lists(st.sampled_from(FIELDS), max_size=8, unique=True))
    lines = [f"@{draw(st.sampled_from(ENTRY_TYPES))}{{{key or draw(bib_key)},"]
    for name in fields:
        value = f"{{{draw(people)}}}" if name in ("author", "editor", "translator") \
            else draw(field_value)
        lines.append(f"  {name} = {value},")
    lines.append("}")
    return "\n".join(lines)


@st.composite
def bibtex_library(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Well-formed BibTeX with unique keys: (text, keys) — every key must come back."""
    keys = draw(st.lists(bib_key, max_size=6, unique_by=str.lower))
    parts = ['@string{mac1 = "Voprosy istorii"}']
    if draw(st.booleans()):
        parts.append("@comment{Хрущёв {\\\"o}}\n% a line comment\n@preamble{\"\\newcommand{\\x}{}\"}")
    parts += [draw(bib_entry(key)) for key in keys]
    return "\n\n".join(parts) + "\n", keys


bibtex_text = _and_mangled(bibtex_library().map(lambda pair: pair[0]))


# -- CSL-JSON ---------------------------------------------------------------------------------

CSL_TYPES = ["book", "article-journal", "chapter", "webpage", "document", "thesis", "report",
             "manuscript", "no-such-type", ""]
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                        safe_text)
any_json = st.recursive(json_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(safe_text, inner, max_size=4)), max_leaves=12)
csl_name = st.one_of(
    st.fixed_dictionaries({"family": word}, optional={"given": word, "suffix": word,
                                                      "non-dropping-particle": word}),
    st.fixed_dictionaries({"literal": phrase}),
    any_json,
)
csl_date = st.one_of(
    st.fixed_dictionaries({"date-parts": st.lists(st.lists(
        st.one_of(st.integers(-3000, 3000), st.sampled_from(["1953", "x", ""])), max_size=4),
        max_size=2)}),
    st.fixed_dictionaries({"raw": safe_text}),
    st.fixed_dictionaries({"literal": safe_text}),
    any_json,
)
csl_custom = st.one_of(any_json, st.fixed_dictionaries({"translitbib": any_json}),
                       st.fixed_dictionaries({"translitbib": st.fixed_dictionaries(
                           {}, optional={"stub": st.booleans(), "originals": any_json,
                                         "origin": any_json, "short_titles": any_json})}))


@st.composite
def csl_item(draw: st.DrawFn, item_id: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": item_id if item_id is not None else draw(
        st.one_of(bib_key, st.integers(), any_json)), "type": draw(st.sampled_from(CSL_TYPES))}
    for name in draw(st.lists(st.sampled_from(["author", "editor", "translator"]), max_size=2,
                              unique=True)):
        item[name] = draw(st.one_of(st.lists(csl_name, max_size=3), any_json))
    for name in draw(st.lists(st.sampled_from(["issued", "accessed", "original-date"]),
                              max_size=2, unique=True)):
        item[name] = draw(csl_date)
    for name in draw(st.lists(st.sampled_from(
            ["title", "container-title", "publisher", "publisher-place", "page", "volume",
             "URL", "DOI", "language", "note", "original-title", "abstract"]),
            max_size=6, unique=True)):
        item[name] = draw(st.one_of(phrase, st.sampled_from(URLS), st.integers(), any_json))
    if draw(st.booleans()):
        item["custom"] = draw(csl_custom)
    return item


@st.composite
def csljson_library(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A CSL-JSON array of well-typed items with unique string ids: (text, ids)."""
    ids = draw(st.lists(bib_key, max_size=6, unique=True))
    items = [draw(csl_item(i)) for i in ids]
    for item in items:
        item["type"] = draw(st.sampled_from(CSL_TYPES[:-1]))
    indent = draw(st.sampled_from([None, 1, 2]))
    return json.dumps(items, ensure_ascii=draw(st.booleans()), indent=indent), ids


csljson_text = _and_mangled(st.one_of(
    csljson_library().map(lambda pair: pair[0]),
    st.lists(csl_item(), max_size=4).map(json.dumps),
    any_json.map(json.dumps),
    st.builds(lambda items: json.dumps({"items": items}), st.lists(csl_item(), max_size=3)),
    st.sampled_from([2, 50, 999, 1001, 5000, 100_000]).map(lambda d: "[" * d + "]" * d),
    st.sampled_from([2, 50, 999, 1001, 5000]).map(lambda d: '{"a":' * d + "1" + "}" * d),
))


# -- RIS --------------------------------------------------------------------------------------

RIS_TYPES = ["JOUR", "BOOK", "CHAP", "THES", "NEWS", "ELEC", "GEN", "EDBOOK", "XYZ", "jour", ""]
RIS_TAGS = ["AU", "A1", "A2", "A3", "A4", "ED", "TI", "T1", "T2", "T3", "BT", "JF", "JO", "J2",
            "PY", "Y1", "DA", "Y2", "VL", "IS", "SP", "EP", "CY", "PB", "SN", "DO", "UR", "N1",
            "AB", "KW", "LA", "M3", "M1", "ST", "C1", "L1", "ZZ", "Q9"]
ris_value = st.one_of(phrase, word, st.sampled_from(URLS), st.sampled_from(
    ["1994///", "2000/05/12/", "1994///Spring", "/13/45/", "2003-06-18", "x", "10.1000/xyz",
     "Original title: Убийство", "Genre: memoir", "3-27", "Khlevniuk, Oleg V., Jr.", ""]))


@st.composite
def ris_library(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Well-formed RIS records, each with its ID: (text, ids)."""
    ids = draw(st.lists(bib_key, max_size=5, unique=True))
    lines: list[str] = []
    for key in ids:
        lines.append(f"TY  - {draw(st.sampled_from(RIS_TYPES[:-3]))}")
        lines.append(f"ID  - {key}")
        for _ in range(draw(st.integers(0, 8))):
            lines.append(f"{draw(st.sampled_from(RIS_TAGS))}  - {draw(ris_value)}")
        lines += ["ER  - ", ""]
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines), ids


@st.composite
def ris_loose(draw: st.DrawFn) -> str:
    """Records as careless exporters write them: no ER, tags before TY, wrapped lines."""
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            lines.append(f"TY  - {draw(st.sampled_from(RIS_TYPES))}")
        elif kind == 1:
            lines.append(f"{draw(st.sampled_from(RIS_TAGS))}  - {draw(ris_value)}")
        elif kind == 2:
            lines.append(draw(phrase))
        else:
            lines.append(draw(st.sampled_from(["ER  - ", "ER  -", "TY - JOUR", "", "  - x"])))
    return "\n".join(lines)


ris_text = _and_mangled(st.one_of(ris_library().map(lambda pair: pair[0]), ris_loose()))


# -- essays -----------------------------------------------------------------------------------

HEADINGS = ["Notes", "NOTES", "Endnotes", "Bibliography", "Works Cited", "References",
            "Supplemental Bibliography", "# Notes", "## Bibliography", "Sources:", "Part Two"]
year = st.integers(1800, 2030).map(str)
citation = st.one_of(
    st.builds(lambda a, y: f"({a} {y})", word, year),
    st.builds(lambda a, t, p: f"({a}, {t} {p})", word, phrase, st.sampled_from(
        ["618-23", "45", "p. 12", "pp. 3–9", "", "ii", "12, 14"])),
    st.builds(lambda a, y: f"({a} {y}; {a} {y}a)", word, year),
    st.sampled_from(["(ibid.)", "(Ibid., 45)", "()", "(;)", "(see above)", "((x))"]),
)
entry_line = st.one_of(
    st.builds(lambda a, t, c, p, y: f"{a}. {t}. {c}: {p}, {y}.", people, phrase, word, word,
              year),
    st.builds(lambda a, t, j, y, p: f'{a}. "{t}." {j} {y}: {p}.', people, phrase, phrase, year,
              st.sampled_from(["618-23", "1–30", "x"])),
    st.builds(lambda a, t, u: f"{a}. {t}. {u}", people, phrase, st.sampled_from(URLS)),
    st.builds(lambda t: f"- {t}", phrase),
)
footnote_label = st.one_of(st.integers(0, 1200).map(str), st.sampled_from(["a", "mukhin", "1a"]))
note_line = st.builds(
    lambda n, body: n + body, st.one_of(
        st.integers(0, 400).map(lambda n: f"{n}. "),  # Markdown's [^3]: too
        footnote_label.map(lambda label: f"[^{label}]: "),
        st.sampled_from(["    ", "\t"])), st.one_of(
        entry_line, citation, phrase, st.sampled_from(["Ibid.", "Ibid., 45.", "See note 3."]),
        st.builds(lambda u: f"See {u}", st.sampled_from(URLS)),
        st.builds(lambda t, u: f"[{t}]({u})", phrase, st.sampled_from(URLS))))
body_line = st.lists(st.one_of(phrase, citation, st.sampled_from(URLS),
                               st.integers(1, 300).map(str), st.sampled_from(JUNK),
                               footnote_label.map(lambda label: f"x.[^{label}]")),
                     max_size=8).map(" ".join)


@st.composite
def essay(draw: st.DrawFn) -> str:
    lines = draw(st.lists(body_line, max_size=6))
    for heading in draw(st.lists(st.sampled_from(HEADINGS), max_size=3)):
        lines += ["", heading, ""]
        lines += draw(st.lists(st.one_of(note_line, entry_line, body_line), max_size=6))
    newline = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    return newline.join(lines)


essay_text = _and_mangled(essay())


# -- web pages --------------------------------------------------------------------------------

TAGS = ["p", "div", "li", "ol", "ul", "h2", "blockquote", "br", "hr", "table", "tr", "td", "i",
        "em", "cite", "b", "span", "sup", "u", "a", "section", "pre", "script", "style", "nav",
        "html", "body", "head", "title", "o:p", "P", "LI"]
ATTRS = ["", ' id="fn1"', ' href="#fn1"', ' href="http://x.ru/a"', " name=_ftn1",
         ' class="footnote-ref"', ' style="font-style:italic"', " hidden", ' value="7"',
         ' start="3"', ' href="rel.html"', " href=#", ' id="fn1" role="doc-endnote"', " x=",
         ' a="', " style='display:none'"]
HTML_JUNK = ["<", ">", "</", "<!--", "-->", "<![", "<![if !supportFootnotes]>", "<?xml ?>",
             "&", "&#", "&amp;", "&#x41;", "&#0;", "&nbsp;", "&#8617;", "<!DOCTYPE html>",
             "<meta charset=windows-1251>", "<base href=http://x.ru/>", "\n", "\n\n"]
_note = st.integers(1, 12).map(str)
html_piece = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(ATTRS)),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.one_of(body_line, note_line, entry_line, st.sampled_from(HEADINGS)),
    _note.map(lambda n: f'<a href="#fn{n}" class="footnote-ref" id="fnref{n}"><sup>{n}</sup></a>'),
    st.builds(lambda n, t: f'<li id="fn{n}"><p>{t}<a href="#fnref{n}">↩︎</a></p></li>', _note,
              st.one_of(note_line, entry_line, citation)),
    _note.map(lambda n: f'<a href="#_ftn{n}" name="_ftnref{n}">[{n}]</a>'),
    st.builds(lambda n, t: f'<div id=ftn{n}><p><a href="#_ftnref{n}" name="_ftn{n}">[{n}]</a>'
              f" {t}</p></div>", _note, st.one_of(note_line, citation)),
    _note.map(lambda n: f"<sup>{n}</sup>"),
    st.sampled_from(HTML_JUNK), st.sampled_from(JUNK))
html_page = st.lists(html_piece, max_size=30).map("".join)
html_text = _and_mangled(html_page)

TEXT_BY_FORMAT: dict[str, st.SearchStrategy[str]] = {
    "bibtex": bibtex_text,
    "csljson": csljson_text,
    "essay": essay_text,
    "html": html_text,
    "ris": ris_text,
}
SUFFIX = {"bibtex": ".bib", "csljson": ".json", "essay": ".txt", "html": ".html", "ris": ".ris"}
DOCUMENT_SUFFIX = {"docx": ".docx"}  # (bytes, not text: word_document_bytes)


# -- Word documents: the essays above as paragraphs of runs (italic or not, XML-escaped or
# raw), footnote and endnote calls, notes that exist or not; then, some of the time, the
# package's bytes cut or flipped ---------------------------------------------------------

def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def citation_field_instruction(draw: st.DrawFn) -> str:
    """A citation field's instruction: CSL citation JSON with generated items (ids that
    repeat, locators of any kind), or one cut short, or the JSON's wrong shape."""
    items = draw(st.lists(st.fixed_dictionaries({
        "id": st.one_of(st.integers(0, 3), bib_key),
        "uris": st.lists(st.sampled_from(["http://zotero.org/users/1/items/A",
                                          "http://zotero.org/users/1/items/B"]), max_size=1),
        "itemData": st.one_of(csl_item(), any_json),
        "locator": st.one_of(st.sampled_from(["45", "618-23", "", "ii"]), st.integers()),
        "label": st.sampled_from(["page", "chapter", "", "x"])}), max_size=3))
    data = draw(st.one_of(
        st.just({"citationID": "x", "citationItems": items,
                 "properties": {"plainCitation": "(x)"}}),
        any_json))
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 5)) == 0:
        text = text[:draw(st.integers(0, len(text)))]
    head = draw(st.sampled_from(["ADDIN ZOTERO_ITEM CSL_CITATION ", "ADDIN CSL_CITATION ",
                                 "ADDIN ZOTERO_BIBL ", "ADDIN EN.CITE "]))
    return head + text


@st.composite
def word_document_bytes(draw: st.DrawFn) -> bytes:
    from tests.documents import complex_field, note_reference, para, run, word_document

    lines = draw(essay()).split("\n")
    notes: dict[str, dict[int, str]] = {"footnote": {}, "endnote": {}}
    body = []
    for line in lines:
        runs = []
        for piece in line.split("*"):
            props = draw(st.sampled_from([(), ("<w:i/>",), ("<w:vertAlign w:val=\"superscript\"/>",)]))
            runs.append(run(_xml_text(piece), *props))
            if draw(st.integers(0, 8)) == 0:  # a Zotero or Mendeley citation field
                runs.append(complex_field(draw(citation_field_instruction()),
                                          run(_xml_text(piece[:40])),
                                          split=draw(st.integers(0, 30))))
            if draw(st.integers(0, 6)) == 0:
                kind = draw(st.sampled_from(["footnote", "endnote"]))
                number = draw(st.integers(1, 5))
                runs.append(note_reference(kind, number))
                if draw(st.booleans()):
                    notes[kind][number] = para(run(_xml_text(draw(note_line))))
        body.append(para(*runs, style=draw(st.sampled_from(["", "Heading1", "Title"]))))
    if draw(st.integers(0, 9)) == 0:  # raw markup that may not be well formed
        body.append(draw(st.sampled_from(["<w:p>", "</w:r>", "<w:p><w:r><w:t>&bad;</w:t></w:r></w:p>",
                                          "<!DOCTYPE x>", "<w:p><w:ins><w:r><w:t>x</w:t></w:r></w:ins></w:p>"])))
    data = word_document("".join(body), footnotes=notes["footnote"] or None,
                         endnotes=notes["endnote"] or None)
    damage = draw(st.sampled_from(["none", "none", "cut", "flip"]))
    if damage == "cut":
        data = data[:draw(st.integers(0, len(data)))]
    elif damage == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    return data
