"""HTML pages (.html, .htm): the main text and the page's title, date, URL and outlet.

trafilatura does the extraction.  Where it cannot be imported (it needs the
``lxml_html_clean`` package beside lxml >= 5.2), a plain lxml extractor stands in:
the text of the ``<article>`` (else ``<main>``, else ``<body>``) without navigation,
headers, footers and scripts, with the page's metadata read from its ``<meta>`` tags.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from lxml import html as lxml_html

from newsledger.article import Article, ReadFailure
from newsledger.read.dates import parse_date
from newsledger.read.decode import BINARY_REASON, decode_bytes
from newsledger.read.markup import element_text, parse_page
from newsledger.read.records import date_or_warn
from newsledger.read.source import EMPTY_REASON, Input, Options, read_limited

log = logging.getLogger(__name__)

NO_TEXT_REASON = (
    "no article text found in the page; save the article's own page (not an index, "
    "search or login page), or paste its text into a .txt file"
)
BOILERPLATE_TAGS = ("nav", "header", "footer", "aside", "form", "script", "style", "noscript", "template")
_CONTAINERS = ("//article", "//main", "//*[@itemprop='articleBody']", "//*[@role='main']", "//body")


# The shortest real news item is a one-sentence brief of 15-25 words ("The harbour council
# approved a new pier on Monday, its chair said ..."); a page's navigation, a login form or
# a paywall notice extracts as a few short lines ("Home", "Sign in", "Subscribe to continue").
MIN_ARTICLE_WORDS = 12
MIN_SENTENCE_WORDS = 8  # some line of an article is a sentence at least this long
GATE_CHECK_WORDS = 80  # below this, wording of two kinds of login or paywall notice means a notice
_GATE_WORDING = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\b(?:sign(?:ed)?|log(?:ged)?)[ -]?in\b",
        r"\bsubscri(?:be|ber|bers|bing|ption)\b",
        r"\bcreate an account\b|\bregister\b",
        r"\bpassword\b",
        r"\bcontinue reading\b|\bkeep reading\b|\bread more\b",
        r"\bpaywall\b|\bunlimited (?:digital )?access\b|\balready a (?:member|subscriber)\b",
    )
)
_PREVIEW_CHARS = 80


def not_article_text(text: str) -> str | None:
    """Why ``text``, extracted as a page's main text, is no article (a login or paywall page); None when it is one."""
    words = len(text.split())
    longest = max((len(line.split()) for line in text.splitlines()), default=0)
    gate = sum(1 for pattern in _GATE_WORDING if pattern.search(text))
    if words >= MIN_ARTICLE_WORDS and longest >= MIN_SENTENCE_WORDS and (words >= GATE_CHECK_WORDS or gate < 2):
        return None
    preview = " ".join(text.split())
    if len(preview) > _PREVIEW_CHARS:
        preview = preview[:_PREVIEW_CHARS].rsplit(" ", 1)[0] + " ..."
    return (
        f"the page holds no article text (maybe a login or paywall page): its main text is only {words} words "
        f"({preview!r}); save the article's own page while signed in, or paste its text into a .txt file"
    )


