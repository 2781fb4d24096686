"""The FastAPI application: ``create_app(db_path)`` serves the API under ``/api`` and the pages."""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger.errors import NewsledgerError
from newsledger.web import api, docs, overview, pages
from newsledger.web.db import Db
from newsledger.web.guard import HostCheck, Throttle, allowed_host_names

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
TOKEN_ENV = "NEWSLEDGER_TOKEN"
DEFAULT_MAX_BODY = 2_000_000

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
DOCS_ASSETS = "/static-docs"  # Swagger UI and ReDoc, served from the fastapi-offline package (no CDN)


MIN_TOKEN = 16  # characters of a write token at least
TOKEN_FAILURES = 5  # failed token attempts per client and minute before 429


@dataclass(frozen=True)
class Config:
    allow_write: bool
    token: str | None
    max_body: int
    throttle: Throttle


def create_app(
    db_path: str | Path,
    *,
    allow_write: bool = False,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    allowed_hosts: Iterable[str] | None = None,
    throttle: Throttle | None = None,
) -> FastAPI:
    """The web app over the ledger at ``db_path``.

    Read-only unless ``allow_write``; then ``POST /api/articles`` needs the bearer
    ``token`` (default: the ``NEWSLEDGER_TOKEN`` environment variable), and the
    app refuses to start without one, or with one under :data:`MIN_TOKEN` characters;
    a client's failed attempts are throttled (``throttle``: :data:`TOKEN_FAILURES` a minute,
    then 429).  Request bodies over ``max_body`` bytes get 413.  Requests whose ``Host``
    is not in ``allowed_hosts`` (default: the loopback names) get 421.
    """
    if allow_write:
        token = token or os.environ.get(TOKEN_ENV) or None
        if not token:
            raise NewsledgerError(f"--allow-write needs a token: set {TOKEN_ENV} to a secret of your choice")
        if len(token) < MIN_TOKEN:
            raise NewsledgerError(
                f"the write token ({TOKEN_ENV}) has {len(token)} characters; use at least {MIN_TOKEN}, e.g. the "
                "output of: python -c 'import secrets; print(secrets.token_urlsafe(24))'"
            )
    db = Db(db_path, writable=allow_write)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(overview.warm, db)  # the first page request finds them computed
        # What start-up built lives as long as the app: full collections skip it from now on (on the
        # 10,000-article store they took ~120 ms, now and then in the middle of a request).
        gc.collect()
        gc.freeze()
        yield
        db.close()

    app = FastAPI(
        title="newsledger",
        summary="Who said what, what happened, and who confirms or disputes it.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = db
    app.state.config = Config(allow_write=allow_write, token=token, max_body=max_body,
                              throttle=throttle or Throttle(TOKEN_FAILURES, 60.0))
    app.add_middleware(HostCheck, allowed=allowed_host_names(None, allowed_hosts or ()))
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    docs.install(app, DOCS_ASSETS)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)  # the docs pages set their own CSP (with their script's hash)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
        return pages.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p not in ('query', 'path', 'body'))}: {e.get('msg')}"
            for e in exc.errors()
        )
        if _wants_json(request):
            return JSONResponse({"detail": problems, "errors": _plain(exc.errors())}, status_code=422)
        return pages.error_page(request, 422, problems)

    @app.exception_handler(NewsledgerError)
    async def ledger_error(request: Request, exc: NewsledgerError) -> Response:
        log.error("%s %s: %s", request.method, request.url.path, exc)
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=500)
        return pages.error_page(request, 500, str(exc))

    log.info("serving %s (%s)", db_path, "read-write" if allow_write else "read-only")
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _plain(errors: object) -> object:
    """Validation errors as JSON-safe values (their ``ctx`` may hold exceptions)."""
    if isinstance(errors, list | tuple):
        return [_plain(e) for e in errors]
    if isinstance(errors, dict):
        return {str(k): _plain(v) for k, v in errors.items()}
    if errors is None or isinstance(errors, str | int | float | bool):
        return errors
    return str(errors)

