"""POST /api/articles: off by default (403), a bearer token (401), size limits (413), bad input (422)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from _web_support import TOKEN  # type: ignore[import-not-found]
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsledger import Ledger
from newsledger.errors import NewsledgerError
from newsledger.web import create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}
MAX_BODY = 20_000
ARTICLE = {
    "title": "Harbour council approves new pier",
    "text": (
        "The Velmora harbour council approved a new pier on Monday. "
        "Council chair Mira Holt said the pier would open in May. "
        "A union spokesperson denied that jobs would be cut."
    ),
    "published": "2026-04-02",
    "source": "Velmora Gazette",
}


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[TestClient]:
    path = tmp_path / "write.duckdb"
    Ledger(path).close()
    app = create_app(path, allow_write=True, token=TOKEN, max_body=MAX_BODY)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def test_writes_off_is_403_even_with_the_token(client: TestClient) -> None:
    r = client.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert r.status_code == 403
    assert "--allow-write" in r.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"},
     {"Authorization": "Bearer "}],
)
def test_missing_or_wrong_token_is_401(writer: TestClient, headers: dict[str, str]) -> None:
    r = writer.post("/api/articles", json=ARTICLE, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert "token" in r.json()["detail"]


def test_allow_write_needs_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSLEDGER_TOKEN", raising=False)
    with pytest.raises(NewsledgerError, match="NEWSLEDGER_TOKEN"):
        create_app(tmp_path / "x.duckdb", allow_write=True)


def test_token_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLEDGER_TOKEN", "from-the-environment-01")
    path = tmp_path / "env.duckdb"
    Ledger(path).close()
    with TestClient(create_app(path, allow_write=True), base_url="http://127.0.0.1") as c:
        assert c.post("/api/articles", json={"text": ""}, headers=AUTH).status_code == 401
        r = c.post("/api/articles", json={"text": ""}, headers={"Authorization": "Bearer from-the-environment-01"})
        assert r.status_code == 422


def test_body_over_the_limit_is_413(writer: TestClient) -> None:
    big = {**ARTICLE, "text": "word " * (MAX_BODY // 4)}
    r = writer.post("/api/articles", json=big, headers=AUTH)
    assert r.status_code == 413
    assert str(MAX_BODY) in r.json()["detail"]


def test_streamed_body_over_the_limit_is_413(writer: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * (MAX_BODY // 4)

    r = writer.post("/api/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413


def test_upload_over_the_limit_is_413(writer: TestClient) -> None:
    r = writer.post("/api/articles", files={"file": ("big.txt", b"a" * (MAX_BODY + 1))}, headers=AUTH)
    assert r.status_code == 413


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "one JSON object"),
        (json.dumps({"title": "no text"}).encode(), "text"),
        (json.dumps({"text": ""}).encode(), "text"),
        (json.dumps({"text": "   \n "}).encode(), "blank"),
        (json.dumps({"text": "ok text", "published": "someday"}).encode(), "published"),
        (json.dumps({"text": "ok text", "colour": "red"}).encode(), "colour"),
        (json.dumps({"text": 42}).encode(), "text"),
        (b"\xff\xfe\x00bad", "not valid JSON"),
    ],
)
def test_bad_json_is_422_with_a_message(writer: TestClient, body: bytes, needle: str) -> None:
    r = writer.post("/api/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    assert needle in r.json()["detail"]


def test_other_content_types_are_415(writer: TestClient) -> None:
    r = writer.post("/api/articles", content=b"plain words", headers={**AUTH, "Content-Type": "text/plain"})
    assert r.status_code == 415


def test_bad_uploads_are_422(writer: TestClient) -> None:
    r = writer.post("/api/articles", data={"published": "2026-04-02"}, files={"other": ("a.txt", b"x")},
                    headers=AUTH)
    assert r.status_code == 422 and "'file'" in r.json()["detail"]
    r = writer.post("/api/articles", files={"file": ("a.txt", b"   ")}, headers=AUTH)
    assert r.status_code == 422 and "empty" in r.json()["detail"]
    r = writer.post("/api/articles", files={"file": ("a.txt", b"\xff\xfe\xfa bad bytes")}, headers=AUTH)
    assert r.status_code == 422 and "UTF-8" in r.json()["detail"]
    r = writer.post("/api/articles", files={"file": ("a.docx", b"text")}, data={"format": "docx"}, headers=AUTH)
    assert r.status_code == 422 and "format" in r.json()["detail"]
    r = writer.post("/api/articles", files={"file": ("a.txt", b"words")}, data={"published": "nope"}, headers=AUTH)
    assert r.status_code == 422 and "published" in r.json()["detail"]


def test_post_json_stores_the_article(writer: TestClient) -> None:
    r = writer.post("/api/articles", json={**ARTICLE, "id": "pier"}, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json() == {"stored": ["pier"], "skipped": [], "failures": []}
    got = writer.get("/api/articles/pier").json()
    assert got["record"]["title"] == ARTICLE["title"]
    assert got["record"]["published"] == "2026-04-02"
    assert got["record"]["statements"], "the article was run through the extractor"
    assert [a["article_id"] for a in writer.get("/api/articles").json()["items"]] == ["pier"]
    again = writer.post("/api/articles", json={**ARTICLE, "id": "pier"}, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["skipped"] == ["pier"]


def test_post_json_without_id_derives_one(writer: TestClient) -> None:
    r = writer.post("/api/articles", json={"text": ARTICLE["text"], "title": "Pier: approved!"}, headers=AUTH)
    assert r.status_code == 201
    (aid,) = r.json()["stored"]
    assert aid.startswith("pier-approved-")
    assert writer.get(f"/api/articles/{aid}").status_code == 200


def test_post_file_upload_stores_the_article(writer: TestClient) -> None:
    text = f"{ARTICLE['title']}\n|\n{ARTICLE['text']}\n"
    r = writer.post("/api/articles", files={"file": ("harbour-pier.txt", text.encode())},
                    data={"published": "2026-04-03"}, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["stored"] == ["harbour-pier"]
    record = writer.get("/api/articles/harbour-pier").json()["record"]
    assert record["title"] == ARTICLE["title"]
    assert record["text"] == text
    assert record["published"] == "2026-04-03"


def test_post_jsonl_upload_stores_each_line(writer: TestClient) -> None:
    lines = "\n".join(
        json.dumps({"id": f"a{i}", "title": f"Story {i}", "text": ARTICLE["text"] + f" Line {i}.",
                    "published": "2026-04-0" + str(i + 1)})
        for i in range(2)
    )
    r = writer.post("/api/articles", files={"file": ("batch.jsonl", lines.encode())}, headers=AUTH)
    assert r.status_code == 201, r.text
    assert sorted(r.json()["stored"]) == ["a0", "a1"]


def test_serve_command_runs_uvicorn_with_the_app(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from newsledger.cli import app as cli_app

    calls: list[tuple[object, str, int]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: calls.append((app, host, port)))
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(demo_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    (web_app, host, port), = calls
    assert (host, port) == ("127.0.0.1", 8123)
    assert web_app.state.config.allow_write is False  # type: ignore[attr-defined]
    web_app.state.db.close()  # type: ignore[attr-defined]


def test_serve_command_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.cli import app as cli_app

    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 2
    assert "no ledger" in result.output
    monkeypatch.delenv("NEWSLEDGER_TOKEN", raising=False)
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "new.duckdb"), "--allow-write"])
    assert result.exit_code == 2
    assert "NEWSLEDGER_TOKEN" in result.output


def test_cached_overview_and_actors_follow_an_ingest(writer: TestClient) -> None:
    before = writer.get("/api/overview").json()["counts"].get("articles", 0)
    assert writer.get("/api/actors").status_code == 200  # cached while the ledger is unchanged
    assert writer.post("/api/articles", json=ARTICLE, headers=AUTH).status_code == 201
    assert writer.get("/api/overview").json()["counts"]["articles"] == before + 1
    assert any("Holt" in a["name"] for a in writer.get("/api/actors").json()["items"])


def _no_recompute(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any computation of the overview or of the actor list fail: only cached answers can be served."""
    from newsledger.web import linked, overview

    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a page request recomputed a whole-ledger aggregate")

    from newsledger.link import query

    monkeypatch.setattr(overview, "_overview", fail)
    monkeypatch.setattr(linked, "_list_actors", fail)
    monkeypatch.setattr(query, "claim_counterparts", fail)


