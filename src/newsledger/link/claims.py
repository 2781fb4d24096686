"""Claims: propositions carried by statements (and by the outlets' own voice), across articles and speakers.

**Members.** Each statement of an article, and each sentence of its headline and lead that no
statement attributes (the outlet's own voice, :func:`~newsledger.link.propositions.own_voice`;
``voice`` members, never statements of the record), is normalised into propositions
(:mod:`newsledger.link.propositions`: reporting frames stripped, negation carried into the role,
anaphoric denials marked; "said A, and that B" is two parts).  The voice goes first, then
assertions, then responses.

A proposition joins a claim by, in order:

1. **about**: a confirm / deny / neither statement whose ``about`` names a statement of the same
   article joins that statement's claim (score 1.0);
2. **anaphora**: a denial with no proposition of its own ("these claims are false", "no such
   meeting took place") joins the article's main claim: the first claim of the ledger its
   assertions joined, else the first it founded;
3. **similarity** with each candidate claim's *core* (its founder and the first ``CORE_SIZE``
   members that joined it by ``about`` or with a score of at least ``CORE_SCORE``: no chaining
   through weak links): ``EMBEDDING_WEIGHT`` x the best MiniLM cosine with the core's vectors
   (:mod:`newsledger.link.embed`, on by default) + the rest x the IDF-weighted cosine of content
   terms (spaCy's lemma exceptions and stop words, a light stemmer; the days a content names
   resolved against the publication date, ``d:2026-03-05``; the speaker's surname for a content
   that opens with "he" / "she").  Event identity (same PLOVER type and actors within
   ``EVENT_WINDOW_DAYS``) adds ``EVENT_BONUS``, another event of the same story takes off
   ``EVENT_MISMATCH``, disjoint actors ``ACTOR_MISMATCH``; a response naming the claim's day
   gets ``DATE_BONUS``.  The best claim at or above ``COMBINED_THRESHOLD`` wins
   (``COMBINED_RESPONSE_THRESHOLD`` for responses, ``VOICE_THRESHOLD`` for the own voice);
   without embeddings the lexical score alone meets ``LEXICAL_THRESHOLD`` /
   ``RESPONSE_THRESHOLD`` (the documented fallback, ``NEWSLEDGER_CLAIM_EMBEDDINGS=0``);
4. a **negated** proposition ("X is not Y") denies the claim "X is Y" when one matches; otherwise
   it is a proposition of its own, asserted as said; a denial matching no claim joins the
   article's main claim when it is at least ``ANCHOR_RESPONSE_MIN`` close to it;
5. otherwise it founds a new claim.

**Merges.** An assertion that scores at least ``MERGE_THRESHOLD`` with two stored claims bridges
them: the younger is merged into the older (``claim_merges`` records which, by which article, at
what score) when their cores are at least ``MERGE_CORE_MIN`` close.  The older claim's core stays
its core, so that members stay close to it and merges do not chain.

**Candidates** come from two indexes, never a scan of the claims: the inverted index
(``claim_terms``: the statement's ``CANDIDATE_TERMS`` rarest terms, document frequency over claims
at most ``DF_CAP``, claims sharing at least two of them or an event key) and the vector index of
core embeddings (``claim_vectors``, held in memory per connection: the ``VECTOR_CANDIDATES``
nearest at or above ``VECTOR_MIN``).

**Thresholds** were measured on the Emergent / FNC-1 claims dev set (``make eval``,
``../shared/data/claims/dev``; BENCHMARKS.md has the grid): lower ones raise inverse purity and
lower purity; 0.5 / 0.42 / 0.45 with merges at 0.55 gave the best B-cubed F there while keeping
the demo corpus' golden claims apart (tests/link/test_golden.py).

Linking is greedy and incremental, so order matters: ``Ledger.ingest`` links a batch after
storing it, in publication order, as the articles would have arrived.

**Status** of a claim, from its statement members in the order they were said (``assert``
includes hedged assertions; a confirmation by a source that had already asserted the claim is not
counted: nobody confirms themselves; the outlets' own voice is not a source):

- contested: confirmed by at least one source and denied by at least one other;
- denied: denied, and nobody confirms;
- confirmed: confirmed by a named source other than its earlier asserters, nobody denies;
- unverified: only anonymous sources assert it (or nobody but a responder), or
  the only response is neither-confirm-nor-deny;
- uncontested: asserted by a named source; nobody confirms, denies or declines.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

import duckdb

from newsledger.link.propositions import (
    MIN_TERMS,
    Proposition,
    clean_text,
    core_of,
    cosine,
    date_terms,
    idf,
    is_fragment,
    normalise,
    opens_with_pronoun,
    own_voice,
    parts,
    speaker_terms,
    stem,
    terms,
)
from newsledger.record import Record, Statement

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "ClaimLinker", "StatementInput", "cosine", "date_terms", "idf", "status_of", "stem", "terms",
]

log = logging.getLogger(__name__)

LEXICAL_THRESHOLD = 0.36
RESPONSE_THRESHOLD = 0.3
EMBEDDING_WEIGHT = 0.6  # the score is this share of the embedding cosine and the rest of the lexical one
COMBINED_THRESHOLD = 0.55  # ... and joins a claim at or above this (responses: COMBINED_RESPONSE_THRESHOLD)
COMBINED_RESPONSE_THRESHOLD = 0.47
VOICE_THRESHOLD = 0.42  # the outlet's own voice: headline and lead tell the story, and stories meet on them
VOICE_FOUNDED_MARGIN = 0.1  # added to a statement's threshold for a claim that a headline or lead founded
MERGE_THRESHOLD = 0.55  # a proposition this close to two stored claims merges them ...
MERGE_CORE_MIN = 0.45  # ... when their cores are this close too (embedding cosine)
ANCHOR_RESPONSE_MIN = 0.5  # a denial matching no claim joins the article's main claim when this close to it
VECTOR_CANDIDATES = 10  # claims retrieved by embedding, besides the lexical index's
VECTOR_MIN = 0.45  # ... at or above this cosine
EVENT_WINDOW_DAYS = 14
EVENT_BONUS = 0.2
DATE_BONUS = 0.15
DATE_MIN_LEXICAL = 0.12
EVENT_MISMATCH = 0.2
ACTOR_MISMATCH = 0.2  # taken off when the statement and the claim name actors, and none is the same
KEY_PREFIXES = ("ev:", "a:")  # taken off when the statement and the claim report events, and none is the same
CORE_SCORE = 0.6
CANDIDATE_TERMS = 10
DF_CAP = 1000
MAX_CANDIDATES = 30
MEMBERS_COMPARED = 20
CORE_SIZE = 6  # term lists a new statement is compared with, per candidate claim
MAX_CLAIM_TERMS = 80

ROLE_OF_STANCE: dict[str | None, str] = {
    None: "assert", "assert": "assert", "hedge": "assert", "confirm": "confirm", "deny": "deny", "neither": "neither",
}
VOICE_PREFIX = "outlet: "


@dataclass
class StatementInput:
    """What the claim layer needs of one member: a statement (built by :mod:`newsledger.link.update`) or a
    sentence of the outlet's own voice (``voice``: the headline or a lead sentence, no statement)."""

    id: str
    content: str
    stance: str | None
    speaker: str  # canonical actor name, "anonymous: ...", or "outlet: ..." for the own voice
    actor_id: str | None
    anonymous: bool
    about: str | None = None
    event_keys: list[str] = field(default_factory=list)
    actor_keys: list[str] = field(default_factory=list)  # "a:<actor id>" of the actors its content names
    voice: bool = False

    @classmethod
    def of(cls, statement: Statement, speaker: str, actor_id: str | None, anonymous: bool,
           event_keys: list[str] | None = None, actor_keys: list[str] | None = None) -> StatementInput:
        return cls(statement.id, statement.content.text, statement.stance, speaker, actor_id, anonymous,
                   statement.about, list(event_keys or []), list(actor_keys or []))


