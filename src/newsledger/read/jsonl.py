"""JSON (.json: an array, an object, or an object with a list of articles) and JSON Lines (.jsonl).

JSON Lines is streamed line by line, so a file of any size is fine; the size limit
applies to each line.  A whole JSON document is held in memory, so the limit
applies to the file.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from newsledger.article import Article, ReadFailure
from newsledger.read.decode import BINARY_REASON, decode_bytes
from newsledger.read.guard import NESTED_REASON
from newsledger.read.records import Record, default_ids, record_to_article
from newsledger.read.source import EMPTY_REASON, Input, Options, megabytes, read_limited

log = logging.getLogger(__name__)

LINE_NOT_TEXT = "is not text (NUL bytes or an unknown encoding); save the file as UTF-8"
CONTAINER_KEYS = ("articles", "items", "records")
_CHUNK = 1 << 20


def read_json(inp: Input, opts: Options) -> Iterator[Article | ReadFailure]:
    """A whole-file JSON document (falls back to JSON Lines when the file is that)."""
    data = read_limited(inp, opts.max_bytes)
    if isinstance(data, ReadFailure):
        yield data
        return
    text = decode_bytes(data)
    if text is None:
        yield ReadFailure(inp.origin, BINARY_REASON)
        return
    yield from json_from_text(text, stem=inp.stem, origin=inp.origin, opts=opts)


def read_jsonl(inp: Input, opts: Options) -> Iterator[Article | ReadFailure]:
    """JSON Lines, one record a line, streamed."""
    with inp.open() as stream:
        yield from _from_lines(_byte_lines(stream, opts.max_bytes), inp.stem, inp.origin, opts)


def json_from_text(text: str, *, stem: str, origin: str, opts: Options) -> Iterator[Article | ReadFailure]:
    """Articles of a JSON document held in a string."""
    if not text.strip():
        yield ReadFailure(origin, EMPTY_REASON)
        return
    try:
        document = json.loads(text)
    except RecursionError:
        yield ReadFailure(origin, NESTED_REASON)
        return
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            log.debug("%s holds several JSON values: reading it as JSON Lines", origin)
            yield from jsonl_from_text(text, stem=stem, origin=origin, opts=opts)
        else:
            yield ReadFailure(origin, _invalid_json_reason(exc))
        return
    except ValueError as exc:  # a number too long to convert
        yield ReadFailure(origin, f"JSON {_value_reason(exc)}")
        return
    records = _records(document)
    if isinstance(records, ReadFailure):
        yield ReadFailure(origin, records.reason)
        return
    yield from _articles(records, stem, origin, opts)


def jsonl_from_text(text: str, *, stem: str, origin: str, opts: Options) -> Iterator[Article | ReadFailure]:
    """Articles of JSON Lines held in a string."""
    lines = _str_lines(io.StringIO(text, newline=""))
    yield from _from_lines(lines, stem, origin, opts)


def _value_reason(exc: ValueError) -> str:
    return f"holds a value Python cannot read ({exc}); fix or drop that value"


def _invalid_json_reason(exc: json.JSONDecodeError) -> str:
    return (
        f"invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); "
        "the file may be truncated: export it again or fix it there"
    )


def _records(document: object) -> list[Record] | ReadFailure:
    if isinstance(document, list):
        return [Record(f"record {n}", item) for n, item in enumerate(document, start=1)]
    if isinstance(document, dict):
        for key in CONTAINER_KEYS:
            if isinstance(document.get(key), list) and not _has_text(document):
                items = document[key]
                return [Record(f"record {n} of '{key}'", item) for n, item in enumerate(items, start=1)]
        return [Record("record 1", document)]
    return ReadFailure("", "JSON holds neither an object nor a list of objects; give one article object each")


def _has_text(document: dict[str, object]) -> bool:
    return any(str(key).lower() in ("text", "body", "content") for key in document)


def _articles(
    records: Iterable[Record | ReadFailure], stem: str, origin: str, opts: Options
) -> Iterator[Article | ReadFailure]:
    for default_id, record in default_ids(records, stem):
        if isinstance(record, ReadFailure):
            yield record
        else:
            yield record_to_article(record, default_id=default_id, origin=origin, opts=opts)


def _from_lines(
    lines: Iterable[tuple[int, str | ReadFailure]], stem: str, origin: str, opts: Options
) -> Iterator[Article | ReadFailure]:
    records = _line_records(lines, origin)
    saw_any = False
    for item in _articles(records, stem, origin, opts):
        saw_any = True
        yield item
    if not saw_any:
        yield ReadFailure(origin, EMPTY_REASON)


def _line_records(lines: Iterable[tuple[int, str | ReadFailure]], origin: str) -> Iterator[Record | ReadFailure]:
    number = 0
    for line_no, line in lines:
        if isinstance(line, str) and not line.strip():
            continue
        number += 1
        where = f"record {number} (line {line_no})"
        if isinstance(line, ReadFailure):
            if line_no == 1 and line.reason == LINE_NOT_TEXT:
                yield ReadFailure(origin, BINARY_REASON)
                return
            yield ReadFailure(origin, f"{where} {line.reason}")
            continue
        try:
            yield Record(where, json.loads(line))
        except RecursionError:
            yield ReadFailure(origin, f"{where} {NESTED_REASON}")
        except json.JSONDecodeError as exc:
            yield ReadFailure(
                origin,
                f"{where} is not valid JSON (column {exc.colno}: {exc.msg}); "
                "the line may be truncated: fix it or drop it",
            )
        except ValueError as exc:  # a number too long to convert
            yield ReadFailure(origin, f"{where} {_value_reason(exc)}")


def _str_lines(stream: io.StringIO) -> Iterator[tuple[int, str | ReadFailure]]:
    for line_no, line in enumerate(stream, start=1):
        yield line_no, line.removeprefix("\ufeff") if line_no == 1 else line


def _byte_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, str | ReadFailure]]:
    """Decoded lines, each read with at most ``max_bytes`` in memory; a longer one is a failure."""
    line_no = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        line_no += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield line_no, ReadFailure("", _too_long_reason(max_bytes))
            continue
        text = decode_bytes(raw)
        yield line_no, text if text is not None else ReadFailure("", LINE_NOT_TEXT)


def _too_long_reason(max_bytes: int) -> str:
    return f"is over the {megabytes(max_bytes)} limit for one record; shorten it or raise the limit with --max-bytes"


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return
