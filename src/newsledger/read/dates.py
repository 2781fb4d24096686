"""Normalise the many ways articles write dates to ``YYYY-MM-DD``."""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

log = logging.getLogger(__name__)

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")
_TIMESTAMP = re.compile(r"^\d{9,13}(?:\.\d+)?$")
_MIN_YEAR = 1800
_MAX_YEAR = 2200
# Two defaults far apart: a component dateutil had to fill in differs between them.
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))


def parse_date(value: str) -> str | None:
    """Return ``value`` as ``YYYY-MM-DD``, or None when it is not a full calendar date.

    Understands ISO dates and timestamps (the date as written, not converted to
    UTC), RFC 2822 feed dates, "February 9, 2025", "9 Feb 2025", "2025/02/09" and
    Unix timestamps.  A date missing its day or year ("Feb 2025") is None.
    """
    text = str(value).strip()
    if not text:
        return None
    for attempt in (_from_iso, _from_timestamp, _from_rfc2822, _from_dateutil):
        found = attempt(text)
        if found is not None:
            return _checked(found)
    log.debug("unparseable date %r", text)
    return None


def _checked(day: date) -> str | None:
    if not _MIN_YEAR <= day.year <= _MAX_YEAR:
        return None
    return day.isoformat()


def _from_iso(text: str) -> date | None:
    match = _ISO_DATE.match(text)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _from_timestamp(text: str) -> date | None:
    if _TIMESTAMP.match(text) is None:
        return None
    seconds = float(text)
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _from_rfc2822(text: str) -> date | None:
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _from_dateutil(text: str) -> date | None:
    results: list[date] = []
    for default in _DEFAULTS:
        try:
            results.append(dateutil_parser.parse(text, default=default).date())
        except (ValueError, OverflowError, TypeError):
            return None
    first, second = results
    return first if first == second else None
