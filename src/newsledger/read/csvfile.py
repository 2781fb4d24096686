"""CSV (.csv, .tsv): one article a row, columns named as JSON fields; the delimiter is sniffed."""

from __future__ import annotations

import csv
import io
import itertools
import logging
from collections.abc import Iterator
from typing import TextIO

from newsledger.article import Article, ReadFailure
from newsledger.read.decode import BINARY_REASON
from newsledger.read.records import TEXT_FIELDS, Record, default_ids, record_to_article
from newsledger.read.source import EMPTY_REASON, Input, Options, megabytes

log = logging.getLogger(__name__)

DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_CHARS = 65536


def read(inp: Input, opts: Options) -> Iterator[Article | ReadFailure]:
    with inp.open() as raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        try:
            yield from csv_from_stream(stream, stem=inp.stem, origin=inp.origin, opts=opts)
        except UnicodeDecodeError:
            yield ReadFailure(inp.origin, "is not UTF-8 text from some row on; save the CSV as UTF-8")


def csv_from_text(text: str, *, stem: str, origin: str, opts: Options) -> Iterator[Article | ReadFailure]:
    """Articles of CSV held in a string (line endings inside fields kept)."""
    stream = io.StringIO(text.removeprefix("\ufeff"), newline="")
    yield from csv_from_stream(stream, stem=stem, origin=origin, opts=opts)


def csv_from_stream(stream: TextIO, *, stem: str, origin: str, opts: Options) -> Iterator[Article | ReadFailure]:
    """Articles of a CSV text stream opened with ``newline=""``."""
    _allow_fields_up_to(opts.max_bytes)
    sample = _sample_lines(stream)
    if not "".join(sample).strip():
        yield ReadFailure(origin, EMPTY_REASON)
        return
    if any("\x00" in line for line in sample):
        yield ReadFailure(origin, BINARY_REASON)
        return
    reader = csv.reader(itertools.chain(sample, stream), delimiter=_delimiter(sample[0]))
    try:
        yield from _rows(reader, stem, origin, opts)
    except csv.Error as exc:
        yield ReadFailure(origin, _csv_error_reason(exc, reader.line_num))


def _rows(reader: Iterator[list[str]], stem: str, origin: str, opts: Options) -> Iterator[Article | ReadFailure]:
    header = [name.strip() for name in next(reader)]
    if not any(name.lower() in TEXT_FIELDS for name in header):
        columns = ", ".join(repr(name) for name in header)
        yield ReadFailure(
            origin,
            f"has no 'text' or 'body' column (its columns: {columns}); add one holding the article text",
        )
        return
    records = _records(reader, header, opts.max_bytes)
    saw_any = False
    for default_id, record in default_ids(records, stem):
        saw_any = True
        if isinstance(record, ReadFailure):
            yield ReadFailure(origin, record.reason)
        else:
            yield record_to_article(record, default_id=default_id, origin=origin, opts=opts)
    if not saw_any:
        yield ReadFailure(origin, "has a header but no rows; add one row per article")


def _records(reader: Iterator[list[str]], header: list[str], max_bytes: int) -> Iterator[Record | ReadFailure]:
    for number, row in enumerate((row for row in reader if any(cell.strip() for cell in row)), start=1):
        line_no = getattr(reader, "line_num", 0)
        where = f"row {number} (ending on line {line_no})"
        if sum(len(cell) for cell in row) > max_bytes:
            yield ReadFailure(
                "",
                f"{where} is over the {megabytes(max_bytes)} limit for one record; "
                "shorten it or raise the limit with --max-bytes",
            )
            continue
        yield Record(where, dict(zip(header, row, strict=False)))


def _sample_lines(stream: TextIO) -> list[str]:
    """Whole lines from the start of the stream, about 64k characters (at least one line)."""
    lines: list[str] = []
    size = 0
    for line in stream:
        lines.append(line)
        size += len(line)
        if size >= _SAMPLE_CHARS:
            break
    return lines or [""]


def _delimiter(header_line: str) -> str:
    """The delimiter the header line uses most (a comma when it uses none)."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _allow_fields_up_to(max_bytes: int) -> None:
    if csv.field_size_limit() < max_bytes + 1:
        csv.field_size_limit(max_bytes + 1)


def _csv_error_reason(exc: csv.Error, line_no: int) -> str:
    if "NUL" in str(exc):
        return BINARY_REASON
    return f"CSV cannot be parsed at line {line_no} ({exc}); check its quoting or export it again"
