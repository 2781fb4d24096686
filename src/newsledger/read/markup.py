"""HTML to plain text with lxml: paragraphs kept apart, whitespace tidied."""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object", "button", "select"})

_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def fragment_to_text(fragment: str) -> str:
    """The text of an HTML fragment (as in a feed entry); plain text comes back tidied."""
    if "<" not in fragment:
        return tidy(_unescape(fragment))
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return tidy(fragment)
    return element_text(root)


def parse_page(markup: str) -> lxml_html.HtmlElement | None:
    """A whole page parsed, or None when lxml finds no document in it."""
    parser = lxml_html.HTMLParser(encoding="utf-8")
    try:
        return lxml_html.document_fromstring(markup.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def element_text(element: lxml_html.HtmlElement) -> str:
    """Text of ``element``: a blank line between blocks, a newline for ``<br>``."""
    parts: list[str] = []
    _collect(element, parts)
    return tidy("".join(parts))


def tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _collect(element: lxml_html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIP_TAGS or not tag:
        _add_tail(element, parts)
        return
    block = tag in BLOCK_TAGS
    if block:
        parts.append("\n\n")
    if tag == "br":
        parts.append("\n")
    parts.append(element.text or "")
    for child in element:
        _collect(child, parts)
    if block:
        parts.append("\n\n")
    _add_tail(element, parts)


def _add_tail(element: lxml_html.HtmlElement, parts: list[str]) -> None:
    parts.append(element.tail or "")


def _unescape(text: str) -> str:
    return html.unescape(text)
