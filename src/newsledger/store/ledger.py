"""The ledger: an embedded DuckDB file of records, one transaction per article."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self, TypeVar

import duckdb

from newsledger.errors import StoreError
from newsledger.interrupt import deferred_interrupt
from newsledger.record import EVENT_STATUSES, STANCES, Record
from newsledger.store import migrations, schema
from newsledger.store.codec import Row, build_record, record_rows
from newsledger.store.rows import (
    AppearanceRow,
    ArticleRow,
    EventRow,
    LedgerSummary,
    Sighting,
    StatementRow,
    row_fields,
)

log = logging.getLogger(__name__)

ExportFormat = Literal["jsonl", "csv", "parquet"]
FLAT_TABLES: tuple[str, ...] = ("articles", "entities", "statements", "events")
MEMORY = ":memory:"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_T = TypeVar("_T")

# The flat views every query and csv/parquet export read.  Their columns are
# exactly the fields of the row classes (plus a few extras for export).
_ARTICLES_SQL = """
SELECT a.article_id, a.input_id, a.content_hash, a.title, a.published_raw AS published, a.url, a.source,
       a.origin, a.ingested_at,
       (SELECT count(*) FROM entities e WHERE e.article_id = a.article_id) AS n_entities,
       (SELECT count(*) FROM statements s WHERE s.article_id = a.article_id) AS n_statements,
       (SELECT count(*) FROM events v WHERE v.article_id = a.article_id) AS n_events{extra}
FROM articles a
{where}
ORDER BY a.published NULLS LAST, a.article_id
"""
_STATEMENTS_SQL = """
SELECT s.article_id, a.title AS article_title, a.published_raw AS published, s.statement_id,
       s.speaker_text, s.speaker_name, s.speaker_entity, s.anonymous, s.cue_text AS cue, s.cue_lemma,
       s.content_text AS content, s.kind, s.stance, s.about{extra}
FROM statements s JOIN articles a USING (article_id)
{where}
ORDER BY a.published NULLS LAST, s.article_id, s.ord
"""
_EVENTS_SQL = """
SELECT v.article_id, a.published_raw AS published, v.event_id, v.type, v.mode, v.status,
       v.source_name, v.source_text, v.source_country, v.source_sector,
       v.target_name, v.target_text, v.target_country, v.target_sector,
       v.when_text, v.when_start, v.when_end, v.evidence_text AS evidence, v.reported_by{extra}
FROM events v JOIN articles a USING (article_id)
{where}
ORDER BY a.published NULLS LAST, v.article_id, v.ord
"""
_ENTITIES_SQL = """
SELECT e.article_id, a.published_raw AS published, e.entity_id, e.name, e.type, e.country, e.sector,
       (SELECT count(*) FROM mentions m
         WHERE m.article_id = e.article_id AND m.entity_id = e.entity_id) AS n_mentions
FROM entities e JOIN articles a USING (article_id)
ORDER BY a.published NULLS LAST, e.article_id, e.ord
"""
# The same lists one page at a time: the page's keys are sorted first from the
# narrow key columns, then only its rows are read whole (a deep offset no longer
# sorts every wide row before it).
_ARTICLES_PAGE_SQL = """
WITH page AS (SELECT a.article_id, a.published FROM articles a {where}
              ORDER BY a.published NULLS LAST, a.article_id{page})
SELECT a.article_id, a.input_id, a.content_hash, a.title, a.published_raw AS published, a.url, a.source,
       a.origin, a.ingested_at,
       (SELECT count(*) FROM entities e WHERE e.article_id = a.article_id) AS n_entities,
       (SELECT count(*) FROM statements s WHERE s.article_id = a.article_id) AS n_statements,
       (SELECT count(*) FROM events v WHERE v.article_id = a.article_id) AS n_events
FROM page JOIN articles a USING (article_id)
ORDER BY page.published NULLS LAST, page.article_id
"""
_STATEMENTS_PAGE_SQL = """
WITH page AS (SELECT s.article_id, s.statement_id, s.ord, a.published
              FROM statements s JOIN articles a USING (article_id) {where}
              ORDER BY a.published NULLS LAST, s.article_id, s.ord{page})
