"""Exports of the link layer: claims as JSON Lines, schema.org ClaimReview JSON-LD, GDELT-like events.

- ``claims`` JSONL: one :class:`~newsledger.link.types.ClaimDetail` per line
  (the claim with its sides and its timeline).
- JSON-LD: a list of schema.org ``ClaimReview`` objects whose ``itemReviewed``
  is a ``Claim`` with ``author`` (the claimant: its first asserter),
  ``firstAppearance`` and ``appearance`` (``CreativeWork`` with url, headline,
  date and publisher); ``reviewRating.alternateName`` is the ledger's status
  (this is a ledger of who says what, not a fact-check verdict, so no rating value).
- events: one row per event, GDELT-like columns with the PLOVER fields
  (``EventType``, ``EventMode``, ``Contexts``, actors with country and sector
  codes and their canonical actor ids), as CSV, Parquet or JSONL through DuckDB.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import Any, Literal

import duckdb

from newsledger.errors import StoreError
from newsledger.link.query import claim as get_claim
from newsledger.link.query import claims as list_claims
from newsledger.link.types import ClaimAppearance, ClaimDetail
from newsledger.store import Ledger as Store

log = logging.getLogger(__name__)

EventFormat = Literal["csv", "parquet", "jsonl"]

_EVENTS_SQL = """
SELECT v.article_id || '#' || v.event_id AS GlobalEventID,
       strftime(coalesce(TRY_CAST(v.when_start AS DATE), a.published), '%Y%m%d') AS SQLDATE,
       a.published_raw AS DateAdded,
       v.source_text AS Actor1Text, x1.name AS Actor1Name, r1.actor_id AS Actor1Id,
       v.source_country AS Actor1CountryCode, v.source_sector AS Actor1Sector,
       v.target_text AS Actor2Text, x2.name AS Actor2Name, r2.actor_id AS Actor2Id,
       v.target_country AS Actor2CountryCode, v.target_sector AS Actor2Sector,
       v.type AS EventType, v.mode AS EventMode, array_to_string(v.contexts, ';') AS Contexts,
       v.status AS EventStatus, v.when_start AS WhenStart, v.when_end AS WhenEnd,
       array_to_string(v.reported_by, ';') AS ReportedBy, v.evidence_text AS Evidence,
       a.source AS SourceName, a.url AS SOURCEURL, v.article_id AS ArticleId,
       coalesce(g.group_id, v.article_id) AS DuplicateGroup
FROM events v JOIN articles a USING (article_id)
LEFT JOIN actor_refs r1 ON r1.article_id = v.article_id AND r1.ref_id = v.event_id AND r1.role = 'event_source'
LEFT JOIN actors x1 ON x1.actor_id = r1.actor_id
LEFT JOIN actor_refs r2 ON r2.article_id = v.article_id AND r2.ref_id = v.event_id AND r2.role = 'event_target'
LEFT JOIN actors x2 ON x2.actor_id = r2.actor_id
LEFT JOIN dup_groups g ON g.article_id = v.article_id
ORDER BY a.published NULLS LAST, v.article_id, v.ord
"""


def claims_jsonl(store: Store, out: Path) -> int:
    """Every claim with its timeline, one JSON object per line; the number of claims."""
    n = 0
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="\n") as fh:
            for row in list_claims(store):
                detail = get_claim(store, row.claim_id)
                if detail is None:  # pragma: no cover - deleted meanwhile
                    continue
                fh.write(json.dumps(dataclasses.asdict(detail), ensure_ascii=False) + "\n")
                n += 1
    except OSError as exc:
        raise StoreError(f"{out}: cannot write the export ({exc}); choose another path") from exc
    log.info("exported %d claims to %s", n, out)
    return n


def _work(m: ClaimAppearance) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": m.title, "datePublished": m.published}
    if m.url:
        work["url"] = m.url
    if m.outlet:
        work["publisher"] = {"@type": "Organization", "name": m.outlet}
    work["identifier"] = m.article_id
    return {k: v for k, v in work.items() if v is not None}


def _party(name: str, actor_id: str | None, anonymous: bool) -> dict[str, Any]:
    kind = "Person" if actor_id and actor_id.startswith("p:") else "Organization"
    party: dict[str, Any] = {"@type": "Person" if anonymous else kind, "name": name}
    if actor_id:
        party["identifier"] = actor_id
    return party


def claim_review(detail: ClaimDetail) -> dict[str, Any]:
    """One claim as a schema.org ClaimReview (JSON-LD)."""
    c = detail.claim
    first = next((m for m in detail.timeline if m.article_id == c.first_article), detail.timeline[0])
    seen: dict[str, ClaimAppearance] = {}
    for m in detail.timeline:
        seen.setdefault(m.article_id, m)
    claimant = c.asserted_by[0] if c.asserted_by else None
    item: dict[str, Any] = {
        "@type": "Claim",
        "identifier": c.claim_id,
        "text": c.text,
        "firstAppearance": _work(first),
        "appearance": [_work(m) for m in seen.values()],
        "datePublished": c.first_published,
    }
    if claimant is not None:
        item["author"] = _party(claimant.name, claimant.actor_id, claimant.anonymous)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": c.text,
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "alternateName": c.status},
        "reviewBody": "; ".join(
            f"{label}: " + ", ".join(f"{v.name} ({', '.join(v.outlets)})" for v in voices)
            for label, voices in (
                ("asserted by", c.asserted_by), ("confirmed by", c.confirmed_by),
                ("denied by", c.denied_by), ("neither confirmed nor denied by", c.neither_by),
            )
            if voices
        ),
        "author": {"@type": "Organization", "name": "newsledger"},
    }


def claims_jsonld(store: Store, out: Path) -> int:
    """Every claim as a schema.org ClaimReview, in one JSON-LD array; the number of claims."""
    reviews = []
    for row in list_claims(store):
        detail = get_claim(store, row.claim_id)
        if detail is not None and detail.timeline:
            reviews.append(claim_review(detail))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(reviews, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"{out}: cannot write the export ({exc}); choose another path") from exc
    return len(reviews)


def events_table(store: Store, fmt: EventFormat, out: Path) -> int:
    """The events as a GDELT-like flat table with PLOVER fields, in csv, parquet or jsonl."""
    options = {"csv": "FORMAT csv, HEADER true", "parquet": "FORMAT parquet", "jsonl": "FORMAT json"}.get(fmt)
    if options is None:
        raise StoreError(f"format {fmt!r}: choose csv, parquet or jsonl for the events table")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{out}: cannot create its folder ({exc}); choose another path") from exc
    target = str(out).replace("'", "''")
    with store._lock:
        try:
            row = store.con.execute(f"COPY ({_EVENTS_SQL}) TO '{target}' ({options})").fetchone()
        except duckdb.Error as exc:
            raise StoreError(f"{out}: export of the events table failed: {exc}") from exc
    return int(row[0]) if row else 0
