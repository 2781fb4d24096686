"""Search across articles, statements and claims; the overview of the ledger."""

from __future__ import annotations

import logging
import re
import time

from newsledger.web import linked
from newsledger.web.db import Db
from newsledger.web.models import Bucket, Overview, SearchHit, SearchResult

log = logging.getLogger(__name__)

SNIPPET = 160


def snippet(text: str, q: str, width: int = SNIPPET) -> str:
    """About ``width`` characters of ``text`` around the first occurrence of ``q``."""
    flat = re.sub(r"\s+", " ", text)
    at = flat.lower().find(q.lower())
    if at < 0:
        return flat[:width] + ("…" if len(flat) > width else "")
    start = max(0, at - width // 3)
    end = min(len(flat), start + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def search(db: Db, q: str, limit: int) -> SearchResult:
    hits, newest_answered = db.search_articles_windowed(q, limit)
    articles = [
        SearchHit(kind="article", article_id=h.article_id, title=h.title, published=h.published,
                  snippet=snippet(h.text, q) if q.lower() not in (h.title or "").lower() else snippet(h.text, ""))
        for h in hits
    ]
    statements = [
        SearchHit(
            kind="statement", article_id=s["article_id"], statement_id=s["statement_id"], title=s["article_title"],
            published=s["published"],
            snippet=f"{s['speaker_name'] or s['speaker_text'] or 'unnamed'} {s['cue']}: {snippet(s['content'], q)}",
        )
        # where the newest articles do not hold enough article hits, they seldom hold enough statements
        for s in db.search_statements(q, limit, window=newest_answered)
    ]
    claims: list[SearchHit] = []
    available = linked.claims_available()
    if available:
        found = db.search_claims(q, limit) or []
        claims = [
            SearchHit(kind="claim", claim_id=cid, article_id=first, published=published, title=status,
                      snippet=snippet(text, q))
            for cid, text, status, first, published in found
        ]
    return SearchResult(q=q, articles=articles, statements=statements, claims=claims, claims_available=available)


def granularity(days: int) -> str:
    if days <= 62:
        return "day"
    if days <= 730:
        return "week"
    return "month"


def overview(db: Db) -> Overview:
    """The overview, computed once per state of the ledger (:meth:`Db.cached`)."""
    return db.cached(("overview", linked.claims_available()), lambda: _overview(db)).model_copy(deep=True)


def warm(db: Db) -> None:
    """Fill the caches of whole-ledger answers so that no page request pays them.

    They are the overview, the actor list and who takes the other side of whose
    claims (the counterparts of every actor, for the actor pages).

    The app calls it at start-up and right after each of its own ingests; a
    failure is logged (the pages then compute what they need themselves).
    """
    t = time.perf_counter()
    try:
        overview(db)
        linked.all_actors(db)
        linked.claim_pairs(db)
    except Exception:
        log.exception("%s: could not precompute the whole-ledger answers", db.path)
        return
    log.info("%s: whole-ledger answers computed in %.0f ms", db.path, (time.perf_counter() - t) * 1000)


def _overview(db: Db) -> Overview:
    summary = db.call(db.ledger.summary, top=10)
    counts = db.call(db.ledger.counts)
    first, last = db.date_range()
    grain = granularity((last - first).days if first and last else 0)
    available = linked.claims_available()
    return Overview(
        counts=counts,
        first_published=summary.first_published,
        last_published=summary.last_published,
        granularity=grain,
        events_by_type=[Bucket(period=p, key=k, n=n) for p, k, n in db.event_buckets("type", grain)],
        events_by_status=[Bucket(period=p, key=k, n=n) for p, k, n in db.event_buckets("status", grain)],
        stances=summary.stances,
        top_speakers=list(summary.top_speakers),
        contested_claims=linked.list_claims(db, contested=True, limit=10) if available else [],
        claims_available=available,
    )
