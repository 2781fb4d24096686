"""Issue 10's web fixes, on a ledger built from hand-made records: ids with '/', actors, search, links."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest
from _ledger_builder import Did, Said, Story, build  # type: ignore[import-not-found]
from fastapi.testclient import TestClient

from newsledger.web import create_app

GUID = "https://example.org/2026/05/story"


def stories() -> list[Story]:
    return [
        Story(GUID, "Troops near the border", url="javascript:alert(1)", said=[
            Said("Anna Novak", "said", "say", "Russian troops crossed the border near Kharkiv on Monday"),
            Said("Dmitry Peskov", "denied", "deny", "that Russian troops crossed the border near Kharkiv on Monday",
                 "deny", "s1"),
        ], did=[Did("Whole Foods", "met", "Amazon")]),
        Story("second", "Grocer talks", published="2026-05-07", url="https://example.org/grocer", said=[
            Said("Marek Brandt", "said", "say", "the grocer will expand its stores in Riga"),
        ], did=[Did("Whole Foods", "met", "Lidl"), Did("Whole Foods", "met", "Amazon", type="AGREE")]),
    ]


@pytest.fixture(scope="module")
def fixed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build(tmp_path_factory.mktemp("fixes") / "ledger.duckdb", stories())
    with duckdb.connect(str(path)) as con:  # two actors written "the chief": a name that needs a choice
        for aid in ("p:anna novak", "p:marek brandt"):
            con.execute("INSERT INTO actor_aliases VALUES ('chief', 'chief', ?, 'The Chief', 'test', 1.0, 'second')",
                        [aid])
    return path


@pytest.fixture(scope="module")
def web(fixed_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(fixed_db), base_url="http://127.0.0.1") as c:
        yield c


def test_article_whose_id_is_a_url_has_a_page_and_json(web: TestClient) -> None:
    listing = web.get("/articles").text
    href = "/articles/" + quote(GUID, safe="")
    assert f'href="{href}"' in listing
    page = web.get(href)
    assert page.status_code == 200, page.text[:300]
    assert "Troops near the border" in page.text
    json_href = "/api/articles/" + quote(GUID, safe="")
    assert f'href="{json_href}"' in page.text
    api = web.get(json_href)
    assert api.status_code == 200 and api.json()["article_id"] == GUID
    assert web.get("/api/articles/" + GUID).json()["article_id"] == GUID  # unescaped slashes too
    search = web.get("/search", params={"q": "Kharkiv"}).text
    assert f'href="{href}#st-s1"' in search


def test_only_http_urls_are_links(web: TestClient) -> None:
    bad = web.get("/articles/" + quote(GUID, safe="")).text
    assert 'href="javascript:' not in bad and "javascript:alert(1)" in bad  # shown as text
    good = web.get("/articles/second").text
    assert 'href="https://example.org/grocer"' in good


def test_actors_page_shows_statements_events_and_articles(web: TestClient) -> None:
    html = web.get("/actors").text
    row = html[html.index('href="/actors/Whole%20Foods"'):]
    row = row[:row.index("</tr>")]
    cells = [c.split("<", 1)[0] for c in row.split('<td class="num">')[1:]]
    assert cells == ["0", "3", "2"]  # statements, events, articles
    api = web.get("/api/actors", params={"name": "whole"}).json()["items"][0]
    assert (api["n_statements"], api["n_events"], api["n_articles"]) == (0, 3, 2)


def test_actor_lookup_is_exact_never_a_substring(web: TestClient) -> None:
    assert web.get("/actors/WHO").status_code == 404
    assert web.get("/api/actors/WHO").status_code == 404
    assert web.get("/api/actors/Foods").status_code == 404
    one = web.get("/api/actors/whole%20FOODS")
    assert one.status_code == 200 and one.json()["actor"]["name"] == "Whole Foods"
    assert web.get("/api/actors/p:whole%20foods").json()["actor"]["actor_id"] == "p:whole foods"
    assert web.get("/actors/Whole%20Foods").status_code == 200


def test_several_exact_matches_offer_a_choice(web: TestClient) -> None:
    api = web.get("/api/actors/the%20chief")
    assert api.status_code == 300
    assert sorted(c["actor_id"] for c in api.json()["choices"]) == ["p:anna novak", "p:marek brandt"]
    page = web.get("/actors/The%20Chief")
    assert page.status_code == 300 and "Which The Chief?" in page.text
    assert 'href="/actors/p%3Aanna%20novak"' in page.text
    chosen = web.get("/actors/p%3Aanna%20novak")
    assert chosen.status_code == 200 and "Anna Novak" in chosen.text


def test_search_finds_a_claim_by_the_speaker_who_denies_it(web: TestClient) -> None:
    found = web.get("/api/search", params={"q": "Peskov"}).json()
    assert len(found["claims"]) == 1  # the claim he denies (claim ids also count the outlets' own voice)
    assert "troops crossed" in str(found["claims"][0]), found["claims"][0]
    assert "Russian troops crossed" in web.get("/search", params={"q": "peskov"}).text


def test_every_page_renders_with_strict_templates(web: TestClient) -> None:
    import jinja2

    from newsledger.web import pages

    assert pages._env.undefined is jinja2.StrictUndefined
    for url in ["/", "/articles", "/actors", "/claims", "/claims?contested=true", "/claims/c1", "/search",
                "/search?q=troops", "/actors/Dmitry%20Peskov", "/actors/Whole%20Foods", "/articles/second",
                "/articles/" + quote(GUID, safe="")]:
        r = web.get(url)
        assert r.status_code == 200, (url, r.text[:300])
    assert web.get("/nowhere").status_code == 404


@pytest.mark.parametrize("url", ["/docs", "/redoc"])
def test_docs_load_only_local_assets(web: TestClient, url: str) -> None:
    import re

    r = web.get(url)
    assert r.status_code == 200
    refs = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', r.text) + re.findall(r"url:\s*'([^']+)'", r.text)
    assert refs, r.text[:500]
    assert not [u for u in refs if "//" in u or not u.startswith("/")], refs  # nothing from another host
    for ref in refs:
        asset = web.get(ref)
        assert asset.status_code == 200 and asset.content, ref
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "http" not in csp
    assert "cdn" not in r.text.lower()


def test_overview_chart_keeps_the_empty_days(web: TestClient) -> None:
    html = web.get("/").text
    for day in ("2026-05-04", "2026-05-05", "2026-05-06", "2026-05-07"):
        assert f'<th scope="col">{day}</th>' in html
    assert 'class="axis y-axis"' in html


def test_every_actor_link_on_a_claim_page_leads_to_an_actor(web: TestClient) -> None:
    import re

    html = web.get("/claims/c1").text + web.get("/claims").text
    links = set(re.findall(r'href="(/actors/[^"]+)"', html))
    assert links
    for link in links:
        assert web.get(link).status_code in (200, 300), link
