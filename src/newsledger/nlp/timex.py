"""Dates: the article's own date from its text, and time expressions resolved against it.

:func:`resolve` turns an expression ("next week", "on Tuesday", "last year", "yesterday",
"February 9, 2025", "9 Feb 2025", "2025-02-09", "March 2024", "in 2019", "three years ago") into an
ISO ``(start, end)`` range, both inclusive, relative to the publication date.  Expressions that
cannot be placed on the calendar ("within 24 hours of taking office") give ``(None, None)``; the
caller keeps their text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from dateutil import parser as dateparser

from newsledger.nlp.types import ParsedArticle

Range = tuple[str | None, str | None]

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3,
}

_MONTH_RE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
EXPLICIT = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:{_MONTH_RE})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_RE}),?\s+\d{{4}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}})\b",
    re.I,
)
_MONTH_YEAR = re.compile(rf"^(?:in\s+)?({_MONTH_RE})\s+(\d{{4}})$", re.I)
_MONTH_DAY = re.compile(
    rf"^(?:on\s+)?({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?$|^(?:on\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})$",
    re.I,
)
_YEAR = re.compile(r"^(?:in\s+|the\s+year\s+)?((?:19|20)\d{2})$", re.I)
_AGO = re.compile(r"^(\w+|\d+)\s+(day|week|month|year)s?\s+ago$", re.I)
_UNIT = re.compile(
    r"^(?:(?:earlier|later)\s+)?(this|next|last|past|coming|previous)\s+(week|month|year|weekend)$", re.I
)
_WEEKDAY = re.compile(
    r"^(?:(?:on|by|until|since)\s+)?(?:(this|next|last|coming|past)\s+)?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.I,
)


def _mon(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()[:3]]


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _month_range(year: int, month: int) -> Range:
    last = calendar.monthrange(year, month)[1]
    return _iso(dt.date(year, month, 1)), _iso(dt.date(year, month, last))


def _add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _clean(text: str) -> str:
    text = " ".join(text.strip().split()).strip(" ,.")
    return re.sub(r"^(?:the|as early as|as late as|early|late|from|during|until|by|over)\s+", "", text, flags=re.I)


def resolve(text: str, published: str | None, *, future: bool = False) -> Range:
    """An ISO (start, end) range for ``text`` relative to ``published``; ``future`` prefers the next
    weekday for a bare weekday ("on Tuesday" of a planned event)."""
    explicit = EXPLICIT.search(text)
    if explicit:
        try:
            d = dateparser.parse(explicit.group(0)).date()
            return _iso(d), _iso(d)
        except (ValueError, OverflowError):
            pass
    if not published:
        return None, None
    try:
        base = dt.date.fromisoformat(published)
    except ValueError:
        return None, None
    t = _clean(text).lower()
    for prefix in ("earlier ", "later "):
        if t.startswith(prefix) and t[len(prefix):] in {"this week", "this month", "this year"}:
            t = t[len(prefix):]
    if t in {"today", "tonight", "this morning", "this afternoon", "this evening", "now"}:
        return _iso(base), _iso(base)
    if t in {"yesterday", "last night", "overnight"}:
        d = base - dt.timedelta(days=1)
        return _iso(d), _iso(d)
    if t == "tomorrow":
        d = base + dt.timedelta(days=1)
        return _iso(d), _iso(d)
    m = _UNIT.match(t)
    if m:
        rel, unit = m.group(1).lower(), m.group(2).lower()
        step = {"this": 0, "next": 1, "coming": 1, "last": -1, "past": -1, "previous": -1}[rel]
        if unit == "week":
            monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=step)
            return _iso(monday), _iso(monday + dt.timedelta(days=6))
        if unit == "weekend":
            sat = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=5, weeks=step)
            return _iso(sat), _iso(sat + dt.timedelta(days=1))
        if unit == "month":
            d = _add_months(base.replace(day=1), step)
            return _month_range(d.year, d.month)
        y = base.year + step
        return f"{y}-01-01", f"{y}-12-31"
    m = _WEEKDAY.match(t)
    if m:
        rel = (m.group(1) or "").lower()
        wd = WEEKDAYS[m.group(2).lower()]
        if rel in {"next", "coming"} or (future and rel != "last"):
            delta = (wd - base.weekday()) % 7 or 7
            d = base + dt.timedelta(days=delta)
        elif rel == "this":
            d = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=wd)
        else:
            delta = (base.weekday() - wd) % 7 or (7 if rel == "last" else 0)
            d = base - dt.timedelta(days=delta)
        return _iso(d), _iso(d)
    m = _AGO.match(t)
    if m:
        n_text, unit = m.group(1).lower(), m.group(2).lower()
        n = int(n_text) if n_text.isdigit() else NUMBERS.get(n_text)
        if n is None:
            return None, None
        if unit == "day":
            d = base - dt.timedelta(days=n)
            return _iso(d), _iso(d)
        if unit == "week":
            monday = base - dt.timedelta(days=base.weekday(), weeks=n)
            return _iso(monday), _iso(monday + dt.timedelta(days=6))
        if unit == "month":
            d = _add_months(base, -n)
            return _month_range(d.year, d.month)
        return f"{base.year - n}-01-01", f"{base.year - n}-12-31"
    m = _MONTH_YEAR.match(t)
    if m:
        return _month_range(int(m.group(2)), _mon(m.group(1)))
    m = _MONTH_DAY.match(t)
    if m:
        day = int(m.group(2) or m.group(3))
        try:
            d = dt.date(base.year, _mon(m.group(1) or m.group(4)), day)
        except ValueError:
            return None, None
        return _iso(d), _iso(d)
    m = _YEAR.match(t)
    if m:
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"
    if t in MONTHS and len(t) > 3:
        month = MONTHS[t]
        year = base.year if month <= base.month or future else base.year - 1
        if future and month < base.month:
            year = base.year + 1
        return _month_range(year, month)
    return None, None


_DATELINE = re.compile(
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|(?:{_MONTH_RE})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_RE}),?\s+\d{{4}})",
    re.I,
)


def find_publication_date(parsed: ParsedArticle) -> str | None:
    """A publication date stated in the article's first lines (a dateline or byline), else None."""
    head = "\n".join(parsed.text.splitlines()[:4])[:600]
    m = _DATELINE.search(head)
    if not m:
        return None
    try:
        return dateparser.parse(m.group(0)).date().isoformat()
    except (ValueError, OverflowError):
        return None
