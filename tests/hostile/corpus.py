"""The hostile-input corpus: files nobody cleaned, each with what translitbib must do.

Every case names its input (bytes and file name), the exit code, what the message must
say (file, line, what is wrong, what to do) and, for the runs that succeed, how many
entries the input holds: the report's accounting must match it exactly.  Large inputs are
generated here, not stored.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field

ESSAY = """Stalin and Beria

Beria spoke second (Beria, Speech). Mukhin agrees (Mukhin, *Ubiystvo* 611).<u>1</u>

Notes

1 See Mukhin, *Ubiystvo* 612.

Bibliography

Service, Robert. Stalin. A Biography. Cambridge, MA: Belknap Press, 2004.
Прудникова, Елена. Берия. Москва: Олма, 2005.
"""
ESSAY_ENTRIES = 2

BIB = """@book{service2004,
  author = {Service, Robert},
  title = {Stalin. A Biography},
  publisher = {Belknap Press},
  address = {Cambridge, MA},
  year = {2004},
}

@article{dobriukha2003,
  author = {Dobriukha, Nikolai},
  title = {Otsy i otchimy ottepeli},
  journaltitle = {Argumenty i fakty},
  date = {2003-06-18},
  url = {http://www.aif.ru/online/air/1182/10_01},
}
"""
BIB_ENTRIES = 2

CSL = [
    {"id": "service2004", "type": "book", "title": "Stalin. A Biography",
     "author": [{"family": "Service", "given": "Robert"}], "issued": {"date-parts": [[2004]]}},
    {"id": "prudnikova2005", "type": "book", "title": "Берия",
     "author": [{"family": "Прудникова", "given": "Елена"}], "issued": {"date-parts": [[2005]]}},
]


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    data: bytes
    exit_code: int = 0
    # substrings the error message must hold (exit != 0), e.g. "file.bib:3"
    message: tuple[str, ...] = ()
    entries: int | None = None  # entries the input holds (exit 0): accounting must match
    problems: tuple[str, ...] = ()  # problem codes the report must list
    tags: tuple[str, ...] = field(default=())


def _csl(items: object) -> bytes:
    return json.dumps(items, ensure_ascii=False, indent=2).encode("utf-8")


def encoding_cases() -> list[Case]:
    cases = []
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251",
                     "koi8_r"):
        cases.append(Case(f"essay in {encoding}", "essay.txt", ESSAY.encode(encoding),
                          entries=ESSAY_ENTRIES))
        cases.append(Case(f"bibtex in {encoding}", "refs.bib",
                          BIB.replace("Service, Robert", "Сервис, Роберт").encode(encoding),
                          entries=BIB_ENTRIES))
    cases.append(Case("csl-json in utf-16", "refs.json", _csl(CSL).decode().encode("utf-16"),
                      entries=2))
    latin1 = ESSAY.encode("utf-8").decode("latin-1").encode("utf-8")
    cases.append(Case("essay with latin-1 mojibake of cyrillic", "essay.txt", latin1,
                      entries=ESSAY_ENTRIES, problems=("encoding-repaired",)))
    mixed = ESSAY.replace("Прудникова, Елена. Берия. Москва: Олма, 2005.\n", "").replace(
        "Stalin and Beria", "Сталин и Берия").encode() + \
        "Прудникова, Елена. Берия. Москва: Олма, 2005.\n".encode("cp1251")
    cases.append(Case("essay mixing utf-8 and cp1251 lines", "essay.txt", mixed,
                      entries=ESSAY_ENTRIES, problems=("encoding-repaired",)))
    cases.append(Case("windows line endings", "essay.txt", ESSAY.replace("\n", "\r\n").encode(),
                      entries=ESSAY_ENTRIES))
    cases.append(Case("old mac line endings", "essay.txt", ESSAY.replace("\n", "\r").encode(),
                      entries=ESSAY_ENTRIES))
    cases.append(Case("bibtex in cp1251 with latex escapes", "refs.bib",
                      (BIB + '@book{x, author={Gr{\\"u}n, J{\\\'e}r{\\^o}me}, title={Beria}, year=1999}\n')
                      .encode("cp1251"), entries=3))
    return cases


def binary_cases() -> list[Case]:
    rng = random.Random(7)
    return [
        Case("pdf saved as txt", "essay.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\x00\x01",
             1, ("essay.txt:1", "PDF", "pdftotext")),
        Case("docx saved as bib", "refs.bib", b"PK\x03\x04\x14\x00\x06\x00", 1,
             ("refs.bib:1", "ZIP", "plain text")),
        Case("png named json", "refs.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1,
             ("refs.json:1", "PNG")),
        Case("jpeg named txt", "essay.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF", 1, ("essay.txt:1", "JPEG")),
        Case("rtf named txt", "essay.txt", b"{\\rtf1\\ansi Stalin}", 1, ("essay.txt:1", "RTF")),
        Case("random bytes with nul", "essay.txt", bytes(rng.randrange(256) for _ in range(4000)) + b"\x00",
             1, ("essay.txt", "binary")),
        Case("nul in the middle of text", "essay.txt", b"Stalin\nBeria\x00\x00\x00Mukhin\n", 1,
             ("essay.txt:2", "binary")),
        Case("old word document", "essay.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 1,
             ("essay.txt:1", "Word")),
    ]


def empty_cases() -> list[Case]:
    cases = []
    for filename in ("essay.txt", "refs.bib", "refs.json", "notes.md"):
        cases.append(Case(f"empty {filename}", filename, b"", 1, (filename, "empty")))
        cases.append(Case(f"whitespace-only {filename}", filename, b"  \n\t\n \r\n", 1,
                          (filename, "whitespace")))
    cases.append(Case("only a bom", "essay.txt", b"\xef\xbb\xbf", 0, entries=0))
    return cases


def bibtex_cases() -> list[Case]:
    entry = "@book{k%d, author = {Beria, Sergo}, title = {Moi otets %d}, year = {1994}}\n"
    many = "".join(entry % (i, i) for i in range(50))
    return [
        Case("truncated bibtex", "refs.bib", BIB[: len(BIB) - 40].encode(), entries=2,
             problems=("bibtex-syntax",)),
        Case("unbalanced braces in a title", "refs.bib",
             (BIB + "@book{bad, title = {Beria {Lavrentii, year = 1999}\n\n@book{after, title={Ok}, year=2000}\n").encode(),
             entries=4, problems=("bibtex-syntax",)),
        Case("unbalanced quotes", "refs.bib",
             (BIB + '@book{q, title = "Beria, year = 1999}\n').encode(), entries=3,
             problems=("bibtex-syntax",)),
        Case("duplicate keys", "refs.bib", (BIB + BIB.replace("Stalin. A Biography", "Stalin II")).encode(),
             entries=4, problems=("bibtex-duplicate-key",)),
        Case("duplicate fields", "refs.bib",
             b"@book{d, title = {One}, title = {Two}, author = {Beria, Sergo}, year = 1994}\n",
             entries=1, problems=("bibtex-duplicate-field",)),
        Case("string macros and concatenation", "refs.bib",
             b'@string{aif = "Argumenty i fakty"}\n@string{pre = "Otsy"}\n'
             b'@article{s, author = {Dobriukha, Nikolai}, title = pre # " i otchimy", journaltitle = aif, year = 2003}\n',
             entries=1),
        Case("biblatex extended name format", "refs.bib",
             b"@book{e, author = {family=Beria, given=Lavrentii}, title = {Rechi}, date = {1953}}\n",
             entries=1),
        Case("deeply nested braces", "refs.bib",
             b"@book{n, title = {" + b"{" * 5000 + b"Beria" + b"}" * 5000 + b"}, year = 1999}\n",
             entries=1),
        Case("ten megabyte field", "refs.bib",
             b"@book{big, title = {" + b"Beria " * 1_750_000 + b"}, year = 1999}\n", entries=1),
        Case("control characters in fields", "refs.bib",
             b"@book{c, title = {Be\x07ria\x1b Lavrentii}, author = {Beria, S\x0bergo}, year = 1994}\n",
             entries=1),
        Case("right-to-left marks", "refs.bib",
             "@book{r, title = {\u200fBeria\u200e \u202eLavrentii\u202c}, year = 1994}\n".encode(),
             entries=1),
        Case("combining diacritics", "refs.bib",
             "@book{cd, author = {Berii\u0361a, Lavrentii\u0306}, title = {Rechi}, year = 1953}\n".encode(),
             entries=1),
        Case("comment and preamble only", "refs.bib",
             b"@comment{nothing here}\n@preamble{\"\\newcommand{\\noopsort}[1]{}\"}\n", entries=0),
        Case("text that is not bibtex", "refs.bib", b"Just some notes about Beria.\nNothing else.\n",
             1, ("refs.bib:1", "no BibTeX entry")),
        Case("entry without key", "refs.bib", b"@book{, title = {Nameless}, year = 2000}\n" + BIB.encode(),
             entries=3),
        Case("unknown entry type", "refs.bib", b"@dataset{ds, title = {Spiski}, year = 2010}\n",
             entries=1),
        Case("fifty entries", "refs.bib", many.encode(), entries=50),
        Case("garbage between entries", "refs.bib", ("junk here\n" + BIB + "more junk } { \n").encode(),
             entries=2),
        Case("at sign in an email field", "refs.bib",
             b"@misc{m, author = {Petrov, Ivan}, title = {Pis'mo}, note = {ivan@example.org}, year = 2001}\n",
             entries=1),
        Case("percent and underscore in url", "refs.bib",
             b"@online{u, title = {Arkhiv}, url = {http://x.ru/a_b%20c?d=1&e=2#f}, urldate = {2011-09-01}}\n",
             entries=1),
    ]


def csl_cases() -> list[Case]:
    deep = b"[" * 100_000 + b"]" * 100_000
    return [
        Case("invalid json", "refs.json", b'[\n  {"id": "a", "type": "book",\n  oops\n]\n', 1,
             ("refs.json:3", "not valid JSON")),
        Case("truncated json", "refs.json", _csl(CSL)[:-30], 1, ("refs.json", "not valid JSON")),
        Case("json of the wrong shape: a number", "refs.json", b"42\n", 1,
             ("refs.json:1", "list of items")),
        Case("json of the wrong shape: a string", "refs.json", b'"Beria"\n', 1, ("refs.json:1",)),
        Case("a single item object", "refs.json", _csl(CSL[0]), entries=1),
        Case("items that are not objects", "refs.json", b'[1, "two", null, {"id": "x", "type": "book", "title": "Ok"}]\n',
             entries=4, problems=("csljson-not-an-item",)),
        Case("item without type", "refs.json", _csl([{"id": "a", "title": "Beria"}]), entries=1),
        Case("item without id", "refs.json", _csl([{"type": "book", "title": "Beria"}]), entries=1),
        Case("bad names and dates", "refs.json",
             _csl([{"id": "a", "type": "book", "title": "B", "author": "Beria",
                    "issued": "sometime"}]), entries=1),
        Case("names not a list", "refs.json",
             _csl([{"id": "a", "type": "book", "title": "B", "author": {"family": "Beria"}}]), entries=1),
        Case("deeply nested json", "refs.json", deep, 1, ("refs.json", "nested")),
        Case("duplicate ids", "refs.json", _csl([CSL[0], {**CSL[1], "id": "service2004"}]), entries=2),
        Case("unknown type", "refs.json", _csl([{"id": "a", "type": "hologram", "title": "B"}]),
             entries=1),
        Case("numbers where strings belong", "refs.json",
             _csl([{"id": 7, "type": "book", "title": 12, "volume": 3, "page": 5}]), entries=1),
        Case("empty list", "refs.json", b"[]\n", entries=0),
        Case("control characters in json strings", "refs.json",
             _csl([{"id": "a", "type": "book", "title": "Be\u0007ria\u200f"}]), entries=1),
    ]


def essay_cases() -> list[Case]:
    no_bib = ESSAY.split("Bibliography")[0]
    huge_line = "Beria " * 1_750_000 + "(Mukhin, *Ubiystvo* 611).\n"
    return [
        Case("essay without any bibliography", "essay.txt", no_bib.encode(), entries=0,
             problems=("no-bibliography", "missing-work")),
        Case("essay with a ten megabyte line", "essay.txt", huge_line.encode(), entries=0),
        Case("essay with only a heading", "essay.txt", b"Bibliography\n", entries=0),
        Case("bibliography of unparseable lines", "essay.txt",
             b"Text.\n\nBibliography\n\nPrimary Sources\n\nSee the boxes in the archive\n"
             b"Ask the others too\n", entries=2, problems=("unparsed-entry",)),
        Case("essay with control characters", "essay.txt",
             ESSAY.replace("Beria spoke", "Beria\x07 spo\x1bke").encode(), entries=ESSAY_ENTRIES),
        Case("essay with right-to-left marks", "essay.txt",
             ESSAY.replace("Service", "\u200fService\u200e").encode(), entries=ESSAY_ENTRIES),
        Case("essay with combining diacritics", "essay.txt",
             ESSAY.replace("Beria, Speech", "Berii\u0361a, Speech").encode(), entries=ESSAY_ENTRIES),
        Case("markdown essay", "essay.md",
             ("# Essay\n\n" + ESSAY.replace("Bibliography", "## Bibliography")).encode(),
             entries=ESSAY_ENTRIES),
        Case("unbalanced parentheses everywhere", "essay.txt",
             b"Beria (Mukhin, 611 and (( more ) text ((\n\nBibliography\n\nService, Robert. Stalin. London: Allen, 2004.\n",
             entries=1),
        Case("notes without numbers", "essay.txt",
             b"Text.<u>1</u>\n\nNotes\n\nno number here\n\nanother\n", entries=0),
        Case("note calls without notes", "essay.txt", b"Text.<u>1</u> More.<u>2</u>\n", entries=0,
             problems=("note-call-without-notes",)),
        Case("thousands of parentheses", "essay.txt", ("(a) " * 50_000 + "\n").encode(), entries=0),
        Case("a bibliography line of ten thousand commas", "essay.txt",
             ("Text.\n\nBibliography\n\nBeria" + ", x" * 10_000 + ". Moscow: Neva, 2000.\n").encode(),
             entries=1),
        Case("many colons and semicolons", "essay.txt",
             ("Text.\n\nBibliography\n\nA, B. T. " + "X: Y; " * 2000 + "Moscow: Neva, 2000.\n").encode(),
             entries=1),
        Case("url list named txt", "urls.txt",
             b"http://www.aif.ru/online/air/1182/10_01\nhttp://www.akdi.ru/id/new/ek5.htm\n", entries=0),
        Case("bibtex content in a txt file", "refs.txt", BIB.encode(), entries=BIB_ENTRIES),
        Case("csl-json content with a bib suffix", "refs.bib", _csl(CSL), 1, ("refs.bib:1",)),
        Case("essay named json", "essay.json", ESSAY.encode(), 1, ("essay.json:1", "not valid JSON")),
    ]


RIS = """TY  - BOOK
AU  - Service, Robert
TI  - Stalin. A Biography
CY  - Cambridge, MA
PB  - Belknap Press
PY  - 2004
ER  -

TY  - JOUR
AU  - Хлевнюк, Олег
TI  - Сталин и Молотов
JF  - Вопросы истории
IS  - 5
SP  - 3
EP  - 27
PY  - 1994///
ER  -
"""


def ris_cases() -> list[Case]:
    return [
        Case("ris in cp1251", "refs.ris", RIS.encode("cp1251"), entries=2),
        Case("ris in utf-16 with crlf", "refs.ris", RIS.replace("\n", "\r\n").encode("utf-16"),
             entries=2),
        Case("ris saved as txt by endnote", "refs.txt", RIS.encode(), entries=2,
             problems=("format-from-content",)),
        Case("ris cut short: no ER", "refs.ris", RIS[: RIS.rindex("ER")].encode(), entries=2,
             problems=("ris-no-end",)),
        Case("ris tags before any TY", "refs.ris", RIS.split("\n", 1)[1].encode(), entries=2,
             problems=("ris-no-type",)),
        Case("ris with stray text and unknown tags", "refs.ris",
             ("exported 2026-12-07\n" + RIS.replace("PY  - 2004", "PY  - 2004\nZZ  - x"))
             .encode(), entries=2, problems=("ris-stray-text", "ris-unknown-tag")),
        Case("ris without any record", "refs.ris", b"AU  - Service, Robert\n", 1,
             ("refs.ris", "no RIS record")),
        Case("ris with a 10 MB abstract", "refs.ris",
             RIS.replace("PY  - 2004", "AB  - " + "Stalin " * 1_500_000 + "\nPY  - 2004").encode(),
             entries=2),
    ]


def backtracking_cases() -> list[Case]:
    """Inputs that once took seconds to minutes: patterns that tried every position of a
    long run (a note of 20,000 capitals took 21 s; 6,666 initials 28 s; 100,000 blank
    lines before no RIS record 9 s; a line of 30,000 note calls 25 s)."""
    note = "Text.<u>1</u>\n\nNotes\n\n1. {}\n"
    return [
        Case("note of 20,000 capitals", "essay.txt", note.format("A" * 20_000).encode(),
             entries=0),
        Case("note of 6,666 initials", "essay.txt", note.format("A. " * 6_666).encode(),
             entries=0),
        Case("note of 20,000 cyrillic capitals", "essay.txt",
             note.format("А" * 20_000).encode(), entries=0),
        Case("gost note of 3,000 slashes", "essay.txt",
             "Текст.<u>1</u>\n\nПримечания\n\n1. Папков {} С. 5.\n".format("а // " * 3_000)
             .encode(), entries=0),
        Case("a block of 8,000 url starts", "essay.txt",
             ("Text.\n\nSome text " + "http://" * 8_000 + "x\nand more words.\n").encode(),
             entries=0),
        Case("an entry of 1,176 translators", "essay.txt",
             ("Text.\n\nBibliography\n\nA, B. Title. " + "Translated by X, " * 1_176
              + "London: X, 2000.\n").encode(), entries=1),
        Case("a line of 30,000 underlined note calls", "essay.txt",
             ("Text." + "<u>1</u> x." * 30_000 + "\n").encode(), entries=0,
             problems=("note-call-without-notes",)),
        Case("a line of 30,000 markdown footnote calls", "essay.md",
             ("Text." + "[^a] x." * 30_000 + "\n\n[^a]: A note.\n").encode(), entries=0),
        Case("a note of 10,000 paragraphs", "essay.txt",
             ("Text.<u>1</u>\n\nNotes\n\n1. Amy Knight, Beria, 176.\n\n"
              + "More on it, a paragraph of the note.\n\n" * 10_000).encode(), entries=0),
        Case("a url before 200,000 closing parentheses", "essay.txt",
             ("Text http://x.org/(a" + ")" * 200_000 + ".\n").encode(), entries=0),
        Case("100,000 blank lines before no ris record", "refs.ris",
             b"\n" * 100_000 + b"AU  - Service, Robert\n", 1, ("refs.ris:100001", "no RIS record")),
    ]


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Stalin and Beria</title>
<style>body { font-family: serif; }</style></head>
<body>
<h1>Stalin and Beria</h1>
<p>Beria spoke second (Beria, Speech). Mukhin agrees (Mukhin, <i>Ubiystvo</i> 611).<a
href="#fn1" class="footnote-ref" id="fnref1"><sup>1</sup></a></p>
<h2>Bibliography</h2>
<p>Service, Robert. <i>Stalin. A Biography</i>. Cambridge, MA: Belknap Press, 2004.</p>
<p>Прудникова, Елена. <i>Берия</i>. Москва: Олма, 2005.</p>
<section class="footnotes"><ol><li id="fn1"><p>See Mukhin, <i>Ubiystvo</i> 612.<a
href="#fnref1" class="footnote-back">↩︎</a></p></li></ol></section>
</body></html>
"""
PAGE_ENTRIES = 2


def html_cases() -> list[Case]:
    """Web pages as found: broken markup, deep nesting, long lines, scripts, bad entities,
    stray bytes, no essay at all; and the runs that take html.parser quadratic time (a
    200 KB run of '<p a=' took it 240 s) or make it raise (<![)."""
    body = PAGE.split("<body>")[1].split("</body>")[0]
    unclosed = PAGE.replace("</p>", "").replace("</i>", "").replace("</li></ol></section>", "")
    deep = PAGE.replace("<body>", "<body>" + "<div>" * 100_000)
    script = PAGE.replace("<body>", '<body><script>var s = "</p><p>Fake (Fake 1).</p>"; '
                          "if (a </p> b) {}</script>")
    entities = PAGE.replace("Beria spoke", "Beria &#99999999999; &#xZZ; &amp &bogus; &#0; "
                            "&#xD800; &; &#; &#x; &nbsp spoke")
    # a paragraph in cp1251 in a UTF-8 page; and a line of every high byte, which no
    # encoding reads as text: its bytes are replaced, the line named, the page read
    mixed = PAGE.encode().replace(b"<h2>", "<p>Сталин и Берия.</p>\n".encode("cp1251") + b"<h2>")
    stray = PAGE.encode().replace(b"<h2>", bytes(range(0x80, 0x100)) + b"\n<h2>")
    huge = PAGE.replace("<p>Beria spoke", "<p>" + "Beria " * 1_750_000 + "Beria spoke")
    navigation = ('<!DOCTYPE html><html><body><div class="menu"><ul>' + "".join(
        f'<li><a href="http://clogic.eserver.org/2005/{n}.html">Article {n}</a></li>'
        for n in range(40)) + "</ul></div></body></html>")
    return [
        Case("html page", "essay.html", PAGE.encode(), entries=PAGE_ENTRIES),
        Case("html page in cp1251 with its meta", "essay.htm",
             PAGE.replace('charset="utf-8"', 'charset="windows-1251"')
             .replace("↩︎", "&#8617;&#65038;").encode("cp1251"),
             entries=PAGE_ENTRIES),
        Case("html page in utf-16 with a bom", "essay.html", PAGE.encode("utf-16"),
             entries=PAGE_ENTRIES),
        Case("html page saved as txt", "essay.txt", PAGE.encode(), entries=PAGE_ENTRIES,
             problems=("format-from-content",)),
        Case("html without any end tag", "essay.html", unclosed.encode(), entries=PAGE_ENTRIES),
        Case("html body only", "essay.html", body.encode(), entries=PAGE_ENTRIES),
        Case("html nested 100,000 divs deep", "essay.html", deep.encode(), entries=PAGE_ENTRIES),
        Case("html with a ten megabyte line", "essay.html", huge.encode(), entries=PAGE_ENTRIES),
        Case("html script with end tags in its strings", "essay.html", script.encode(),
             entries=PAGE_ENTRIES),
        Case("html with malformed entities", "essay.html", entities.encode(),
             entries=PAGE_ENTRIES),
        Case("html with a cp1251 paragraph in utf-8", "essay.html", mixed, entries=PAGE_ENTRIES,
             problems=("encoding-repaired",)),
        Case("html with a line of every high byte", "essay.html", stray, entries=PAGE_ENTRIES,
             problems=("encoding-repaired",)),
        Case("html with an empty body", "essay.html",
             b"<!DOCTYPE html><html><head><title>Beria</title><script>var x;</script></head>"
             b"<body></body></html>", entries=0, problems=("empty-input",)),
        Case("html navigation page", "index.html", navigation.encode(), entries=0,
             problems=("html-no-essay",)),
        Case("empty html file", "essay.html", b"", 1, ("essay.html", "empty")),
        Case("png named html", "essay.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1,
             ("essay.html:1", "PNG")),
        Case("html run of 40,000 '<p a='", "essay.html", ("<p>Beria." + "<p a=" * 40_000).encode(),
             entries=0),
        Case("html run of a million '</'", "essay.html", ("<p>Beria." + "</" * 1_000_000).encode(),
             entries=0),
        Case("html run of 200,000 unclosed comments", "essay.html",
             ("<p>Beria.</p>" + "<!--" * 200_000).encode(), entries=0),
        Case("html run of '<![' and '<?'", "essay.html",
             ("<p>Beria.</p>" + "<![<?" * 200_000).encode(), entries=0),
        Case("html unclosed quoted attribute", "essay.html",
             ('<p>Beria.</p><a href="' + "x" * 1_000_000).encode(), entries=0),
        Case("html line of 30,000 superscript calls", "essay.html",
             ("<p>Text." + "<sup>1</sup> x." * 30_000 + "</p>").encode(), entries=0,
             problems=("note-call-without-notes",)),
    ]


def generated_cases(count: int = 20, seed: int = 11) -> list[Case]:
    """Random mixtures of the pieces above: realistic text with hostile bytes sprinkled in."""
    rng = random.Random(seed)
    pieces = [ESSAY, BIB, "(", ")", "{", "}", "@", "\"", "*", "<u>", "</u>", "$\\frac{1}{1}$",
              "\u200f", "\x00", "\x07", "Берия", "Beriia", "\n\n", "Bibliography\n", "Notes\n",
              "1 ", "http://x.ru/a_b", "\\", "%", "#"]
    cases = []
    for number in range(count):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(5, 40)))
        suffix = rng.choice(["essay.txt", "refs.bib"])
        cases.append(Case(f"generated mixture {number}", suffix, text.encode(), exit_code=-1))
    return cases


def generated_html_cases(count: int = 10, seed: int = 13) -> list[Case]:
    """Random mixtures of a page's tags and texts with hostile pieces."""
    rng = random.Random(seed)
    pieces = [*re.findall(r"<[^>]*>|[^<]+", PAGE), "<", ">", "</", "<!--", "-->", "<![", "&",
              "&#", "\"", "'", "<sup>", "</sup>", "<a href=\"#fn1\">", "</a>", "<i>", "\x00",
              "\u2028", "[^1]", "\n\n"]
    cases = []
    for number in range(count):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(10, 80)))
        cases.append(Case(f"generated html mixture {number}", "essay.html", text.encode(),
                          exit_code=-1))
    return cases


def all_cases() -> list[Case]:
    from tests.hostile.document_cases import document_cases  # (it takes the essay from here)

    return [*encoding_cases(), *binary_cases(), *empty_cases(), *bibtex_cases(), *csl_cases(),
            *ris_cases(), *essay_cases(), *html_cases(), *backtracking_cases(),
            *document_cases(), *generated_cases(), *generated_html_cases()]