def voice_inputs(record: Record) -> list[StatementInput]:
    """The outlet's own voice: headline and lead sentences that no statement attributes."""
    speaker = VOICE_PREFIX + (record.source or "the article")
    return [StatementInput(v.id, v.text, v.stance, speaker, None, False, voice=True) for v in own_voice(record)]


@dataclass
class _Member:
    article_id: str
    statement_id: str
    role: str
    actor_id: str | None
    speaker: str
    anonymous: bool
    published: date | None
    terms: list[str]
    content: str
    via: str
    score: float
    seq: int
    voice: bool


def marks(values: Sequence[object]) -> str:
    """``?, ?, ?``: one placeholder per value, so that DuckDB looks the values up in the index."""
    return ", ".join("?" for _ in values) or "NULL"


def _days(a: date | None, b: date | None) -> int:
    if a is None or b is None:
        return 0
    return abs((a - b).days)


def status_of(members: Sequence[tuple[str, str | None, str, bool]]) -> str:
    """The status of a claim from its members' ``(role, actor_id, speaker, anonymous)``, in the order they
    were said (publication date, then article order).  A confirmation by a source that asserted the claim
    before does not count: Trump confirming what Trump said is not a second source."""
    asserted_before: set[str] = set()
    confirms: list[tuple[str, bool]] = []
    for r, a, s, anon in members:
        if r == "assert":
            asserted_before.add(a or s)
        elif r == "confirm" and (a or s) not in asserted_before:
            confirms.append((a or s, anon))
    named_assert = any(r == "assert" and not anon for r, _, _, anon in members)
    denies = [a or s for r, a, s, _ in members if r == "deny"]
    neither = [a or s for r, a, s, _ in members if r == "neither"]
    if confirms and denies:
        return "contested"
    if denies:
        return "denied"
    if any(not anon for _, anon in confirms):
        return "confirmed"
    if not named_assert:
        return "unverified"
    if neither:
        return "unverified"
    return "uncontested"


