"""How ``newsledger serve`` runs uvicorn: timeouts for slow clients, and the warning for a public bind.

uvicorn closes idle keep-alive connections (``timeout_keep_alive``) but waits
for a request's headers and body as long as the client dribbles them.
:class:`TimedH11Protocol` gives each request :data:`REQUEST_TIMEOUT` seconds from
its first byte (or from the connection) until its headers and body are read,
then closes the connection (with 408 when nothing was answered yet).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsledger.web.guard import WILDCARD_BINDS

log = logging.getLogger(__name__)

REQUEST_TIMEOUT = 30.0  # seconds to send a request's headers and body
KEEP_ALIVE_TIMEOUT = 5  # seconds an idle connection is kept open between requests


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for reading each request (headers and body)."""

    request_timeout: float = REQUEST_TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._read_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._read_timer is None and self.conn.their_state is h11.IDLE:
            self._arm()  # the first bytes of the next request on a kept-alive connection
        super().data_received(data)
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
            self._disarm()  # the whole request is read

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._read_timer = self.loop.call_later(self.request_timeout, self._read_timed_out)

    def _disarm(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _read_timed_out(self) -> None:
        self._read_timer = None
        if self.transport.is_closing() or self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED):
            return
        log.warning("%s: request not read within %.0f s; closing the connection",
                    f"{self.client[0]}:{self.client[1]}" if self.client else "a client", self.request_timeout)
        if self.conn.our_state in (h11.IDLE, h11.SEND_RESPONSE) and self.cycle is None:
            body = b"request timeout\n"
            try:
                self.transport.write(self.conn.send(h11.Response(
                    status_code=408, headers=[(b"content-type", b"text/plain"), (b"connection", b"close"),
                                              (b"content-length", str(len(body)).encode())])) or b"")
                self.transport.write(self.conn.send(h11.Data(data=body)) or b"")
            except h11.LocalProtocolError:
                pass
        self.transport.close()


def uvicorn_options(request_timeout: float = REQUEST_TIMEOUT) -> dict[str, Any]:
    """The keyword arguments of ``uvicorn.run``/``uvicorn.Config`` that ``serve`` uses, beside host and port."""
    protocol = type("TimedH11", (TimedH11Protocol,), {"request_timeout": request_timeout})
    return {"http": protocol, "timeout_keep_alive": KEEP_ALIVE_TIMEOUT, "h11_max_incomplete_event_size": 16_384}


def public_bind_warning(host: str) -> str | None:
    """A warning when ``host`` listens on every interface (the ledger is then reachable from the network)."""
    if host.strip() not in WILDCARD_BINDS:
        return None
    return (
        f"warning: --host {host} listens on every network interface: anyone who can reach this machine can read "
        "the ledger. Use --host 127.0.0.1 unless that is what you want (and pass --allowed-host with the name "
        "clients use)."
    )
