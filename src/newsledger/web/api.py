"""The JSON API under ``/api``: read-only queries, and ``POST /api/articles`` when writes are on."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from collections.abc import Callable
from datetime import date
from pathlib import PurePath
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile

from newsledger.api import get_extractor
from newsledger.article import Article, ReadFailure
from newsledger.errors import InputError
from newsledger.read import parse_date, read_text
from newsledger.record import EVENT_STATUSES
from newsledger.web import linked, overview
from newsledger.web.db import Db
from newsledger.web.models import (
    ActorChoice,
    ActorDetail,
    ActorOut,
    ArticleDetail,
    ArticleIn,
    ArticleOut,
    ClaimDetail,
    ClaimOut,
    ErrorOut,
    EventOut,
    IngestOut,
    Overview,
    Page,
    SearchResult,
    StatementOut,
)

log = logging.getLogger(__name__)

MAX_LIMIT = 500
MAX_UPLOAD_ARTICLES = 20
MAX_ACTOR_ITEMS = 1600

T = TypeVar("T")

router = APIRouter(prefix="/api", tags=["ledger"])

StanceQ = Literal["assert", "deny", "confirm", "neither", "hedge", "intend", "demand", "question", "none"]
StatusQ = Literal["occurred", "reported", "planned", "possible", "denied", "negated"]
assert set(StatusQ.__args__) == set(EVENT_STATUSES)  # type: ignore[attr-defined]

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows per page")]
Offset = Annotated[int, Query(ge=0, le=100_000_000, description="rows to skip")]
Since = Annotated[str | None, Query(description="published on or after (YYYY-MM-DD)")]
Until = Annotated[str | None, Query(description="published on or before (YYYY-MM-DD)")]

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "no such item"}}
BAD_INPUT: dict[int | str, dict[str, Any]] = {422: {"description": "bad query parameters"}}


def db_of(request: Request) -> Db:
    db: Db = request.app.state.db
    return db


def check_date(name: str, value: str | None) -> str | None:
    """``value`` when it is a ``YYYY-MM-DD`` calendar date; a 422 naming the parameter otherwise."""
    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            date.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise HTTPException(422, f"{name}={value!r} is not a date; give it as YYYY-MM-DD, e.g. 2026-03-02")


def page(fetch: Callable[[int, int], list[Any]], model: type[T], limit: int, offset: int) -> Page[T]:
    """Fetch one more row than asked for, to know whether there is a next page."""
    rows = fetch(limit + 1, offset)
    items = [model.model_validate(r) for r in rows[:limit]]  # type: ignore[attr-defined]
    return Page[model](  # type: ignore[valid-type]
        items=items, limit=limit, offset=offset, next_offset=offset + limit if len(rows) > limit else None
    )


# -- articles ---------------------------------------------------------------


@router.get("/articles", response_model=Page[ArticleOut], responses=BAD_INPUT, summary="List articles")
def list_articles(
    request: Request,
    since: Since = None,
    until: Until = None,
    source: Annotated[str | None, Query(max_length=200, description="outlet name contains this")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ArticleOut]:
    """Stored articles, oldest first (undated last)."""
    db = db_of(request)
    since, until = check_date("since", since), check_date("until", until)
    return page(
        lambda lim, off: db.call(db.ledger.articles, since=since, until=until, source=source, limit=lim, offset=off),
        ArticleOut, limit, offset,
    )


@router.get("/articles/{article_id:path}", response_model=ArticleDetail, responses=NOT_FOUND, summary="One article")
def get_article(request: Request, article_id: str) -> ArticleDetail:
    """The full record of one article, with its sourcing profile."""
    db = db_of(request)
    record = db.call(db.ledger.get, article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return ArticleDetail(article_id=article_id, record=record, profile=linked.profile(db, record, article_id))


# -- statements and events ----------------------------------------------------


@router.get("/statements", response_model=Page[StatementOut], responses=BAD_INPUT, summary="List statements")
def list_statements(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=200, description="speaker name or text contains this")] = None,
    stance: Annotated[StanceQ | None, Query(description="a stance, or none for statements without one")] = None,
    since: Since = None,
    until: Until = None,
    article: Annotated[str | None, Query(description="an article id")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[StatementOut]:
    """Statements in article order (oldest articles first)."""
    db = db_of(request)
    since, until = check_date("since", since), check_date("until", until)
    return page(
        lambda lim, off: db.call(
            db.ledger.statements, speaker=speaker, stance=stance, since=since, until=until, article=article,
            limit=lim, offset=off,
        ),
        StatementOut, limit, offset,
    )


@router.get("/events", response_model=Page[EventOut], responses=BAD_INPUT, summary="List events")
def list_events(
    request: Request,
    actor: Annotated[str | None, Query(max_length=200, description="source or target contains this")] = None,
    type: Annotated[
        str | None, Query(max_length=40, pattern=r"^[A-Za-z_]+$", description="PLOVER type, e.g. CONSULT")
    ] = None,
    status: Annotated[StatusQ | None, Query(description="an event status")] = None,
    since: Since = None,
    until: Until = None,
    article: Annotated[str | None, Query(description="an article id")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[EventOut]:
    """Events in article order (oldest articles first)."""
    db = db_of(request)
    since, until = check_date("since", since), check_date("until", until)
    return page(
        lambda lim, off: db.call(
            db.ledger.events, actor=actor, type=type, status=status, since=since, until=until, article=article,
            limit=lim, offset=off,
        ),
        EventOut, limit, offset,
    )


# -- actors and claims ----------------------------------------------------------


@router.get("/actors", response_model=Page[ActorOut], responses=BAD_INPUT, summary="List actors")
def list_actors(
    request: Request,
    name: Annotated[str | None, Query(max_length=200, description="name contains this")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ActorOut]:
    """Actors (speakers and event actors), most active first."""
    db = db_of(request)
    return page(lambda lim, off: linked.list_actors(db, name=name, limit=lim, offset=off), ActorOut, limit, offset)


@router.get(
    "/actors/{name:path}",
    response_model=ActorDetail,
    responses={**NOT_FOUND, 300: {"model": ActorChoice, "description": "several actors go by this name"}},
    summary="One actor",
)
def get_actor(
    request: Request,
    name: str,
    limit: Annotated[int, Query(ge=1, le=MAX_ACTOR_ITEMS, description="statements and events per list")] = (
        linked.ACTOR_ITEMS
    ),
) -> ActorDetail | JSONResponse:
    """One actor by exact id, name or alias (case-insensitive): statements, events, stances and counterparts.

    When several actors go by that name, the answer is 300 with the choices (ask again by ``actor_id``).
    """
    db = db_of(request)
    found = linked.find_actors(db, name)
    if len(found) > 1:
        choice = ActorChoice(detail=f"{len(found)} actors go by {name!r}; ask for one by its actor_id",
                             name=name, choices=found)
        return JSONResponse(choice.model_dump(), status_code=300)
    actor = linked.get_actor(db, found[0].actor_id, limit) if found else None
    if actor is None:
        raise HTTPException(404, f"no actor {name!r} (give a whole name, alias or id)")
    return actor


@router.get("/claims", response_model=Page[ClaimOut], responses=BAD_INPUT, summary="List claims")
def list_claims(
    request: Request,
    contested: Annotated[bool, Query(description="only claims someone denies or disputes")] = False,
    actor: Annotated[str | None, Query(max_length=200, description="claims involving this actor")] = None,
    since: Since = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ClaimOut]:
    """Claims across articles (empty when the cross-article layer is not installed)."""
    db = db_of(request)
    since = check_date("since", since)
    return page(
        lambda lim, off: linked.list_claims(db, contested=contested, actor=actor, since=since, limit=lim, offset=off),
        ClaimOut, limit, offset,
    )


@router.get("/claims/{claim_id}", response_model=ClaimDetail, responses=NOT_FOUND, summary="One claim")
def get_claim(request: Request, claim_id: str) -> ClaimDetail:
    """One claim with its timeline, source by source."""
    claim = linked.get_claim(db_of(request), claim_id)
    if claim is None:
        reason = "" if linked.claims_available() else " (claims are not available in this ledger)"
        raise HTTPException(404, f"no claim {claim_id!r}{reason}")
    return claim


# -- search and overview ----------------------------------------------------------


@router.get("/search", response_model=SearchResult, responses=BAD_INPUT, summary="Search")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=2, max_length=200, description="text to find (case-insensitive)")],
    limit: Annotated[int, Query(ge=1, le=100, description="hits per kind")] = 20,
) -> SearchResult:
    """Articles (title and text), statements (content and speaker) and claims containing ``q``."""
    return overview.search(db_of(request), q.strip() or q, limit)


@router.get("/overview", response_model=Overview, summary="Overview of the ledger")
def get_overview(request: Request) -> Overview:
    """Counts, events by type and status over time, the most contested claims."""
    return overview.overview(db_of(request))


# -- writing --------------------------------------------------------------------

_REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ArticleIn.model_json_schema()},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary", "description": "txt, md, html, json, jsonl, csv"},
                    "published": {"type": "string", "description": "date for articles that give none"},
                    "format": {"type": "string", "description": "the file's kind, if its name does not say"},
                },
            }
        },
    },
}


@router.post(
    "/articles",
    status_code=201,
    response_model=IngestOut,
    summary="Ingest an article (needs --allow-write and a bearer token)",
    openapi_extra={"requestBody": _REQUEST_BODY},
    responses={
        200: {"model": IngestOut, "description": "already stored"},
        401: {"model": ErrorOut, "description": "missing or wrong bearer token"},
        403: {"model": ErrorOut, "description": "writes are off"},
        413: {"model": ErrorOut, "description": "body too large"},
        415: {"model": ErrorOut, "description": "not JSON nor multipart"},
        422: {"model": ErrorOut, "description": "bad input"},
    },
)
async def post_article(request: Request) -> JSONResponse:
    """Extract and store an article given as JSON (``text``, ``title``, ``published``, ...) or as a file."""
    config = request.app.state.config
    if not config.allow_write:
        raise HTTPException(403, "writes are off; start the server with --allow-write to ingest articles")
    _check_token(request, config.token)
    body = await _read_capped(request, config.max_body)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        items: list[Article | ReadFailure] = [_article_from_json(body)]
    elif ctype == "multipart/form-data":
        items = await _articles_from_upload(request, body)
    else:
        raise HTTPException(415, "send application/json or multipart/form-data (a file in the field 'file')")
    if len(items) > MAX_UPLOAD_ARTICLES:
        raise HTTPException(413, f"{len(items)} articles in one request; send at most {MAX_UPLOAD_ARTICLES}")
    db = db_of(request)
    await run_in_threadpool(get_extractor)  # load the model outside the store's lock
    try:
        report = await run_in_threadpool(db.write, db.ledger.ingest_articles, items)
    finally:
        await run_in_threadpool(overview.warm, db)  # recomputed now, not by the next page request
    out = IngestOut(stored=report.stored, skipped=report.skipped, failures=[str(f) for f in report.failures])
    if not report.stored and not report.skipped:
        raise HTTPException(422, "nothing stored: " + "; ".join(out.failures))
    log.info("POST /api/articles: stored %s, skipped %s", report.stored, report.skipped)
    return JSONResponse(out.model_dump(), status_code=201 if report.stored else 200)


def _check_token(request: Request, token: str | None) -> None:
    """401 for a missing or wrong bearer token; 429 once the client has failed too often of late."""
    throttle = request.app.state.config.throttle
    client = request.client.host if request.client else "?"
    wait = throttle.retry_after(client)
    if wait is not None:
        raise HTTPException(429, f"too many wrong tokens from {client}; try again in {wait} s",
                            headers={"Retry-After": str(wait)})
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    ok = (
        token is not None
        and scheme.lower() == "bearer"
        and hmac.compare_digest(value.strip().encode(), token.encode())
    )
    if not ok:
        throttle.failed(client)
        raise HTTPException(
            401,
            "missing or wrong bearer token; send 'Authorization: Bearer <NEWSLEDGER_TOKEN>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def _read_capped(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise HTTPException(413, f"body of {declared} bytes; the limit is {limit} bytes")
        except ValueError:
            raise HTTPException(400, "bad Content-Length header") from None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _api_id(title: str | None, text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (title or "").lower()).strip("-")[:60]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else f"api-{digest}"


def _published(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    day = parse_date(value)
    if day is None:
        raise HTTPException(422, f"published={value!r} is not a date; give it as YYYY-MM-DD")
    return day


def _article_from_json(body: bytes) -> Article:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(422, f"the body is not valid JSON: {exc}") from None
    except RecursionError:
        raise HTTPException(422, "the body is nested too deeply to be an article; send one flat JSON object") from None
    if not isinstance(data, dict):
        raise HTTPException(422, "send one JSON object: {\"text\": ..., \"title\": ..., \"published\": ...}")
    try:
        item = ArticleIn.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors())
        raise HTTPException(422, f"bad article: {problems}") from None
    if not item.text.strip():
        raise HTTPException(422, "bad article: text is blank")
    return Article(
        id=item.id or _api_id(item.title, item.text),
        text=item.text,
        title=item.title,
        published=_published(item.published),
        url=item.url,
        source=item.source,
        origin="<api>",
    )


async def _articles_from_upload(request: Request, body: bytes) -> list[Article | ReadFailure]:
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, receive).form(max_files=1, max_fields=10)
    except Exception as exc:  # malformed multipart bodies raise several kinds of errors
        raise HTTPException(422, f"cannot read the multipart form: {exc}") from None
    try:
        return await _articles_from_form(form)
    finally:
        await form.close()  # the upload's spooled temporary file


async def _articles_from_form(form: FormData) -> list[Article | ReadFailure]:
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise HTTPException(422, "no file: send the article in the form field 'file'")
    raw = await upload.read()
    if not raw.strip():
        raise HTTPException(422, "the uploaded file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HTTPException(422, "the uploaded file is not UTF-8 text") from None
    name = PurePath(upload.filename or "upload.txt").name
    fmt_field = form.get("format")
    fmt = fmt_field if isinstance(fmt_field, str) and fmt_field else (PurePath(name).suffix.lstrip(".") or None)
    published_field = form.get("published")
    published = _published(published_field if isinstance(published_field, str) else None)
    try:
        return list(read_text(text, id=PurePath(name).stem or "upload", published=published, fmt=fmt))
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None
