"""The incremental update: link one newly stored article to the rest of the ledger.

:func:`update` runs in one transaction per article: duplicate group, actors
(with their references: entities, speakers, statements about them, events),
claims, and last the sourcing profile, whose row marks the article as linked.
If it fails the article stays stored but unlinked, and :func:`catch_up` (run at
the end of every ingest) links it later.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from typing import Any

import duckdb

from newsledger.errors import StoreError
from newsledger.interrupt import deferred_interrupt
from newsledger.link.actors import Resolved, Resolver
from newsledger.link.claims import ClaimLinker, StatementInput
from newsledger.link.duplicates import update as update_duplicates
from newsledger.link.profile import update as update_profile
from newsledger.link.schema import LINK_TABLE_NAMES
from newsledger.record import Record
from newsledger.store import Ledger as Store

log = logging.getLogger(__name__)

ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "UNO", "EUR"})
_HEAD = re.compile(r",| who | which | that |\(")

_REF_TYPES = ("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "VARCHAR")


def is_linked(store: Store, article_id: str) -> bool:
    return bool(store._query("SELECT 1 FROM profiles WHERE article_id = ?", [article_id]))


def anonymous_label(text: str | None) -> str:
    """``"anonymous: <the source as written>"``, cut before a relative clause."""
    head = _HEAD.split(text or "", maxsplit=1)[0].strip() or "unnamed source"
    return f"anonymous: {head[:1].lower() + head[1:]}"


def update(store: Store, record: Record, article_id: str) -> bool:
    """Link one stored article; ``False`` if it was linked already.  One transaction."""
    with store._lock:
        con = store.con
        if is_linked(store, article_id):
            return False
        start = time.perf_counter()
        con.begin()
        try:
            _link(con, record, article_id)
            con.commit()
        except BaseException as exc:
            try:
                con.rollback()
            except duckdb.Error as rb_exc:  # pragma: no cover - the connection itself failed
                log.error("rollback of the link update failed: %s", rb_exc)
            if isinstance(exc, duckdb.Error):
                raise StoreError(
                    f"could not link article {article_id!r} (it is stored; `catch_up` links it later): {exc}"
                ) from exc
            raise
        log.debug("linked %s in %.1f ms", article_id, (time.perf_counter() - start) * 1000)
        return True


def _insert(con: duckdb.DuckDBPyConnection, table: str, types: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    cols = [list(c) for c in zip(*rows, strict=True)]
    values = ", ".join(f"unnest(?::{t}[])" for t in types)
    con.execute(f"INSERT INTO {table} SELECT {values}", cols)


def _link(con: duckdb.DuckDBPyConnection, record: Record, article_id: str) -> None:
    update_duplicates(con, article_id, record.text)
    resolver = Resolver(con, record, article_id)
    refs: list[tuple[Any, ...]] = []
    entity_actor: dict[str, Resolved] = {}
    entity_type = {e.id: e.type for e in record.entities}
    for st in record.statements:  # speaker phrases first: their appositions name the entity
        if not st.speaker.anonymous:
            resolver.speaker(st.speaker.name, st.speaker.text, entity_type.get(st.speaker.entity or ""))
    for e in record.entities:
        if e.type not in ENTITY_TYPES:
            continue
        ent_res = resolver.resolve(e.name, e.type)
        if ent_res is not None:
            entity_actor[e.id] = ent_res
            refs.append((ent_res.actor_id, article_id, "entity", e.id, e.name, ent_res.confidence, ent_res.evidence))

    inputs: list[StatementInput] = []
    event_keys: dict[str, list[str]] = {}
    for ev in record.events:
        src = _event_actor(resolver, ev.source.entity, ev.source.country, entity_actor)
        tgt = _event_actor(resolver, ev.target.entity, ev.target.country, entity_actor) if ev.target else None
        if src is not None:
            refs.append((src, article_id, "event_source", ev.id, ev.source.text, 1.0, None))
        if tgt is not None:
            refs.append((tgt, article_id, "event_target", ev.id, ev.target.text if ev.target else None, 1.0, None))
        if src is None and tgt is None:
            continue
        key = f"ev:{ev.type}:{'|'.join(sorted(a for a in (src, tgt) if a))}"
        for sid in ev.reported_by:
            keys = event_keys.setdefault(sid, [])
            if key not in keys:  # two events of one type between the same actors are one key, counted once
                keys.append(key)

    for st in record.statements:
        sp = st.speaker
        res = None
        if sp.anonymous:
            label = anonymous_label(sp.text)
        else:
            res = resolver.speaker(sp.name, sp.text, entity_type.get(sp.entity or ""))
            label = res.name if res is not None else (sp.name or sp.text or "unknown")
        if res is not None:
            refs.append((res.actor_id, article_id, "speaker", st.id, sp.text, res.confidence, res.evidence))
        about: set[str] = set()
        for ent in record.entities:
            actor_res = entity_actor.get(ent.id)
            if actor_res is None or (res is not None and actor_res.actor_id == res.actor_id):
                continue
            if any(s <= m0 and m1 <= e for m0, m1 in ent.mentions for s, e in st.content.spans):
                about.add(actor_res.actor_id)
        refs.extend((a, article_id, "about", st.id, None, 1.0, None) for a in sorted(about))
        inputs.append(
            StatementInput.of(
                st, speaker=label, actor_id=res.actor_id if res else None, anonymous=sp.anonymous,
                event_keys=event_keys.get(st.id, []), actor_keys=[f"a:{a}" for a in sorted(about)],
            )
        )
    _insert(con, "actor_refs", _REF_TYPES, refs)
    claim_of = ClaimLinker(con, record, article_id).link(inputs)
    update_profile(con, record, article_id, n_claims=len(set(claim_of.values())))


def _event_actor(resolver: Resolver, entity: str | None, country: str | None,
                 entity_actor: dict[str, Resolved]) -> str | None:
    """The actor of an event's source or target: its entity's actor, else its country's (an actor row that
    exists, created if new); none for PLOVER's unknown country ``---`` or a group code such as ``IGO``."""
    if entity and entity in entity_actor:
        return entity_actor[entity].actor_id
    if country and country not in INTERNATIONAL:
        return resolver.country_code(country)
    return None


