from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from _read_helpers import only_article, only_failure, read_all

from newsledger.article import Article, ReadFailure
from newsledger.read import read_text

Write = Callable[..., Path]

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Wire</title><link>https://example.com</link>
<item><title>Council approves budget</title><link>https://example.com/a</link><guid>vw-101</guid>
<pubDate>Sun, 09 Feb 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The council &lt;b&gt;approved&lt;/b&gt; the budget, the mayor said.&lt;/p&gt;
&lt;p&gt;Critics objected.&lt;/p&gt;</description>
</item>
<item><title>No body at all</title><guid>vw-102</guid></item>
<item><title>Plain summary</title><description>Schools stay closed on Monday.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Gazette</title>
<entry><title>Road reopens</title><id>tag:example.com,2025:1</id>
<link href="https://example.com/road"/><updated>2025-02-10T09:30:00+02:00</updated>
<summary>Short summary.</summary>
<content type="html">&lt;div&gt;&lt;p&gt;The mountain road reopened after repairs, engineers said.&lt;/p&gt;
&lt;/div&gt;</content>
</entry></feed>
"""


def test_rss_entries(write: Write) -> None:
    path = write("wire.rss", RSS)
    first, missing, plain = read_all(path)
    assert isinstance(first, Article)
    assert first.text == "The council approved the budget, the mayor said.\n\nCritics objected."
    assert (first.id, first.title, first.url, first.source) == (
        "vw-101",
        "Council approves budget",
        "https://example.com/a",
        "Valley Wire",
    )
    assert first.published == "2025-02-09"
    assert isinstance(missing, ReadFailure)
    assert missing.origin == str(path) and "entry 2 has no text" in missing.reason
    assert isinstance(plain, Article) and plain.text == "Schools stay closed on Monday."
    assert plain.id == "wire#3"


def test_atom_content_preferred_over_summary(write: Write) -> None:
    article = only_article(read_all(write("gazette.atom", ATOM)))
    assert article.text == "The mountain road reopened after repairs, engineers said."
    assert article.published == "2025-02-10"
    assert article.source == "Hill Gazette" and article.url == "https://example.com/road"


def test_feed_by_content_sniff_and_gz(write: Write) -> None:
    assert len(read_all(write("feed.xml.gz", RSS))) == 3
    assert len(list(read_text(RSS))) == 3


def test_broken_feed(write: Write) -> None:
    failure = only_failure(read_all(write("cut.rss", "<?xml version='1.0'?><rss><channel><title>x")))
    assert "RSS or Atom" in failure.reason or "no entries" in failure.reason
