"""Hostile word processor files (.docx, .odt): not a ZIP archive, cut short, missing their
text, broken XML, an XML entity bomb, a ZIP bomb, encrypted, an old .doc (issue 6).

Every file is made here in memory (``tests.documents``), a few header bytes patched where
a bomb or a lie needs them.  Each unreadable one must be refused with a message naming the
file (and the part), exit 1, no traceback and no outputs.
"""

from __future__ import annotations

import io
import struct
import zipfile

from tests.documents import complex_field, open_document, package, para, run, word_document
from tests.hostile.corpus import ESSAY, ESSAY_ENTRIES, Case

W_DECLARATION = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                 'wordprocessingml/2006/main"><w:body>')
ENTITY_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "lol lol lol lol lol">'
    + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi",
                                                                        strict=True))
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>')


def essay_lines() -> list[str]:
    """The corpus's essay a paragraph a line (as typed in a word processor), escaped."""
    return [line.replace("&", "&amp;").replace("<", "&lt;") for line in ESSAY.splitlines()
            if line.strip()]


def essay_document() -> bytes:
    return word_document("".join(para(run(line)) for line in essay_lines()))


def patched(data: bytes, member: str, *, size: int | None = None,
            flags: int | None = None) -> bytes:
    """The archive with ``member``'s declared size or flags changed in both its headers
    (local at offsets 22 and 6, central at 24 and 8): a bomb that lies about its size."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(member).header_offset
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46: central + 46 + name_length] == member.encode():
            break
        central = data.find(b"PK\x01\x02", central + 4)
    for header, size_at, flags_at in ((local, 22, 6), (central, 24, 8)):
        if size is not None:
            struct.pack_into("<I", out, header + size_at, size)
        if flags is not None:
            struct.pack_into("<H", out, header + flags_at, flags)
    return bytes(out)


def needing_zip_version(data: bytes, version: int) -> bytes:
    """The archive whose first listed member needs ZIP ``version`` (tenths: 84 is 8.4) to
    be read (the central header's offset 6)."""
    out = bytearray(data)
    struct.pack_into("<H", out, data.find(b"PK\x01\x02") + 6, version)
    return bytes(out)


def misplaced_contents(data: bytes) -> bytes:
    """The archive with its list of contents said to start 2 GB further than it does (the
    end record's offset at 16): every member then seems to start before the file."""
    out = bytearray(data)
    end = data.rfind(b"PK\x05\x06")
    declared = struct.unpack_from("<I", data, end + 16)[0]
    struct.pack_into("<I", out, end + 16, declared | 0x8000_0000)
    return bytes(out)


def _spaces_inflating_to(count: int) -> bytes:
    """A document.xml that inflates to ``count`` bytes of white space inside its body
    (10 MB deflate to about 10 KB)."""
    body = W_DECLARATION.encode() + b" " * count + b"</w:body></w:document>"
    return word_document("", document=body.decode())


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def document_cases() -> list[Case]:
    good = essay_document()
    cut = good[: len(good) // 2]
    parts_without_text = package({"[Content_Types].xml": "<Types/>", "docProps/app.xml": "<x/>"})
    return [
        Case("a word essay", "essay.docx", good, entries=ESSAY_ENTRIES),
        Case("a word essay named bib", "refs.bib", good, entries=ESSAY_ENTRIES,
             problems=("format-from-content",)),
        Case("an odt essay named txt", "essay.txt", open_document(
            "".join(f"<text:p>{line}</text:p>" for line in essay_lines())), entries=ESSAY_ENTRIES,
             problems=("format-from-content",)),
        Case("docx that is not a zip", "essay.docx", ESSAY.encode(), 1,
             ("essay.docx", "not a Word document", "ZIP archive", "name it .txt")),
        Case("docx cut in half", "essay.docx", cut, 1,
             ("essay.docx", "damaged or cut short", "save it again")),
        Case("docx without word/document.xml", "essay.docx", parts_without_text, 1,
             ("essay.docx", "without word/document.xml")),
        Case("docx with broken xml", "essay.docx", word_document("<w:p><w:r></w:p>"), 1,
             ("essay.docx", "word/document.xml line 2, column", "not well-formed XML",
              "mismatched tag")),
        Case("docx with broken xml in its footnotes", "essay.docx",
             word_document(para(run("Text.")), footnotes={1: "<w:p><w:r>&nbsp;</w:r></w:p>"}), 1,
             ("essay.docx", "word/footnotes.xml line 2", "undefined entity")),
        Case("docx with an xml entity bomb", "essay.docx", word_document("", document=ENTITY_BOMB),
             1, ("essay.docx", "word/document.xml declares a DOCTYPE", "entity bomb", "refused")),
        Case("docx zip bomb claiming 3.8 GB", "essay.docx",
             patched(good, "word/document.xml", size=0xF000_0000), 1,
             ("essay.docx", "word/document.xml would inflate to 3.8 GB", "ZIP bomb")),
        Case("docx whose document.xml inflates past what it declares", "essay.docx",
             patched(_spaces_inflating_to(10_000_000), "word/document.xml", size=4096), 1,
             ("essay.docx", "word/document.xml is damaged", "CRC")),
        Case("docx whose contents list is misplaced", "essay.docx", misplaced_contents(good), 1,
             ("essay.docx", "is damaged in the ZIP archive", "save it again")),  # (fuzzing)
        Case("docx needing zip version 8.4", "essay.docx", needing_zip_version(good, 84), 1,
             ("essay.docx", "damaged or cut short", "zip file version 8.4")),  # (fuzzing)
        Case("docx with a member encrypted in the zip", "essay.docx",
             patched(good, "word/document.xml", flags=1), 1,
             ("essay.docx", "word/document.xml is encrypted")),
        Case("password-protected docx", "essay.docx",
             OLE + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64, 1,
             ("essay.docx", "password-protected", "remove the password")),
        Case("old word .doc named docx", "essay.docx",
             OLE + "WordDocument".encode("utf-16-le") + b"\0" * 64, 1,
             ("essay.docx", "old Word 97-2003 document (.doc)", "save it as .docx")),
        Case("old word .doc", "essay.doc", OLE + "WordDocument".encode("utf-16-le"), 1,
             ("essay.doc:1", "old Word (.doc)", ".docx")),
        Case("a spreadsheet named docx", "essay.docx",
             package({"xl/workbook.xml": "<workbook/>"}), 1,
             ("essay.docx", "without word/document.xml")),
        Case("password-protected odt", "essay.odt", open_document(
            "<text:p>x</text:p>", manifest='<manifest:manifest xmlns:manifest="urn:oasis:names:'
            'tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path='
            '"content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>'),
             1, ("essay.odt", "password-protected")),
        Case("odt without content.xml", "essay.odt",
             package({"mimetype": "application/vnd.oasis.opendocument.text"}), 1,
             ("essay.odt", "without content.xml")),
        Case("docx of 20,000 nested content controls", "essay.docx", word_document(
            "<w:sdt><w:sdtContent>" * 20_000 + para(run("Deep text."))
            + "</w:sdtContent></w:sdt>" * 20_000), entries=0),
        Case("docx with a zotero field of 2 MB of json", "essay.docx", word_document(para(
            run("Text "), complex_field('ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems":[{'
                                        '"itemData":{"type":"book","title":"' + "x" * 2_000_000
                                        + '"}}]}', run("(Mukhin 2003)"), split=50_000))),
             entries=0, problems=("document-citation-field-unreadable",)),
        Case("docx with a zotero field nested 100,000 deep", "essay.docx", word_document(para(
            run("Text "), complex_field("ADDIN ZOTERO_ITEM CSL_CITATION {\"citationItems\":"
                                        + "[" * 100_000 + "]" * 100_000 + "}",
                                        run("(Mukhin 2003)"), split=50_000))),
             entries=0, problems=("document-citation-field-unreadable",)),
        Case("docx calling a footnote it lacks", "essay.docx", word_document(
            para(run("Text."), '<w:r><w:footnoteReference w:id="9"/></w:r>')), entries=0,
             problems=("note-call-without-notes",)),
    ]