SELECT s.article_id, a.title AS article_title, a.published_raw AS published, s.statement_id,
       s.speaker_text, s.speaker_name, s.speaker_entity, s.anonymous, s.cue_text AS cue, s.cue_lemma,
       s.content_text AS content, s.kind, s.stance, s.about
FROM page JOIN statements s USING (article_id, statement_id) JOIN articles a ON a.article_id = s.article_id
ORDER BY page.published NULLS LAST, page.article_id, page.ord
"""
_EVENTS_PAGE_SQL = """
WITH page AS (SELECT v.article_id, v.event_id, v.ord, a.published
              FROM events v JOIN articles a USING (article_id) {where}
              ORDER BY a.published NULLS LAST, v.article_id, v.ord{page})
SELECT v.article_id, a.published_raw AS published, v.event_id, v.type, v.mode, v.status,
       v.source_name, v.source_text, v.source_country, v.source_sector,
       v.target_name, v.target_text, v.target_country, v.target_sector,
       v.when_text, v.when_start, v.when_end, v.evidence_text AS evidence, v.reported_by
FROM page JOIN events v USING (article_id, event_id) JOIN articles a ON a.article_id = v.article_id
ORDER BY page.published NULLS LAST, page.article_id, page.ord
"""
_EXPORT_SQL: dict[str, str] = {
    "articles": _ARTICLES_SQL.format(extra=", a.text", where=""),
    "statements": _STATEMENTS_SQL.format(
        extra=", s.speaker_start, s.speaker_end, s.cue_start, s.cue_end, s.content_spans", where=""
    ),
    "events": _EVENTS_SQL.format(
        extra=", v.contexts, v.source_entity, v.target_entity, v.evidence_start, v.evidence_end", where=""
    ),
    "entities": _ENTITIES_SQL,
}
# Exports type their dates: ``published`` (and an event's ``when_start`` / ``when_end``) as DATE, null when the
# string is not a calendar date, with the string as the record gives it in ``*_raw`` at the end; ``ingested_at``
# is a TIMESTAMP already.  CSV and JSON Lines write a DATE as YYYY-MM-DD, so only Parquet's types change.
_DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("published",), "statements": ("published",), "entities": ("published",),
    "events": ("published", "when_start", "when_end"),
}


def _typed_export(table: str) -> str:
    cols = _DATE_COLUMNS[table]
    replace = ", ".join(f"TRY_CAST({c} AS DATE) AS {c}" for c in cols)
    raw = ", ".join(f"{c} AS {c}_raw" for c in cols)
    return f"SELECT * REPLACE ({replace}), {raw} FROM ({_EXPORT_SQL[table]}) flat"


_INSERT_SQL: dict[str, str] = {t: schema.insert_sql(t) for t in schema.ARTICLE_TABLES}


def _date_arg(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not _DATE.match(value):
        raise StoreError(f"{name}={value!r}: give a date as YYYY-MM-DD")
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise StoreError(f"{name}={value!r} is not a calendar date; give one as YYYY-MM-DD") from None
    return value


def page_clause(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """The LIMIT/OFFSET clause of a paged query and its parameters."""
    if limit is not None and limit < 0:
        raise StoreError(f"limit={limit}: give a number of rows >= 0, or none for all")
    if offset < 0:
        raise StoreError(f"offset={offset}: give a number of rows >= 0")
    sql, params = "", []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    if offset:
        sql += " OFFSET ?"
        params.append(offset)
    return sql, params


def _paged(whole: str, paged: str, where: str, limit: int | None, page: str) -> str:
    """The list query: ``paged`` (keys first) for one page, ``whole`` when every row is asked for."""
    if limit is None:
        return whole.format(extra="", where=where) + page
    return paged.format(where=where, page=page)


def _covers(known: tuple[Any, ...], copy: tuple[Any, ...]) -> bool:
    """Whether ``copy`` tells nothing new about ``known``: every field it has is equal there."""
    return all(c is None or c == k for k, c in zip(known, copy, strict=True))


def _where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def _rows_as(cls: type[_T], cursor: duckdb.DuckDBPyConnection) -> list[_T]:
    names = row_fields(cls)
    out: list[_T] = []
    for r in cursor.fetchall():
        values = dict(zip(names, r, strict=False))
        if "reported_by" in values:
            values["reported_by"] = tuple(values["reported_by"] or ())
        out.append(cls(**values))
    return out


def _columns(rows: list[Row]) -> list[list[Any]]:
    """Transpose rows to one list per column (the bind shape of :func:`schema.insert_sql`)."""
    return [list(col) for col in zip(*rows, strict=True)]


class Ledger:
    """An embedded DuckDB ledger of records.

    ``Ledger(path)`` opens (creating and migrating as needed) the ledger at
    ``path``; ``":memory:"`` gives one that lives only in this process.  One
    ``Ledger`` may be shared between threads: its methods take a lock.

    Article ids are unique in the ledger.  When a record's id is already taken
    by an article of different content, the record is stored as ``id~2``
    (``id~3``, ...) and the rename is logged; :meth:`id_of` tells which id a
    content hash got.  :meth:`get` returns the record under its ledger id.
    """

    def __init__(self, path: str | Path = "newsledger.duckdb", *, read_only: bool = False) -> None:
        self.path = path if str(path) == MEMORY else Path(path)
        self.read_only = read_only
        self._where = str(self.path)
        self._lock = threading.RLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._con = self._connect()
        try:
            self.schema_version: int = migrations.migrate(self._con, self._where, read_only=read_only)
        except BaseException:
            self._con.close()
            self._con = None
            raise
        log.debug("opened ledger %s (schema v%d)", self._where, self.schema_version)

    # -- opening and closing ---------------------------------------------

    def _connect(self) -> duckdb.DuckDBPyConnection:
        where = self._where
        if isinstance(self.path, Path):
            if self.path.is_dir():
                raise StoreError(
                    f"{where}: is a directory; give the path of a ledger file (e.g. {where}/ledger.duckdb)"
                )
            if self.read_only and not self.path.exists():
                raise StoreError(f"{where}: no such ledger; ingest some articles first or check the path")
            if not self.read_only:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(f"{where}: cannot create its folder ({exc}); choose another path") from exc
        try:
            return duckdb.connect(where, read_only=self.read_only)
        except duckdb.Error as exc:
            msg = str(exc)
            low = msg.lower()
            if "not a valid duckdb database" in low or "not a duckdb" in low or "invalid magic" in low:
                raise StoreError(
                    f"{where}: not a DuckDB database file, so not a newsledger ledger; "
                    "pass the path of a ledger (or a new path to create one), or move this file away"
                ) from exc
            if "lock" in low:
                raise StoreError(
                    f"{where}: the ledger is in use by another process ({msg}); "
                    "close it there, or open this one read-only"
                ) from exc
            raise StoreError(f"{where}: cannot open the ledger: {msg}") from exc

    def close(self) -> None:
        """Close the file; further calls raise :class:`StoreError`.  Closing twice is fine."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({self._where!r}, schema_version={self.schema_version})"

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection (for read queries beyond this API)."""
        if self._con is None:
            raise StoreError(f"{self._where}: the ledger is closed; open a new Ledger")
        return self._con

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self.con.execute(sql, list(params)).fetchall()
            except duckdb.Error as exc:
                raise StoreError(f"{self._where}: query failed: {exc}") from exc

    # -- writing ---------------------------------------------------------

    def has(self, content_hash: str) -> bool:
        """Whether an article with this content hash is stored."""
        return bool(self._query("SELECT 1 FROM articles WHERE content_hash = ? LIMIT 1", [content_hash]))

    def id_of(self, content_hash: str) -> str | None:
        """The ledger id of the article with this content hash, if stored."""
        rows = self._query("SELECT article_id FROM articles WHERE content_hash = ?", [content_hash])
        return str(rows[0][0]) if rows else None

    def add(self, record: Record, *, content_hash: str, origin: str | None = None) -> bool:
        """Store one record in one transaction; ``False`` if its content hash is already stored."""
        return self._write([(record, content_hash, origin)])[0]

    def add_many(self, items: Iterable[tuple[Record, str, str | None]], *, batch_size: int = 100) -> int:
        """Store ``(record, content_hash, origin)`` items, ``batch_size`` articles per transaction.

        Faster than :meth:`add` in a loop; each transaction still lands whole
        or not at all.  Returns how many articles were new.  Ctrl-C (in the
        main thread) stops the loop after the current transaction with
        :class:`~newsledger.interrupt.Interrupted` (see :mod:`newsledger.interrupt`).
        """
        if batch_size < 1:
            raise StoreError(f"batch_size={batch_size}: give at least 1")
        added = 0
        batch: list[tuple[Record, str, str | None]] = []
        with deferred_interrupt() as guard:
            for item in items:
                batch.append(item)
                if len(batch) >= batch_size:
                    added += sum(self._write(batch))
                    batch = []
                    guard.check(added)
            if batch:
                added += sum(self._write(batch))
            guard.check(added)
        return added

    def _assign_ids(
        self, con: duckdb.DuckDBPyConnection, items: Sequence[tuple[Record, str, str | None]]
    ) -> list[str | None]:
        """The ledger id of each item, or None for one already stored (or repeated in the batch)."""
        hashes = [h for _, h, _ in items]
        wanted = [r.id for r, _, _ in items]
        stored: set[str] = set()
        taken: set[str] = set()
        if len(items) == 1:  # the common case, in one point query
            found = con.execute(
                "SELECT article_id, content_hash FROM articles WHERE content_hash = ? OR article_id = ?",
                [hashes[0], wanted[0]],
            ).fetchall()
        else:
            found = con.execute(
                "SELECT article_id, content_hash FROM articles "
                "WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) OR article_id IN (SELECT unnest(?::VARCHAR[]))",
                [hashes, wanted],
            ).fetchall()
        for aid, h in found:
            stored.add(str(h))
            taken.add(str(aid))
        out: list[str | None] = []
        seen_hashes: set[str] = set()
        for (record, h, _), rid in zip(items, wanted, strict=True):
            if h in stored or h in seen_hashes:
                out.append(None)
                continue
            seen_hashes.add(h)
            aid = rid
            if aid in taken:
                prefix = f"{rid}~"
                taken.update(
                    str(r[0])
                    for r in con.execute(
                        "SELECT article_id FROM articles WHERE starts_with(article_id, ?)", [prefix]
                    ).fetchall()
                )
                n = 2
                while f"{prefix}{n}" in taken:
                    n += 1
                aid = f"{prefix}{n}"
                log.warning(
                    "%s: article id %r is taken by an article of different content; storing it as %r",
                    self._where,
                    record.id,
                    aid,
                )
            taken.add(aid)
            out.append(aid)
        return out

    def _write(self, items: Sequence[tuple[Record, str, str | None]]) -> list[bool]:
        if self.read_only:
            raise StoreError(f"{self._where}: opened read-only; open the ledger without read_only to add")
        with self._lock:
            con = self.con
            con.begin()
            try:
                ids = self._assign_ids(con, items)
                now = datetime.now(UTC).replace(tzinfo=None)
                tables: dict[str, list[Row]] = {t: [] for t in schema.ARTICLE_TABLES}
                for (record, h, origin), aid in zip(items, ids, strict=True):
                    if aid is None:
                        continue
                    for table, rows in record_rows(
                        record, article_id=aid, content_hash=h, origin=origin, ingested_at=now
                    ).items():
                        tables[table].extend(rows)
                for table in schema.ARTICLE_TABLES:
                    if tables[table]:
                        self._insert(con, table, tables[table])
                con.commit()
            except BaseException as exc:
                try:
                    con.rollback()
                except duckdb.Error as rb_exc:  # pragma: no cover - the connection itself failed
                    log.error("%s: rollback failed: %s", self._where, rb_exc)
                if isinstance(exc, duckdb.Error):
                    first = items[0][0].id if items else "?"
                    raise StoreError(
                        f"{self._where}: could not store article {first!r}"
                        f"{f' (batch of {len(items)})' if len(items) > 1 else ''}; nothing of it was "
                        f"written: {exc}"
                    ) from exc
                raise
        return [aid is not None for aid in ids]

    def add_appearance(
        self,
        content_hash: str,
        *,
        input_id: str,
        source: str | None,
        url: str | None,
        published: str | None,
        origin: str | None,
    ) -> Sighting | None:
        """Record that the text stored under ``content_hash`` appeared again with this metadata.

        A copy whose outlet, URL and date equal the stored article's (or an appearance already
        recorded) adds nothing; a field the copy lacks (no outlet, undated) matches any value.
        Returns None when no article has this content hash.
        """
        if self.read_only:
            raise StoreError(f"{self._where}: opened read-only; open the ledger without read_only to add")
        with self._lock:
            con = self.con
            try:
                con.begin()
                try:
                    stored = con.execute(
                        "SELECT article_id, source, url, published_raw FROM articles WHERE content_hash = ?",
                        [content_hash],
                    ).fetchone()
                    if stored is None:
                        con.rollback()
                        return None
                    aid = str(stored[0])
                    copy = (source, url, published)
                    seen = _covers(tuple(stored[1:]), copy) or bool(
                        con.execute(
                            "SELECT 1 FROM appearances WHERE article_id = ? AND (? IS NULL OR source = ?) "
                            "AND (? IS NULL OR url = ?) AND (? IS NULL OR published_raw = ?)",
                            [aid, source, source, url, url, published, published],
                        ).fetchall()
                    )
                    if not seen:
                        con.execute(
                            "INSERT INTO appearances SELECT ?, ?, ?, ?, TRY_CAST(? AS DATE), ?, ?, ?",
                            [aid, input_id, source, url, published, published, origin,
                             datetime.now(UTC).replace(tzinfo=None)],
                        )
                    con.commit()
                except BaseException:
                    con.rollback()
                    raise
            except duckdb.Error as exc:
                raise StoreError(f"{self._where}: could not record an appearance of {input_id!r}: {exc}") from exc
        return Sighting(aid, not seen, stored[1], stored[2], stored[3])

    def appearances(self, article_id: str) -> list[AppearanceRow]:
        """Where the article's text appeared: its own metadata first, then every later copy, by date."""
        return self._rows(
            AppearanceRow,
            "SELECT article_id, input_id, source, url, published_raw, origin, ingested_at, true, 0 AS k, "
            "NULL::DATE AS d FROM articles WHERE article_id = ? UNION ALL "
            "SELECT article_id, input_id, source, url, published_raw, origin, seen_at, false, 1, published "
            "FROM appearances WHERE article_id = ? ORDER BY k, d NULLS LAST, 7",
            [article_id, article_id],
        )

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
        con.execute(_INSERT_SQL[table], _columns(rows))

    # -- reading ---------------------------------------------------------

    def get(self, article_id: str) -> Record | None:
        """The full record stored under ``article_id``, or None."""
        with self._lock:
            con = self.con
            try:
                art = self._fetch_dicts(con, "SELECT * FROM articles WHERE article_id = ?", article_id)
                if not art:
                    return None
                parts = [
                    self._fetch_dicts(con, f"SELECT * FROM {t} WHERE article_id = ? ORDER BY {order}", article_id)
                    for t, order in (
                        ("entities", "ord"),
                        ("mentions", "entity_id, ord"),
                        ("statements", "ord"),
                        ("events", "ord"),
                    )
                ]
            except duckdb.Error as exc:
                raise StoreError(f"{self._where}: could not read article {article_id!r}: {exc}") from exc
        return build_record(art[0], *parts)

    @staticmethod
    def _fetch_dicts(con: duckdb.DuckDBPyConnection, sql: str, article_id: str) -> list[dict[str, Any]]:
        cur = con.execute(sql, [article_id])
        names = [d[0] for d in cur.description or ()]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def ids(self) -> list[str]:
        """Every article id, in the order of :meth:`articles`."""
        return [
            str(r[0]) for r in self._query("SELECT article_id FROM articles ORDER BY published NULLS LAST, article_id")
        ]

    def articles(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleRow]:
        """Stored articles, oldest first (undated last).

        ``since``/``until``: inclusive ``YYYY-MM-DD`` bounds on ``published``
        (undated articles are left out when either is given); ``source``:
        case-insensitive substring of the outlet name.
        """
        clauses, params = self._date_clauses(since, until)
        if source is not None:
            clauses.append("contains(lower(a.source), lower(?))")
            params.append(source)
        page, page_params = page_clause(limit, offset)
        sql = _paged(_ARTICLES_SQL, _ARTICLES_PAGE_SQL, _where(clauses), limit, page)
        return self._rows(ArticleRow, sql, params + page_params)

    def statements(
        self,
        *,
        speaker: str | None = None,
        stance: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StatementRow]:
        """Statements in article order.

        ``speaker``: case-insensitive substring of the speaker's name or text;
        ``stance``: one of the record's stances, or ``"none"`` for statements
        without one; ``article``: an article id.
        """
        clauses, params = self._date_clauses(since, until)
        if speaker is not None:
            clauses.append("(contains(lower(s.speaker_name), lower(?)) OR contains(lower(s.speaker_text), lower(?)))")
            params += [speaker, speaker]
        if stance is not None:
            if stance == "none":
                clauses.append("s.stance IS NULL")
            elif stance in STANCES:
                clauses.append("s.stance = ?")
                params.append(stance)
            else:
                raise StoreError(f"stance={stance!r}: choose one of {', '.join(STANCES)}, none")
        if article is not None:
            clauses.append("s.article_id = ?")
            params.append(article)
        page, page_params = page_clause(limit, offset)
        sql = _paged(_STATEMENTS_SQL, _STATEMENTS_PAGE_SQL, _where(clauses), limit, page)
        return self._rows(StatementRow, sql, params + page_params)

    def events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EventRow]:
        """Events in article order.

        ``actor``: case-insensitive substring of the source's or target's text
        or entity name; ``type``: PLOVER type, case-insensitive exact;
        ``status``: one of the record's event statuses; ``article``: an id.
        """
        clauses, params = self._date_clauses(since, until)
        if actor is not None:
            clauses.append(
                "("
                + " OR ".join(
                    f"contains(lower(v.{c}), lower(?))"
                    for c in ("source_text", "source_name", "target_text", "target_name")
                )
                + ")"
            )
            params += [actor] * 4
        if type is not None:
            clauses.append("upper(v.type) = upper(?)")
            params.append(type)
        if status is not None:
            if status not in EVENT_STATUSES:
                raise StoreError(f"status={status!r}: choose one of {', '.join(EVENT_STATUSES)}")
            clauses.append("v.status = ?")
            params.append(status)
        if article is not None:
            clauses.append("v.article_id = ?")
            params.append(article)
        page, page_params = page_clause(limit, offset)
        sql = _paged(_EVENTS_SQL, _EVENTS_PAGE_SQL, _where(clauses), limit, page)
        return self._rows(EventRow, sql, params + page_params)

    @staticmethod
    def _date_clauses(since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if _date_arg("since", since) is not None:
            clauses.append("a.published >= CAST(? AS DATE)")
            params.append(since)
        if _date_arg("until", until) is not None:
            clauses.append("a.published <= CAST(? AS DATE)")
            params.append(until)
        return clauses, params

    def _rows(self, cls: type[_T], sql: str, params: list[Any]) -> list[_T]:
        with self._lock:
            try:
                return _rows_as(cls, self.con.execute(sql, params))
            except duckdb.Error as exc:
                raise StoreError(f"{self._where}: query failed: {exc}") from exc

    # -- totals ----------------------------------------------------------

    def tables(self) -> list[str]:
        """The ledger's data tables (every table but ``schema_version``), by name."""
        rows = self._query(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' AND table_name <> 'schema_version' "
            "ORDER BY table_name"
        )
        return [str(r[0]) for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows per data table (later migrations' tables included)."""
        names = self.tables()
        if not names:
            return {}
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in names)
        return {str(t): int(n) for t, n in self._query(sql)}

    def summary(self, *, top: int = 10) -> LedgerSummary:
        """Totals, the ``top`` named speakers, statements by stance, events by type and status."""
        n_art, first, last = self._query(
            "SELECT count(*), strftime(min(published), '%Y-%m-%d'), strftime(max(published), '%Y-%m-%d') FROM articles"
        )[0]
        (n_st,) = self._query("SELECT count(*) FROM statements")[0]
        (n_ev,) = self._query("SELECT count(*) FROM events")[0]
        (n_ent,) = self._query("SELECT count(*) FROM entities")[0]
        speakers = self._query(
            "SELECT coalesce(speaker_name, speaker_text) AS who, count(*) AS n FROM statements "
            "WHERE NOT anonymous AND coalesce(speaker_name, speaker_text) IS NOT NULL "
            "GROUP BY who ORDER BY n DESC, who LIMIT ?",
            [top],
        )
        stances = self._query(
            "SELECT coalesce(stance, 'none') AS k, count(*) AS n FROM statements GROUP BY k ORDER BY n DESC, k"
        )
        types = self._query("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type")
        statuses = self._query("SELECT status, count(*) AS n FROM events GROUP BY status ORDER BY n DESC, status")
        return LedgerSummary(
            articles=int(n_art),
            statements=int(n_st),
            events=int(n_ev),
            entities=int(n_ent),
            first_published=first,
            last_published=last,
            top_speakers=tuple((str(w), int(n)) for w, n in speakers),
            stances={str(k): int(n) for k, n in stances},
            event_types={str(k): int(n) for k, n in types},
            event_statuses={str(k): int(n) for k, n in statuses},
        )

    # -- export ----------------------------------------------------------

    def export(self, fmt: ExportFormat, out: Path, *, table: str = "records") -> int:
        """Write the ledger to ``out``; return the number of rows (records) written.

        ``table="records"`` (jsonl only): one full record per line, as
        ``newsledger extract`` prints them.  ``table`` in articles, entities,
        statements, events: that flat table, in csv, parquet or jsonl, written
        by DuckDB's ``COPY``; dates are DATE columns (``published``, and an
        event's ``when_start`` / ``when_end``: null when not a calendar date,
        the record's string in ``published_raw``, ``when_start_raw``, ...),
        ``ingested_at`` a TIMESTAMP.
        """
        out = Path(out)
        if fmt not in ("jsonl", "csv", "parquet"):
            raise StoreError(f"format {fmt!r}: choose jsonl, csv or parquet")
        if table == "records":
            if fmt != "jsonl":
                raise StoreError(
                    f"records are nested, so they export only as jsonl; for {fmt} choose a flat table: "
                    f"{', '.join(FLAT_TABLES)}"
                )
            return self._export_records(out)
        if table not in FLAT_TABLES:
            raise StoreError(f"table {table!r}: choose records or one of {', '.join(FLAT_TABLES)}")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{out}: cannot create its folder ({exc}); choose another path") from exc
        options = {"csv": "FORMAT csv, HEADER true", "parquet": "FORMAT parquet", "jsonl": "FORMAT json"}[fmt]
        target = str(out).replace("'", "''")
        sql = f"COPY ({_typed_export(table)}) TO '{target}' ({options})"
        with self._lock:
            try:
                row = self.con.execute(sql).fetchone()
            except duckdb.Error as exc:
                raise StoreError(f"{out}: export of {table} as {fmt} failed: {exc}") from exc
        n = int(row[0]) if row else 0
        log.info("exported %d %s rows to %s", n, table, out)
        return n

    def _export_records(self, out: Path) -> int:
        n = 0
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            with out.open("w", encoding="utf-8", newline="\n") as fh:
                for aid in self.ids():
                    record = self.get(aid)
                    if record is None:  # pragma: no cover - deleted meanwhile
                        continue
                    fh.write(record.to_json())
                    fh.write("\n")
                    n += 1
        except OSError as exc:
            raise StoreError(f"{out}: cannot write the export ({exc}); choose another path") from exc
        log.info("exported %d records to %s", n, out)
        return n