class _Vectors:
    """The claims' core embeddings, in memory for the process (one matrix, appended as claims grow).

    Kept per connection and reloaded whenever the table holds another number of rows than the copy
    (another process wrote, a transaction was rolled back, the links were rebuilt)."""

    _by_connection: ClassVar[dict[int, tuple[duckdb.DuckDBPyConnection, _Vectors]]] = {}
    KEEP = 4  # connections whose copies are kept (a ledger has one writer: usually one is enough)

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.matrix: np.ndarray | None = None
        self.rows = 0
        self.positions: dict[str, list[int]] = {}  # claim id -> its rows of the matrix

    def _index(self) -> None:
        self.positions = {}
        for i, cid in enumerate(self.ids):
            self.positions.setdefault(cid, []).append(i)

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection) -> _Vectors:
        import numpy as np

        (n,) = con.execute("SELECT count(*) FROM claim_vectors").fetchone() or (0,)
        held = cls._by_connection.get(id(con))
        vecs = held[1] if held is not None and held[0] is con else None
        if vecs is None or vecs.rows != int(n):
            vecs = cls()
            rows = con.execute("SELECT claim_id, vec FROM claim_vectors").fetchall()
            vecs.ids = [str(r[0]) for r in rows]
            vecs.matrix = np.asarray([r[1] for r in rows], dtype=np.float32) if rows else None
            vecs.rows = len(rows)
            vecs._index()
            cls._by_connection.pop(id(con), None)
            cls._by_connection[id(con)] = (con, vecs)  # the connection is held, so its id is not reused
            while len(cls._by_connection) > cls.KEEP:
                cls._by_connection.pop(next(iter(cls._by_connection)))
        return vecs

    def add(self, claim_ids: list[str], vectors: np.ndarray) -> None:
        import numpy as np

        for i, cid in enumerate(claim_ids, start=len(self.ids)):
            self.positions.setdefault(cid, []).append(i)
        self.ids.extend(claim_ids)
        self.matrix = vectors if self.matrix is None else np.vstack([self.matrix, vectors])
        self.rows += len(claim_ids)

    def drop(self, claim_id: str) -> None:
        import numpy as np

        if claim_id not in self.positions:
            return
        keep = [i for i, c in enumerate(self.ids) if c != claim_id]  # a merge: rare, so a copy is fine
        self.ids = [self.ids[i] for i in keep]
        self.matrix = self.matrix[np.asarray(keep, dtype=int)] if self.matrix is not None and keep else None
        self.rows = len(self.ids)
        self._index()

    def nearest(self, vector: np.ndarray, k: int, floor: float) -> dict[str, float]:
        """The best cosine of each claim among the ``k`` nearest vectors at or above ``floor``."""
        import numpy as np

        if self.matrix is None or not len(self.ids):
            return {}
        sims = self.matrix @ vector
        top = np.argpartition(-sims, min(k, len(sims) - 1))[: k] if len(sims) > k else np.arange(len(sims))
        out: dict[str, float] = {}
        for i in top:
            s = float(sims[i])
            if s >= floor and s > out.get(self.ids[i], -1.0):
                out[self.ids[i]] = s
        return out

    def of_claims(self, claim_ids: set[str]) -> dict[str, list[int]]:
        return {cid: self.positions[cid] for cid in claim_ids if cid in self.positions}


def _encode(texts: list[str]) -> np.ndarray | None:
    from newsledger.link.embed import encoder

    enc = encoder()
    if enc is None or not texts:
        return None
    return enc.encode(texts)