LINK_ORDER = "a.published NULLS LAST, a.content_hash, a.article_id"
"""The order articles are linked in: published date, then content hash (never the time of storing).

Linking is incremental, so the ledger is the same whatever the interruption as long as
articles are linked in this order: an ingest links its batch only once the whole batch is
stored, and a killed or interrupted run leaves a prefix of this order linked, which the next
run continues.  An article that arrives later but sorts before already-linked ones (an older
article ingested afterwards) is linked after them: the claims it founds or joins are the ones
an incremental update can give, which may differ from linking the whole ledger from scratch;
:func:`rebuild` (``newsledger relink``) gives the canonical ledger again.
"""


def catch_up(store: Store) -> int:
    """Link every stored article that is not linked yet, in :data:`LINK_ORDER`; return how many.

    Ctrl-C (main thread) stops it between two articles with :class:`~newsledger.interrupt.Interrupted`.
    """
    if store.read_only:
        return 0
    ids = [
        str(r[0])
        for r in store._query(
            f"SELECT a.article_id FROM articles a ANTI JOIN profiles p USING (article_id) ORDER BY {LINK_ORDER}"
        )
    ]
    n = 0
    with deferred_interrupt() as guard:
        for aid in ids:
            record = store.get(aid)
            if record is not None and update(store, record, aid):
                n += 1
            guard.check(n)
    if n:
        log.info("linked %d articles that were stored but not linked", n)
    return n


def rebuild(store: Store) -> int:
    """Drop every link and link the whole ledger again, in :data:`LINK_ORDER`; return the number of articles.

    The drop is one transaction; if linking is then stopped, the next ingest (or ``rebuild``) links the rest.
    """
    with store._lock:
        con = store.con
        con.begin()
        try:
            for table in LINK_TABLE_NAMES:
                con.execute(f"DELETE FROM {table}")
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return catch_up(store)
