"""Plain text (.txt, .md): the whole decoded file is the article's text, verbatim."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from newsledger.article import Article, ReadFailure
from newsledger.read.decode import BINARY_REASON, decode_bytes
from newsledger.read.source import EMPTY_REASON, Input, Options, read_limited

log = logging.getLogger(__name__)

MAX_TITLE_CHARS = 200
WHITESPACE_REASON = "file holds only whitespace; put the article text in it"


def read(inp: Input, opts: Options) -> Iterator[Article | ReadFailure]:
    data = read_limited(inp, opts.max_bytes)
    if isinstance(data, ReadFailure):
        yield data
        return
    if not data:
        yield ReadFailure(inp.origin, EMPTY_REASON)
        return
    text = decode_bytes(data)
    if text is None:
        yield ReadFailure(inp.origin, BINARY_REASON)
        return
    yield article_from_text(text, id=inp.stem, origin=inp.origin, published=opts.published)


def article_from_text(text: str, *, id: str, origin: str, published: str | None) -> Article | ReadFailure:
    """An article whose ``text`` is exactly ``text``, with its title found by :func:`split_title`."""
    if not text:
        return ReadFailure(origin, EMPTY_REASON)
    if not text.strip():
        return ReadFailure(origin, WHITESPACE_REASON)
    title, body_start = split_title(text)
    return Article(id=id, text=text, title=title, published=published, body_start=body_start, origin=origin)


def split_title(text: str) -> tuple[str | None, int]:
    """The title and the offset where the body starts.

    ``Title\\n|\\nBody`` and ``Title\\n\\nBody`` (a short first line) have a title;
    anything else has none and its body starts at 0.  Lines end at ``\\n``; a
    ``\\r`` before it is part of the line and stripped from the title only.
    """
    first, first_end = _line(text, 0)
    title = first.strip()
    if not title or first_end >= len(text):
        return None, 0
    second, second_end = _line(text, first_end)
    if second.strip() == "|":
        return title, second_end
    if not second.strip() and len(title) < MAX_TITLE_CHARS and "\n" in text[first_end:second_end]:
        return title, second_end
    return None, 0


def _line(text: str, start: int) -> tuple[str, int]:
    """The line starting at ``start`` (without its ``\\n``) and the offset just after it."""
    end = text.find("\n", start)
    if end < 0:
        return text[start:], len(text)
    return text[start:end], end + 1
