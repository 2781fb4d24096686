"""Server-rendered pages in-process: content, links, escaping, error pages."""

from __future__ import annotations

import re

import pytest
from _web_support import HOSTILE_ID, hostile_record  # type: ignore[import-not-found]
from fastapi.testclient import TestClient

from newsledger.record import Record
from newsledger.web import linked
from newsledger.web.highlight import highlight

ARTICLE = "northern-wire-trump-putin-call"


def page(client: TestClient, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def test_overview_page(client: TestClient) -> None:
    html = page(client, "/")
    assert "Events by type" in html and "Events by status" in html
    assert html.count("<rect") > 3  # the stacked bars
    assert "Most contested claims" in html
    assert 'href="/actors/Donald%20Trump"' in html


def test_articles_page_lists_and_pages(client: TestClient) -> None:
    html = page(client, "/articles")
    assert f'href="/articles/{ARTICLE}"' in html
    html = page(client, "/articles?source=northern+wire")
    assert "Northern Wire" in html and "Pacific Daily" not in html
    assert "rel=\"next\"" not in html
    assert "is not a date" in page(client, "/articles?since=2026-02-31", status=422)


def test_article_page_highlights_statements(client: TestClient) -> None:
    html = page(client, f"/articles/{ARTICLE}")
    body = html[html.index('id="article-text"'):html.index("</article>")]
    assert 'class="hl hl-speaker"' in body and 'class="hl hl-cue"' in body and 'class="hl hl-content"' in body
    assert 'id="st-s1"' in body
    assert re.search(r'<a class="hl hl-speaker" data-st="[^"]*" href="/actors/Donald%20Trump"', body)
    assert 'class="stance stance-assert"' in body
    assert "Sourcing profile" in html and "Events (" in html
    # the highlighted text is the article's text, verbatim, once the markup is stripped
    record = client.get(f"/api/articles/{ARTICLE}").json()["record"]
    text_only = re.sub(r'<span class="stance[^"]*"[^>]*>[^<]*</span>', "", body.split(">", 1)[1])
    text_only = re.sub(r"<[^>]+>", "", text_only.rsplit("</div>", 1)[0])
    import html as html_mod

    assert html_mod.unescape(text_only) == record["text"]


def test_article_page_404(client: TestClient) -> None:
    html = page(client, "/articles/missing-one", status=404)
    assert "No article" in html and "missing-one" in html


def test_hostile_markup_is_shown_as_text(client: TestClient) -> None:
    html = page(client, f"/articles/{HOSTILE_ID}")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>Bold</b>" not in html and "<i>Ana" not in html
    assert "&lt;script&gt;alert(&#39;content&#39;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html  # title, in <title> and <h1>
    assert "&lt;img src=x onerror=&#34;alert(&#39;img&#39;)&#34;&gt;" in html
    assert "&lt;em&gt;Evil Times&lt;/em&gt;" in html
    # the speaker's name goes into an href (percent-encoded) and a title attribute (entity-escaped)
    assert 'href="/actors/Ana%20%22%3CQuote%3E%22%20Marsh"' in html
    assert 'title="Ana &#34;&lt;Quote&gt;&#34; Marsh"' in html
    assert html.count("<script") == 1  # only the page's own /static/app.js


def test_hostile_actor_and_search_pages_escape(client: TestClient) -> None:
    html = page(client, '/actors/Ana "<Quote>" Marsh')
    assert "<Quote>" not in html and "&lt;Quote&gt;" in html
    html = page(client, "/search?q=<script>alert(1)</script>")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = page(client, "/search?q=alert('content')")
    assert "<script>alert" not in html and HOSTILE_ID in html


def test_actor_page(client: TestClient) -> None:
    html = page(client, "/actors/Donald%20Trump")
    assert "<h1>Donald Trump</h1>" in html
    assert '<svg id="network"' in html and html.count("<circle") >= 2
    assert "Stances taken" in html and "Timeline" in html
    assert re.search(r'href="/articles/[^"#]+#st-s\d+"', html)
    assert "No actor" in page(client, "/actors/Nobody%20Atall", status=404)


def test_actors_page(client: TestClient) -> None:
    html = page(client, "/actors?name=trump")
    assert 'href="/actors/Donald%20Trump"' in html


def test_search_page(client: TestClient) -> None:
    html = page(client, "/search?q=Peskov")
    assert "Articles (" in html and "Statements (" in html and "Claims (" in html
    assert re.search(r'href="/articles/[^"#]+#st-s\d+"', html)
    assert "at least two characters" in page(client, "/search")


def test_claim_pages_without_the_link_layer(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linked, "link_module", lambda: None)
    assert "Claims are not available" in page(client, "/claims")
    assert "Claims are not available" in page(client, "/claims/c1", status=404)
    assert "Claims are not available" in page(client, "/")


def test_claim_pages_with_the_link_layer(client: TestClient) -> None:
    if not linked.claims_available():
        pytest.skip("the cross-article layer (newsledger.link) is not importable here")
    html = page(client, "/claims?contested=true")
    ids = re.findall(r'href="/claims/([^"]+)"', html)
    assert ids
    claim = page(client, f"/claims/{ids[0]}")
    assert "Timeline, source by source" in claim
    assert "Asserted" in claim and "Denied" in claim
    assert re.search(r'class="sentence" href="/articles/[^"#]+#st-s\d+"', claim)
    assert "No claim" in page(client, "/claims/no-such-claim", status=404)


def test_unknown_page_is_an_html_404(client: TestClient) -> None:
    assert "Not Found" in page(client, "/no/such/page", status=404)


def test_static_assets(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "hashchange" in js.text


# -- highlight() directly -------------------------------------------------------------


def test_highlight_overlapping_spans_and_escaping() -> None:
    rec = hostile_record()
    html = str(highlight(rec))
    assert "<script>" not in html and "<i>" not in html
    assert html.count('id="st-s1"') == 1


def test_highlight_nested_statement() -> None:
    text = 'Officials said Ann Lee told them "no deal" & left.'
    outer = [text.index("Ann"), text.index(" & left")]
    rec = Record.model_validate({
        "id": "n", "text": text,
        "statements": [
            {"id": "s1", "speaker": {"text": "Officials", "span": [0, 9], "name": None, "anonymous": True},
             "cue": {"text": "said", "lemma": "say", "span": [10, 14]},
             "content": {"text": text[outer[0]:outer[1]], "spans": [outer]}, "kind": "indirect",
             "stance": "assert"},
            {"id": "s2", "speaker": {"text": "Ann Lee", "span": [15, 22], "name": "Ann Lee"},
             "cue": {"text": "told", "lemma": "tell", "span": [23, 27]},
             "content": {"text": '"no deal"', "spans": [[33, 42]]}, "kind": "direct", "stance": "deny"},
        ],
    })
    html = str(highlight(rec))
    assert '<span class="hl hl-speaker" data-st="s1">Officials</span>' in html  # anonymous: no link
    assert '<a class="hl hl-speaker" data-st="s1 s2" href="/actors/Ann%20Lee" title="Ann Lee">Ann Lee</a>' in html
    assert '<span class="hl hl-cue" data-st="s1 s2">told</span>' in html
    assert '<span class="hl hl-content" data-st="s1 s2">&#34;no deal&#34;</span>' in html
    assert 'stance-deny' in html and 'stance-assert' in html
    assert "&amp; left." in html


def test_actor_page_shows_the_first_items_and_a_link_to_more(client: TestClient) -> None:
    whole = client.get("/api/actors/Donald Trump").json()
    assert len(whole["statements_by"]) > 1
    page = client.get("/actors/Donald Trump", params={"limit": 1})
    assert page.status_code == 200
    assert "Showing the first 1 statements" in page.text
    assert 'href="/actors/Donald%20Trump?limit=4"' in page.text
    assert "Show more" not in client.get("/actors/Donald Trump").text


def test_every_link_of_the_main_pages_leads_somewhere(client: TestClient) -> None:
    """Articles, actors and claims linked from the overview, lists, an article, an actor and a claim all answer."""
    seeds = ["/", "/articles", "/actors", "/claims", "/claims?contested=true", f"/articles/{ARTICLE}",
             "/actors/Donald%20Trump", "/search?q=Peskov"]
    claims = re.findall(r'href="(/claims/[^"?#]+)"', page(client, "/claims?contested=true"))
    links: set[str] = set()
    for url in seeds + claims[:3]:
        links.update(h.split("#")[0] for h in re.findall(r'href="(/(?:articles|actors|claims)/[^"]+)"',
                                                         page(client, url)))
    assert len(links) > 20
    broken = [(h, client.get(h).status_code) for h in sorted(links) if client.get(h).status_code not in (200, 300)]
    assert broken == []
