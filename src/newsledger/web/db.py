"""The web app's hold on the ledger: one DuckDB connection, and a read cursor per thread.

DuckDB lets one process write a file.  The app opens the ledger once,
read-only unless writes are allowed.  Reads run on a cursor of that connection
per worker thread (``con.cursor()``: a connection of its own to the same
database), so requests read in parallel; each sees the ledger as committed (the
store writes one transaction per article).  Writes (the app's own ingests) run
on the main connection, one at a time, under :attr:`Db.write_lock`.
The queries here beyond the store's API are all bounded by ``LIMIT`` or are
aggregates, so no request reads the whole corpus into Python.

Answers that aggregate the whole ledger (the overview, the actor list) are
kept by :meth:`Db.cached` until the ledger changes.  While the app holds the
file no other process can write it (DuckDB locks a file against writers while
it is open), so the only changes are the app's own ingests, which call
:meth:`Db.changed`.  An answer is kept under the generation it was computed
in, so one computed while an ingest ran is not served after it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, cast

import duckdb

from newsledger.errors import StoreError
from newsledger.ledger import Ledger
from newsledger.store.ledger import page_clause

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

CACHE_SIZE = 256  # cached answers kept at once (the oldest goes first)
SEARCH_WINDOW = 4  # a search looks at this many times the hits asked for of the newest articles first
NEWEST_FIRST = "ORDER BY published DESC NULLS LAST, article_id"  # the order of search hits

STATEMENT_COLUMNS = (
    "s.article_id, a.title AS article_title, a.published_raw AS published, s.statement_id, s.speaker_text, "
    "s.speaker_name, s.speaker_entity, s.anonymous, s.cue_text AS cue, s.cue_lemma, s.content_text AS content, "
    "s.kind, s.stance, s.about"
)
STATEMENT_FIELDS = (
    "article_id", "article_title", "published", "statement_id", "speaker_text", "speaker_name", "speaker_entity",
    "anonymous", "cue", "cue_lemma", "content", "kind", "stance", "about",
)
def ilike(column: str, q: str) -> str:
    """``column ILIKE ?``, with an ``ESCAPE`` clause only when ``q`` needs one (it makes DuckDB's scan ~4x slower)."""
    return f"{column} ILIKE ?" + (" ESCAPE '\\'" if any(c in q for c in "%_\\") else "")


def like_pattern(q: str) -> str:
    """``%q%`` for ``ILIKE ... ESCAPE '\\'``, with ``%``, ``_`` and ``\\`` in ``q`` taken literally."""
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class TextHit:
    article_id: str
    title: str | None
    published: str | None
    text: str


class Db:
    """The ledger opened once for the app's lifetime: reads on per-thread cursors, writes under :attr:`write_lock`."""

    def __init__(self, path: str | Path, *, writable: bool = False) -> None:
        self.path = Path(path)
        self.writable = writable
        self.ledger = Ledger(self.path, read_only=not writable)
        self.write_lock = threading.RLock()  # one write at a time, on the main connection
        self._lock = threading.Lock()  # guards the cache, the generation and the list of views
        self.generation = 0  # bumped by every write through the app
        self._cache: dict[Hashable, tuple[int, Any]] = {}
        self._local = threading.local()
        self._views: list[Ledger] = []
        self._closed = False

    # -- readers ----------------------------------------------------------

    def reader(self) -> Ledger:
        """This thread's view of the ledger: the store's API over a cursor of its own (made on first use)."""
        view: Ledger | None = getattr(self._local, "view", None)
        if view is None:
            view = self._new_view()
            self._local.view = view
        return view

    def _new_view(self) -> Ledger:
        with self._lock:
            if self._closed:
                raise StoreError(f"{self.path}: the app has closed the ledger")
            cursor = self.ledger.con.cursor()
            view = object.__new__(type(self.ledger))
            view.__dict__.update(self.ledger.__dict__)
            view.__dict__.update(_con=cursor, _lock=threading.RLock(), auto_link=False)
            self._views.append(view)
            return view

    def changed(self) -> None:
        """Forget every cached answer: the ledger was written."""
        with self._lock:
            self.generation += 1
            self._cache.clear()

    def cached(self, key: Hashable, compute: Callable[[], R]) -> R:
        """``compute()``, kept under ``key`` until :meth:`changed`; at most :data:`CACHE_SIZE` keys.

        ``compute`` runs outside the lock (two threads may compute the same answer at once; both are right).
        """
        with self._lock:
            generation = self.generation
            hit = self._cache.get(key)
            if hit is not None and hit[0] == generation:
                return cast(R, hit[1])
        value = compute()
        with self._lock:
            if self.generation == generation:  # else the ledger changed meanwhile: do not keep it
                if key not in self._cache and len(self._cache) >= CACHE_SIZE:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[key] = (generation, value)
        return value

    def close(self) -> None:
        with self.write_lock, self._lock:
            self._closed = True
            for view in self._views:
                view.close()
            self._views.clear()
            self.ledger.close()

    def call(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run ``fn`` (a method of :attr:`ledger`, or a link function given :attr:`ledger`) on this thread's reader."""
        view = self.reader()
        owner = getattr(fn, "__self__", None)
        if owner is self.ledger:
            return cast(Callable[..., R], getattr(view, fn.__name__))(*args, **kwargs)
        swapped = tuple(view if a is self.ledger else a for a in args)
        return cast(Callable[..., R], fn)(*swapped, **kwargs)

    def write(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run ``fn`` (a write through :attr:`ledger`) alone on the main connection, then forget the cache."""
        with self.write_lock:
            try:
                return fn(*args, **kwargs)
            finally:
                self.changed()

    def sql(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.reader().con.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc

    def dicts(self, sql: str, params: Sequence[Any], names: Sequence[str]) -> list[dict[str, Any]]:
        return [dict(zip(names, row, strict=True)) for row in self.sql(sql, params)]

    # -- lookups --------------------------------------------------------

    def table_names(self) -> set[str]:
        rows = self.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")
        return {str(r[0]) for r in rows}

    def article_source(self, article_id: str) -> tuple[str | None, str | None] | None:
        rows = self.sql("SELECT source, published_raw FROM articles WHERE article_id = ?", [article_id])
        return (rows[0][0], rows[0][1]) if rows else None

    # -- search ---------------------------------------------------------

    def newest_articles(self, n: int) -> list[str]:
        """The ids of the ``n`` newest articles, in the order searches list their hits."""
        return [str(r[0]) for r in self.sql(f"SELECT article_id FROM articles {NEWEST_FIRST} LIMIT ?", [n])]

    def search_articles(self, q: str, limit: int, *, window: bool = True) -> list[TextHit]:
        """Articles whose title or text contains ``q`` (case-insensitive), newest first.

        With ``window``, the :data:`SEARCH_WINDOW` x ``limit`` newest articles are
        searched first: when they hold ``limit`` hits, those are the answer (the
        window is a prefix of the order of the hits); else the whole text is scanned.
        """
        return self.search_articles_windowed(q, limit, window=window)[0]

    def search_articles_windowed(self, q: str, limit: int, *, window: bool = True) -> tuple[list[TextHit], bool]:
        """:meth:`search_articles`, and whether the newest articles alone answered."""
        if window:
            ids = self.newest_articles(limit * SEARCH_WINDOW)
            hits = self._article_hits(q, limit, ids)
            if len(hits) >= limit:
                return hits, True
        return self._article_hits(q, limit, None), False

    def _article_hits(self, q: str, limit: int, ids: list[str] | None) -> list[TextHit]:
        pat = like_pattern(q)
        if ids is not None:  # a literal list: DuckDB reads only these rows' text
            rows = self.sql(
                f"WITH w AS MATERIALIZED (SELECT article_id, title, published_raw, published, text FROM articles"
                f" WHERE article_id IN ({', '.join('?' * len(ids))}))"
                f" SELECT article_id, title, published_raw, text FROM w WHERE {ilike('title', q)} OR {ilike('text', q)}"
                f" {NEWEST_FIRST} LIMIT ?",
                [*ids, pat, pat, limit],
            )
        else:  # rank on the narrow columns first, then read the text of the few hits only (by their ids)
            match = f"{ilike('title', q)} OR {ilike('text', q)}"
            found = self.sql(f"SELECT article_id FROM articles WHERE {match} {NEWEST_FIRST} LIMIT ?", [pat, pat, limit])
            return self._article_hits(q, limit, [str(r[0]) for r in found]) if found else []
        return [TextHit(str(r[0]), r[1], r[2], str(r[3])) for r in rows]

    def search_statements(self, q: str, limit: int, *, window: bool = True) -> list[dict[str, Any]]:
        """Statements whose content or speaker contains ``q``, newest first (``window``: as for articles)."""
        if window:
            ids = self.newest_articles(limit * SEARCH_WINDOW)
            hits = self._statement_hits(q, limit, ids)
            if len(hits) >= limit:
                return hits
        return self._statement_hits(q, limit, None)

    def _statement_hits(self, q: str, limit: int, ids: list[str] | None) -> list[dict[str, Any]]:
        pat = like_pattern(q)
        match = f"{ilike('s.content_text', q)} OR {ilike('s.speaker_name', q)}"
        order = " ORDER BY a.published DESC NULLS LAST, s.article_id, s.ord LIMIT ?"
        if ids is not None:
            among = ", ".join("?" * len(ids))
            return self.dicts(
                f"WITH s AS MATERIALIZED (SELECT * FROM statements WHERE article_id IN ({among})),"
                f" a AS MATERIALIZED (SELECT article_id, title, published_raw, published FROM articles"
                f" WHERE article_id IN ({among}))"
                f" SELECT {STATEMENT_COLUMNS} FROM s JOIN a USING (article_id) WHERE {match}{order}",
                [*ids, *ids, pat, pat, limit],
                STATEMENT_FIELDS,
            )
        # the filter keeps few rows, so they are read whole in the one scan (no join back to the wide table)
        return self.dicts(
            f"SELECT {STATEMENT_COLUMNS} FROM statements s JOIN articles a USING (article_id) WHERE {match}{order}",
            [pat, pat, limit],
            STATEMENT_FIELDS,
        )

    def search_claims(self, q: str, limit: int) -> list[tuple[str, str, str, str, str | None]] | None:
        """(claim_id, text, status, first_article, first_published) of claims whose text contains ``q``,
        or one of whose statements has a speaker whose name contains ``q`` (whichever side the speaker takes).

        Reads the link layer's ``claims`` and ``claim_members`` tables directly; None when there are none.
        """
        if "claims" not in self.cached(("tables",), self.table_names):
            return None
        pat = like_pattern(q)
        rows = self.sql(
            "SELECT claim_id, text, status, first_article, strftime(first_published, '%Y-%m-%d') FROM claims "
            f"WHERE {ilike('text', q)} OR claim_id IN (SELECT claim_id FROM claim_members"
            f" WHERE NOT anonymous AND {ilike('speaker', q)}) ORDER BY n_members DESC, seq LIMIT ?",
            [pat, pat, limit],
        )
        return [(str(a), str(b), str(c), str(d), e) for a, b, c, d, e in rows]

    # -- overview -------------------------------------------------------

    def date_range(self) -> tuple[date | None, date | None]:
        row = self.sql("SELECT min(published), max(published) FROM articles")[0]
        return row[0], row[1]

    def event_buckets(self, key: str, granularity: str) -> list[tuple[str, str, int]]:
        """Events per (period, ``key``) where key is ``type`` or ``status``; undated articles left out."""
        if key not in ("type", "status"):
            raise ValueError(key)
        fmt = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m"}[granularity]
        rows = self.sql(
            f"SELECT strftime(date_trunc('{granularity}', a.published), '{fmt}') AS period, v.{key} AS k, "
            "count(*) AS n FROM events v JOIN articles a USING (article_id) "
            "WHERE a.published IS NOT NULL GROUP BY ALL ORDER BY period, n DESC, k"
        )
        return [(str(p), str(k), int(n)) for p, k, n in rows]

    # -- actors without the cross-article layer ---------------------------

    def actor_names(self, name: str | None, limit: int | None, offset: int) -> list[tuple[str, int, int, int]]:
        """(name, statements, events, articles) of every named speaker or event actor (all when ``limit`` is None)."""
        where, params = "", []
        if name:
            where = "WHERE contains(lower(name), lower(?))"
            params.append(name)
        page, page_params = page_clause(limit, offset)
        rows = self.sql(
            "WITH names AS ("
            " SELECT speaker_name AS name, article_id, 1 AS st, 0 AS ev FROM statements"
            "  WHERE speaker_name IS NOT NULL AND NOT anonymous"
            " UNION ALL SELECT source_name, article_id, 0, 1 FROM events WHERE source_name IS NOT NULL"
            " UNION ALL SELECT target_name, article_id, 0, 1 FROM events WHERE target_name IS NOT NULL)"
            f" SELECT name, sum(st), sum(ev), count(DISTINCT article_id) FROM names {where}"
            " GROUP BY name ORDER BY sum(st) + sum(ev) DESC, name" + page,
            [*params, *page_params],
        )
        return [(str(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in rows]

    def actor_event_counts(self, actor_ids: Sequence[str]) -> dict[str, int]:
        """Events (with the actor as source or target, each event once) of these link-layer actors."""
        if not actor_ids:
            return {}
        rows = self.sql(
            "SELECT actor_id, count(DISTINCT (article_id, ref_id)) FROM actor_refs"
            " WHERE role IN ('event_source', 'event_target') AND actor_id IN (SELECT unnest(?::VARCHAR[]))"
            " GROUP BY actor_id",
            [list(actor_ids)],
        )
        return {str(a): int(n) for a, n in rows}

    def exact_actor_ids(self, name_or_id: str) -> list[str]:
        """Link-layer actors of this id, else of this name or alias, all compared whole and case-insensitively."""
        rows = self.sql("SELECT actor_id FROM actors WHERE actor_id = ?", [name_or_id])
        if rows:
            return [str(rows[0][0])]
        rows = self.sql(
            "SELECT actor_id FROM actors WHERE lower(name) = lower(?)"
            " UNION SELECT actor_id FROM actor_aliases WHERE lower(alias) = lower(?) ORDER BY actor_id",
            [name_or_id, name_or_id],
        )
        return [str(r[0]) for r in rows]

    def actor_ids_by_key(self, keys: Sequence[str]) -> list[str]:
        """Link-layer actors with an alias of one of these normalised keys (a whole key, never a part)."""
        if not keys:
            return []
        rows = self.sql(
            "SELECT DISTINCT actor_id FROM actor_aliases WHERE alias_key IN (SELECT unnest(?::VARCHAR[]))"
            " ORDER BY actor_id",
            [list(keys)],
        )
        return [str(r[0]) for r in rows]

    def actor_statements(self, name: str, limit: int) -> list[dict[str, Any]]:
        """Statements by the speaker of this canonical name, in the shape of an actor's statement."""
        return self.dicts(
            "SELECT s.article_id, a.published_raw, a.source, s.statement_id, coalesce(s.speaker_text, s.speaker_name),"
            " s.stance, s.cue_text, s.content_text FROM statements s JOIN articles a USING (article_id)"
            " WHERE s.speaker_name = ? ORDER BY a.published NULLS LAST, s.article_id, s.ord LIMIT ?",
            [name, limit],
            ("article_id", "published", "outlet", "statement_id", "speaker", "stance", "cue", "content"),
        )

    def actor_events(self, name: str, limit: int) -> list[dict[str, Any]]:
        """Events with this canonical name as source or target, in the shape of an actor's event."""
        return self.dicts(
            "SELECT v.article_id, a.published_raw, v.event_id, v.type, v.status,"
            " CASE WHEN v.source_name = ? THEN 'source' ELSE 'target' END AS role,"
            " CASE WHEN v.source_name = ? THEN coalesce(v.target_name, v.target_text)"
            "      ELSE coalesce(v.source_name, v.source_text) END AS counterpart,"
            " v.evidence_text FROM events v JOIN articles a USING (article_id)"
            " WHERE v.source_name = ? OR v.target_name = ? ORDER BY a.published NULLS LAST, v.article_id, v.ord"
            " LIMIT ?",
            [name, name, name, name, limit],
            ("article_id", "published", "event_id", "type", "status", "role", "counterpart", "evidence"),
        )

    def actor_stances(self, name: str) -> dict[str, int]:
        rows = self.sql(
            "SELECT coalesce(stance, 'none') AS k, count(*) AS n FROM statements WHERE speaker_name = ? "
            "GROUP BY k ORDER BY n DESC, k",
            [name],
        )
        return {str(k): int(n) for k, n in rows}

    def actor_counts(self, name: str) -> tuple[int, int, int]:
        """(statements, events, articles) of this canonical name."""
        row = self.sql(
            "SELECT (SELECT count(*) FROM statements WHERE speaker_name = ?),"
            " (SELECT count(*) FROM events WHERE source_name = ? OR target_name = ?),"
            " (SELECT count(DISTINCT article_id) FROM (SELECT article_id FROM statements WHERE speaker_name = ?"
            "  UNION ALL SELECT article_id FROM events WHERE source_name = ? OR target_name = ?))",
            [name] * 6,
        )[0]
        return int(row[0]), int(row[1]), int(row[2])

    def actor_counterparts(self, name: str, limit: int) -> list[tuple[str, str, int]]:
        """(counterpart, relation, count): the other side of the actor's events, and who answered whom."""
        rows = self.sql(
            "WITH pairs AS ("
            " SELECT coalesce(target_name, target_text) AS other, type AS rel FROM events"
            "  WHERE source_name = ? AND coalesce(target_name, target_text) IS NOT NULL"
            " UNION ALL SELECT coalesce(source_name, source_text), type FROM events"
            "  WHERE target_name = ? AND coalesce(source_name, source_text) IS NOT NULL"
            " UNION ALL SELECT o.speaker_name, coalesce(o.stance, 'answered') || 's them' FROM statements s"
            "  JOIN statements o ON o.article_id = s.article_id AND o.about = s.statement_id"
            "  WHERE s.speaker_name = ? AND o.speaker_name IS NOT NULL"
            " UNION ALL SELECT o.speaker_name, coalesce(s.stance, 'answered') FROM statements s"
            "  JOIN statements o ON o.article_id = s.article_id AND s.about = o.statement_id"
            "  WHERE s.speaker_name = ? AND o.speaker_name IS NOT NULL)"
            " SELECT other, rel, count(*) AS n FROM pairs WHERE other <> ? GROUP BY ALL"
            " ORDER BY n DESC, other, rel LIMIT ?",
            [name, name, name, name, name, limit],
        )
        return [(str(o), str(r), int(n)) for o, r, n in rows]
