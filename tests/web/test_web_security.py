"""Host-header check, write-token length and throttling, the public-bind warning, slow-client timeouts."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _web_support import TOKEN  # type: ignore[import-not-found]
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsledger import Ledger
from newsledger.errors import NewsledgerError
from newsledger.web import create_app
from newsledger.web.guard import Throttle, allowed_host_names, host_name
from newsledger.web.server import TimedH11Protocol, public_bind_warning, uvicorn_options

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize("base", ["http://127.0.0.1:8000", "http://localhost", "http://[::1]:9000"])
def test_loopback_hosts_are_served(client: TestClient, base: str) -> None:
    with TestClient(client.app, base_url=base) as c:
        assert c.get("/api/overview").status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""])
def test_other_hosts_are_refused(client: TestClient, host: str) -> None:
    r = client.get("/api/overview", headers={"Host": host})
    assert r.status_code == 421
    assert "--allowed-host" in r.text


def test_extra_allowed_hosts(demo_db: Path) -> None:
    app = create_app(demo_db, allowed_hosts=allowed_host_names("10.0.0.5", ["ledger.lan"]))
    with TestClient(app, base_url="http://ledger.lan:8000") as c:
        assert c.get("/api/overview").status_code == 200
        assert c.get("/api/overview", headers={"Host": "10.0.0.5:8000"}).status_code == 200
        assert c.get("/api/overview", headers={"Host": "other.lan"}).status_code == 421


def test_host_names() -> None:
    assert host_name("LocalHost:8000") == "localhost"
    assert host_name("[::1]:8000") == "[::1]"
    assert host_name("::1") == "[::1]"
    assert "0.0.0.0" not in allowed_host_names("0.0.0.0")
    assert allowed_host_names("192.168.1.2") >= {"127.0.0.1", "localhost", "[::1]", "192.168.1.2"}


def test_short_write_token_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NewsledgerError, match="at least 16"):
        create_app(tmp_path / "x.duckdb", allow_write=True, token="x")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def throttled(tmp_path: Path) -> Iterator[tuple[TestClient, Clock]]:
    path = tmp_path / "w.duckdb"
    Ledger(path).close()
    clock = Clock()
    app = create_app(path, allow_write=True, token=TOKEN, throttle=Throttle(3, 60.0, clock=clock))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c, clock


def test_failed_tokens_are_throttled_per_client(throttled: tuple[TestClient, Clock]) -> None:
    c, clock = throttled
    wrong = {"Authorization": "Bearer wrong-token-0123456789"}
    assert [c.post("/api/articles", json={"text": ""}, headers=wrong).status_code for _ in range(3)] == [401] * 3
    r = c.post("/api/articles", json={"text": ""}, headers=AUTH)  # even the right token waits
    assert r.status_code == 429 and r.headers["retry-after"] == "60"
    assert "try again" in r.json()["detail"]
    clock.now += 30
    assert c.post("/api/articles", json={"text": ""}, headers=AUTH).status_code == 429
    clock.now += 31  # the failures aged out
    assert c.post("/api/articles", json={"text": ""}, headers=AUTH).status_code == 422  # through: blank text


def test_throttle_counts_clients_apart() -> None:
    clock = Clock()
    t = Throttle(2, 10.0, clock=clock)
    t.failed("a")
    t.failed("a")
    assert t.retry_after("a") == 10 and t.retry_after("b") is None
    clock.now += 4
    assert t.retry_after("a") == 6
    clock.now += 6
    assert t.retry_after("a") is None


def test_serve_warns_on_a_public_bind_and_sets_timeouts(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from newsledger.cli import app as cli_app

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(demo_db), "--host", "0.0.0.0",
                                          "--allowed-host", "ledger.lan"])
    assert result.exit_code == 0, result.output
    assert "every network interface" in result.output
    (call,) = calls
    assert call["timeout_keep_alive"] > 0 and issubclass(call["http"], TimedH11Protocol)
    with TestClient(call["app"], base_url="http://ledger.lan") as c:
        assert c.get("/api/overview").status_code == 200
        assert c.get("/api/overview", headers={"Host": "evil.example"}).status_code == 421
    assert public_bind_warning("127.0.0.1") is None and public_bind_warning("::") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_a_slow_client_is_cut_off(demo_db: Path) -> None:
    """A client that sends half its headers and stops is closed (408) by the server's own deadline."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(create_app(demo_db), host="127.0.0.1", port=port, log_level="warning",
                            **uvicorn_options(request_timeout=3.0))
    srv = uvicorn.Server(config)
    started = threading.Event()
    original_startup = srv.startup

    async def startup(sockets: Any = None) -> None:
        await original_startup(sockets)
        started.set()

    srv.startup = startup  # type: ignore[method-assign]
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        assert started.wait(60), "uvicorn did not start"
        with socket.create_connection(("127.0.0.1", port), timeout=60) as ok:  # a whole request is answered
            ok.sendall(b"GET /api/overview HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            assert _read_all(ok).startswith(b"HTTP/1.1 200")
        with socket.create_connection(("127.0.0.1", port), timeout=60) as slow:
            slow.sendall(b"GET /api/overview HTTP/1.1\r\nHost: 127.0")  # ... and nothing more
            answer = _read_all(slow)  # returns when the server closes the connection
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    finally:
        srv.should_exit = True
        thread.join(30)


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)
