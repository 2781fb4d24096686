"""CSV (.csv, .tsv): one article a row, columns named as JSON fields; the delimiter is sniffed."""

from __future__ import annotations

import csv
import io
import itertools
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from newsledger.article import Article, ReadFailure
from newsledger.read.decode import BINARY_REASON
from newsledger.read.records import TEXT_FIELDS, Record, default_ids, record_to_article
from newsledger.read.source import EMPTY_REASON, Input, Options, megabytes

log = logging.getLogger(__name__)

DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_CHARS = 65536
NO_VALUES_REASON = "holds only delimiters, no values; put a header row with a 'text' column and one row per article"


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
    delimiter = _delimiter(sample[0])
    lines = enumerate(itertools.chain(sample, stream), start=1)
    parsed = _parsed_rows(raw_rows(lines, delimiter, opts.max_bytes), delimiter, opts.max_bytes)
    yield from _rows(parsed, stem, origin, opts)


@dataclass(frozen=True)
class RawRow:
    """The lines of one CSV row (several when a quoted field holds line breaks); None when over the limit."""

    first: int
    last: int
    lines: list[str] | None


@dataclass(frozen=True)
class Unclosed:
    """A row whose quoted field opened on ``quote_line`` is never closed: it ran to the end of the input."""

    first: int
    quote_line: int
    reread: bool  # whether the lines after ``quote_line`` were read again as rows


class _Quotes:
    """Follows the quoting of the csv module (default dialect, any delimiter) along lines.

    A quote opens a quoted field only at the start of a field; inside one, ``""`` is a
    quote and ``"`` closes it; what follows a closing quote up to the delimiter belongs
    to the field, quotes included (the csv module's non-strict reading).
    """

    def __init__(self, delimiter: str) -> None:
        self._delimiter = delimiter
        self._unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*+")
        self._quoted = re.compile(r'[^"]*+(?:""[^"]*+)*+')

    def after(self, line: str, inside: bool) -> tuple[bool, bool]:
        """Whether ``line`` ends inside a quoted field, and whether that field opened on this line."""
        pos, end, opened = 0, len(line), False
        while True:
            if inside:
                pos = self._quoted.match(line, pos).end()  # type: ignore[union-attr]
                if pos >= end:
                    return True, opened
                inside, opened = False, False
                pos = self._unquoted.match(line, pos + 1).end()  # type: ignore[union-attr]
            elif pos < end and line[pos] == '"':
                inside, opened = True, True
                pos += 1
                continue
            else:
                pos = self._unquoted.match(line, pos).end()  # type: ignore[union-attr]
            if pos < end and line[pos] == self._delimiter:
                pos += 1
                continue
            return False, False


def raw_rows(lines: Iterable[tuple[int, str]], delimiter: str, max_bytes: int) -> Iterator[RawRow | Unclosed]:
    """The input's rows as their lines, split where the csv module ends a row.

    A row over ``max_bytes`` characters is not kept (``lines`` is None) and the rows
    after it are read as usual.  A quote never closed would swallow every later row:
    it gives an ``Unclosed`` and the lines after the one where it opened are read again
    as rows (up to ``_MAX_UNCLOSED`` times a file, and when they fit the size limit).
    """
    quotes = _Quotes(delimiter)
    source: Iterator[tuple[int, str]] = iter(lines)
    for attempt in range(_MAX_UNCLOSED + 1):
        kept: list[tuple[int, str]] | None = []
        inside, first, quote_line, size = False, 0, 0, 0
        for line_no, line in source:
            if not inside:
                kept, first, size = [], line_no, 0
            inside, opened = quotes.after(line, inside)
            quote_line = line_no if opened else quote_line
            size += len(line)
            if kept is not None:
                if size > max_bytes:
                    kept = None
                else:
                    kept.append((line_no, line))
            if not inside:
                yield RawRow(first, line_no, None if kept is None else [text for _, text in kept])
        if not inside:
            return
        reread = kept is not None and attempt < _MAX_UNCLOSED
        yield Unclosed(first, quote_line, reread)
        if not reread or kept is None:
            return
        source = iter([(n, text) for n, text in kept if n > quote_line])


_MAX_UNCLOSED = 20


def _parsed_rows(rows: Iterable[RawRow | Unclosed], delimiter: str, max_bytes: int) -> Iterator[
    tuple[str, list[str]] | ReadFailure
]:
    """Each row's place (for messages) and cells, or a failure naming the row; blank rows are dropped."""
    number = -1  # the header is row 0
    for row in rows:
        if isinstance(row, Unclosed):
            number += 1
            yield ReadFailure("", _unclosed_reason(row, number))
            continue
        if row.lines is not None and not "".join(row.lines).strip():
            continue
        number += 1
        where = _where(number, row)
        if row.lines is None:
            yield ReadFailure(
                "",
                f"{where} is over the {megabytes(max_bytes)} limit for one record; "
                "shorten it or raise the limit with --max-bytes",
            )
            continue
        try:
            for cells in csv.reader(row.lines, delimiter=delimiter):
                if any(cell.strip() for cell in cells):
                    yield where, cells
        except csv.Error as exc:
            yield ReadFailure("", f"{where} {_csv_error_reason(exc)}")


def _where(number: int, row: RawRow) -> str:
    lines = f"line {row.first}" if row.first == row.last else f"lines {row.first}-{row.last}"
    return f"the header ({lines})" if number == 0 else f"row {number} ({lines})"


def _unclosed_reason(row: Unclosed, number: int) -> str:
    what = "the header" if number == 0 else f"row {number} (from line {row.first})"
    after = (
        f"that row is skipped and the lines after line {row.quote_line} are read again as rows"
        if row.reread
        else f"that row and everything after line {row.quote_line} are not read"
    )
    return (
        f"{what} has a quote opened on line {row.quote_line} that is never closed, so it ran to the end "
        f"of the file; {after}: close the quote (a quote inside a quoted field is written twice: \"\")"
    )


def _rows(
    parsed: Iterator[tuple[str, list[str]] | ReadFailure], stem: str, origin: str, opts: Options
) -> Iterator[Article | ReadFailure]:
    header: list[str] | None = None
    failed = False
    for item in parsed:
        if isinstance(item, ReadFailure):
            failed = True
            yield ReadFailure(origin, item.reason)
            continue
        header = [name.strip() for name in item[1]]
        break
    if header is None:
        if not failed:
            yield ReadFailure(origin, NO_VALUES_REASON)
        return
    if not any(name.lower() in TEXT_FIELDS for name in header):
        columns = ", ".join(repr(name) for name in header)
        yield ReadFailure(
            origin,
            f"has no 'text' or 'body' column (its columns: {columns}); add one holding the article text",
        )
        return
    records = (
        item if isinstance(item, ReadFailure) else Record(item[0], dict(zip(header, item[1], strict=False)))
        for item in parsed
    )
    saw_any = False
    for default_id, record in default_ids(records, stem):
        saw_any = True
        if isinstance(record, ReadFailure):
            yield ReadFailure(origin, record.reason)
        else:
            yield record_to_article(record, default_id=default_id, origin=origin, opts=opts)
    if not saw_any:
        yield ReadFailure(origin, "has a header but no rows; add one row per article")


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


def _csv_error_reason(exc: csv.Error) -> str:
    if "NUL" in str(exc):
        return BINARY_REASON
    return f"cannot be parsed as CSV ({exc}); check its quoting or export it again"
