"""Response and request models of the HTTP API (they make its OpenAPI schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from newsledger.record import Record

T = TypeVar("T")


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(_Out, Generic[T]):
    """One page of a list: ``next_offset`` is null on the last page."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = None


class ArticleOut(_Out):
    article_id: str
    input_id: str
    title: str | None
    published: str | None
    url: str | None
    source: str | None
    origin: str | None
    ingested_at: datetime
    n_entities: int
    n_statements: int
    n_events: int


class StatementOut(_Out):
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


class EventOut(_Out):
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
    reported_by: list[str]


class ClaimRefOut(_Out):
    claim_id: str
    text: str
    status: str


class SourcingProfileOut(_Out):
    """How an article sources what it says."""

    n_statements: int
    n_named: int
    n_anonymous: int
    attributed_share: float = Field(description="share of the text's characters inside a statement")
    own_voice_share: float = Field(description="1 - attributed_share: the article's own voice")
    stances: dict[str, int] = Field(default_factory=dict)
    n_claims: int | None = Field(default=None, description="claims the article carries (null without claims)")
    unconfirmed_claims: list[ClaimRefOut] = Field(
        default_factory=list, description="its claims that no other independent source asserts or confirms"
    )
    duplicate_group: str | None = None


class ArticleDetail(_Out):
    """One article: the full record and its sourcing profile."""

    article_id: str
    record: Record
    profile: SourcingProfileOut


class ActorOut(_Out):
    """One actor: a canonical name, the names it goes by, and how often it speaks."""

    actor_id: str
    name: str
    kind: str | None = Field(default=None, description="person, organization, country or group")
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = Field(default_factory=list)
    n_statements: int = 0
    n_events: int = Field(default=0, description="events with the actor as source or target")
    n_articles: int = 0


class ActorChoice(_Out):
    """A name that several actors go by exactly: pick one by its id."""

    detail: str
    name: str
    choices: list[ActorOut]


class AliasOut(_Out):
    alias: str
    evidence: str
    confidence: float
    n: int


class ActorStatementOut(_Out):
    article_id: str
    published: str | None
    outlet: str | None
    statement_id: str
    speaker: str
    stance: str | None
    cue: str
    content: str
    claim_id: str | None = None


class ActorEventOut(_Out):
    article_id: str
    published: str | None
    event_id: str
    type: str
    status: str
    role: str = Field(description="source or target")
    counterpart: str | None
    counterpart_id: str | None = None
    evidence: str


class CounterpartOut(_Out):
    actor_id: str | None
    name: str
    n: int
    relations: list[str] = Field(description="event types, or stances taken on each other's statements")


class ActorDetail(_Out):
    actor: ActorOut
    aliases: list[AliasOut] = Field(default_factory=list)
    stances: dict[str, int] = Field(default_factory=dict, description="stances of the statements by the actor")
    statements_by: list[ActorStatementOut] = Field(default_factory=list)
    statements_about: list[ActorStatementOut] = Field(default_factory=list)
    events: list[ActorEventOut] = Field(default_factory=list)
    n_events: int = Field(default=0, description="events with the actor (the list holds the first ones)")
    counterparts: list[CounterpartOut] = Field(default_factory=list)
    truncated: bool = Field(default=False, description="lists cut to their first items")


class VoiceOut(_Out):
    """One source on one side of a claim, with the outlets that carried it."""

    name: str
    actor_id: str | None = None
    anonymous: bool = False
    outlets: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)


class ClaimOut(_Out):
    claim_id: str
    text: str
    status: str = Field(description="uncontested, confirmed, contested, denied or unverified")
    first_article: str
    first_published: str | None
    first_outlet: str | None
    n_statements: int
    n_articles: int
    n_sources: int = Field(description="independent sources that assert or confirm it")
    asserted_by: list[VoiceOut]
    confirmed_by: list[VoiceOut]
    denied_by: list[VoiceOut]
    neither_by: list[VoiceOut]
    outlets: list[str]


class ClaimAppearanceOut(_Out):
    """One statement of the claim: who, where, when, and which side."""

    published: str | None
    article_id: str
    outlet: str | None
    title: str | None
    url: str | None
    statement_id: str
    speaker: str
    actor_id: str | None
    anonymous: bool
    role: str = Field(description="assert, confirm, deny or neither")
    stance: str | None
    cue: str
    content: str
    via: str = Field(description="how it was linked to the claim: first, about, lexical, event, embedding")
    score: float
    duplicate_group: str | None


class ClaimDetail(ClaimOut):
    timeline: list[ClaimAppearanceOut] = Field(default_factory=list, description="oldest first")


class SearchHit(_Out):
    kind: str = Field(description="article, statement or claim")
    article_id: str | None = None
    statement_id: str | None = None
    claim_id: str | None = None
    title: str | None = None
    published: str | None = None
    snippet: str


class SearchResult(_Out):
    q: str
    articles: list[SearchHit]
    statements: list[SearchHit]
    claims: list[SearchHit]
    claims_available: bool


class Bucket(_Out):
    period: str
    key: str
    n: int


class Overview(_Out):
    counts: dict[str, int]
    first_published: str | None
    last_published: str | None
    granularity: str = Field(description="day, week or month: the width of a period")
    events_by_type: list[Bucket]
    events_by_status: list[Bucket]
    stances: dict[str, int]
    top_speakers: list[tuple[str, int]]
    contested_claims: list[ClaimOut]
    claims_available: bool


class ArticleIn(BaseModel):
    """An article to ingest, as JSON."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article's body")
    title: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD")
    id: str | None = Field(default=None, max_length=200, description="an id; default: derived from the title")
    url: str | None = None
    source: str | None = None


class IngestOut(_Out):
    stored: list[str]
    skipped: list[str]
    failures: list[str]


class ErrorOut(BaseModel):
    detail: str