class ClaimLinker:
    """Links the statements of one article to claims, inside the caller's transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection, record: Record, article_id: str) -> None:
        self.con = con
        self.record = record
        self.article_id = article_id
        self.published = date.fromisoformat(record.published) if record.published and _valid_date(
            record.published) else None
        self.claim_of: dict[str, str] = {}  # statement id -> claim id of its first part (this article)
        # the article's main claim, what "these claims are false" answers: the first claim of the ledger its
        # assertions join (the story it shares with other articles), else the first one it founds
        self.first_joined: str | None = None
        self.first_founded: str | None = None
        self.linked: set[tuple[str, int]] = set()  # (statement id, part) already members
        self.touched: set[str] = set()
        self.df_cache: dict[str, int] = {}
        # written once per article (flush): members, postings of the inverted index, document frequencies
        self.pending_members: list[tuple[Any, ...]] = []
        self.pending_postings: dict[str, set[str]] = {}  # term -> claims, also read by the candidate search
        self.pending_df: dict[str, int] = {}
        self.pending_claims: list[tuple[str, str, str, int]] = []  # id, text, first statement, seq
        self.pending_vectors: list[tuple[str, Any]] = []
        self.core: dict[str, list[list[str]]] = {}  # claim id -> its core term lists (candidates, new, joined)
        (n,) = con.execute("SELECT count(*) FROM claims").fetchone() or (0,)
        self.n_claims = int(n)
        self.last_seq: int | None = None
        self.vectors: _Vectors | None = None
        self.embedding: dict[str, Any] = {}  # proposition text -> its vector

    def link(self, inputs: Sequence[StatementInput]) -> dict[str, str]:
        inputs = [*voice_inputs(self.record), *inputs]
        by_id = {i.id: i for i in inputs}

        # the outlet's voice first (it states the story), then assertions, then responses naming what they answer
        def rank(i: StatementInput) -> int:
            if i.voice:
                return 0
            if i.about:
                return 3
            return 1 if ROLE_OF_STANCE.get(i.stance) == "assert" else 2

        order = sorted(inputs, key=rank)
        said = [(i, x) for i in inputs for p in self._propositions(i) for x in (p.text, p.negated) if x]
        texts = [x for _, x in said]
        keys = {k for i, x in said for k in (*self._terms(i, x), *i.event_keys, *i.actor_keys)}
        self._df(sorted(keys))  # every term of the article, in one read
        vectors = _encode(sorted(set(texts)))
        if vectors is not None:
            self.embedding = dict(zip(sorted(set(texts)), vectors, strict=True))
            self.vectors = _Vectors.of(self.con)
        for inp in order:
            self._link_one(inp, by_id)
        self._refresh(sorted(self.touched))
        return {k: v for k, v in self.claim_of.items() if not by_id[k].voice}

    def _propositions(self, inp: StatementInput) -> list[Proposition]:
        role = ROLE_OF_STANCE.get(inp.stance)
        if role is None:
            return []
        pieces = parts(inp.content) if not inp.about else [inp.content]
        return [normalise(p, role) for p in pieces]

    def _link_one(self, inp: StatementInput, by_id: dict[str, StatementInput]) -> None:
        for k, prop in enumerate(self._propositions(inp)):
            self._link_part(inp, by_id, prop, k)

    def _link_part(self, inp: StatementInput, by_id: dict[str, StatementInput], prop: Proposition,
                   part: int) -> None:
        role = prop.role
        t = self._terms(inp, prop.text)
        if inp.about and inp.about in self.claim_of and role != "assert":
            self._add_member(self.claim_of[inp.about], inp, prop, "about", 1.0, t, part)
            return
        if inp.about and inp.about in by_id and inp.about not in self.claim_of and role != "assert":
            target = by_id[inp.about]
            if len(terms(target.content)) >= MIN_TERMS:
                self._link_one(StatementInput(target.id, target.content, "assert", target.speaker, target.actor_id,
                                              target.anonymous, None, target.event_keys, target.actor_keys), by_id)
                if inp.about in self.claim_of:
                    self._add_member(self.claim_of[inp.about], inp, prop, "about", 1.0, t, part)
                    return
        if prop.anaphoric:
            anchor = self.first_joined or self.first_founded
            if anchor is not None and role != "assert":
                self._add_member(anchor, inp, prop, "anaphora", 1.0, t, part)
            return  # "these claims are false" with nothing to answer in the article: no proposition of its own
        if prop.negated is not None:
            said = Proposition(prop.negated, ROLE_OF_STANCE.get(inp.stance) or "assert")
            # the same negative statement said again joins its claim as said; "X is not Y" denies "X is Y" only
            # where someone says "X is Y"; else it is a proposition of its own, as said
            positive = Proposition(prop.text, "deny")
            said_best, positive_best = self._best_for(inp, said), self._best_for(inp, positive)
            if said_best is not None and (positive_best is None or said_best[1] >= positive_best[1]):
                self._join(inp, said, part, best=said_best)
                return
            if positive_best is not None:
                self._join(inp, positive, part, best=positive_best)
                return
            prop = said
        self._join(inp, prop, part, found=True)

    def _terms(self, inp: StatementInput, content: str) -> list[str]:
        t = terms(core_of(content))
        speaker = None if inp.anonymous or inp.voice else inp.speaker
        for extra in [*date_terms(content, self.published), *speaker_terms(content, speaker)]:
            if extra not in t:
                t.append(extra)
        return t

    def _best_for(self, inp: StatementInput, prop: Proposition) -> tuple[str, float, str] | None:
        """The claim the proposition would join, and its score, without joining it."""
        t = self._terms(inp, prop.text)
        if len(t) < MIN_TERMS and not inp.event_keys:
            return None
        keyed = list(dict.fromkeys([*t, *inp.event_keys, *inp.actor_keys]))
        return self._best_candidate(keyed, t, inp, prop.role, prop.text, merge=False)

    def _join(self, inp: StatementInput, prop: Proposition, part: int, found: bool = False,
              best: tuple[str, float, str] | None = None) -> bool:
        """Join the best claim for the proposition (or found one, with ``found``); whether it became a member.

        ``best``, when given, is the claim :meth:`_best_for` already chose for it (not scored again)."""
        role, content = prop.role, prop.text
        t = self._terms(inp, content)
        keyed = list(dict.fromkeys([*t, *inp.event_keys, *inp.actor_keys]))  # each term once: df counts claims
        if len(t) < MIN_TERMS and not inp.event_keys:
            return False
        if best is None:
            best = self._best_candidate(keyed, t, inp, role, content)
        anchor = self.first_joined or self.first_founded
        if best is None and role in ("deny", "neither") and anchor is not None and found:
            # a denial that matches no claim well still answers the article's story when it is close to it
            near = self._score_against(anchor, t, content)
            if near >= ANCHOR_RESPONSE_MIN:
                best = (anchor, round(near, 4), "anchor")
        if best is not None:
            claim_id, score, via = best
            self._add_member(claim_id, inp, prop, via, score, keyed, part)
            return True
        if found:
            self._new_claim(inp, prop, keyed, part)
            return True
        return False

    def _candidates(self, keyed: list[str], inp: StatementInput, vector: Any) -> tuple[list[str], dict[str, float]]:
        """Claims sharing rare terms (the inverted index) or close in embedding (the vector index)."""
        dfs = self._df(keyed)
        known = sorted((dfs[k], k) for k in keyed if k in dfs and dfs[k] <= DF_CAP and not k.startswith("a:"))
        probe = [k for _, k in known[:CANDIDATE_TERMS]]
        probe += [k for k in inp.event_keys if k in dfs and k not in probe]
        shared: dict[str, set[str]] = {}
        if probe:
            for cid, term in self.con.execute(
                f"SELECT claim_id, term FROM claim_terms WHERE term IN ({marks(probe)})", probe
            ).fetchall():  # at most CANDIDATE_TERMS * DF_CAP postings
                shared.setdefault(str(cid), set()).add(str(term))
            for term in probe:  # this article's own new postings, not written yet
                for cid in self.pending_postings.get(term, ()):
                    shared.setdefault(cid, set()).add(term)
        ranked = sorted(
            (cid for cid, ts in shared.items() if len(ts) >= 2 or any(x.startswith("ev:") for x in ts)),
            key=lambda cid: (-len(shared[cid]), cid),
        )[:MAX_CANDIDATES]
        near: dict[str, float] = {}
        if vector is not None and self.vectors is not None:
            near = self.vectors.nearest(vector, VECTOR_CANDIDATES, VECTOR_MIN)
            for cid, vec in self.pending_vectors:
                s = float(vec @ vector)
                if s >= VECTOR_MIN and s > near.get(cid, -1.0):
                    near[cid] = s
        return list(dict.fromkeys([*ranked, *sorted(near, key=lambda c: -near[c])])), near

    def _best_candidate(self, keyed: list[str], t: list[str], inp: StatementInput,
                        role: str, content: str, merge: bool = True) -> tuple[str, float, str] | None:
        vector = self.embedding.get(content)
        cands, near = self._candidates(keyed, inp, vector)
        if not cands:
            return None
        firsts: dict[str, date | None] = {}
        # the claims a headline or lead founded: a statement joins them only at a margin, since a story's
        # summary resembles every statement of the story (measured on the dev set: voice-statement pairs are
        # the least precise)
        voice_founded: set[str] = set()
        for cid, core, first, first_statement in self.con.execute(
            f"SELECT claim_id, core, first_published, first_statement FROM claims WHERE claim_id IN ({marks(cands)})",
            cands,
        ).fetchall():
            self.core.setdefault(str(cid), [list(x) for x in core or []])
            firsts[str(cid)] = first
            if str(first_statement).startswith("v"):
                voice_founded.add(str(cid))
        for cid, _text, first_statement, _seq in self.pending_claims:  # this article's own new claims
            firsts[cid] = self.published
            if first_statement.startswith("v"):
                voice_founded.add(cid)
        if vector is not None:
            threshold = COMBINED_THRESHOLD if role == "assert" else COMBINED_RESPONSE_THRESHOLD
            if inp.voice:
                threshold = min(threshold, VOICE_THRESHOLD)
        else:
            threshold = LEXICAL_THRESHOLD if role == "assert" else RESPONSE_THRESHOLD
        vocab = set(t).union(*(x for cid in cands for x in self.core.get(cid, [])))
        df_all = self._df(sorted(vocab))
        weight = {x: idf(int(df_all.get(x, 1)), self.n_claims) for x in vocab}
        passing: list[tuple[float, str, str]] = []
        for cid in cands:
            core = self.core.get(cid, [])
            if not core:
                continue
            # compared with the founder and the members that joined it strongly: no chaining through weak links
            lex = max(cosine(t, [x for x in terms_ if not x.startswith(KEY_PREFIXES)], weight) for terms_ in core)
            score, via = lex, "lexical"
            if vector is not None:
                emb = near.get(cid)
                if emb is None:
                    emb = self._claim_similarity(cid, vector)
                score = EMBEDDING_WEIGHT * emb + (1 - EMBEDDING_WEIGHT) * lex
                via = "embedding" if EMBEDDING_WEIGHT * emb > (1 - EMBEDDING_WEIGHT) * lex else "lexical"
            ev = set(inp.event_keys)
            if role != "assert" and lex >= DATE_MIN_LEXICAL and any(
                x.startswith("d:") and any(x in terms_ for terms_ in core) for x in t
            ):
                # a confirmation or denial naming the claim's day and some of its words
                score, via = min(1.0, score + DATE_BONUS), "date"
            claim_events = {x for terms_ in core for x in terms_ if x.startswith("ev:")}
            if ev and ev & claim_events and _days(self.published, firsts.get(cid)) <= EVENT_WINDOW_DAYS:
                score, via = min(1.0, score + EVENT_BONUS), "event"
            elif ev and claim_events and not ev & claim_events:
                score -= EVENT_MISMATCH  # another event of the same story ("agreed to swap" vs "will meet")
            claim_actors = {x for terms_ in core for x in terms_ if x.startswith("a:")}
            if inp.actor_keys and claim_actors and not claim_actors.intersection(inp.actor_keys) and via != "event":
                score -= ACTOR_MISMATCH  # about other actors ("Washington pushes for" vs "Moscow agreed to")
            margin = VOICE_FOUNDED_MARGIN if not inp.voice and cid in voice_founded else 0.0
            if score >= threshold + margin:
                passing.append((score, cid, via))
        if not passing:
            return None
        passing.sort(key=lambda x: (-x[0], x[1]))
        score, cid, via = passing[0]
        if vector is not None and role == "assert" and merge:
            cid = self._merge_bridged(cid, [(s_, c) for s_, c, _ in passing[1:] if s_ >= MERGE_THRESHOLD], score)
        return cid, round(score, 4), via

    def _merge_bridged(self, best: str, others: list[tuple[float, str]], score: float) -> str:
        """A proposition close to two stored claims bridges them: the younger is merged into the older, when
        their cores are close too (``MERGE_CORE_MIN``: no chaining through one loose link).  Returns the claim
        the proposition joins."""
        if score < MERGE_THRESHOLD or self.vectors is None:
            return best
        pending = {c for c, _, _, _ in self.pending_claims}
        keep = best
        for _, other in others:
            if other in pending or keep in pending or other == keep:
                continue
            if self._core_similarity(keep, other) < MERGE_CORE_MIN:
                continue
            older, younger = sorted((keep, other), key=lambda c: int(c.lstrip("c") or 0))
            self._merge(younger, older, score)
            keep = older
        return keep

    def _core_similarity(self, a: str, b: str) -> float:
        if self.vectors is None or self.vectors.matrix is None:
            return 0.0
        rows = self.vectors.of_claims({a, b})
        ra, rb = rows.get(a, []), rows.get(b, [])
        if not ra or not rb:
            return 0.0
        m = self.vectors.matrix
        return float((m[ra] @ m[rb].T).max())

    def _merge(self, gone: str, keep: str, score: float) -> None:
        """Move every member, posting and vector of ``gone`` to ``keep``; record why; drop ``gone``."""
        self._flush()
        con = self.con
        log.debug("%s: merging claim %s into %s (%.3f)", self.article_id, gone, keep, score)
        con.execute("UPDATE claim_members SET claim_id = ? WHERE claim_id = ?", [keep, gone])
        # a term posted for both is posted once now: one claim fewer holds it
        both = [str(r[0]) for r in con.execute(
            "SELECT term FROM claim_terms WHERE claim_id = ? INTERSECT SELECT term FROM claim_terms WHERE claim_id = ?",
            [gone, keep]).fetchall()]
        if both:
            con.execute(f"DELETE FROM claim_terms WHERE claim_id = ? AND term IN ({marks(both)})", [gone, *both])
            con.execute(f"UPDATE claim_term_df SET df = df - 1 WHERE term IN ({marks(both)})", both)
            for t in both:
                if t in self.df_cache:
                    self.df_cache[t] -= 1
        con.execute("UPDATE claim_terms SET claim_id = ? WHERE claim_id = ?", [keep, gone])
        # the older claim's core stays its core: members must stay close to it, so merges do not chain
        con.execute("DELETE FROM claim_vectors WHERE claim_id = ?", [gone])
        con.execute("DELETE FROM claims WHERE claim_id = ?", [gone])
        con.execute("INSERT INTO claim_merges VALUES (?, ?, ?, ?, ?)",
                    [gone, keep, self.article_id, round(score, 4), "a proposition close to both"])
        self.core.pop(gone, None)
        if self.vectors is not None:
            self.vectors.drop(gone)
        self.claim_of = {k: keep if v == gone else v for k, v in self.claim_of.items()}
        if self.first_joined == gone:
            self.first_joined = keep
        if self.first_founded == gone:
            self.first_founded = keep
        self.touched.discard(gone)
        self.touched.add(keep)
        self.n_claims -= 1

    def _score_against(self, claim_id: str, t: list[str], content: str) -> float:
        """The plain similarity of a proposition with one claim (lexical, and embedding when on)."""
        core = self.core.get(claim_id, [])
        vocab = set(t).union(*core)
        df_all = self._df(sorted(vocab))
        weight = {x: idf(int(df_all.get(x, 1)), self.n_claims) for x in vocab}
        lex = max((cosine(t, [x for x in c if not x.startswith(KEY_PREFIXES)], weight) for c in core), default=0.0)
        vector = self.embedding.get(content)
        if vector is None:
            return lex
        return EMBEDDING_WEIGHT * self._claim_similarity(claim_id, vector) + (1 - EMBEDDING_WEIGHT) * lex

    def _claim_similarity(self, claim_id: str, vector: Any) -> float:
        """The best cosine of a proposition with a claim's core vectors (0 when it has none)."""
        sims = [float(v @ vector) for cid, v in self.pending_vectors if cid == claim_id]
        if self.vectors is not None and self.vectors.matrix is not None:
            rows = self.vectors.positions.get(claim_id)
            if rows:
                sims.append(float((self.vectors.matrix[rows] @ vector).max()))
        return max(sims, default=0.0)

    def _df(self, keys: list[str]) -> dict[str, int]:
        """Document frequencies over claims, cached for the article (its own updates are added as they happen)."""
        missing = [k for k in keys if k not in self.df_cache]
        if missing:
            found = dict(
                self.con.execute(f"SELECT term, df FROM claim_term_df WHERE term IN ({marks(missing)})", missing)
                .fetchall()
            )
            for k in missing:
                self.df_cache[k] = int(found.get(k, 0))
        return {k: self.df_cache[k] for k in keys if self.df_cache[k] > 0}

    def _members(self, claim_ids: list[str], limit_each: int | None = None) -> dict[str, list[_Member]]:
        rows = self.con.execute(
            "SELECT claim_id, article_id, statement_id, role, actor_id, speaker, anonymous, published, terms, "
            f"content, via, score, rowid, voice FROM claim_members WHERE claim_id IN ({marks(claim_ids)})",
            claim_ids,
        ).fetchall()
        rows.sort(key=lambda r: (str(r[0]), r[7] or date.max, int(r[12])))
        out: dict[str, list[_Member]] = {}
        for r in rows:
            ms = out.setdefault(str(r[0]), [])
            if limit_each is not None and len(ms) >= limit_each:
                continue
            ms.append(
                _Member(str(r[1]), str(r[2]), str(r[3]), r[4], str(r[5]), bool(r[6]), r[7], list(r[8] or []),
                        str(r[9]), str(r[10]), float(r[11]), int(r[12]), bool(r[13]))
            )
        return out

    def _new_claim(self, inp: StatementInput, prop: Proposition, keyed: list[str], part: int) -> None:
        seq = self._next_seq()
        claim_id = f"c{seq}"
        self.pending_claims.append((claim_id, clean_text(prop.text), inp.id, seq))
        self.core[claim_id] = []
        self._add_member(claim_id, inp, prop, "first", 1.0, keyed, part)

    def _next_seq(self) -> int:
        """The next claim number: one more than the ledger's highest, read inside this article's transaction.

        Not a sequence: a sequence's values are not rolled back with a failed or killed transaction, so
        claim ids would depend on crashes; this way they depend only on the order articles are linked in.
        """
        if self.last_seq is None:
            (top,) = self.con.execute("SELECT coalesce(max(seq), 0) FROM claims").fetchone() or (0,)
            self.last_seq = int(top)
        self.last_seq += 1
        return self.last_seq

    def _add_member(self, claim_id: str, inp: StatementInput, prop: Proposition, via: str, score: float,
                    keyed: list[str], part: int) -> None:
        if (inp.id, part) in self.linked:
            return
        core = self.core.setdefault(claim_id, [])
        known_terms = {x for terms_ in core for x in terms_}
        stance = inp.stance if prop.role == ROLE_OF_STANCE.get(inp.stance) else prop.role
        self.pending_members.append(
            (claim_id, inp.id, prop.role, inp.speaker, inp.actor_id, inp.anonymous, via, score, keyed, prop.text,
             part, stance, inp.voice)
        )
        self.linked.add((inp.id, part))
        if prop.role == "assert" and via == "first":
            self.first_founded = self.first_founded or claim_id
        elif prop.role == "assert" and via not in ("about", "anaphora"):
            self.first_joined = self.first_joined or claim_id
        new_terms: list[str] = []
        if (via in ("first", "about") or score >= CORE_SCORE) and len(core) < CORE_SIZE:
            # the core (and so the inverted index) holds the founder and the first strongly linked members
            core.append(list(keyed))
            fresh = dict.fromkeys(x for x in keyed if x not in known_terms)  # a term is posted once per claim
            new_terms = list(fresh)[: max(0, MAX_CLAIM_TERMS - len(known_terms))]
            vector = self.embedding.get(prop.text)
            if vector is not None:
                self.pending_vectors.append((claim_id, vector))
        if new_terms:
            self._df(new_terms)  # cached before the local increment
        for x in new_terms:
            self.df_cache[x] = self.df_cache.get(x, 0) + 1
            self.pending_df[x] = self.pending_df.get(x, 0) + 1
            self.pending_postings.setdefault(x, set()).add(claim_id)
        self.claim_of.setdefault(inp.id, claim_id)  # what an answer to the statement joins: its first part's claim
        self.touched.add(claim_id)

    def _flush(self) -> None:
        """Write the article's new claims, members, postings, document frequencies and vectors."""
        if self.pending_claims:
            cols = [list(c) for c in zip(*self.pending_claims, strict=True)]
            self.con.execute(
                "INSERT INTO claims SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), 'uncontested', ?, "
                "unnest(?::VARCHAR[]), ?, 0, unnest(?::BIGINT[]), []",
                [cols[0], cols[1], self.article_id, cols[2], self.published, cols[3]],
            )
        if self.pending_members:
            cols = [list(c) for c in zip(*self.pending_members, strict=True)]
            n = len(self.pending_members)
            self.con.execute(
                "INSERT INTO claim_members (claim_id, article_id, statement_id, role, speaker, actor_id, anonymous, "
                "published, via, score, terms, content, part, stance, voice) SELECT unnest(?::VARCHAR[]), ?, "
                "unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                "unnest(?::BOOLEAN[]), ?, unnest(?::VARCHAR[]), unnest(?::DOUBLE[]), unnest(?::VARCHAR[][]), "
                "unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::BOOLEAN[])",
                [cols[0], self.article_id, cols[1], cols[2], cols[3], cols[4], cols[5], self.published,
                 cols[6], cols[7], cols[8], cols[9], cols[10], cols[11], cols[12]],
            )
            log.debug("%s: %d claim members", self.article_id, n)
        postings = [(t, c) for t, cs in self.pending_postings.items() for c in sorted(cs)]
        if postings:
            self.con.execute(
                "INSERT INTO claim_terms SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
                [[t for t, _ in postings], [c for _, c in postings]],
            )
        if self.pending_df:
            terms_, counts = zip(*sorted(self.pending_df.items()), strict=True)
            self.con.execute(
                "INSERT INTO claim_term_df SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]) "
                "ON CONFLICT (term) DO UPDATE SET df = claim_term_df.df + excluded.df",
                [list(terms_), list(counts)],
            )
        if self.pending_vectors:
            import numpy as np

            ids = [c for c, _ in self.pending_vectors]
            mat = np.asarray([v for _, v in self.pending_vectors], dtype=np.float32)
            self.con.execute("INSERT INTO claim_vectors SELECT unnest(?::VARCHAR[]), unnest(?::FLOAT[][])",
                             [ids, mat.tolist()])
            if self.vectors is not None:
                self.vectors.add(ids, mat)
        self.pending_members, self.pending_postings, self.pending_df, self.pending_claims = [], {}, {}, []
        self.pending_vectors = []

    def _refresh(self, claim_ids: list[str]) -> None:
        """Status, text and first appearance of the touched claims, from their members (O(members))."""
        self._flush()
        if not claim_ids:
            return
        members = self._members(claim_ids)
        updates: list[tuple[Any, ...]] = []
        for claim_id in claim_ids:
            ms = members.get(claim_id, [])
            if not ms:
                continue
            said = sorted(ms, key=lambda m: (m.published or date.max, m.article_id, _statement_number(m.statement_id)))
            status = status_of([(m.role, m.actor_id, m.speaker, m.anonymous) for m in said if not m.voice])
            first = ms[0]
            # the text: the assertion closest to all the others (a medoid), the earliest on ties
            head = ms[:MEMBERS_COMPARED]
            asserts = [m for m in head if m.role in {"assert", "confirm"}] or [first]
            text_from = max(  # a content that names who did it ("Trump had spoken" rather than "he had spoken")
                asserts, key=lambda m: (not opens_with_pronoun(m.content) and not is_fragment(m.content),
                                        m.role == "assert",
                                        sum(cosine(m.terms, o.terms) for o in head if o is not m), -m.seq)
            )
            updates.append((claim_id, status, clean_text(text_from.content) or first.content, first.article_id,
                            first.statement_id, first.published, len(ms), self.core.get(claim_id, [])))
        if not updates:
            return
        cols = [list(c) for c in zip(*updates, strict=True)]
        self.con.execute(
            "UPDATE claims SET status = v.status, text = v.text, first_article = v.fa, first_statement = v.fs, "
            "first_published = v.fp, n_members = v.n, core = v.core FROM (SELECT unnest(?::VARCHAR[]) AS id, "
            "unnest(?::VARCHAR[]) AS status, unnest(?::VARCHAR[]) AS text, unnest(?::VARCHAR[]) AS fa, "
            "unnest(?::VARCHAR[]) AS fs, unnest(?::DATE[]) AS fp, unnest(?::INTEGER[]) AS n, "
            "unnest(?::VARCHAR[][][]) AS core) v "
            "WHERE claims.claim_id = v.id",
            cols,
        )


def _statement_number(statement_id: str) -> int:
    digits = statement_id.lstrip("s")
    return int(digits) if digits.isdigit() else 0


def _valid_date(value: str | None) -> bool:
    if not value:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
