"""The ledger's tables, as schema version 1 creates them.

Every span of the record is stored as two integer columns (``*_start``,
``*_end``, both NULL when the record has no span); every list of the record
keeps its order through an ``ord`` column.  ``published`` is a ``DATE`` for
range queries, and ``published_raw`` keeps the record's string verbatim, so
that :meth:`Ledger.get` rebuilds exactly what was added.

Later tables (claims, actors, duplicate groups, sourcing profiles) come as
further migrations in :mod:`newsledger.store.migrations`; this module only
describes version 1 and must not change once released.
"""

from __future__ import annotations

from typing import Final

V1_TABLES: Final[tuple[str, ...]] = (
    """
    CREATE TABLE articles (
        article_id     VARCHAR PRIMARY KEY,     -- unique in the ledger: input id, or "id~N" on a collision
        input_id       VARCHAR NOT NULL,        -- the record's id as it came in
        content_hash   VARCHAR NOT NULL UNIQUE,
        title          VARCHAR,
        published      DATE,                    -- NULL when missing or not a valid calendar date
        published_raw  VARCHAR,                 -- the record's "published" string, verbatim
        url            VARCHAR,
        source         VARCHAR,
        text           VARCHAR NOT NULL,
        origin         VARCHAR,                 -- file or URL the article was read from
        ingested_at    TIMESTAMP NOT NULL       -- UTC
    )
    """,
    """
    CREATE TABLE entities (
        article_id  VARCHAR NOT NULL,
        entity_id   VARCHAR NOT NULL,
        ord         INTEGER NOT NULL,
        name        VARCHAR NOT NULL,
        type        VARCHAR NOT NULL,
        country     VARCHAR,
        sector      VARCHAR,
        PRIMARY KEY (article_id, entity_id)
    )
    """,
    """
    CREATE TABLE mentions (
        article_id  VARCHAR NOT NULL,
        entity_id   VARCHAR NOT NULL,
        ord         INTEGER NOT NULL,           -- position in the entity's mentions list
        start       BIGINT NOT NULL,
        end_        BIGINT NOT NULL,
        PRIMARY KEY (article_id, entity_id, ord)
    )
    """,
    """
    CREATE TABLE statements (
        article_id      VARCHAR NOT NULL,
        statement_id    VARCHAR NOT NULL,
        ord             INTEGER NOT NULL,
        speaker_text    VARCHAR,
        speaker_start   BIGINT,
        speaker_end     BIGINT,
        speaker_entity  VARCHAR,
        speaker_name    VARCHAR,
        anonymous       BOOLEAN NOT NULL,
        cue_text        VARCHAR NOT NULL,
        cue_lemma       VARCHAR NOT NULL,
        cue_start       BIGINT NOT NULL,
        cue_end         BIGINT NOT NULL,
        content_text    VARCHAR NOT NULL,
        content_spans   BIGINT[][] NOT NULL,
        kind            VARCHAR NOT NULL,
        stance          VARCHAR,
        about           VARCHAR,
        PRIMARY KEY (article_id, statement_id)
    )
    """,
    """
    CREATE TABLE events (
        article_id       VARCHAR NOT NULL,
        event_id         VARCHAR NOT NULL,
        ord              INTEGER NOT NULL,
        type             VARCHAR NOT NULL,
        mode             VARCHAR,
        contexts         VARCHAR[] NOT NULL,
        status           VARCHAR NOT NULL,
        source_text      VARCHAR,
        source_start     BIGINT,
        source_end       BIGINT,
        source_entity    VARCHAR,
        source_name      VARCHAR,               -- the source entity's name, copied for the actor filter
        source_country   VARCHAR,
        source_sector    VARCHAR,
        has_target       BOOLEAN NOT NULL,
        target_text      VARCHAR,
        target_start     BIGINT,
        target_end       BIGINT,
        target_entity    VARCHAR,
        target_name      VARCHAR,
        target_country   VARCHAR,
        target_sector    VARCHAR,
        when_text        VARCHAR,               -- NULL exactly when the event has no "when"
        when_span_start  BIGINT,
        when_span_end    BIGINT,
        when_start       VARCHAR,               -- ISO date strings as the record gives them
        when_end         VARCHAR,
        evidence_text    VARCHAR NOT NULL,
        evidence_start   BIGINT NOT NULL,
        evidence_end     BIGINT NOT NULL,
        reported_by      VARCHAR[] NOT NULL,
        PRIMARY KEY (article_id, event_id)
    )
    """,
)

V1_INDEXES: Final[tuple[str, ...]] = (
    "CREATE INDEX idx_articles_published ON articles (published)",
    "CREATE INDEX idx_statements_speaker_name ON statements (speaker_name)",
    "CREATE INDEX idx_statements_stance ON statements (stance)",
    "CREATE INDEX idx_events_type ON events (type)",
    "CREATE INDEX idx_events_status ON events (status)",
    "CREATE INDEX idx_events_source_name ON events (source_name)",
    "CREATE INDEX idx_events_target_name ON events (target_name)",
)

