"""The link layer's tables (schema v2, appended to :data:`newsledger.store.migrations.MIGRATIONS`).

Every table is keyed so that one article's update touches only rows found by an
index lookup: aliases by name key or last-name key, LSH buckets by band hash,
claims by term.  A row in ``profiles`` marks an article as linked (it is
written last, in the same transaction as the rest of the article's links).
"""

from __future__ import annotations

from typing import Final

import duckdb

LINK_TABLES: Final[tuple[str, ...]] = (
    "CREATE SEQUENCE claim_seq START 1",
    """
    CREATE TABLE actors (
        actor_id    VARCHAR PRIMARY KEY,     -- p:<key> person, o:<key> organisation, c:<ISO3> country
        name        VARCHAR NOT NULL,        -- canonical display name
        kind        VARCHAR NOT NULL,        -- person | organization | country | group
        country     VARCHAR,
        sector      VARCHAR,
        origin      VARCHAR NOT NULL         -- dictionary | corpus
    )
    """,
    """
    CREATE TABLE actor_aliases (
        alias_key    VARCHAR NOT NULL,       -- normalised full name (titles, initials, accents folded)
        last_key     VARCHAR,                -- surname skeleton (people) or head word (organisations)
        actor_id     VARCHAR NOT NULL,
        alias        VARCHAR NOT NULL,       -- the name as first written
        evidence     VARCHAR NOT NULL,
        confidence   DOUBLE NOT NULL,
        first_article VARCHAR
    )
    """,
    """
    CREATE TABLE actor_refs (
        actor_id    VARCHAR NOT NULL,
        article_id  VARCHAR NOT NULL,
        role        VARCHAR NOT NULL,        -- entity | speaker | about | event_source | event_target
        ref_id      VARCHAR NOT NULL,        -- entity, statement or event id in the article
        mention     VARCHAR,
        confidence  DOUBLE NOT NULL,
        evidence    VARCHAR
    )
    """,
    """
    CREATE TABLE dup_signatures (
        article_id  VARCHAR PRIMARY KEY,
        signature   BLOB NOT NULL,           -- MinHash hash values, uint64 little-endian
        n_shingles  INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE dup_bands (
        bucket      BIGINT NOT NULL,         -- hash of (band number, the band's hash values)
        article_id  VARCHAR NOT NULL
    )
    """,
    """
    CREATE TABLE dup_groups (
        article_id  VARCHAR PRIMARY KEY,
        group_id    VARCHAR NOT NULL,        -- the first article of the group
        similarity  DOUBLE NOT NULL,         -- estimated Jaccard with ``matched`` (1.0 for the first)
        matched     VARCHAR
    )
    """,
    """
    CREATE TABLE claims (
        claim_id         VARCHAR PRIMARY KEY,
        text             VARCHAR NOT NULL,
        status           VARCHAR NOT NULL,
        first_article    VARCHAR NOT NULL,
        first_statement  VARCHAR NOT NULL,
        first_published  DATE,
        n_members        INTEGER NOT NULL,
        seq              BIGINT NOT NULL,      -- creation order
        core             VARCHAR[][] NOT NULL  -- terms of its founder and first strongly linked members
    )
    """,
    """
    CREATE TABLE claim_members (
        claim_id      VARCHAR NOT NULL,
        article_id    VARCHAR NOT NULL,
        statement_id  VARCHAR NOT NULL,
        role          VARCHAR NOT NULL,      -- assert | confirm | deny | neither
        speaker       VARCHAR NOT NULL,      -- canonical actor name, or "anonymous: ..."
        actor_id      VARCHAR,
        anonymous     BOOLEAN NOT NULL,
        published     DATE,
        via           VARCHAR NOT NULL,      -- first | about | lexical | event | embedding
        score         DOUBLE NOT NULL,
        terms         VARCHAR[] NOT NULL,    -- the statement's content terms (and event keys)
        content       VARCHAR NOT NULL,      -- the statement's content (copied: the update reads no join)
        PRIMARY KEY (article_id, statement_id)
    )
    """,
    """
    CREATE TABLE claim_terms (
        term      VARCHAR NOT NULL,
        claim_id  VARCHAR NOT NULL
    )
    """,
    """
    CREATE TABLE claim_term_df (
        term  VARCHAR PRIMARY KEY,
        df    INTEGER NOT NULL               -- claims holding the term
    )
    """,
    """
    CREATE TABLE profiles (
        article_id        VARCHAR PRIMARY KEY,
        n_statements      INTEGER NOT NULL,
        n_named           INTEGER NOT NULL,
        n_anonymous       INTEGER NOT NULL,
        attributed_chars  INTEGER NOT NULL,
        text_chars        INTEGER NOT NULL,
        attributed_share  DOUBLE NOT NULL,
        n_claims          INTEGER NOT NULL,
        linked_at         TIMESTAMP NOT NULL
    )
    """,
)

LINK_INDEXES: Final[tuple[str, ...]] = (
    "CREATE INDEX idx_actor_aliases_key ON actor_aliases (alias_key)",
    "CREATE INDEX idx_actor_aliases_last ON actor_aliases (last_key)",
    "CREATE INDEX idx_actor_aliases_actor ON actor_aliases (actor_id)",
    "CREATE INDEX idx_actor_refs_actor ON actor_refs (actor_id)",
    "CREATE INDEX idx_actor_refs_article ON actor_refs (article_id)",
    "CREATE INDEX idx_dup_bands_bucket ON dup_bands (bucket)",
    "CREATE INDEX idx_dup_groups_group ON dup_groups (group_id)",
    "CREATE INDEX idx_claim_members_claim ON claim_members (claim_id)",
    "CREATE INDEX idx_claim_members_actor ON claim_members (actor_id)",
    "CREATE INDEX idx_claim_terms_term ON claim_terms (term)",
    "CREATE INDEX idx_claims_status ON claims (status)",
)

