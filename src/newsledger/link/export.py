"""Exports of the link layer: claims as JSON Lines, schema.org Claim JSON-LD, GDELT-like events.

- ``claims`` JSONL: one :class:`~newsledger.link.types.ClaimDetail` per line
  (the claim with its sides and its timeline).
- JSON-LD: a list of schema.org ``Claim`` objects, one per claim: ``text``,
  ``author`` (the claimant: its first named asserter, a ``Person`` or an
  ``Organization``), ``datePublished`` (its first appearance's date),
  ``firstAppearance`` and ``appearance`` (``CreativeWork`` with ``url``,
  ``headline``, ``datePublished`` and ``publisher``), and a ``description``
  naming who asserts, confirms or denies it, and where.

  **No ClaimReview.**  A ``ClaimReview`` is a reviewer's verdict: its author rates
  the claim (``reviewRating``) on a page of its own (``url``, ``datePublished``).
  Nobody in this ledger does that.  A confirmation or denial is a source's
  statement reported by an outlet (often by a party to the story: a government
  denying what it is accused of), itself a claim, and the ledger's status
  (``contested``, ``denied``, ...) says who takes which side, not whether the claim
  is true; the outlet that printed a denial did not review the claim either.  So
  every claim is exported as a ``Claim`` and no review is invented; a rating
  would have to come from a fact-checker, which the ledger does not record.
- events: one row per event, GDELT-like columns with the PLOVER fields
  (``EventType``, ``EventMode``, ``Contexts``, actors with country and sector
  codes and their canonical actor ids), as CSV, Parquet or JSONL through DuckDB.
  Dates are typed: ``EventDate``, ``Published``, ``WhenStart`` and ``WhenEnd`` are
  ``DATE`` (null when not a calendar date), ``DateAdded`` is the ``TIMESTAMP`` the
  article was stored (GDELT's meaning), ``SQLDATE`` GDELT's ``YYYYMMDD`` integer.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from datetime import date
from pathlib import Path
from typing import Any, Literal

import duckdb

from newsledger.errors import StoreError
from newsledger.link.actors import PERSON
from newsledger.link.query import claim as get_claim
from newsledger.link.query import claims as list_claims
from newsledger.link.types import ClaimAppearance, ClaimDetail, ClaimRow, Voice
from newsledger.store import Ledger as Store

log = logging.getLogger(__name__)

EventFormat = Literal["csv", "parquet", "jsonl"]

_EVENTS_SQL = """
SELECT v.article_id || '#' || v.event_id AS GlobalEventID,
       CAST(strftime(coalesce(TRY_CAST(v.when_start AS DATE), a.published), '%Y%m%d') AS INTEGER) AS SQLDATE,
       coalesce(TRY_CAST(v.when_start AS DATE), a.published) AS EventDate,
       a.ingested_at AS DateAdded, a.published AS Published,
       v.source_text AS Actor1Text, x1.name AS Actor1Name, r1.actor_id AS Actor1Id,
       v.source_country AS Actor1CountryCode, v.source_sector AS Actor1Sector,
       v.target_text AS Actor2Text, x2.name AS Actor2Name, r2.actor_id AS Actor2Id,
       v.target_country AS Actor2CountryCode, v.target_sector AS Actor2Sector,
       v.type AS EventType, v.mode AS EventMode, array_to_string(v.contexts, ';') AS Contexts,
       v.status AS EventStatus, TRY_CAST(v.when_start AS DATE) AS WhenStart,
       TRY_CAST(v.when_end AS DATE) AS WhenEnd,
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


def _valid_date(value: str | None) -> str | None:
    """``value`` when it is a calendar date (schema.org ``Date``), else ``None``: "2026-02-30" is no date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _work(m: ClaimAppearance) -> dict[str, Any]:
    """The article of an appearance as a schema.org ``CreativeWork``: url, headline, date, publisher."""
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": m.article_id}
    if m.url and m.url.startswith(("http://", "https://")):
        work["url"] = m.url
    if m.title:
        work["headline"] = m.title
    published = _valid_date(m.published)
    if published:
        work["datePublished"] = published
    if m.outlet:
        work["publisher"] = {"@type": "Organization", "name": m.outlet}
    return work


def _party(voice: Voice, kinds: dict[str, str]) -> dict[str, Any]:
    """A named source as a schema.org ``Person`` (a person actor, or a name the ledger could not resolve: a
    quoted speaker) or ``Organization`` (an organisation, a country speaking as its government, a group)."""
    kind = kinds.get(voice.actor_id or "", PERSON)
    party: dict[str, Any] = {"@type": "Person" if kind == PERSON else "Organization", "name": voice.name}
    if voice.actor_id:
        party["identifier"] = voice.actor_id
    return party


def _sides(c: ClaimRow) -> str:
    """"uncontested in the ledger; asserted by Ingrid Solberg (Fjord Post)": who takes which side, where."""
    sides = [
        f"{label} " + ", ".join(f"{v.name} ({', '.join(v.outlets)})" for v in voices)
        for label, voices in (
            ("asserted by", c.asserted_by), ("confirmed by", c.confirmed_by),
            ("denied by", c.denied_by), ("neither confirmed nor denied by", c.neither_by),
        )
        if voices
    ]
    return "; ".join([f"{c.status} in the ledger", *sides])


def claim_jsonld(detail: ClaimDetail, kinds: dict[str, str]) -> dict[str, Any]:
    """One claim as a schema.org ``Claim`` (JSON-LD); ``kinds`` maps actor ids to their kind (person, ...).

    ``author`` is the claimant, its first named asserter (none when only anonymous sources assert it, or
    nobody does: a claim known from its denial); ``firstAppearance`` is the article that first carried it,
    ``appearance`` every article that did (assertions, confirmations and denials alike), once each.
    """
    c = detail.claim
    seen: dict[str, ClaimAppearance] = {}
    for m in detail.timeline:
        seen.setdefault(m.article_id, m)
    first = seen.get(c.first_article) or detail.timeline[0]
    item: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Claim",
        "identifier": c.claim_id,
        "text": c.text,
        "description": _sides(c),
        "firstAppearance": _work(first),
        "appearance": [_work(m) for m in seen.values()],
    }
    claimant = next((v for v in c.asserted_by if not v.anonymous), None)
    if claimant is not None:
        item["author"] = _party(claimant, kinds)
    published = _valid_date(c.first_published)
    if published:
        item["datePublished"] = published
    return item


def claims_jsonld(store: Store, out: Path) -> int:
    """Every claim as a schema.org ``Claim``, in one JSON-LD array; the number of claims.

    No ``ClaimReview`` is written (see the module's notes: nobody in the ledger rates a claim).
    """
    kinds = {str(aid): str(kind) for aid, kind in store._query("SELECT actor_id, kind FROM actors")}
    items = []
    for row in list_claims(store):
        detail = get_claim(store, row.claim_id)
        if detail is not None and detail.timeline:
            items.append(claim_jsonld(detail, kinds))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"{out}: cannot write the export ({exc}); choose another path") from exc
    log.info("exported %d claims as schema.org Claim to %s", len(items), out)
    return len(items)


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
