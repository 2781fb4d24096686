"""Server-rendered pages (Jinja2, autoescaped): overview, articles, actors, claims, search."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsledger.web import graphics, linked, overview
from newsledger.web.api import check_date, db_of
from newsledger.web.highlight import actor_url, article_url, highlight, safe_link

log = logging.getLogger(__name__)

PAGE_SIZE = 50
ACTOR_PAGE_ITEMS = 100  # statements, events and statements about an actor on its page; "show more" asks for 4x
MAX_ACTOR_ITEMS = 1600

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,  # a field the template names but the model lacks fails loudly
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(
    actor_url=actor_url,
    article_url=article_url,
    api_article_url=lambda aid: "/api/articles/" + quote(aid, safe=""),
    safe_link=safe_link,
    claim_url=lambda cid: "/claims/" + quote(str(cid), safe=""),
)
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False)
Offset = Annotated[int, Query(ge=0, le=100_000_000)]


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=status_code, title=f"Error {status_code}", status=status_code,
                  message=message)


def _pager(request: Request, offset: int, more: bool) -> dict[str, str | None]:
    params = {k: v for k, v in request.query_params.items() if k != "offset"}

    def url(off: int) -> str:
        return request.url.path + "?" + urlencode({**params, "offset": off})

    return {
        "prev": url(max(0, offset - PAGE_SIZE)) if offset > 0 else None,
        "next": url(offset + PAGE_SIZE) if more else None,
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    ov = overview.overview(db_of(request))
    return render(
        request, "overview.html", ov=ov, title="Overview",
        by_type=graphics.stacked_bars([(b.period, b.key, b.n) for b in ov.events_by_type], granularity=ov.granularity),
        by_status=graphics.stacked_bars([(b.period, b.key, b.n) for b in ov.events_by_status],
                                        granularity=ov.granularity),
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    since: str | None = None,
    until: str | None = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    db = db_of(request)
    since, until = check_date("since", since or None), check_date("until", until or None)
    rows = db.call(db.ledger.articles, since=since, until=until, source=source or None,
                   limit=PAGE_SIZE + 1, offset=offset)
    return render(request, "articles.html", title="Articles", rows=rows[:PAGE_SIZE], since=since or "",
                  until=until or "", source=source or "", pager=_pager(request, offset, len(rows) > PAGE_SIZE))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    db = db_of(request)
    record = db.call(db.ledger.get, article_id)
    if record is None:
        raise HTTPException(404, f"No article {article_id!r} in this ledger.")
    meta = db.article_source(article_id)
    return render(
        request, "article.html", title=record.title or article_id, record=record, article_id=article_id,
        body=highlight(record), profile=linked.profile(db, record, article_id),
        source=meta[0] if meta else record.source,
        names={e.id: e.name for e in record.entities},
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, name: Annotated[str | None, Query(max_length=200)] = None,
           offset: Offset = 0) -> HTMLResponse:
    rows = linked.list_actors(db_of(request), name=name or None, limit=PAGE_SIZE + 1, offset=offset)
    return render(request, "actors.html", title="Actors", rows=rows[:PAGE_SIZE], name=name or "",
                  pager=_pager(request, offset, len(rows) > PAGE_SIZE))


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor(request: Request, name: str,
          limit: Annotated[int, Query(ge=1, le=MAX_ACTOR_ITEMS)] = ACTOR_PAGE_ITEMS) -> HTMLResponse:
    """One actor by exact id, name or alias; a page to choose from when several go by that name."""
    db = db_of(request)
    found = linked.find_actors(db, name)
    if len(found) > 1:
        return render(request, "actor_choice.html", status_code=300, title=f"Which {name}?", name=name,
                      choices=found)
    detail = linked.get_actor(db, found[0].actor_id, limit) if found else None
    if detail is None:
        raise HTTPException(404, f"No actor {name!r} in this ledger (give a whole name, alias or id).")
    timeline: list[dict[str, Any]] = [
        {"kind": "statement", "published": s.published, "article_id": s.article_id, "item": s}
        for s in detail.statements_by
    ] + [
        {"kind": "event", "published": e.published, "article_id": e.article_id, "item": e} for e in detail.events
    ]
    timeline.sort(key=lambda t: (t["published"] is None, t["published"] or "", t["article_id"]))
    net = graphics.network(
        detail.actor.name, [(c.name, ", ".join(c.relations) or "linked", c.n) for c in detail.counterparts]
    )
    more = None
    if detail.truncated and limit < MAX_ACTOR_ITEMS:
        more = actor_url(name) + "?" + urlencode({"limit": min(MAX_ACTOR_ITEMS, limit * 4)})
    return render(request, "actor.html", title=detail.actor.name, actor=detail, timeline=timeline, net=net,
                  more=more)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, contested: bool = False, actor: Annotated[str | None, Query(max_length=200)] = None,
           since: str | None = None, offset: Offset = 0) -> HTMLResponse:
    db = db_of(request)
    since = check_date("since", since or None)
    rows = linked.list_claims(db, contested=contested, actor=actor or None, since=since,
                              limit=PAGE_SIZE + 1, offset=offset)
    return render(request, "claims.html", title="Claims", rows=rows[:PAGE_SIZE], contested=contested,
                  actor=actor or "", since=since or "", available=linked.claims_available(),
                  pager=_pager(request, offset, len(rows) > PAGE_SIZE))


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: str) -> HTMLResponse:
    if not linked.claims_available():
        return render(request, "claim.html", status_code=404, title="Claims not available", claim=None,
                      available=False)
    detail = linked.get_claim(db_of(request), claim_id)
    if detail is None:
        raise HTTPException(404, f"No claim {claim_id!r} in this ledger.")
    return render(request, "claim.html", title=f"Claim {claim_id}", claim=detail, available=True)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    q = q.strip()
    result = overview.search(db_of(request), q, 30) if len(q) >= 2 else None
    return render(request, "search.html", title=f"Search: {q}" if q else "Search", q=q, result=result)
