"""A word processor's file as a package: a ZIP archive of XML parts, read with limits.

A .docx or .odt is a ZIP archive; its text is XML in ``word/document.xml`` or
``content.xml``.  Nobody has checked such a file before it reaches us, so every part is
read as hostile: a member that inflates past ``PART_LIMIT`` is refused before it is
inflated (Python's zipfile never inflates past the size a member declares, so the
declared size is the bound; the stream is capped as well), a part that declares a
DOCTYPE is refused before any entity is declared (no Word or ODF part has one; it is how
an XML entity bomb starts), and XML is parsed as a stream into a target, never held
whole as a tree.  Every failure is a ``FormatError`` (an ``InputError``) naming the file
and the part.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Protocol
from xml.etree import ElementTree

from ..errors import FormatError

#: the most a part may inflate to: a 1,000-page essay's document.xml is tens of MB
PART_LIMIT = 256 * 1024 * 1024
CHUNK = 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .doc, .xls, or
# an encrypted .docx (Office keeps a password-protected package inside one)
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
REPAIR = "open it in Word or LibreOffice and save it again"


class XmlTarget(Protocol):
    """What ``ElementTree.XMLParser`` calls as it reads (the parts' readers)."""

    def start(self, tag: str, attrib: dict[str, str]) -> None: ...
    def end(self, tag: str) -> None: ...
    def data(self, data: str) -> None: ...


def open_package(data: bytes, path: str, what: str) -> zipfile.ZipFile:
    """The ZIP archive ``data`` holds; ``what`` names the format for the messages
    (``a Word document (.docx)``)."""
    if data.startswith(OLE_MAGIC):
        raise FormatError(_ole_kind(data, what), path=path)
    if not data.startswith(ZIP_MAGIC):
        raise FormatError(f"not {what}: such a file is a ZIP archive, this one is not",
                          path=path, hint="if it holds plain text, name it .txt")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError,
            NotImplementedError) as exc:  # (a version no ZIP tool writes: a damaged byte)
        detail = ("the list of its contents, at the end, is missing"
                  if "not a zip file" in str(exc) else str(exc))
        raise FormatError(f"{what} whose ZIP archive is damaged or cut short ({detail})",
                          path=path, hint=REPAIR) from exc


def _ole_kind(data: bytes, what: str) -> str:
    """What an OLE compound file given as a document is, and what to do about it."""
    if _ENCRYPTED_STREAM in data:
        return ("a password-protected (encrypted) document: translitbib cannot read it; "
                "remove the password (Word: File > Info > Protect Document > Encrypt with "
                "Password, cleared) and save it again")
    if _WORD_STREAM in data:
        return ("an old Word 97-2003 document (.doc), not " + what + ": open it in Word or "
                "LibreOffice and save it as .docx")
    return ("an old Office file (OLE), not " + what + ": save it as .docx, or as plain "
            "text")


def has_member(package: zipfile.ZipFile, name: str) -> bool:
    try:
        package.getinfo(name)
    except KeyError:
        return False
    return True


def read_member(package: zipfile.ZipFile, name: str, path: str,
                limit: int = PART_LIMIT) -> bytes:
    """A small member's bytes (content types, relationships, a manifest), capped."""
    return b"".join(_chunks(package, name, path, limit))


def parse_part(package: zipfile.ZipFile, name: str, target: XmlTarget, path: str,
               limit: int = PART_LIMIT) -> None:
    """Stream the XML part ``name`` into ``target``; a DOCTYPE, bad XML, a damaged or
    oversized member: ``FormatError`` naming the file and the part (and line:column)."""
    parser = ElementTree.XMLParser(target=_NoDoctype(target))
    try:
        for chunk in _chunks(package, name, path, limit):
            parser.feed(chunk)
        parser.close()
    except ElementTree.ParseError as exc:
        line, column = exc.position
        reason = str(exc).rsplit(": line ", 1)[0]
        raise FormatError(f"{name} line {line}, column {column}: not well-formed XML "
                          f"({reason})", path=path, hint=REPAIR) from exc
    except _DoctypeRefused as exc:
        raise FormatError(f"{name} declares a DOCTYPE, which no Word or OpenDocument part "
                          "holds (it is how an XML entity bomb starts): refused",
                          path=path) from exc


def _chunks(package: zipfile.ZipFile, name: str, path: str, limit: int) -> Iterator[bytes]:
    """The member's bytes a megabyte at a time, never more than ``limit`` of them."""
    try:
        info = package.getinfo(name)
    except KeyError as exc:
        raise FormatError(f"the archive has no {name}", path=path) from exc
    if info.file_size > limit:
        raise FormatError(f"{name} would inflate to {_size(info.file_size)} (the limit is "
                          f"{_size(limit)}): refused, as a ZIP bomb or no essay", path=path)
    read = 0
    try:
        with package.open(info) as member:
            while chunk := member.read(CHUNK):
                read += len(chunk)
                if read > limit:  # (zipfile stops at the declared size: never here)
                    raise FormatError(f"{name} inflates past {_size(limit)}: refused",
                                      path=path)
                yield chunk
    except RuntimeError as exc:  # a member encrypted in the archive itself
        raise FormatError(f"{name} is encrypted in the ZIP archive: save the document "
                          "without a password", path=path) from exc
    except NotImplementedError as exc:
        raise FormatError(f"{name} is compressed in a way Python cannot read ({exc})",
                          path=path, hint=REPAIR) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        # (ValueError: a local header whose offsets point before the archive's start)
        raise FormatError(f"{name} is damaged in the ZIP archive ({exc})", path=path,
                          hint=REPAIR) from exc


def _size(count: int) -> str:
    if count >= 1024 ** 3:
        return f"{count / 1024 ** 3:.1f} GB"
    return f"{count // 1024 ** 2} MB" if count >= 1024 ** 2 else f"{-(-count // 1024)} KB"


class _DoctypeRefused(Exception):
    pass


class _NoDoctype:
    """A target that hands everything on but a DOCTYPE, which ends the parse before the
    entities it may declare are read."""

    def __init__(self, target: XmlTarget) -> None:
        self.start = target.start
        self.end = target.end
        self.data = target.data

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _DoctypeRefused(name)

    def close(self) -> None:
        return None



ODF_TEXT = b"application/vnd.oasis.opendocument.text"  # (and -template, .ott)


def package_format(data: bytes) -> str | None:
    """``docx`` or ``odt`` when ``data`` is a ZIP archive holding such a document,
    whatever the file is called; else None (not a ZIP archive, a damaged one, another)."""
    if not data.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and "content.xml" in names:
                with package.open("mimetype") as member:
                    if member.read(len(ODF_TEXT)) == ODF_TEXT:
                        return "odt"
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, RuntimeError,
            NotImplementedError, OSError):
        return None
    return None