@dataclass(frozen=True)
class Page:
    """What a page yields: its main text and metadata."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None


def read(inp: Input, opts: Options) -> Iterator[Article | ReadFailure]:
    data = read_limited(inp, opts.max_bytes)
    if isinstance(data, ReadFailure):
        yield data
        return
    if not data.strip():
        yield ReadFailure(inp.origin, EMPTY_REASON)
        return
    markup = decode_bytes(data)
    if markup is None:
        yield ReadFailure(inp.origin, BINARY_REASON)
        return
    yield article_from_html(markup, id=inp.stem, origin=inp.origin, published=opts.published)


def article_from_html(markup: str, *, id: str, origin: str, published: str | None) -> Article | ReadFailure:
    """The article in a page, or a failure when the page has no article text."""
    if not markup.strip():
        return ReadFailure(origin, EMPTY_REASON)
    page = extract_page(markup)
    if page is None or not page.text.strip():
        return ReadFailure(origin, NO_TEXT_REASON)
    problem = not_article_text(page.text)
    if problem is not None:
        return ReadFailure(origin, problem)
    if published is None and page.date is None:
        _warn_unread_date(markup, origin)
    return Article(
        id=id,
        text=page.text,
        title=page.title,
        published=published or page.date,
        url=page.url,
        source=page.source,
        origin=origin,
    )


def extract_page(markup: str) -> Page | None:
    trafilatura = _trafilatura()
    if trafilatura is not None:
        return _with_trafilatura(trafilatura, markup)
    return _with_lxml(markup)


@functools.cache
def _trafilatura() -> ModuleType | None:
    try:
        import trafilatura
    except ImportError as exc:
        log.warning("trafilatura cannot be imported (%s); extracting HTML text with plain lxml", exc)
        return None
    return trafilatura


def _with_trafilatura(trafilatura: Any, markup: str) -> Page | None:
    text = trafilatura.extract(markup, include_comments=False, include_tables=False)
    if not text:
        return None
    meta = trafilatura.extract_metadata(markup)
    return Page(
        text=text,
        title=_clean(getattr(meta, "title", None)),
        date=_date(getattr(meta, "date", None)),
        url=_clean(getattr(meta, "url", None)),
        source=_clean(getattr(meta, "sitename", None)),
    )


def _with_lxml(markup: str) -> Page | None:
    tree = parse_page(markup)
    if tree is None:
        return None
    title = _page_title(tree)
    date = _page_date(tree)
    url = _meta(tree, "og:url") or _first_attr(tree, "//link[@rel='canonical']/@href")
    source = _meta(tree, "og:site_name") or _meta(tree, "application-name")
    return Page(_main_text(tree), title, date, url, source)


def _main_text(tree: lxml_html.HtmlElement) -> str:
    for element in tree.xpath("//" + " | //".join(BOILERPLATE_TAGS) + " | //h1"):
        if element.getparent() is not None:
            element.drop_tree()
    for query in _CONTAINERS:
        found = tree.xpath(query)
        if found:
            best = max(found, key=lambda el: len(el.text_content()))
            text = element_text(best)
            if text:
                return text
    return ""


def _page_title(tree: lxml_html.HtmlElement) -> str | None:
    return (
        _meta(tree, "og:title")
        or _meta(tree, "twitter:title")
        or _clean(_first_text(tree, "//h1"))
        or _clean(_first_text(tree, "//title"))
    )


_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)


def _page_date(tree: lxml_html.HtmlElement) -> str | None:
    for candidate in _date_candidates(tree):
        found = _date(candidate)
        if found:
            return found
    return None


def _date_candidates(tree: lxml_html.HtmlElement) -> list[str]:
    candidates = [_meta(tree, name) for name in _DATE_META]
    candidates.append(_first_attr(tree, "//*[@itemprop='datePublished']/@content"))
    candidates.append(_first_attr(tree, "//time/@datetime"))
    return [candidate for candidate in candidates if candidate]


def _warn_unread_date(markup: str, origin: str) -> None:
    """A warning naming the page and the value when its metadata gives a date but none reads as one."""
    tree = parse_page(markup)
    candidates = _date_candidates(tree) if tree is not None else []
    if candidates and not any(_date(candidate) for candidate in candidates):
        date_or_warn(candidates[0], origin)


def _meta(tree: lxml_html.HtmlElement, name: str) -> str | None:
    lowered = name.lower()
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key == lowered:
            return _clean(meta.get("content"))
    return None


def _first_attr(tree: lxml_html.HtmlElement, query: str) -> str | None:
    found = tree.xpath(query)
    return _clean(str(found[0])) if found else None


def _first_text(tree: lxml_html.HtmlElement, query: str) -> str | None:
    found = tree.xpath(query)
    return found[0].text_content() if found else None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _date(value: object) -> str | None:
    text = _clean(value)
    return parse_date(text) if text else None
