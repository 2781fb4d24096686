"""Actors, claims and sourcing profiles: from the cross-article layer, :mod:`newsledger.link`.

The link layer's rows (frozen dataclasses, see ``newsledger/link/types.py``)
are converted to the API's pydantic models field by field.  Where the layer
cannot be imported, actors fall back to the store's canonical speaker and
event-actor names, profiles are computed from the record, and claims are
reported as not available.
"""

from __future__ import annotations

import importlib
import logging
from collections import Counter, defaultdict
from types import ModuleType
from typing import Any

from newsledger.record import Record
from newsledger.web.db import Db
from newsledger.web.models import (
    ActorDetail,
    ActorEventOut,
    ActorOut,
    ActorStatementOut,
    ClaimAppearanceOut,
    ClaimDetail,
    ClaimOut,
    CounterpartOut,
    SourcingProfileOut,
)

log = logging.getLogger(__name__)

ACTOR_ITEMS = 200  # statements and events on an actor's page and API answer
_missing_logged = False


def link_module() -> ModuleType | None:
    """:mod:`newsledger.link`, or None where it is not installed (or does not import)."""
    global _missing_logged
    try:
        return importlib.import_module("newsledger.link")
    except ImportError as exc:
        if not _missing_logged:
            log.warning("the cross-article layer is not available (%s); claims are off", exc)
            _missing_logged = True
        return None


def _fn(name: str) -> Any:
    mod = link_module()
    return getattr(mod, name, None) if mod is not None else None


# -- claims -----------------------------------------------------------------------


def claims_available() -> bool:
    return _fn("claims") is not None and _fn("claim") is not None


def list_claims(
    db: Db,
    *,
    contested: bool = False,
    actor: str | None = None,
    since: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ClaimOut]:
    """Claims of the ledger (the link layer's order); empty without the link layer."""
    fn = _fn("claims")
    if fn is None:
        return []
    rows = db.call(fn, db.ledger, contested=contested, actor=actor, since=since, limit=limit, offset=offset)
    return [ClaimOut.model_validate(r) for r in rows]


def get_claim(db: Db, claim_id: str) -> ClaimDetail | None:
    fn = _fn("claim")
    if fn is None:
        return None
    detail = db.call(fn, db.ledger, claim_id)
    if detail is None:
        return None
    base = ClaimOut.model_validate(detail.claim)
    return ClaimDetail(
        **base.model_dump(), timeline=[ClaimAppearanceOut.model_validate(a) for a in detail.timeline]
    )


# -- actors ------------------------------------------------------------------------


def list_actors(db: Db, *, name: str | None = None, limit: int = 50, offset: int = 0) -> list[ActorOut]:
    """Actors, most active first.

    Without ``name``, a page is a slice of :func:`all_actors` (kept until the
    ledger changes: it counts every reference); a filtered page is kept under its own key.
    """
    if name is None:
        rows = all_actors(db)[offset:offset + limit]
    else:
        rows = db.cached(("actors", name, limit, offset, _fn("actors") is not None),
                         lambda: _list_actors(db, name=name, limit=limit, offset=offset))
    return [r.model_copy() for r in rows]


def all_actors(db: Db) -> list[ActorOut]:
    """Every actor, most active first, computed once per state of the ledger (:meth:`Db.cached`)."""
    return db.cached(("actors", None, _fn("actors") is not None),
                     lambda: _list_actors(db, name=None, limit=None, offset=0))


def _list_actors(db: Db, *, name: str | None, limit: int | None, offset: int) -> list[ActorOut]:
    fn = _fn("actors")
    if fn is not None:
        rows = [ActorOut.model_validate(r) for r in db.call(fn, db.ledger, name=name, limit=limit, offset=offset)]
        events = db.actor_event_counts([r.actor_id for r in rows])
        for r in rows:
            r.n_events = events.get(r.actor_id, 0)
        return rows
    return [
        ActorOut(actor_id=n, name=n, n_statements=st, n_events=ev, n_articles=art)
        for n, st, ev, art in db.actor_names(name, limit, offset)
    ]


def find_actors(db: Db, name_or_id: str) -> list[ActorOut]:
    """The actors this id, name or alias names exactly (case-insensitive; never a part of a name).

    An id names one actor; a name or alias may name several (then the caller offers the choice).
    Without the link layer, the store's canonical names are the actors.
    """
    if link_module() is None or "actors" not in db.cached(("tables",), db.table_names):
        n_st, n_ev, n_art = db.actor_counts(name_or_id)
        if n_st + n_ev == 0:
            return []
        return [ActorOut(actor_id=name_or_id, name=name_or_id, n_statements=n_st, n_events=n_ev, n_articles=n_art)]
    ids = db.exact_actor_ids(name_or_id)
    if not ids:
        ids = db.actor_ids_by_key(_name_keys(name_or_id))
    by_id = {a.actor_id: a for a in all_actors(db)}
    return [by_id[i].model_copy() if i in by_id else ActorOut(actor_id=i, name=i) for i in ids]


def _name_keys(name: str) -> list[str]:
    """The link layer's normalised keys of a name ("President Zelenskiy" and "Zelenskiy" share one)."""
    try:
        from newsledger.link.actors import org_key, person_key
    except ImportError:
        return []
    return [k for k in {person_key(name), org_key(name)} if k]


def _stances(statements: Any) -> dict[str, int]:
    return dict(Counter(s.stance or "none" for s in statements).most_common())


