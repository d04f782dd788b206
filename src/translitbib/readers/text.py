"""Bytes to text: UTF-8 first, then the legacy Russian encodings, detected.

Russian sites and old exports still hand out cp1251, KOI8-R and UTF-16 files.  UTF-8 (with
or without BOM) and UTF-16 with a BOM are taken as they are; anything else is handed to
charset-normalizer, restricted to the encodings such files really use, so that a cp1251
file is not read as some other single-byte code page.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..errors import DecodeError

LEGACY_ENCODINGS = ("cp1251", "koi8_r", "utf_16", "mac_cyrillic", "cp866", "latin_1")


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


def decode_bytes(data: bytes, path: str) -> DecodedText:
    """Decode an input file's bytes, or raise ``DecodeError`` naming the file."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8", path, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path, "utf-16")
    if _looks_like_bomless_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\0" else "utf-16-be"
        return _strict(data, encoding, path, encoding)
    if b"\0" in data[:4096]:
        raise DecodeError("this looks like a binary file, not text", path=path)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        return _detect_legacy(data, path, exc)


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
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None or best.encoding is None:
        line = data[: exc.start].count(b"\n") + 1
        raise DecodeError(
            "not UTF-8 and not a Russian legacy encoding (cp1251, KOI8-R, UTF-16)",
            path=path,
            line=line,
        ) from exc
    encoding = _prefer_cyrillic(data, best.encoding)
    return DecodedText(data.decode(encoding), encoding)


def _prefer_cyrillic(data: bytes, guess: str) -> str:
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
