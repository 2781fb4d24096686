"""An unreadable date becomes null with a warning naming the file, the record and the value."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from _read_helpers import only_article, read_all  # type: ignore[import-not-found]

from newsledger.article import Article

Write = Callable[[str, str | bytes], Path]


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("soon.json", '{"text": "The pier opens.", "published": "sometime soon"}', "record 1"),
        ("soon.jsonl", '{"text": "A."}\n{"text": "B.", "date": "sometime soon"}\n', "record 2 (line 2)"),
        ("soon.csv", "text,published\nA.,2026-03-02\nB.,sometime soon\n", "row 2 (line 3)"),
        ("soon.html", '<html><head><meta property="article:published_time" content="sometime soon"></head>'
                      "<body><article><p>The harbour council approved a new pier on Monday, its chair said."
                      "</p></article></body></html>", ""),
        ("soon.xml", '<rss version="2.0"><channel><item><description>B.</description>'
                     "<pubDate>sometime soon</pubDate></item></channel></rss>", "entry 1"),
    ],
)
def test_unreadable_date_is_null_with_a_warning(
    write: Write, caplog: pytest.LogCaptureFixture, name: str, content: str, where: str
) -> None:
    path = write(name, content)
    with caplog.at_level(logging.WARNING, logger="newsledger.read"):
        items = read_all(path)
    last = items[-1]
    assert isinstance(last, Article) and last.published is None
    messages = _warnings(caplog)
    assert len(messages) == 1, messages
    assert (f"{path}: {where}" if where else f"{path} has a date") in messages[0]
    assert "'sometime soon'" in messages[0]


def test_readable_and_missing_dates_warn_nothing(write: Write, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="newsledger.read"):
        items = read_all(write("ok.jsonl", '{"text": "A.", "date": "9 Feb 2025"}\n{"text": "B."}\n'))
    assert [i.published for i in items if isinstance(i, Article)] == ["2025-02-09", None]
    assert _warnings(caplog) == []


def test_published_option_overrides_without_a_warning(write: Write, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="newsledger.read"):
        article = only_article(read_all(write("x.json", '{"text": "A.", "date": "soon"}'), published="2026-01-05"))
    assert article.published == "2026-01-05" and _warnings(caplog) == []