# Column order and SQL type of every insert, so that a batch of rows binds as
# one list per column (``INSERT ... SELECT unnest(?), unnest(?), ...``).
INSERT_COLUMNS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "articles": (
        ("article_id", "VARCHAR"),
        ("input_id", "VARCHAR"),
        ("content_hash", "VARCHAR"),
        ("title", "VARCHAR"),
        ("published_raw", "VARCHAR"),
        ("url", "VARCHAR"),
        ("source", "VARCHAR"),
        ("text", "VARCHAR"),
        ("origin", "VARCHAR"),
        ("ingested_at", "TIMESTAMP"),
    ),
    "entities": (
        ("article_id", "VARCHAR"),
        ("entity_id", "VARCHAR"),
        ("ord", "INTEGER"),
        ("name", "VARCHAR"),
        ("type", "VARCHAR"),
        ("country", "VARCHAR"),
        ("sector", "VARCHAR"),
    ),
    "mentions": (
        ("article_id", "VARCHAR"),
        ("entity_id", "VARCHAR"),
        ("ord", "INTEGER"),
        ("start", "BIGINT"),
        ("end_", "BIGINT"),
    ),
    "statements": (
        ("article_id", "VARCHAR"),
        ("statement_id", "VARCHAR"),
        ("ord", "INTEGER"),
        ("speaker_text", "VARCHAR"),
        ("speaker_start", "BIGINT"),
        ("speaker_end", "BIGINT"),
        ("speaker_entity", "VARCHAR"),
        ("speaker_name", "VARCHAR"),
        ("anonymous", "BOOLEAN"),
        ("cue_text", "VARCHAR"),
        ("cue_lemma", "VARCHAR"),
        ("cue_start", "BIGINT"),
        ("cue_end", "BIGINT"),
        ("content_text", "VARCHAR"),
        ("content_spans", "BIGINT[][]"),
        ("kind", "VARCHAR"),
        ("stance", "VARCHAR"),
        ("about", "VARCHAR"),
    ),
    "events": (
        ("article_id", "VARCHAR"),
        ("event_id", "VARCHAR"),
        ("ord", "INTEGER"),
        ("type", "VARCHAR"),
        ("mode", "VARCHAR"),
        ("contexts", "VARCHAR[]"),
        ("status", "VARCHAR"),
        ("source_text", "VARCHAR"),
        ("source_start", "BIGINT"),
        ("source_end", "BIGINT"),
        ("source_entity", "VARCHAR"),
        ("source_name", "VARCHAR"),
        ("source_country", "VARCHAR"),
        ("source_sector", "VARCHAR"),
        ("has_target", "BOOLEAN"),
        ("target_text", "VARCHAR"),
        ("target_start", "BIGINT"),
        ("target_end", "BIGINT"),
        ("target_entity", "VARCHAR"),
        ("target_name", "VARCHAR"),
        ("target_country", "VARCHAR"),
        ("target_sector", "VARCHAR"),
        ("when_text", "VARCHAR"),
        ("when_span_start", "BIGINT"),
        ("when_span_end", "BIGINT"),
        ("when_start", "VARCHAR"),
        ("when_end", "VARCHAR"),
        ("evidence_text", "VARCHAR"),
        ("evidence_start", "BIGINT"),
        ("evidence_end", "BIGINT"),
        ("reported_by", "VARCHAR[]"),
    ),
}

# Tables of one article, children first: the order rows are deleted in.
ARTICLE_TABLES: Final[tuple[str, ...]] = ("articles", "entities", "mentions", "statements", "events")


def insert_sql(table: str) -> str:
    """``INSERT INTO table (...) SELECT unnest(?::T[]), ...``: one bound list per column.

    ``articles.published`` is derived from ``published_raw`` in SQL (``TRY_CAST``
    to ``DATE``), so an impossible date such as ``2025-02-30`` is kept as text
    and its ``DATE`` is NULL rather than failing the write.
    """
    cols = INSERT_COLUMNS[table]
    names = ", ".join(c for c, _ in cols)
    values = ", ".join(f"unnest(?::{t}[]) AS {c}" for c, t in cols)
    if table == "articles":
        return (
            f"INSERT INTO articles ({names}, published) "
            f"SELECT *, TRY_CAST(published_raw AS DATE) FROM (SELECT {values})"
        )
    return f"INSERT INTO {table} ({names}) SELECT {values}"


# v4: an article's text seen again with other metadata (another outlet, URL or date).  The article row
# keeps its first appearance; each later one is a row here (never the same outlet, URL and date twice).
APPEARANCES_TABLE = """
CREATE TABLE appearances (
    article_id     VARCHAR NOT NULL,         -- the stored article with the same content hash
    input_id       VARCHAR NOT NULL,         -- the id the input gave this copy
    source         VARCHAR,                  -- the outlet
    url            VARCHAR,
    published      DATE,
    published_raw  VARCHAR,
    origin         VARCHAR,                  -- the file (and line) it was read from
    seen_at        TIMESTAMP NOT NULL
)
"""
APPEARANCES_INDEX = "CREATE INDEX idx_appearances_article ON appearances (article_id)"
