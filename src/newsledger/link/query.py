"""Read the link layer: claims, actors, sourcing profiles and duplicate groups.

Every function takes the store (a :class:`newsledger.store.Ledger`, or the public
:class:`newsledger.Ledger`) and returns frozen rows of :mod:`newsledger.link.types`.
Each query is bounded by the ids it looks up (or by ``limit``), never a walk
over every article in Python.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsledger.errors import StoreError
from newsledger.link.types import (
    CLAIM_STATUSES,
    ActorAlias,
    ActorDetail,
    ActorEvent,
    ActorRow,
    ActorStatement,
    ClaimAppearance,
    ClaimDetail,
    ClaimRef,
    ClaimRow,
    Counterpart,
    DuplicateGroup,
    DuplicateMember,
    SourcingProfile,
    Voice,
)
from newsledger.store import Ledger as Store
from newsledger.store.ledger import page_clause

log = logging.getLogger(__name__)

DETAIL_LIMIT = 200  # rows per list in an actor's detail


def _q(store: Store, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    return store._query(sql, params)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _check_date(name: str, value: str | None) -> None:
    if value is None:
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        raise StoreError(f"{name}={value!r}: give a date as YYYY-MM-DD") from None


# -- claims ----------------------------------------------------------------

_MEMBER_SQL = """
SELECT m.claim_id, m.article_id, m.statement_id, m.role, m.speaker, m.actor_id, m.anonymous,
       a.published_raw, a.source, a.title, a.url, coalesce(m.stance, s.stance), coalesce(s.cue_text, ''),
       coalesce(s.content_text, m.content), m.via, m.score,
       coalesce(g.group_id, m.article_id), m.voice
FROM claim_members m
JOIN articles a USING (article_id)
LEFT JOIN statements s ON s.article_id = m.article_id AND s.statement_id = m.statement_id
LEFT JOIN dup_groups g ON g.article_id = m.article_id
WHERE m.claim_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY a.published NULLS LAST, a.ingested_at, m.article_id, s.ord
"""


def _members(store: Store, claim_ids: Sequence[str]) -> dict[str, list[ClaimAppearance]]:
    out: dict[str, list[ClaimAppearance]] = defaultdict(list)
    if not claim_ids:
        return out
    for r in _q(store, _MEMBER_SQL, [list(claim_ids)]):
        out[str(r[0])].append(
            ClaimAppearance(
                published=_iso(r[7]), article_id=str(r[1]), outlet=r[8], title=r[9], url=r[10],
                statement_id=str(r[2]), speaker=str(r[4]), actor_id=r[5], anonymous=bool(r[6]), role=str(r[3]),
                stance=r[11], cue=str(r[12] or ""), content=str(r[13] or ""), via=str(r[14]), score=float(r[15]),
                duplicate_group=str(r[16]), voice=bool(r[17]),
            )
        )
    return out


def _voices(members: Iterable[ClaimAppearance], role: str, own_voice: bool = False) -> tuple[Voice, ...]:
    order: list[tuple[str, str | None, bool]] = []
    outlets: dict[tuple[str, str | None, bool], list[str]] = defaultdict(list)
    articles: dict[tuple[str, str | None, bool], list[str]] = defaultdict(list)
    for m in members:
        if m.voice != own_voice or (role and m.role != role):
            continue
        key = (m.speaker, m.actor_id, m.anonymous)
        if key not in outlets:
            order.append(key)
        outlet = m.outlet or m.article_id
        if outlet not in outlets[key]:
            outlets[key].append(outlet)
        if m.article_id not in articles[key]:
            articles[key].append(m.article_id)
    return tuple(
        Voice(name=k[0], actor_id=k[1], anonymous=k[2], outlets=tuple(outlets[k]), articles=tuple(articles[k]))
        for k in order
    )


def _claim_row(row: tuple[Any, ...], members: list[ClaimAppearance]) -> ClaimRow:
    claim_id, text, status, first_article, first_published = row[:5]
    first_outlet = next((m.outlet for m in members if m.article_id == first_article), None)
    outlets = list(dict.fromkeys(m.outlet or m.article_id for m in members))
    return ClaimRow(
        claim_id=str(claim_id), text=str(text), status=str(status), first_article=str(first_article),
        first_published=_iso(first_published), first_outlet=first_outlet,
        n_statements=sum(1 for m in members if not m.voice),
        n_articles=len({m.article_id for m in members}), n_sources=independent_sources(members),
        asserted_by=_voices(members, "assert"), confirmed_by=_voices(members, "confirm"),
        denied_by=_voices(members, "deny"), neither_by=_voices(members, "neither"), outlets=tuple(outlets),
        n_outlets=len({m.duplicate_group for m in members}), told_by=_voices(members, "", own_voice=True),
    )


_SOURCES_SQL = """
SELECT count(DISTINCT CASE WHEN m.anonymous THEN 'anon:' || m.speaker || '|' || coalesce(g.group_id, m.article_id)
                           ELSE 'named:' || coalesce(m.actor_id, m.speaker) END)
