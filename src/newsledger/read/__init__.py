"""Input readers: files, directories, ``.gz`` and stdin to :class:`Article` (or :class:`ReadFailure`).

Every kind of input is read by its own module (``text``, ``jsonl``, ``csvfile``,
``html``, ``feed``); ``sniff`` decides the kind.  A bad input, or one bad record of
it, gives a ``ReadFailure`` with one line naming it and the fix, and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsledger.article import Article, ReadFailure
from newsledger.errors import InputError
from newsledger.read import csvfile, feed, html, jsonl, text
from newsledger.read.dates import parse_date
from newsledger.read.guard import guarded, has_surrogates, scrub
from newsledger.read.sniff import Kind, kind_from_content, kind_from_format, known_formats
from newsledger.read.source import Input, Options, iter_inputs

__all__ = ["parse_date", "read_paths", "read_text"]

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000

Reader = Callable[[Input, Options], Iterator[Article | ReadFailure]]
_READERS: dict[Kind, Reader] = {
    "text": text.read,
    "json": jsonl.read_json,
    "jsonl": jsonl.read_jsonl,
    "csv": csvfile.read,
    "html": html.read,
    "feed": feed.read,
}


def read_paths(
    paths: Iterable[str | Path], *, published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ReadFailure]:
    """Read every path (``-`` is stdin; a directory is read recursively) into articles.

    ``published`` ("YYYY-MM-DD" or any date :func:`parse_date` reads) is the date of
    every article, whatever the input says.  Raises ``InputError`` at once when it is
    not a date; every other problem is a ``ReadFailure`` in the stream.
    """
    opts = Options(published=_published(published), max_bytes=max_bytes)
    return _read_all(paths, opts)


def read_text(
    text: str, *, id: str = "stdin", published: str | None = None, fmt: str | None = None
) -> Iterator[Article | ReadFailure]:
    """Read articles from a string: ``fmt`` names its kind ("txt", "jsonl", "html", ...), else it is sniffed."""
    opts = Options(published=_published(published))
    kind = _kind_for(fmt, id) if fmt else kind_from_content(text)
    origin = f"<{id}>"
    if has_surrogates(text):
        log.warning("%s: the text holds lone UTF-16 surrogates; each is replaced by U+FFFD", origin)
        text = scrub(text)
    return guarded(origin, _from_string(text, kind, id, opts))


def _read_all(paths: Iterable[str | Path], opts: Options) -> Iterator[Article | ReadFailure]:
    for inp in iter_inputs(paths):
        if isinstance(inp, ReadFailure):
            log.info("%s", inp)
            yield inp
        else:
            yield from _read_one(inp, opts)


def _read_one(inp: Input, opts: Options) -> Iterator[Article | ReadFailure]:
    if inp.disk_size == 0:
        yield ReadFailure(inp.origin, text.EMPTY_REASON)
        return
    log.debug("reading %s as %s", inp.origin, inp.kind)
    yield from guarded(inp.origin, _READERS[inp.kind](inp, opts), compressed=inp.compressed)


def _from_string(source: str, kind: Kind, id: str, opts: Options) -> Iterator[Article | ReadFailure]:
    origin = f"<{id}>"
    if kind == "text":
        yield text.article_from_text(source, id=id, origin=origin, published=opts.published)
    elif kind == "json":
        yield from jsonl.json_from_text(source, stem=id, origin=origin, opts=opts)
    elif kind == "jsonl":
        yield from jsonl.jsonl_from_text(source, stem=id, origin=origin, opts=opts)
    elif kind == "csv":
        yield from csvfile.csv_from_text(source, stem=id, origin=origin, opts=opts)
    elif kind == "html":
        yield html.article_from_html(source, id=id, origin=origin, published=opts.published)
    else:
        yield from feed.feed_from_bytes(source.encode("utf-8"), stem=id, origin=origin, opts=opts)


def _kind_for(fmt: str, id: str) -> Kind:
    kind = kind_from_format(fmt)
    if kind is None:
        raise InputError(id, f"unknown format {fmt!r}; use one of: {known_formats()}")
    return kind


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        raise InputError("--published", f"cannot read {value!r} as a date; give it as YYYY-MM-DD")
    return day
