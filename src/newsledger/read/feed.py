"""RSS and Atom feeds (.xml, .rss, .atom): one article per entry, its HTML stripped."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from newsledger.article import Article, ReadFailure
from newsledger.read.dates import parse_date
from newsledger.read.markup import fragment_to_text
from newsledger.read.records import default_ids
from newsledger.read.source import EMPTY_REASON, Input, Options, read_limited

log = logging.getLogger(__name__)

_DATE_KEYS = ("published", "updated", "created", "dc_date")


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
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        yield ReadFailure(origin, _no_entries_reason(parsed))
        return
    outlet = _clean(parsed.get("feed", {}).get("title"))
    for default_id, (number, entry) in default_ids(enumerate(entries, start=1), stem):
        yield _entry_article(entry, number, default_id=default_id, origin=origin, outlet=outlet, opts=opts)


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
        published=opts.published or _entry_date(entry),
        url=_clean(entry.get("link")),
        source=outlet,
        origin=origin,
    )


def _entry_markup(entry: Mapping[str, Any]) -> str:
    """The entry's fullest content: the longest ``content`` value, else its summary."""
    contents = [str(part.get("value") or "") for part in entry.get("content") or []]
    best = max(contents, key=len, default="")
    return best if best.strip() else str(entry.get("summary") or entry.get("description") or "")


def _entry_date(entry: Mapping[str, Any]) -> str | None:
    for key in _DATE_KEYS:
        value = _clean(entry.get(key))
        found = parse_date(value) if value else None
        if found:
            return found
    return None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
