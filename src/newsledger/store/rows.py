"""What the ledger's queries return: flat, frozen rows with typed fields.

Dates are ``"YYYY-MM-DD"`` strings, as in the record.  Lists are tuples so
that a row stays immutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ArticleRow:
    """One stored article, without its text and annotations."""

    article_id: str
    input_id: str
    content_hash: str
    title: str | None
    published: str | None
    url: str | None
    source: str | None
    origin: str | None
    ingested_at: datetime
    n_entities: int
    n_statements: int
    n_events: int


@dataclass(frozen=True)
class AppearanceRow:
    """Where an article's text appeared: ``first`` is the stored article's own metadata, then later copies."""

    article_id: str
    input_id: str
    source: str | None
    url: str | None
    published: str | None
    origin: str | None
    seen_at: datetime
    first: bool


@dataclass(frozen=True)
class Sighting:
    """What :meth:`Ledger.add_appearance` found: the stored article, and whether this copy was new."""

    article_id: str
    recorded: bool
    stored_source: str | None
    stored_url: str | None
    stored_published: str | None


@dataclass(frozen=True)
class StatementRow:
    """One statement with its article's title and date."""

    article_id: str
    article_title: str | None
    published: str | None
    statement_id: str
    speaker_text: str | None
    speaker_name: str | None
    speaker_entity: str | None
    anonymous: bool
    cue: str
    cue_lemma: str
    content: str
    kind: str
    stance: str | None
    about: str | None


@dataclass(frozen=True)
class EventRow:
    """One event; ``*_name`` is the canonical name of the actor's entity, if linked."""

    article_id: str
    published: str | None
    event_id: str
    type: str
    mode: str | None
    status: str
    source_name: str | None
    source_text: str | None
    source_country: str | None
    source_sector: str | None
    target_name: str | None
    target_text: str | None
    target_country: str | None
    target_sector: str | None
    when_text: str | None
    when_start: str | None
    when_end: str | None
    evidence: str
    reported_by: tuple[str, ...]


@dataclass(frozen=True)
class LedgerSummary:
    """Totals of the ledger.  Statements without a stance count under ``"none"``."""

    articles: int
    statements: int
    events: int
    entities: int
    first_published: str | None
    last_published: str | None
    top_speakers: tuple[tuple[str, int], ...]
    stances: dict[str, int] = field(default_factory=dict, hash=False)
    event_types: dict[str, int] = field(default_factory=dict, hash=False)
    event_statuses: dict[str, int] = field(default_factory=dict, hash=False)


def row_fields(cls: type[Any]) -> tuple[str, ...]:
    """The field names of a row class, in order."""
    return tuple(f.name for f in fields(cls))