FROM claim_members m LEFT JOIN dup_groups g ON g.article_id = m.article_id
WHERE m.claim_id = c.claim_id AND NOT m.voice AND m.role IN ('assert', 'confirm')
"""


def independent_sources(members: Iterable[ClaimAppearance]) -> int:
    """Distinct speakers that assert or confirm: a named one by actor (or name), an anonymous one by its
    description and the duplicate group it appeared in (two outlets' "a senior official" are two sources,
    a wire copy's reprints one); the outlets' own voice is not a source."""
    keys: set[tuple[str, str]] = set()
    for m in members:
        if m.voice or m.role not in ("assert", "confirm"):
            continue
        keys.add(("anon", f"{m.speaker}|{m.duplicate_group}") if m.anonymous else ("named", m.actor_id or m.speaker))
    return len(keys)


def claims(
    store: Store,
    *,
    contested: bool = False,
    actor: str | None = None,
    since: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    status: str | None = None,
    min_sources: int = 0,
) -> list[ClaimRow]:
    """Claims, oldest first.

    ``min_sources``: only claims asserted or confirmed by at least this many independent sources
    (:func:`independent_sources`); 2 leaves out the single-source statements.

    ``contested``: only claims with status ``contested`` (confirmed by one source,
    denied by another); ``status``: only claims of that status; ``actor``: claims
    in which an actor whose name or alias contains this (case-insensitive) takes a
    side, or an actor id; ``since``: claims with an appearance published on or
    after ``YYYY-MM-DD``.
    """
    _check_date("since", since)
    clauses: list[str] = []
    params: list[Any] = []
    if contested:
        clauses.append("c.status = 'contested'")
    if status is not None:
        if status not in CLAIM_STATUSES:
            raise StoreError(f"status={status!r}: choose one of {', '.join(CLAIM_STATUSES)}")
        clauses.append("c.status = ?")
        params.append(status)
    if actor is not None:
        ids = _actor_ids(store, actor)
        clauses.append(
            "c.claim_id IN (SELECT claim_id FROM claim_members WHERE actor_id IN (SELECT unnest(?::VARCHAR[])))"
        )
        params.append(ids)
    if since is not None:
        clauses.append(
            "c.claim_id IN (SELECT m.claim_id FROM claim_members m WHERE m.published >= CAST(? AS DATE))"
        )
        params.append(since)
    if min_sources > 0:
        clauses.append(f"({_SOURCES_SQL}) >= ?")
        params.append(min_sources)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    page, page_params = page_clause(limit, offset)
    rows = _q(
        store,
        f"SELECT c.claim_id, c.text, c.status, c.first_article, c.first_published FROM claims c {where} "
        f"ORDER BY c.first_published NULLS LAST, c.seq{page}",
        params + page_params,
    )
    members = _members(store, [str(r[0]) for r in rows])
    return [_claim_row(r, members[str(r[0])]) for r in rows]


def claim(store: Store, claim_id: str) -> ClaimDetail | None:
    """One claim with its timeline, source by source (oldest first)."""
    rows = _q(
        store,
        "SELECT claim_id, text, status, first_article, first_published FROM claims WHERE claim_id = ?",
        [claim_id],
    )
    if not rows:
        return None
    members = _members(store, [claim_id])[claim_id]
    return ClaimDetail(claim=_claim_row(rows[0], members), timeline=tuple(members))


# -- actors ----------------------------------------------------------------


def _actor_ids(store: Store, name_or_id: str) -> list[str]:
    """Actor ids whose id equals, or whose name or an alias contains, ``name_or_id`` (case-insensitive)."""
    rows = _q(
        store,
        "SELECT actor_id FROM actors WHERE actor_id = ? OR contains(lower(name), lower(?)) "
        "UNION SELECT actor_id FROM actor_aliases WHERE contains(lower(alias), lower(?))",
        [name_or_id, name_or_id, name_or_id],
    )
    return sorted(str(r[0]) for r in rows)


_ACTOR_SQL = """
SELECT x.actor_id, x.name, x.kind, x.country, x.sector,
       (SELECT list(DISTINCT al.alias ORDER BY al.alias) FROM actor_aliases al WHERE al.actor_id = x.actor_id),
       (SELECT count(*) FROM actor_refs r WHERE r.actor_id = x.actor_id AND r.role = 'speaker') AS n_st,
       (SELECT count(DISTINCT r.article_id) FROM actor_refs r WHERE r.actor_id = x.actor_id) AS n_art
FROM actors x
{where}
ORDER BY n_st DESC, n_art DESC, x.name
"""

# One actor by id: its counts from an index lookup of its own references (no aggregate over every actor).
_ONE_ACTOR_SQL = """
SELECT x.actor_id, x.name, x.kind, x.country, x.sector,
       (SELECT list(DISTINCT al.alias ORDER BY al.alias) FROM actor_aliases al WHERE al.actor_id = ?),
       r.n_st, r.n_art
FROM actors x,
     (SELECT count(*) FILTER (WHERE role = 'speaker') AS n_st, count(DISTINCT article_id) AS n_art
      FROM actor_refs WHERE actor_id = ?) r
WHERE x.actor_id = ?
"""


def _actor_rows(rows: list[tuple[Any, ...]]) -> list[ActorRow]:
    return [
        ActorRow(
            actor_id=str(r[0]), name=str(r[1]), kind=str(r[2]), country=r[3], sector=r[4],
            aliases=tuple(str(a) for a in (r[5] or ())), n_statements=int(r[6]), n_articles=int(r[7]),
        )
        for r in rows
    ]


def actors(store: Store, *, name: str | None = None, limit: int | None = None, offset: int = 0) -> list[ActorRow]:
    """Canonical actors, most quoted first; ``name``: the name or an alias contains this (case-insensitive)."""
    where, params = "", []
    if name is not None:
        where = (
            "WHERE contains(lower(x.name), lower(?)) OR x.actor_id IN "
            "(SELECT actor_id FROM actor_aliases WHERE contains(lower(alias), lower(?)))"
        )
        params = [name, name]
    page, page_params = page_clause(limit, offset)
    return _actor_rows(_q(store, _ACTOR_SQL.format(where=where) + page, params + page_params))


def _find_actor(store: Store, name_or_id: str) -> ActorRow | None:
    """The actor of this id, name or alias (exact first, then by key, then by substring)."""
    actor_id = _find_actor_id(store, name_or_id)
    if actor_id is None:
        return None
    rows = _actor_rows(_q(store, _ONE_ACTOR_SQL, [actor_id, actor_id, actor_id]))
    return rows[0] if rows else None


def _find_actor_id(store: Store, name_or_id: str) -> str | None:
    """The id of the best match, tried in order of precision; ties go to the most quoted actor."""
    exact = _q(store, "SELECT actor_id FROM actors WHERE actor_id = ?", [name_or_id])
    if exact:
        return str(exact[0][0])
    from newsledger.link.actors import org_key, person_key

    wheres: list[tuple[str, list[Any]]] = [
        ("WHERE lower(x.name) = lower(?)", [name_or_id]),
        ("WHERE x.actor_id IN (SELECT actor_id FROM actor_aliases WHERE lower(alias) = lower(?))", [name_or_id]),
        # by key: "Zelenskiy" finds the alias "President Zelenskiy"
        ("WHERE x.actor_id IN (SELECT actor_id FROM actor_aliases WHERE alias_key IN (?, ?))",
         [person_key(name_or_id), org_key(name_or_id)]),
        ("WHERE contains(lower(x.name), lower(?))", [name_or_id]),
        ("WHERE x.actor_id IN (SELECT actor_id FROM actor_aliases WHERE contains(lower(alias), lower(?)))",
         [name_or_id]),
    ]
    for where, params in wheres:
        ids = [str(r[0]) for r in _q(store, f"SELECT x.actor_id FROM actors x {where}", params)]
        if len(ids) == 1:
            return ids[0]
        if ids:  # several: the order of the actor list decides
            rows = _q(store, _ACTOR_SQL.format(where="WHERE x.actor_id IN (SELECT unnest(?::VARCHAR[]))"), [ids])
            return str(rows[0][0])
    return None


# An actor's page reads its references once (one filtered scan of actor_refs), orders the keys on the
# narrow columns, and reads the wide rows (content, evidence) of the shown ones only.
_REFS_SQL = "SELECT article_id, ref_id, role FROM actor_refs WHERE actor_id = ?"

_KEYS = "SELECT unnest(?::VARCHAR[]) AS article_id, unnest(?::VARCHAR[]) AS ref_id"

_STATEMENT_ORDER_SQL = f"""
SELECT s.article_id, s.statement_id, s.stance
FROM ({_KEYS}) k
JOIN statements s ON s.article_id = k.article_id AND s.statement_id = k.ref_id
JOIN articles a ON a.article_id = s.article_id
ORDER BY a.published NULLS LAST, s.article_id, s.ord
"""

_STATEMENT_ROWS_SQL = f"""
SELECT s.article_id, a.published_raw, a.source, s.statement_id,
       coalesce(s.speaker_name, s.speaker_text, ''), s.stance, s.cue_text, s.content_text, m.claim_id
FROM ({_KEYS}) k
JOIN statements s ON s.article_id = k.article_id AND s.statement_id = k.ref_id
JOIN articles a ON a.article_id = s.article_id
LEFT JOIN claim_members m ON m.article_id = s.article_id AND m.statement_id = s.statement_id AND m.part = 0
"""

_EVENT_ROWS_SQL = f"""
SELECT v.article_id, a.published_raw, v.event_id, v.type, v.status, v.evidence_text, v.ord, a.published
FROM (SELECT DISTINCT * FROM ({_KEYS})) k
JOIN events v ON v.article_id = k.article_id AND v.event_id = k.ref_id
JOIN articles a ON a.article_id = v.article_id
"""

_EVENT_SIDES_SQL = f"""
SELECT o.article_id, o.ref_id, o.role, o.actor_id, x.name
FROM actor_refs o
SEMI JOIN ({_KEYS}) k ON o.article_id = k.article_id AND o.ref_id = k.ref_id
LEFT JOIN actors x ON x.actor_id = o.actor_id
WHERE o.role IN ('event_source', 'event_target')
"""

_CLAIM_COUNTERPARTS_SQL = """
WITH mine AS (SELECT actor_id, claim_id, role FROM claim_members WHERE {where})
SELECT mine.actor_id, o.actor_id, x.name, mine.role, o.role, count(*) AS n
FROM mine
JOIN claim_members o ON o.claim_id = mine.claim_id
JOIN actors x ON x.actor_id = o.actor_id
WHERE o.actor_id <> mine.actor_id AND (mine.role = 'assert') <> (o.role = 'assert')
GROUP BY ALL
"""

ClaimPairs = dict[str, list[tuple[str, str, str, str, int]]]
"""actor id -> (other actor id, its name, the actor's role, the other's role, claims) for :func:`actor_page`."""


def claim_counterparts(store: Store, actor_id: str | None = None) -> ClaimPairs:
    """Who takes the other side of whose claims: for one actor, or for every actor at once (one aggregate)."""
    where, params = ("actor_id = ?", [actor_id]) if actor_id is not None else ("actor_id IS NOT NULL", [])
    out: ClaimPairs = defaultdict(list)
    for mine, other, name, mine_role, other_role, n in _q(store, _CLAIM_COUNTERPARTS_SQL.format(where=where), params):
        out[str(mine)].append((str(other), str(name), str(mine_role), str(other_role), int(n)))
    for pairs in out.values():
        pairs.sort()  # the relations of a counterpart are listed in this order
    return dict(out)

_RELATION = {
    ("assert", "confirm"): "confirms its claims",
    ("assert", "deny"): "denies its claims",
    ("assert", "neither"): "will not confirm its claims",
    ("confirm", "assert"): "whose claims it confirms",
    ("deny", "assert"): "whose claims it denies",
    ("neither", "assert"): "whose claims it will not confirm",
}

_OTHER_SIDE = {"event_source": "event_target", "event_target": "event_source"}


@dataclass(frozen=True)
class ActorPage:
    """An actor's detail, with what its capped lists leave out: stances over every statement, all events."""

    detail: ActorDetail
    stances: dict[str, int]  # stance (or "none") -> statements by the actor, most frequent first
    n_events: int  # events with the actor as source or target (``detail.events`` holds the first ``limit``)


def actor(store: Store, name_or_id: str) -> ActorDetail | None:
    """One actor: aliases with evidence, statements by and about it, events with it, counterparts."""
    page = actor_page(store, name_or_id)
    return page.detail if page is not None else None


def actor_page(
    store: Store, name_or_id: str, *, limit: int = DETAIL_LIMIT, claim_pairs: ClaimPairs | None = None
) -> ActorPage | None:
    """:func:`actor` with at most ``limit`` rows per list, its stance counts and its number of events.

    ``claim_pairs``: :func:`claim_counterparts` of every actor, computed beforehand (else read for this one).
    """
    aid = _find_actor_id(store, name_or_id)
    if aid is None:
        return None
    refs = _q(store, _REFS_SQL, [aid])
    head = _q(store, "SELECT actor_id, name, kind, country, sector FROM actors WHERE actor_id = ?", [aid])
    if not head:
        return None
    aliases = _q(
        store,
        "SELECT alias, any_value(evidence), max(confidence), count(*) FROM actor_aliases WHERE actor_id = ? "
        "GROUP BY alias ORDER BY max(confidence) DESC, alias",
        [aid],
    )
    n_st = sum(1 for r in refs if r[2] == "speaker")
    row = _actor_rows([(*head[0], sorted({str(a[0]) for a in aliases}), n_st, len({r[0] for r in refs}))])[0]
    said, stances = _actor_statements(store, _keys(refs, "speaker"), limit)
    about, _ = _actor_statements(store, _keys(refs, "about"), limit)
    event_refs = [(str(r[0]), str(r[1]), str(r[2])) for r in refs if r[2] in _OTHER_SIDE]
    events = _actor_events(store, event_refs, limit)
    detail = ActorDetail(
        actor=row,
        aliases=tuple(
            ActorAlias(alias=str(r[0]), evidence=str(r[1]), confidence=float(r[2]), n=int(r[3])) for r in aliases
        ),
        statements_by=said, statements_about=about, events=events,
        counterparts=_counterparts(
            events, aid, (claim_pairs if claim_pairs is not None else claim_counterparts(store, aid)).get(aid, [])
        ),
    )
    return ActorPage(detail=detail, stances=stances, n_events=len(event_refs))


def _keys(refs: list[tuple[Any, ...]], role: str) -> list[tuple[str, str]]:
    return list(dict.fromkeys((str(r[0]), str(r[1])) for r in refs if r[2] == role))


def _unzip(keys: Sequence[tuple[str, str]]) -> list[list[str]]:
    return [[k[0] for k in keys], [k[1] for k in keys]]


def _actor_statements(
    store: Store, keys: list[tuple[str, str]], limit: int
) -> tuple[tuple[ActorStatement, ...], dict[str, int]]:
    """The first ``limit`` of these statements in publication order, and the stances of all of them.

    The order is taken on the narrow columns of every statement; the wide rows are read for the shown ones.
    """
    if not keys:
        return (), {}
    ordered = _q(store, _STATEMENT_ORDER_SQL, _unzip(keys))
    stances: dict[str, int] = defaultdict(int)
    for r in ordered:
        stances[r[2] or "none"] += 1
    shown = [(str(r[0]), str(r[1])) for r in ordered[:limit]]
    rank = {k: i for i, k in enumerate(shown)}
    rows = sorted(_q(store, _STATEMENT_ROWS_SQL, _unzip(shown)), key=lambda r: rank[(str(r[0]), str(r[3]))])
    out = tuple(
        ActorStatement(
            article_id=str(r[0]), published=_iso(r[1]), outlet=r[2], statement_id=str(r[3]), speaker=str(r[4]),
            stance=r[5], cue=str(r[6]), content=str(r[7]), claim_id=r[8],
        )
        for r in rows
    )
    return out[:limit], dict(sorted(stances.items(), key=lambda kv: (-kv[1], kv[0])))


def _actor_events(store: Store, refs: list[tuple[str, str, str]], limit: int) -> tuple[ActorEvent, ...]:
    """The first ``limit`` events with the actor (a reference each), in publication order, with the other side."""
    if not refs:
        return ()
    keys = list(dict.fromkeys((a, e) for a, e, _ in refs))
    found = {(str(r[0]), str(r[2])): r for r in _q(store, _EVENT_ROWS_SQL, _unzip(keys))}
    mine = sorted(
        ((found[(a, e)], role) for a, e, role in refs if (a, e) in found),
        key=lambda x: (x[0][7] is None, x[0][7] or date.min, x[0][0], x[0][6]),
    )
    sides: dict[tuple[str, str, str], list[tuple[str | None, str | None]]] = defaultdict(list)
    for a, e, role, other, name in _q(store, _EVENT_SIDES_SQL, _unzip(keys)):
        sides[(str(a), str(e), str(role))].append((str(other), name))
    out: list[ActorEvent] = []
    for r, role in mine:
        for other, name in sides.get((str(r[0]), str(r[2]), _OTHER_SIDE[role])) or [(None, None)]:
            out.append(
                ActorEvent(
                    article_id=str(r[0]), published=_iso(r[1]), event_id=str(r[2]), type=str(r[3]),
                    status=str(r[4]), role="source" if role == "event_source" else "target", counterpart=name,
                    counterpart_id=other, evidence=str(r[5]),
                )
            )
        if len(out) >= limit:
            break
    return tuple(out[:limit])


def _counterparts(
    events: Sequence[ActorEvent], aid: str, pairs: Sequence[tuple[str, str, str, str, int]]
) -> tuple[Counterpart, ...]:
    """The other side of the shown events, and who confirms or denies whose claims."""
    counts: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    relations: dict[str, list[str]] = defaultdict(list)
    for ev in events:
        if ev.counterpart_id and ev.counterpart_id != aid:
            counts[ev.counterpart_id] += 1
            names[ev.counterpart_id] = ev.counterpart or ev.counterpart_id
            if ev.type not in relations[ev.counterpart_id]:
                relations[ev.counterpart_id].append(ev.type)
    for other, other_name, mine_role, other_role, n in pairs:
        rel = _RELATION.get((mine_role, other_role))
        if rel is None:
            continue
        counts[other] += n
        names[other] = other_name
        if rel not in relations[other]:
            relations[other].append(rel)
    return tuple(
        Counterpart(actor_id=k, name=names[k], n=counts[k], relations=tuple(relations[k]))
        for k in sorted(counts, key=lambda k: (-counts[k], names[k]))
    )


# -- profiles and duplicates ---------------------------------------------


def profile(store: Store, article_id: str) -> SourcingProfile | None:
    """The sourcing profile of one article, with its claims no other independent source supports."""
    rows = _q(
        store,
        "SELECT p.n_statements, p.n_named, p.n_anonymous, p.attributed_share, p.n_claims, a.title, a.source, "
        "a.published_raw, coalesce(g.group_id, a.article_id) FROM profiles p JOIN articles a USING (article_id) "
        "LEFT JOIN dup_groups g USING (article_id) WHERE p.article_id = ?",
        [article_id],
    )
    if not rows:
        return None
    n_st, n_named, n_anon, share, n_claims, title, outlet, published, group = rows[0]
    # a claim of this article is unconfirmed when no statement outside its duplicate group asserts or confirms it
    unconfirmed = _q(
        store,
        """
        SELECT c.claim_id, c.text, c.status FROM claims c
        WHERE c.claim_id IN (SELECT claim_id FROM claim_members WHERE article_id = ?)
          AND NOT EXISTS (
            SELECT 1 FROM claim_members o LEFT JOIN dup_groups g ON g.article_id = o.article_id
            WHERE o.claim_id = c.claim_id AND o.role IN ('assert', 'confirm') AND NOT o.voice
              AND coalesce(g.group_id, o.article_id) <> ?)
        ORDER BY c.seq
        """,
        [article_id, group],
    )
    return SourcingProfile(
        article_id=article_id, title=title, outlet=outlet, published=_iso(published), n_statements=int(n_st),
        n_named=int(n_named), n_anonymous=int(n_anon), attributed_share=float(share),
        own_voice_share=round(1.0 - float(share), 4), n_claims=int(n_claims),
        unconfirmed_claims=tuple(ClaimRef(claim_id=str(r[0]), text=str(r[1]), status=str(r[2])) for r in unconfirmed),
        duplicate_group=str(group),
    )


def duplicate_groups(store: Store) -> list[DuplicateGroup]:
    """Groups of near-duplicate articles (wire copies, reprints) with two or more members."""
    rows = _q(
        store,
        """
        SELECT g.group_id, g.article_id, a.source, a.published_raw, a.title, g.similarity
        FROM dup_groups g JOIN articles a USING (article_id)
        WHERE g.group_id IN (SELECT group_id FROM dup_groups GROUP BY group_id HAVING count(*) > 1)
        ORDER BY g.group_id, a.published NULLS LAST, a.ingested_at, g.article_id
        """,
    )
    groups: dict[str, list[DuplicateMember]] = defaultdict(list)
    for gid, aid, outlet, published, title, sim in rows:
        groups[str(gid)].append(
            DuplicateMember(article_id=str(aid), outlet=outlet, published=_iso(published), title=title,
                            similarity=float(sim))
        )
    return [
        DuplicateGroup(group_id=g, articles=tuple(m), outlets=tuple(dict.fromkeys(x.outlet or x.article_id for x in m)))
        for g, m in groups.items()
    ]
