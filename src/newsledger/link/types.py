"""What the link layer's queries return: frozen rows, lists as tuples, dates as ``"YYYY-MM-DD"``.

These classes are the public contract of :mod:`newsledger.link` (the CLI and the web
app read them); fields may be added at the end, none renamed.
"""

from __future__ import annotations

from dataclasses import dataclass

CLAIM_STATUSES: tuple[str, ...] = ("uncontested", "confirmed", "contested", "denied", "unverified")
SIDES: tuple[str, ...] = ("assert", "confirm", "deny", "neither")


@dataclass(frozen=True)
class Voice:
    """One source on one side of a claim, with the outlets that carried it.

    ``name`` is the canonical actor name, or ``"anonymous: <as written>"`` for an
    unnamed source.
    """

    name: str
    actor_id: str | None
    anonymous: bool
    outlets: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True)
class ClaimRow:
    """One claim: a proposition carried by one or more statements across articles."""

    claim_id: str
    text: str
    status: str  # one of CLAIM_STATUSES
    first_article: str
    first_published: str | None
    first_outlet: str | None
    n_statements: int
    n_articles: int
    n_sources: int  # independent sources that assert or confirm it: distinct speakers (an anonymous one per outlet)
    asserted_by: tuple[Voice, ...]
    confirmed_by: tuple[Voice, ...]
    denied_by: tuple[Voice, ...]
    neither_by: tuple[Voice, ...]
    outlets: tuple[str, ...]
    n_outlets: int = 0  # distinct duplicate groups carrying it (a wire copy's reprints count once)
    told_by: tuple[Voice, ...] = ()  # outlets telling it in their own voice (headline, lead): not named sources

    @property
    def single_source(self) -> bool:
        """One source and no response: a statement on record, not a claim under dispute."""
        return self.n_sources <= 1 and not (self.confirmed_by or self.denied_by or self.neither_by)


@dataclass(frozen=True)
class ClaimAppearance:
    """One statement of a claim: who, where, when, which side (``role``) and how it was linked (``via``)."""

    published: str | None
    article_id: str
    outlet: str | None
    title: str | None
    url: str | None
    statement_id: str
    speaker: str
    actor_id: str | None
    anonymous: bool
    role: str  # assert | confirm | deny | neither
    stance: str | None  # the statement's own stance (hedge counts as assert)
    cue: str
    content: str
    via: str  # first | about | lexical | embedding | event | date | anaphora | anchor
    score: float
    duplicate_group: str
    voice: bool = False  # the outlet's own voice (headline or lead sentence), not a statement


@dataclass(frozen=True)
class ClaimDetail:
    claim: ClaimRow
    timeline: tuple[ClaimAppearance, ...]  # oldest first, source by source


@dataclass(frozen=True)
class ActorAlias:
    alias: str
    evidence: str
    confidence: float
    n: int


@dataclass(frozen=True)
class ActorRow:
    actor_id: str
    name: str
    kind: str  # person | organization | country | group
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]
    n_statements: int
    n_articles: int


@dataclass(frozen=True)
class ActorStatement:
    article_id: str
    published: str | None
    outlet: str | None
    statement_id: str
    speaker: str
    stance: str | None
    cue: str
    content: str
    claim_id: str | None


@dataclass(frozen=True)
class ActorEvent:
    article_id: str
    published: str | None
    event_id: str
    type: str
    status: str
    role: str  # source | target
    counterpart: str | None
    counterpart_id: str | None
    evidence: str


@dataclass(frozen=True)
class Counterpart:
    actor_id: str
    name: str
    n: int
    relations: tuple[str, ...]  # event types, or "denies its claims", "confirms its claims", ...


@dataclass(frozen=True)
class ActorDetail:
    actor: ActorRow
    aliases: tuple[ActorAlias, ...]
    statements_by: tuple[ActorStatement, ...]
    statements_about: tuple[ActorStatement, ...]
    events: tuple[ActorEvent, ...]
    counterparts: tuple[Counterpart, ...]


@dataclass(frozen=True)
class ClaimRef:
    claim_id: str
    text: str
    status: str


@dataclass(frozen=True)
class SourcingProfile:
    """How an article sources what it says."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    n_statements: int
    n_named: int
    n_anonymous: int
    attributed_share: float  # share of the text's characters inside a statement (speaker, cue or content)
    own_voice_share: float  # 1 - attributed_share
    n_claims: int
    unconfirmed_claims: tuple[ClaimRef, ...]  # its claims that no other independent source asserts or confirms
    duplicate_group: str


@dataclass(frozen=True)
class DuplicateMember:
    article_id: str
    outlet: str | None
    published: str | None
    title: str | None
    similarity: float  # estimated Jaccard with the article it was matched to (1.0 for the first)


@dataclass(frozen=True)
class DuplicateGroup:
    group_id: str
    articles: tuple[DuplicateMember, ...]
    outlets: tuple[str, ...]