LINK_TABLE_NAMES: Final[tuple[str, ...]] = (
    "actors", "actor_aliases", "actor_refs", "dup_signatures", "dup_bands", "dup_groups",
    "claims", "claim_members", "claim_terms", "claim_term_df", "profiles", "claim_vectors", "claim_merges",
)


CLAIM_MEMBERS_V3: Final[str] = """
    CREATE TABLE claim_members (
        claim_id      VARCHAR NOT NULL,
        article_id    VARCHAR NOT NULL,
        statement_id  VARCHAR NOT NULL,
        role          VARCHAR NOT NULL,
        speaker       VARCHAR NOT NULL,
        actor_id      VARCHAR,
        anonymous     BOOLEAN NOT NULL,
        published     DATE,
        via           VARCHAR NOT NULL,
        score         DOUBLE NOT NULL,
        terms         VARCHAR[] NOT NULL,
        content       VARCHAR NOT NULL,      -- the proposition's text: the statement's content, or one part of it
        part          INTEGER NOT NULL,      -- 0, or k for the k-th of "said A, and that B" (one claim each)
        PRIMARY KEY (article_id, statement_id, part)
    )
"""


def _rebuild_claim_members(con: duckdb.DuckDBPyConnection, ddl: str, select_old: str) -> None:
    """Recreate ``claim_members`` with ``ddl`` and fill it with ``select_old`` (a SELECT over the old rows,
    available as ``old_members``); its indexes are dropped and made again around the copy."""
    con.execute("DROP INDEX IF EXISTS idx_claim_members_claim")
    con.execute("DROP INDEX IF EXISTS idx_claim_members_actor")
    # through a temporary copy, not a rename: DuckDB cannot replay a renamed-then-dropped table from its WAL
    con.execute("CREATE TEMPORARY TABLE old_members AS SELECT * FROM claim_members")
    con.execute("DROP TABLE claim_members")
    con.execute(ddl)
    con.execute(f"INSERT INTO claim_members {select_old}")
    con.execute("DROP TABLE old_members")
    con.execute("CREATE INDEX idx_claim_members_claim ON claim_members (claim_id)")
    con.execute("CREATE INDEX idx_claim_members_actor ON claim_members (actor_id)")


def add_member_parts(con: duckdb.DuckDBPyConnection) -> None:
    """Schema v3: a statement that carries several propositions is a member of one claim per part."""
    _rebuild_claim_members(con, CLAIM_MEMBERS_V3, "SELECT *, 0 FROM old_members")


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Schema v2: the link layer's tables and indexes."""
    for ddl in LINK_TABLES:
        con.execute(ddl)
    for ddl in LINK_INDEXES:
        con.execute(ddl)


CLAIM_MEMBERS_V5: Final[str] = """
    CREATE TABLE claim_members (
        claim_id      VARCHAR NOT NULL,
        article_id    VARCHAR NOT NULL,
        statement_id  VARCHAR NOT NULL,      -- a statement id, or "v<k>" for the outlet's own voice (voice)
        role          VARCHAR NOT NULL,
        speaker       VARCHAR NOT NULL,
        actor_id      VARCHAR,
        anonymous     BOOLEAN NOT NULL,
        published     DATE,
        via           VARCHAR NOT NULL,
        score         DOUBLE NOT NULL,
        terms         VARCHAR[] NOT NULL,
        content       VARCHAR NOT NULL,
        part          INTEGER NOT NULL,
        stance        VARCHAR,               -- the member's stance toward the claim (assert | hedge | ...)
        voice         BOOLEAN NOT NULL DEFAULT false,  -- the outlet's own voice (headline, lead), no statement
        PRIMARY KEY (article_id, statement_id, part)
    )
"""

CLAIM_VECTORS: Final[str] = """
    CREATE TABLE claim_vectors (
        claim_id  VARCHAR NOT NULL,
        vec       FLOAT[] NOT NULL           -- unit-norm sentence embedding of a core member
    )
"""

CLAIM_MERGES: Final[str] = """
    CREATE TABLE claim_merges (
        claim_id    VARCHAR NOT NULL,        -- the claim merged away
        into_claim  VARCHAR NOT NULL,        -- the claim that holds its members now
        article_id  VARCHAR NOT NULL,        -- the article whose proposition bridged them
        score       DOUBLE NOT NULL,
        reason      VARCHAR NOT NULL
    )
"""


def add_member_stance_and_vectors(con: duckdb.DuckDBPyConnection) -> None:
    """Schema v5: members carry their own stance and the own-voice flag; claim vectors; merges."""
    _rebuild_claim_members(
        con, CLAIM_MEMBERS_V5,
        "SELECT m.*, s.stance, false FROM old_members m "
        "LEFT JOIN statements s ON s.article_id = m.article_id AND s.statement_id = m.statement_id",
    )
    con.execute(CLAIM_VECTORS)
    con.execute("CREATE INDEX idx_claim_vectors_claim ON claim_vectors (claim_id)")
    con.execute(CLAIM_MERGES)
