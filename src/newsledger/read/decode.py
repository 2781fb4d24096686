"""Bytes to text: UTF-8 (BOM dropped), UTF-16 with a BOM, else cp1252 when it reads as text."""

from __future__ import annotations

import codecs

# Control characters that ordinary text never holds (tab, newlines and form feed are fine).
_CONTROL = frozenset(chr(c) for c in range(32)) - set("\t\n\r\f")
_MAX_CONTROL_SHARE = 0.01

BINARY_REASON = (
    "looks like a binary file (NUL bytes, or not UTF-8 or cp1252 text); "
    "give a text, JSON, CSV, HTML or feed file saved as UTF-8"
)


def decode_bytes(data: bytes) -> str | None:
    """The text ``data`` holds, or None when it looks binary.

    A leading byte-order mark is not part of the text: every offset indexes the
    string returned here.  Valid UTF-8 is always taken as such, so line endings and
    every character stay exactly as in the file.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data)
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _decode_cp1252(data)


def _decode_utf16(data: bytes) -> str | None:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        return None


def _decode_cp1252(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if looks_like_text(text) else None


def looks_like_text(text: str) -> bool:
    """True when control characters are rare, as in any real text."""
    if not text:
        return True
    controls = sum(1 for ch in text if ch in _CONTROL)
    return controls / len(text) <= _MAX_CONTROL_SHARE
