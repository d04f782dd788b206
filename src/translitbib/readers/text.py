"""Bytes to text: UTF-8 first, then the legacy Russian encodings, declared or detected.

Russian sites and old exports still hand out cp1251, KOI8-R and UTF-16 files.  UTF-8 (with
or without BOM) and UTF-16 with a BOM are taken as they are.  A file that is not UTF-8 and
declares its encoding (an HTML page's ``<meta charset>`` or ``http-equiv Content-Type``, an
XML declaration) is read in it; anything else is handed to charset-normalizer, restricted
to the encodings such files really use, so that a cp1251 file is not read as some other
single-byte code page.  A declared Western code page (latin-1, windows-1252, ASCII) is
believed unless the bytes hold whole words of single-byte Cyrillic (runs of four letters
from the upper half, which Western text never has): old Russian pages declare it over
cp1251 text, and browsers guessed around it.  A page that declares a legacy encoding but
is valid UTF-8 was re-saved: it is read as UTF-8, and the report says so.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import DecodeError

LEGACY_ENCODINGS = ("cp1251", "koi8_r", "utf_16", "mac_cyrillic", "cp866", "latin_1")


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    repairs: tuple[tuple[int, str], ...] = ()  # (line, what was repaired), for the report


BINARY_SIGNATURES = {
    b"%PDF-": "a PDF file: extract its text first (for example with pdftotext)",
    b"PK\x03\x04": ("a ZIP archive, not text (a whole .docx or .odt essay is read as one "
                    "unless --from names a text format): save it as plain text first"),
    b"\x89PNG": "a PNG image, not text",
    b"\xff\xd8\xff": "a JPEG image, not text",
    b"{\\rtf": "an RTF document: save it as plain text first",
    b"\xd0\xcf\x11\xe0": ("an old Word (.doc) or Excel file, or a password-protected "
                          "document: save it as .docx without a password, or as plain text"),
}


def decode_bytes(data: bytes, path: str) -> DecodedText:
    """Decode an input file's bytes, or raise ``DecodeError`` naming the file."""
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DecodeError(f"this is {what}", path=path, line=1)
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8", path, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path, "utf-16")
    if _looks_like_bomless_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\0" else "utf-16-be"
        return _strict(data, encoding, path, encoding)
    if b"\0" in data[:4096]:
        raise DecodeError("this looks like a binary file, not text", path=path,
                          line=data[: data.index(b"\0")].count(b"\n") + 1)
    declared = declared_encoding(data)
    try:
        decoded = repair_mojibake(DecodedText(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            return _decode_mixed(data, path, exc)
        if declared is not None and not (declared.western and _cyrillic_words(data)):
            try:
                return DecodedText(data.decode(declared.encoding), declared.encoding)
            except UnicodeDecodeError:
                pass  # not in the encoding it names either: detected as any other
        return _detect_legacy(data, path, exc)
    if declared is not None and not data.isascii():
        what = (f"the file declares {declared.label} but is UTF-8 (re-saved without its "
                "declaration changed): read as UTF-8")
        return DecodedText(decoded.text, decoded.encoding,
                           ((declared.line, what), *decoded.repairs))
    return decoded


@dataclass(frozen=True, slots=True)
class DeclaredEncoding:
    label: str  # as the file writes it
    encoding: str  # Python's codec
    line: int
    western: bool = False  # latin-1, windows-1252: often declared over Cyrillic text


# <meta charset="koi8-r">, <meta http-equiv="Content-Type" content="text/html;
# charset=windows-1251">, <?xml version="1.0" encoding="windows-1251"?> (bounded: a head of
# many "<meta" is no long search)
_DECLARATION = re.compile(
    rb"<meta\b[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})"
    rb"|<\?xml\b[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
# labels browsers know that Python spells otherwise
_LABELS = {"x-cp1251": "cp1251", "x-mac-cyrillic": "mac_cyrillic", "x-mac-ukrainian":
           "mac_cyrillic", "cp866": "cp866", "ibm866": "cp866", "koi8-ru": "koi8_u"}
# UTF-8 is tried first whatever a page says; UTF-16 is not a declaration's to make
_NOT_DECLARED = {"utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32"}
_WESTERN = {"ascii", "iso8859_1", "cp1252", "iso8859_15"}
_CYRILLIC_WORD = re.compile(rb"[\xc0-\xff]{4}")  # in cp1251 and KOI8-R, four letters


def declared_encoding(data: bytes) -> DeclaredEncoding | None:
    """The legacy encoding a file declares in its first 4 KB (an HTML page's meta charset,
    an XML declaration), if Python knows it."""
    found = _DECLARATION.search(data[:4096])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii").lower()
    try:
        encoding = codecs.lookup(_LABELS.get(label, label)).name.replace("-", "_")
    except LookupError:
        return None
    if encoding in _NOT_DECLARED:
        return None
    # as browsers do: latin-1 and ASCII pages are windows-1252 (its “quotes” in 0x80-0x9f)
    return DeclaredEncoding(label, "cp1252" if encoding in _WESTERN else encoding,
                            data[: found.start()].count(b"\n") + 1, encoding in _WESTERN)


def _cyrillic_words(data: bytes) -> bool:
    """Whether the bytes hold words of single-byte Cyrillic (a few will do)."""
    found = _CYRILLIC_WORD.finditer(data)
    return sum(1 for _ in zip(found, range(3), strict=False)) == 3


def _strict(data: bytes, encoding: str, path: str, label: str) -> DecodedText:
    try:
        return DecodedText(data.decode(encoding), label)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DecodeError(f"not valid {label} at byte {exc.start}", path=path, line=line) from exc


def _looks_like_bomless_utf16(data: bytes) -> bool:
    sample = data[:2048]
    if len(sample) < 4:
        return False
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    # ASCII-heavy UTF-16 has a zero in every other byte; Cyrillic UTF-16-LE has 0x04 there.
    if odd_zeros > 0.3 * half or even_zeros > 0.3 * half:
        return True
    return sample[1::2].count(4) > 0.3 * half


def _detect_legacy(data: bytes, path: str, exc: UnicodeDecodeError) -> DecodedText:
    guesses = _legacy_guesses(data)
    for encoding in dict.fromkeys((*guesses, "cp1251", "koi8_r")) if guesses else ():
        try:  # cp1251 has no character for 0x98: fall to the next guess, never crash
            return DecodedText(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise DecodeError("not UTF-8 and not a Russian legacy encoding (cp1251, KOI8-R, UTF-16)",
                      path=path, line=data[: exc.start].count(b"\n") + 1) from exc


def _legacy_guesses(data: bytes) -> tuple[str, ...]:
    """The legacy encodings that read ``data``, best first: charset-normalizer's guess as
    the lower-case rule corrects it, then its own; none when it has no guess."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None or best.encoding is None:
        return ()
    return prefer_cyrillic(data, best.encoding), best.encoding


def prefer_cyrillic(data: bytes, guess: str) -> str:
    """Between cp1251 and KOI8-R, take the one that yields mostly lower-case Cyrillic.

    Both decode any byte, and short texts fool detectors; real Russian prose is mostly
    lower case, which tells the two apart reliably.
    """
    if guess not in {"cp1251", "koi8_r", "mac_cyrillic", "latin_1"}:
        return guess
    scores = {}
    for encoding in ("cp1251", "koi8_r"):
        text = data.decode(encoding, errors="replace")
        lower = sum(1 for ch in text if "а" <= ch <= "я" or ch == "ё")
        upper = sum(1 for ch in text if "А" <= ch <= "Я" or ch == "Ё")
        scores[encoding] = lower - 2 * upper
    best = max(scores, key=lambda enc: scores[enc])
    return best if scores[best] > 0 else guess


def _mostly_utf8(data: bytes) -> bool:
    """Whether most non-ASCII lines are valid UTF-8 (a file edited in two encodings)."""
    good = bad = 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad += 1
    return good > 0 and good >= bad


def _decode_mixed(data: bytes, path: str, exc: UnicodeDecodeError) -> DecodedText:
    """UTF-8 lines stay UTF-8; the others are decoded as the legacy encoding they fit, but
    a UTF-8 line with a stray byte or two (a PDF extraction's, a cut character) keeps its
    UTF-8 and has those bytes replaced (U+FFFD): read as cp1251, its Cyrillic would be
    mojibake, and a whole essay was refused for one byte.  Every such line is reported."""
    lines = data.split(b"\n")
    legacy_lines = [line for line in lines if not _is_utf8(line) and not _damaged_utf8(line)]
    guesses = _legacy_guesses(b"\n".join(legacy_lines)) if legacy_lines else ()
    legacy = guesses[0] if guesses else None
    out, repairs, used = [], [], {"utf-8"}
    for number, line in enumerate(lines, start=1):
        if _is_utf8(line):
            out.append(line.decode("utf-8"))
        elif legacy is not None and not _damaged_utf8(line):
            out.append(line.decode(legacy, errors="replace"))
            repairs.append((number, f"line not in UTF-8, read as {legacy}"))
            used.add(legacy)
        else:
            text = line.decode("utf-8", errors="replace")
            repairs.append((number, f"{text.count(chr(0xFFFD))} byte(s) that are not UTF-8 "
                                    "replaced with \ufffd"))
            out.append(text)
    return DecodedText("\n".join(out), "+".join(sorted(used, key=lambda e: e != "utf-8")),
                       tuple(repairs))


def _damaged_utf8(line: bytes) -> bool:
    """A UTF-8 line with a few bytes that are not UTF-8: more of its non-ASCII characters
    decode as UTF-8 than fail to (legacy text hardly ever forms UTF-8 sequences)."""
    text = line.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    return sum(1 for ch in text if ord(ch) > 127) - broken > broken


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


MOJIBAKE = re.compile(r"(?:[ÐÑ][\u0080-\u00bf\u0152-\u2122]){2,}")


def repair_mojibake(decoded: DecodedText) -> DecodedText:
    """Undo UTF-8 Cyrillic that was once read as Latin-1 or cp1252 ("Ð¡Ñ‚Ð°Ð»Ð¸Ð½").

    Only lines where such runs appear are touched, and only when re-decoding them gives
    Cyrillic; every repaired line is reported.
    """
    text = decoded.text
    # every run starts with Ð or Ñ: str.find looks for them far faster than the pattern
    if ("Ð" not in text and "Ñ" not in text) or not MOJIBAKE.search(text):
        return decoded
    lines = decoded.text.split("\n")
    repairs = list(decoded.repairs)
    for index, line in enumerate(lines):
        if not MOJIBAKE.search(line):
            continue
        fixed = _unmojibake(line)
        if fixed is not None:
            lines[index] = fixed
            repairs.append((index + 1, "Cyrillic read as Latin-1 (mojibake) repaired"))
    return DecodedText("\n".join(lines), decoded.encoding, tuple(repairs))


def _unmojibake(line: str) -> str | None:
    for encoding in ("cp1252", "latin-1"):
        try:
            fixed = line.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if any("\u0400" <= ch <= "\u04ff" for ch in fixed):
            return fixed
    return None
