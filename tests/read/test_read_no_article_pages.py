"""A login or paywall page (its main text navigation or a notice) is a failure; a one-paragraph brief is an article."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from _read_helpers import only_article, only_failure, read_all  # type: ignore[import-not-found]

from newsledger.read import html as html_reader
from newsledger.read import read_text

Write = Callable[[str, str | bytes], Path]

NAV = (
    '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
    '<li><a href="/login">Sign in</a></li></ul></nav>'
)
BRIEF = (
    "The Velmora harbour council approved a new pier on Monday, and its chair, Mira Holt, said it would open in May."
)


def page(body: str, title: str = "Pier approved") -> str:
    return f"<html><head><title>{title}</title></head><body>{NAV}{body}</body></html>"


LOGIN = page('<main><h1>Sign in</h1><form><input name="u"><input type="password"><button>Sign in</button></form>'
             "<p>Home</p></main>", title="Sign in")
GATE = page("<div>Home</div><div>Sign in</div><div>Subscribe to continue</div>")
PAYWALL = page(
    "<article><h1>Pier approved</h1><p>Subscribe to continue reading. Get unlimited access to award-winning "
    "journalism for just $1 a week. Cancel anytime.</p><p>Already a subscriber? Sign in.</p></article>"
)
MENU = page("<div>" + "".join(f"<p>Section {n}</p>" for n in range(12)) + "</div>")


@pytest.mark.parametrize("markup", [LOGIN, GATE, PAYWALL, MENU], ids=["login", "gate", "paywall", "menu"])
def test_login_or_paywall_page_is_a_failure(write: Write, markup: str) -> None:
    failure = only_failure(read_all(write("gate.html", markup)))
    assert failure.origin.endswith("gate.html")
    assert failure.reason.startswith("the page holds no article text (maybe a login or paywall page)")
    assert "words" in failure.reason


def test_one_sentence_brief_is_an_article(write: Write) -> None:
    markup = page(f"<article><h1>Pier approved</h1><p>{BRIEF}</p></article>")
    article = only_article(read_all(write("brief.html", markup)))
    assert BRIEF in article.text


def test_brief_that_mentions_logging_in_is_an_article() -> None:
    text = "Tax office users could not log in to the online portal for two hours on Monday, the ministry said."
    article = only_article(list(read_text(page(f"<article><p>{text}</p></article>"), fmt="html")))
    assert text in article.text


@pytest.mark.parametrize(
    ("text", "is_article"),
    [
        ("Home\nSign in\nSubscribe to continue", False),
        ("Council approves pier", False),  # a headline alone
        ("Home News Sport\nWorld Business Culture\nTravel Weather", False),  # 9 short lines: no sentence
        ("Ferry sails again. " * 3, False),  # 9 words
        (BRIEF, True),  # 21 words: the shortest brief passes
        ("The council met on Monday and approved the new pier by nine votes to two.", True),  # 15 words
        ("Subscribe to continue reading. " + BRIEF + " Already a subscriber? Sign in.", False),
        ("Subscribe to continue reading. " + BRIEF * 4 + " Already a subscriber? Sign in.", True),  # 80+ words
    ],
)
def test_threshold_both_sides(text: str, is_article: bool) -> None:
    assert (html_reader.not_article_text(text) is None) is is_article