def test_the_app_computes_the_overview_and_actor_list_at_start(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(create_app(demo_db), base_url="http://127.0.0.1") as c:
        _no_recompute(monkeypatch)
        assert c.get("/").status_code == 200
        assert c.get("/api/overview").json()["counts"]["articles"] > 0
        assert c.get("/actors").status_code == 200
        page = c.get("/api/actors", params={"limit": 2, "offset": 1}).json()["items"]
        assert len(page) == 2
        detail = c.get("/api/actors/Donald Trump").json()
        assert detail["counterparts"]
        monkeypatch.undo()
        assert page == c.get("/api/actors", params={"limit": 3}).json()["items"][1:]
        c.app.state.db.changed()  # type: ignore[attr-defined]
        assert c.get("/api/actors/Donald Trump").json() == detail  # the same once recomputed


def test_an_ingest_recomputes_the_overview_and_actor_list(writer: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    before = writer.get("/api/overview").json()["counts"].get("articles", 0)
    assert writer.post("/api/articles", json=ARTICLE, headers=AUTH).status_code == 201
    _no_recompute(monkeypatch)
    assert writer.get("/api/overview").json()["counts"]["articles"] == before + 1
    assert any("Holt" in a["name"] for a in writer.get("/api/actors").json()["items"])
    assert "Holt" in writer.get("/actors").text
