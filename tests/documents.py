"""Minimal .docx and .odt packages made in memory, for tests that need one exact piece of
WordprocessingML or ODF (runs split mid-word, an endnote, a tracked deletion...).

``word_document("<w:p>...</w:p>")`` is a whole .docx around that body; notes, styles,
numbering and hyperlinks are added when given.  Only what Word needs to open the file is
written.
"""

from __future__ import annotations

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = f'xmlns:w="{W}" xmlns:r="{R}"'
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_SEPARATORS = ('<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
               '</w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
               '<w:continuationSeparator/></w:r></w:p></w:{kind}>')


def run(text: str, *props: str) -> str:
    """``<w:r>`` with its properties (``"<w:i/>"``) and text."""
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def complex_field(instruction: str, *shown: str, split: int = 0) -> str:
    """A field as Word writes one: ``begin``, the instruction in ``w:instrText`` runs
    (``split``: that many characters a run, as Word splits a long one), ``separate``, the
    runs it shows, ``end``.  The instruction is escaped here."""
    size = split or max(len(instruction), 1)
    pieces = [instruction[i:i + size].replace("&", "&amp;").replace("<", "&lt;")
              for i in range(0, len(instruction), size)]
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + "".join(f'<w:r><w:instrText xml:space="preserve">{p}</w:instrText></w:r>'
                      for p in pieces)
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + "".join(shown)
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def para(*runs: str, style: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def note_reference(kind: str, note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'


def notes_part(kind: str, notes: dict[int, str]) -> str:
    """``footnotes.xml`` or ``endnotes.xml``: the separators Word writes, then each note
    (id -> its paragraphs' XML), each opening with the note's own mark as Word writes it."""
    mark = f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'
    body = "".join(f'<w:{kind} w:id="{note_id}">{xml.replace("<w:p>", "<w:p>" + mark, 1)}</w:{kind}>'
                   for note_id, xml in notes.items())
    return f"{_DECLARATION}<w:{kind}s {_NS}>{_SEPARATORS.format(kind=kind)}{body}</w:{kind}s>"


def word_document(body: str, *, footnotes: dict[int, str] | None = None,
                  endnotes: dict[int, str] | None = None, styles: str = "",
                  numbering: str = "", links: dict[str, str] | None = None,
                  document: str | None = None) -> bytes:
    """A .docx whose body is ``body`` (``document``: the whole document.xml as given)."""
    parts = {"word/document.xml": document if document is not None else
             f"{_DECLARATION}<w:document {_NS}><w:body>{body}<w:sectPr/></w:body></w:document>"}
    rels = [(rel_id, "hyperlink", url, True) for rel_id, url in (links or {}).items()]
    if footnotes is not None:
        parts["word/footnotes.xml"] = notes_part("footnote", footnotes)
        rels.append(("rIdF", "footnotes", "footnotes.xml", False))
    if endnotes is not None:
        parts["word/endnotes.xml"] = notes_part("endnote", endnotes)
        rels.append(("rIdE", "endnotes", "endnotes.xml", False))
    if styles:
        parts["word/styles.xml"] = f"{_DECLARATION}<w:styles {_NS}>{styles}</w:styles>"
        rels.append(("rIdS", "styles", "styles.xml", False))
    if numbering:
        parts["word/numbering.xml"] = f"{_DECLARATION}<w:numbering {_NS}>{numbering}</w:numbering>"
        rels.append(("rIdN", "numbering", "numbering.xml", False))
    parts["word/_rels/document.xml.rels"] = _relationships(rels)
    if links and footnotes is not None:  # a note's links are in the notes' own relationships
        parts["word/_rels/footnotes.xml.rels"] = _relationships(
            [(rel_id, "hyperlink", url, True) for rel_id, url in links.items()])
    parts["_rels/.rels"] = _relationships([("rId1", "officeDocument", "word/document.xml", False)])
    parts["[Content_Types].xml"] = (
        f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{_MAIN}.document.main+xml"/></Types>')
    return package(parts)


def _relationships(rels: list[tuple[str, str, str, bool]]) -> str:
    external_mode = ' TargetMode="External"'
    items = "".join(
        f'<Relationship Id="{rel_id}" Type="{_TYPE}{kind}" Target="{target}"'
        f"{external_mode if external else ''}/>"
        for rel_id, kind, target, external in rels)
    return f'{_DECLARATION}<Relationships xmlns="{_RELS}">{items}</Relationships>'


def package(parts: dict[str, str | bytes]) -> bytes:
    """A ZIP archive of these members (text is written as UTF-8), deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return buffer.getvalue()


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')


def open_document(text: str, *, automatic_styles: str = "", styles: str = "",
                  manifest: str = "") -> bytes:
    """An .odt whose ``office:text`` holds ``text``."""
    content = (f'{_DECLARATION}<office:document-content {ODF_NS} office:version="1.3">'
               f"<office:automatic-styles>{automatic_styles}</office:automatic-styles>"
               f"<office:body><office:text>{text}</office:text></office:body>"
               "</office:document-content>")
    parts: dict[str, str | bytes] = {"mimetype": "application/vnd.oasis.opendocument.text",
                                     "content.xml": content}
    if styles:
        parts["styles.xml"] = (f"{_DECLARATION}<office:document-styles {ODF_NS}>"
                               f"<office:styles>{styles}</office:styles></office:document-styles>")
    if manifest:
        parts["META-INF/manifest.xml"] = manifest
    return package(parts)
