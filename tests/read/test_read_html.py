from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from _read_helpers import only_article, only_failure, read_all

from newsledger.read import html as html_reader
from newsledger.read import read_text

Write = Callable[..., Path]

PAGE = """<!doctype html>
<html><head><title>Ferry service resumes | Coastal Times</title>
<meta property="og:site_name" content="Coastal Times">
<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
<link rel="canonical" href="https://example.com/ferry"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>Ferry service resumes</h1>
<p>The island ferry sailed again on Tuesday after a week of storms, the operator said in a statement.</p>
<p>&ldquo;We are glad to be back,&rdquo; a captain told reporters waiting at the pier that morning.</p>
<script>var tracking = 1;</script>
</article>
<footer>Copyright Coastal Times. All rights reserved.</footer></body></html>
"""


@pytest.fixture(params=["available", "lxml"])
def extractor(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run each test with whatever extractor is installed, and with the plain lxml one."""
    if request.param == "lxml":
        monkeypatch.setattr(html_reader, "_trafilatura", lambda: None)
    return str(request.param)


def test_page_text_and_metadata(write: Write, extractor: str) -> None:
    article = only_article(read_all(write("ferry.html", PAGE)))
    assert article.id == "ferry"
    assert "The island ferry sailed again on Tuesday" in article.text
    assert "“We are glad to be back,” a captain told reporters" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text and "tracking" not in article.text
    assert article.title == "Ferry service resumes"
    assert article.published == "2024-03-05"
    assert article.url == "https://example.com/ferry"
    assert article.source == "Coastal Times"
    assert article.body_start == 0


def test_page_without_article_text(write: Write, extractor: str) -> None:
    page = "<html><head><title>Sign in</title></head><body><form><input name='u'></form></body></html>"
    failure = only_failure(read_all(write("login.htm", page)))
    assert "no article text" in failure.reason and failure.origin.endswith("login.htm")


def test_published_argument_wins(write: Write, extractor: str) -> None:
    article = only_article(read_all(write("ferry.html", PAGE), published="2025-01-02"))
    assert article.published == "2025-01-02"


def test_html_gz_and_read_text(write: Write, extractor: str) -> None:
    assert "island ferry" in only_article(read_all(write("ferry.html.gz", PAGE))).text
    assert "island ferry" in only_article(list(read_text(PAGE, id="pasted"))).text


def test_empty_html(write: Write) -> None:
    assert "empty" in only_failure(read_all(write("blank.html", "  \n"))).reason


def test_lxml_fallback_keeps_paragraphs_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "_trafilatura", lambda: None)
    page = html_reader.extract_page("<html><body><main><p>One  line.</p><p>Two<br>lines.</p></main></body></html>")
    assert page is not None and page.text == "One line.\n\nTwo\nlines."
