"""Guards of the web app: the Host-header check against DNS rebinding, and throttling of failed tokens."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
WILDCARD_BINDS = ("0.0.0.0", "::", "[::]", "")

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def host_name(host: str) -> str:
    """The name of a ``Host`` header or a bind address, lower-case, without its port (``[::1]`` kept bracketed)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    if host.count(":") > 1:  # a bare IPv6 address, as --host gives it
        return f"[{host}]"
    return host.split(":", 1)[0]


def allowed_host_names(bound: str | None = None, extra: Iterable[str] = ()) -> frozenset[str]:
    """The loopback names, the host bound to (unless a wildcard) and ``extra`` names."""
    names = {host_name(h) for h in LOOPBACK_HOSTS}
    if bound is not None and bound not in WILDCARD_BINDS:
        names.add(host_name(bound))
    names.update(host_name(h) for h in extra if h.strip())
    return frozenset(names)


class HostCheck:
    """ASGI middleware: a request whose ``Host`` is not one of ``allowed`` gets 421 (or ``*`` allows any).

    A page on an attacker's domain that rebinds its name to 127.0.0.1 sends that
    domain as its Host, so it cannot read the ledger.
    """

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(host_name(h) for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or "*" in self.allowed:
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if host_name(given) in self.allowed:
            await self.app(scope, receive, send)
            return
        body = (
            f"Host {given!r} is not served here; allowed: {', '.join(sorted(self.allowed))}. "
            "Start `newsledger serve` with --allowed-host NAME to accept another name.\n"
        ).encode()
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send({"type": "http.response.start", "status": 421,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class Throttle:
    """Failed attempts per client: after ``limit`` failures within ``window`` seconds, refuse until they age out.

    ``clock`` is injectable so that tests move time instead of waiting.
    """

    def __init__(self, limit: int = 5, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        times = self._failures.setdefault(client, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            self._failures.pop(client, None)
        return times

    def retry_after(self, client: str) -> int | None:
        """Seconds until ``client`` may try again, or None when it may now."""
        with self._lock:
            now = self.clock()
            times = self._recent(client, now)
            if len(times) < self.limit:
                return None
            return max(1, math.ceil(times[len(times) - self.limit] + self.window - now))

    def failed(self, client: str) -> None:
        with self._lock:
            now = self.clock()
            times = self._recent(client, now)
            times.append(now)
            self._failures[client] = times
            if len(self._failures) > 10_000:  # many clients: forget the one that failed longest ago
                oldest = min(self._failures, key=lambda c: self._failures[c][-1])
                self._failures.pop(oldest, None)
