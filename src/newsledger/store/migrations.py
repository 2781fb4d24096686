"""Schema migrations of the ledger: one ordered list, one version per entry.

``MIGRATIONS[i]`` brings a ledger from schema version ``i`` to ``i + 1``;
version 1 creates the tables of :mod:`newsledger.store.schema`.  To change the
schema, append a :class:`Migration` (never edit a released one)::

    def _v2_claims(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE claims (...)")

    MIGRATIONS.append(Migration(2, "claims table", _v2_claims))

The ``schema_version`` table holds one row per applied migration; the file's
version is its largest ``version``.  Opening a file applies the pending
migrations in one transaction: either all of them land or none does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from newsledger.errors import StoreError
from newsledger.store import schema

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    """One step of the schema: ``apply`` moves a ledger to ``version``."""

    version: int
    description: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


def _v1_create(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in schema.V1_TABLES:
        con.execute(ddl)
    for ddl in schema.V1_INDEXES:
        con.execute(ddl)


def _v2_link(con: duckdb.DuckDBPyConnection) -> None:
    from newsledger.link import schema as link_schema  # the link layer owns these tables

    link_schema.create(con)


def _v3_member_parts(con: duckdb.DuckDBPyConnection) -> None:
    from newsledger.link import schema as link_schema

    link_schema.add_member_parts(con)


def _v4_appearances(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(schema.APPEARANCES_TABLE)
    con.execute(schema.APPEARANCES_INDEX)


def _v5_claim_vectors(con: duckdb.DuckDBPyConnection) -> None:
    from newsledger.link import schema as link_schema

    link_schema.add_member_stance_and_vectors(con)


MIGRATIONS: list[Migration] = [
    Migration(1, "articles, entities, mentions, statements, events", _v1_create),
    Migration(2, "link: actors, duplicate groups, claims, sourcing profiles", _v2_link),
    Migration(3, "link: claim members per proposition (part)", _v3_member_parts),
    Migration(4, "appearances: the same text again, from another outlet, URL or date", _v4_appearances),
    Migration(5, "link: member stance and own voice, claim vectors, claim merges", _v5_claim_vectors),
]


def latest_version() -> int:
    """The schema version this newsledger writes: the number of migrations."""
    return len(MIGRATIONS)


def _table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()
    return {str(r[0]) for r in rows}


def current_version(con: duckdb.DuckDBPyConnection, where: str) -> int:
    """The file's schema version; 0 for an empty database.

    Raises :class:`StoreError` when the database holds tables but no
    ``schema_version``: it is some other program's DuckDB file.
    """
    tables = _table_names(con)
    if "schema_version" not in tables:
        if tables:
            raise StoreError(
                f"{where}: this DuckDB file is not a newsledger ledger (it has tables "
                f"{', '.join(sorted(tables)[:5])} but no schema_version); "
                "pass the path of a ledger, or a new path to create one"
            )
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _check_list() -> None:
    for i, m in enumerate(MIGRATIONS, start=1):
        if m.version != i:
            raise StoreError(
                f"newsledger migrations are out of order: entry {i} is version {m.version}; "
                "each migration must be the next version"
            )


def migrate(con: duckdb.DuckDBPyConnection, where: str, *, read_only: bool = False) -> int:
    """Bring the ledger up to :func:`latest_version`; return the version it is at.

    The pending migrations run in one transaction; any error rolls all of them
    back and raises :class:`StoreError`.
    """
    _check_list()
    have = current_version(con, where)
    want = latest_version()
    if have > want:
        raise StoreError(
            f"{where}: created by a newer newsledger (schema v{have}; this newsledger "
            f"reads up to v{want}); upgrade newsledger"
        )
    if have == want:
        return have
    if read_only:
        if have == 0:
            raise StoreError(f"{where}: not a newsledger ledger yet (empty); open it writable to create one")
        raise StoreError(
            f"{where}: schema v{have} needs upgrading to v{want}; open it once without read-only to migrate"
        )
    pending = MIGRATIONS[have:]
    con.begin()
    try:
        if have == 0:
            con.execute(
                "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                "description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
            )
        for m in pending:
            log.info("%s: migrating schema to v%d (%s)", where, m.version, m.description)
            m.apply(con)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)",
                [m.version, m.description, datetime.now(UTC).replace(tzinfo=None)],
            )
        con.commit()
    except BaseException as exc:
        con.rollback()
        if isinstance(exc, Exception) and not isinstance(exc, StoreError):
            raise StoreError(
                f"{where}: schema migration from v{have} to v{want} failed and was rolled back: {exc}"
            ) from exc
        raise
    return want
