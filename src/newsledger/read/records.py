"""One JSON or CSV record (a mapping of fields) to an Article."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

from newsledger.article import Article, ReadFailure
from newsledger.read.dates import parse_date
from newsledger.read.source import Options

TEXT_FIELDS = ("text", "body", "content")
DATE_FIELDS = ("published", "date", "pubdate", "published_at")
SOURCE_FIELDS = ("source", "outlet")
NO_TEXT_FIX = "add a 'text' or 'body' field holding the article text"

T = TypeVar("T")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Record:
    """A record as found, before it is checked: its place in the file and its value."""

    where: str
    value: object


def default_ids(items: Iterable[T], stem: str) -> Iterator[tuple[str, T]]:
    """Pair each item with the id it gets when it has none: the stem, or ``stem#N`` when several."""
    stream = iter(items)
    head = list(itertools.islice(stream, 2))
    if len(head) == 1:
        yield stem, head[0]
        return
    for number, item in enumerate(itertools.chain(head, stream), start=1):
        yield f"{stem}#{number}", item


def record_to_article(record: Record, *, default_id: str, origin: str, opts: Options) -> Article | ReadFailure:
    """The article a record describes, or a failure naming the record and the fix."""
    if not isinstance(record.value, Mapping):
        return ReadFailure(origin, f"{record.where} is not an object; {NO_TEXT_FIX}")
    fields = {str(key).strip().lower(): value for key, value in record.value.items()}
    text = _first(fields, TEXT_FIELDS)
    if text is None and any(name in fields for name in TEXT_FIELDS):
        text = ""
    problem = _text_problem(text)
    if problem is not None:
        return ReadFailure(origin, f"{record.where} {problem}")
    assert isinstance(text, str)
    return Article(
        id=_string(fields.get("id")) or default_id,
        text=text,
        title=_string(fields.get("title")),
        published=opts.published or _date(_first(fields, DATE_FIELDS), f"{origin}: {record.where}"),
        url=_string(fields.get("url")),
        source=_string(_first(fields, SOURCE_FIELDS)),
        body_start=0,
        origin=origin,
    )


def _text_problem(text: object) -> str | None:
    if text is None:
        return f"has no text; {NO_TEXT_FIX}"
    if not isinstance(text, str):
        return f"has a text field that is not a string; {NO_TEXT_FIX}"
    if not text.strip():
        return "has an empty text field; put the article text in it or drop the record"
    return None


def _first(fields: Mapping[str, object], names: tuple[str, ...]) -> object:
    for name in names:
        value = fields.get(name)
        if value is not None and value != "":
            return value
    return None


def _string(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _date(value: object, where: str) -> str | None:
    text = _string(value)
    return date_or_warn(text, where) if text is not None else None


def date_or_warn(value: str, where: str) -> str | None:
    """``value`` as ``YYYY-MM-DD``; None with a warning naming ``where`` and the value when it is not a date."""
    day = parse_date(value)
    if day is None:
        log.warning(
            "%s has a date that cannot be read (%r); the article is stored without a date: "
            "give it as YYYY-MM-DD, or set one with --published",
            where, value[:100],
        )
    return day