def get_actor(db: Db, actor_id: str, limit: int = ACTOR_ITEMS) -> ActorDetail | None:
    """An actor's first ``limit`` statements and events, stances and counterparts; None when no such actor.

    ``actor_id`` is an id :func:`find_actors` gave (the link layer's id, or the store's canonical name).
    """
    detail = _get_actor(db, actor_id, limit)
    if detail is not None:
        detail.actor.n_events = detail.n_events
    return detail


def _get_actor(db: Db, name_or_id: str, limit: int) -> ActorDetail | None:
    fn = _query_fn("actor_page")
    if fn is None:
        return _store_actor(db, name_or_id, limit) if link_module() is None else _old_actor(db, name_or_id, limit)
    # one more than shown tells whether a list is cut
    page = db.call(fn, db.ledger, name_or_id, limit=limit + 1, claim_pairs=claim_pairs(db))
    if page is None:
        return None
    detail = page.detail
    lists = (detail.statements_by, detail.statements_about, detail.events)
    return ActorDetail.model_validate(
        {
            "actor": detail.actor,
            "aliases": list(detail.aliases),
            "stances": page.stances,
            "statements_by": list(detail.statements_by[:limit]),
            "statements_about": list(detail.statements_about[:limit]),
            "events": list(detail.events[:limit]),
            "n_events": page.n_events,
            "counterparts": list(detail.counterparts),
            "truncated": any(len(x) > limit for x in lists),
        },
        from_attributes=True,
    )


def claim_pairs(db: Db) -> Any:
    """Who takes the other side of whose claims, for every actor (one aggregate, kept until the ledger changes)."""
    fn = _query_fn("claim_counterparts")
    if fn is None:
        return None
    return db.cached(("claim-counterparts",), lambda: db.call(fn, db.ledger))


def _query_fn(name: str) -> Any:
    """A function of :mod:`newsledger.link.query`, where the link layer is available and has it."""
    if link_module() is None:
        return None
    try:
        mod = importlib.import_module("newsledger.link.query")
    except ImportError:
        return None
    return getattr(mod, name, None)


def _old_actor(db: Db, name_or_id: str, limit: int) -> ActorDetail | None:
    """The actor through ``newsledger.link.actor`` (a link layer without ``actor_page``)."""
    fn = _fn("actor")
    if fn is None:
        return None
    detail = db.call(fn, db.ledger, name_or_id)
    if detail is None:
        return None
    return ActorDetail.model_validate(
        {
            "actor": detail.actor,
            "aliases": list(detail.aliases),
            "stances": _stances(detail.statements_by),
            "statements_by": list(detail.statements_by[:limit]),
            "statements_about": list(detail.statements_about[:limit]),
            "events": list(detail.events[:limit]),
            "n_events": len(detail.events),
            "counterparts": list(detail.counterparts),
            "truncated": any(len(x) > limit for x in (detail.statements_by, detail.statements_about,
                                                       detail.events)),
        },
        from_attributes=True,
    )


def _store_actor(db: Db, name: str, limit: int) -> ActorDetail | None:
    """An actor as the store alone knows it: the speaker and event-actor rows of one canonical name."""
    n_st, n_ev, n_art = db.actor_counts(name)
    if n_st + n_ev == 0:
        return None
    counterparts: dict[str, int] = defaultdict(int)
    relations: dict[str, list[str]] = defaultdict(list)
    for other, rel, k in db.actor_counterparts(name, 80):
        counterparts[other] += k
        if rel not in relations[other]:
            relations[other].append(rel)
    return ActorDetail(
        actor=ActorOut(actor_id=name, name=name, n_statements=n_st, n_articles=n_art),
        stances=db.actor_stances(name),
        statements_by=[ActorStatementOut(**s) for s in db.actor_statements(name, limit)],
        events=[ActorEventOut(**e) for e in db.actor_events(name, limit)],
        counterparts=[
            CounterpartOut(actor_id=None, name=o, n=k, relations=relations[o])
            for o, k in sorted(counterparts.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        n_events=n_ev,
        truncated=n_st > limit or n_ev > limit,
    )


# -- sourcing profile ----------------------------------------------------------------


def profile(db: Db, record: Record, article_id: str) -> SourcingProfileOut:
    """The link layer's profile of the article, else one computed from the record."""
    base = record_profile(record)
    fn = _fn("profile")
    if fn is None:
        return base
    try:
        found = db.call(fn, db.ledger, article_id)
    except Exception:  # the layer's failure must not take the article page down
        log.exception("sourcing profile of %s failed; showing the record's own", article_id)
        return base
    if found is None:
        return base
    out = SourcingProfileOut.model_validate(found, from_attributes=True)
    out.stances = base.stances
    return out


def record_profile(record: Record) -> SourcingProfileOut:
    """Named and anonymous statements, stances, and the share of the text inside a statement."""
    n = len(record.text)
    covered = bytearray(n)
    for st in record.statements:
        spans = [*st.content.spans, st.cue.span]
        if st.speaker.span is not None:
            spans.append(st.speaker.span)
        for s, e in spans:
            s, e = max(0, s), min(n, e)
            if s < e:
                covered[s:e] = b"\x01" * (e - s)
    anonymous = sum(1 for st in record.statements if st.speaker.anonymous or not st.speaker.name)
    share = round(sum(covered) / n, 3) if n else 0.0
    return SourcingProfileOut(
        n_statements=len(record.statements),
        n_named=len(record.statements) - anonymous,
        n_anonymous=anonymous,
        attributed_share=share,
        own_voice_share=round(1 - share, 3),
        stances=dict(Counter(st.stance or "none" for st in record.statements).most_common()),
    )
