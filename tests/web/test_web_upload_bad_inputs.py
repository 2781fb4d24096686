"""POST /api/articles with the inputs that once stopped a batch: a 4xx, or a 200/201 naming the failure; never a 500."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator

import pytest
from _web_support import TOKEN  # type: ignore[import-not-found]
from fastapi.testclient import TestClient

from newsledger import Ledger
from newsledger.web import create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}
MAX_BODY = 400_000
GOOD_LINE = '{"text": "The Velmora harbour council approved a new pier on Monday, its chair Mira Holt said."}'


def _rss(body: str, declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    return (
        f'{declaration}<rss version="2.0"><channel><title>Gazette</title>'
        f"<item><title>Pier</title><description>{body}</description></item></channel></rss>"
    ).encode()


def _corrupt_gzip() -> bytes:
    packed = gzip.compress(b"The harbour council approved the pier. " * 100)
    return packed[:10] + bytes(b ^ 0x5A for b in packed[10:40]) + packed[40:]


def _gzip_failing_mid_stream() -> bytes:
    packer = zlib.compressobj(wbits=31)
    head = packer.compress(b"The harbour council approved the pier.\n" * 50) + packer.flush(zlib.Z_FULL_FLUSH)
    return head + b"\xff" * 64


BAD_UPLOADS = {
    "deep.json": ("[" * 50_000 + "]" * 50_000).encode(),
    "deep-line.jsonl": ('{"text": ' + "[" * 50_000 + "]" * 50_000 + "}\n").encode(),
    "surrogate.json": b'{"text": "The council \\ud83d approved the pier on Monday, its chair said."}',
    "corrupt.txt.gz": _corrupt_gzip(),
    "mid-stream.jsonl.gz": _gzip_failing_mid_stream(),
    "surrogate-ref.xml": _rss("The council &#xD800; approved the pier on Monday."),
    "unknown-encoding.xml": _rss("The council approved the pier.", '<?xml version="1.0" encoding="x-bogus"?>'),
    "undefined-encoding.rss": _rss("The council approved the pier.", '<?xml version="1.0" encoding="undefined"?>'),
}


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("upload-bad") / "write.duckdb"
    Ledger(path).close()
    app = create_app(path, allow_write=True, token=TOKEN, max_body=MAX_BODY)
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("name", sorted(BAD_UPLOADS))
def test_bad_upload_is_4xx_or_lists_the_failure(writer: TestClient, name: str) -> None:
    r = writer.post("/api/articles", files={"file": (name, BAD_UPLOADS[name])}, headers=AUTH)
    assert r.status_code < 500, r.text
    body = r.json()
    if r.status_code >= 400:
        assert body["detail"], body
    else:
        assert body["stored"] or body["skipped"], body


def test_upload_with_a_good_line_and_a_deep_one_stores_the_good_and_names_the_bad(writer: TestClient) -> None:
    lines = GOOD_LINE + "\n" + '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}\n"
    r = writer.post("/api/articles", files={"file": ("mixed.jsonl", lines.encode())}, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["stored"] == ["mixed#1"]
    assert len(body["failures"]) == 1 and "nested too deeply" in body["failures"][0]


@pytest.mark.parametrize(
    "body",
    [b'{"text": "The council \\ud83d approved the pier on Monday.", "title": "Pier \\udc00"}',
     b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
     b"[" * 50_000 + b"]" * 50_000],
)
def test_bad_json_bodies_are_not_500(writer: TestClient, body: bytes) -> None:
    r = writer.post("/api/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code < 500, r.text


def test_deeply_nested_json_body_is_422_with_a_message(writer: TestClient) -> None:
    r = writer.post("/api/articles", content=b"[" * 50_000 + b"]" * 50_000,
                    headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 422 and "nested too deeply" in r.json()["detail"]


def test_an_upload_refused_still_closes_its_form(writer: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """The form's spooled upload file is closed whatever the answer (here 422: an empty file)."""
    from starlette.datastructures import FormData

    closed: list[int] = []
    real = FormData.close

    async def close(self: FormData) -> None:
        closed.append(len(self))
        await real(self)

    monkeypatch.setattr(FormData, "close", close)
    r = writer.post("/api/articles", headers=AUTH, files={"file": ("empty.txt", b"  \n")})
    assert r.status_code == 422 and "empty" in r.json()["detail"]
    assert closed == [1]
