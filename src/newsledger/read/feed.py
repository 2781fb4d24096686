"""RSS and Atom feeds (.xml, .rss, .atom): one article per entry, its HTML stripped."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from newsledger.article import Article, ReadFailure
from newsledger.read.dates import parse_date
from newsledger.read.decode import BINARY_REASON, decode_bytes
from newsledger.read.guard import scrub
from newsledger.read.markup import fragment_to_text
from newsledger.read.records import date_or_warn, default_ids
from newsledger.read.source import EMPTY_REASON, Input, Options, read_limited

log = logging.getLogger(__name__)

_DATE_KEYS = ("published", "updated", "created", "dc_date")
_DECLARATION = re.compile(r"""\A(\ufeff?\s*)<\?xml\b[^>]*?\?>""")
_DECLARED_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"'>]{1,60})["']""")
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
_MAX_REF_DIGITS = 8
# Codecs Python knows that no feed is written in: they raise, or turn escapes into characters.
_NOT_FEED_CODECS = frozenset({"undefined", "unicode_escape", "raw_unicode_escape", "idna", "punycode"})
_MAX_CODE_POINT = 0x10FFFF
_UTF16_MARKERS = ((b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"))


def read(inp: Input, opts: Options) -> Iterator[Article | ReadFailure]:
    data = read_limited(inp, opts.max_bytes)
    if isinstance(data, ReadFailure):
        yield data
        return
    yield from feed_from_bytes(data, stem=inp.stem, origin=inp.origin, opts=opts)


def feed_from_bytes(data: bytes, *, stem: str, origin: str, opts: Options) -> Iterator[Article | ReadFailure]:
    """Articles of a feed document (given as bytes: feedparser treats a string as a URL or path)."""
    if not data.strip():
        yield ReadFailure(origin, EMPTY_REASON)
        return
    document = prepared_feed(data, origin)
    if document is None:
        yield ReadFailure(origin, BINARY_REASON)
        return
    parsed = feedparser.parse(document)
    entries = parsed.get("entries") or []
    if not entries:
        yield ReadFailure(origin, _no_entries_reason(parsed))
        return
    outlet = _clean(parsed.get("feed", {}).get("title"))
    for default_id, (number, entry) in default_ids(enumerate(entries, start=1), stem):
        yield _entry_article(entry, number, default_id=default_id, origin=origin, outlet=outlet, opts=opts)


def prepared_feed(data: bytes, origin: str) -> bytes | None:
    """The feed as UTF-8 bytes feedparser cannot trip on, or None when it is not text.

    The bytes are decoded here (by the encoding the XML declaration names when Python
    knows it as a text encoding, else as :func:`decode_bytes` does, with a warning), the
    declaration is rewritten to say UTF-8, and character references that name no
    character (``&#xD800;``, ``&#x110000;``, ``&#0;``) become U+FFFD.
    """
    text = _decoded_feed(data, origin)
    if text is None:
        return None
    text = _CHAR_REF.sub(_safe_char_ref, scrub(text))
    text = _DECLARATION.sub(r'\1<?xml version="1.0" encoding="utf-8"?>', text, count=1)
    return text.encode("utf-8")


def _decoded_feed(data: bytes, origin: str) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    for marker, utf16 in _UTF16_MARKERS:
        if data.startswith(marker):  # UTF-16 without a byte-order mark
            try:
                return data.decode(utf16)
            except UnicodeDecodeError:
                return None
    match = _DECLARED_ENCODING.match(data)
    declared = match[1].decode("ascii", errors="replace").strip() if match else None
    if declared:
        codec = _feed_codec(declared)
        if codec is None:
            log.warning(
                "%s declares an encoding Python cannot read a feed in ('%s'); reading it as UTF-8 (or cp1252)",
                origin, declared,
            )
        elif codec not in ("utf_8", "utf_8_sig"):
            try:
                return data.decode(codec)
            except (UnicodeError, ValueError):
                log.warning("%s is not valid %s as it declares; reading it as UTF-8 (or cp1252)", origin, declared)
    return decode_bytes(data)


def _feed_codec(name: str) -> str | None:
    """The Python codec of an encoding name, or None when Python has no text codec by that name."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    codec = info.name.replace("-", "_")
    if codec in _NOT_FEED_CODECS or not getattr(info, "_is_text_encoding", True):
        return None
    return codec


def _safe_char_ref(match: re.Match[str]) -> str:
    hex_digits, dec_digits = match.groups()
    digits = hex_digits or dec_digits
    if len(digits) > _MAX_REF_DIGITS:
        return "&#xFFFD;"  # more digits than any code point has (and too many for int())
    code = int(digits, 16) if hex_digits is not None else int(digits)
    if code == 0 or code > _MAX_CODE_POINT or 0xD800 <= code <= 0xDFFF:
        return "&#xFFFD;"
    return match[0]


def _no_entries_reason(parsed: Mapping[str, Any]) -> str:
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        return f"not a readable RSS or Atom feed ({problem}); check that the file is a complete feed"
    return "feed has no entries; nothing to read"


def _entry_article(
    entry: Mapping[str, Any], number: int, *, default_id: str, origin: str, outlet: str | None, opts: Options
) -> Article | ReadFailure:
    text = fragment_to_text(_entry_markup(entry))
    if not text:
        return ReadFailure(origin, f"entry {number} has no text (no content or summary); it is skipped")
    return Article(
        id=_clean(entry.get("id")) or _clean(entry.get("link")) or default_id,
        text=text,
        title=_clean(entry.get("title")),
        published=opts.published or _entry_date(entry, f"{origin}: entry {number}"),
        url=_clean(entry.get("link")),
        source=outlet,
        origin=origin,
    )


def _entry_markup(entry: Mapping[str, Any]) -> str:
    """The entry's fullest content: the longest ``content`` value, else its summary."""
    contents = [str(part.get("value") or "") for part in entry.get("content") or []]
    best = max(contents, key=len, default="")
    return best if best.strip() else str(entry.get("summary") or entry.get("description") or "")


def _entry_date(entry: Mapping[str, Any], where: str) -> str | None:
    values = [value for value in (_clean(entry.get(key)) for key in _DATE_KEYS) if value]
    for value in values:
        found = parse_date(value)
        if found:
            return found
    if values:
        date_or_warn(values[0], where)
    return None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
