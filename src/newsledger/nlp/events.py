"""Events: PLOVER-coded events with actors, status and dates.

Triggers come from a pattern file (``nlp/data/events.tsv``, extendable with ``NEWSLEDGER_EVENTS`` or
``load_patterns(extra=[path])``), compiled once into one spaCy :class:`~spacy.matcher.Matcher` that
finds every candidate trigger token of a document in a single pass.  Each candidate is then checked
against the few rules of its lemma (phrase dependents such as "speak *by phone*", "fire *at*").

Actors come from the parse: subject / object / prepositional phrases (``with``, ``between``, ``at``,
``against``...), the agent of a passive, controllers of infinitives ("he plans to meet"), the owner
of an event noun ("Israeli shelling", "talks between A and B") or the subject of its support verb
("held talks", "imposed sanctions").  Coordination gives one event per actor; a mutual act with
coordinated subjects and no object ("A, B and C met") gives every ordered pair.  Actors are coded
with the entity table (pronouns map to their entity) and the actor dictionary (``actors.py``).  An
actor known only by its sector ("insurgents" REB, "civilians" CVL) gets the unknown country ``---``
(PETRARCH/PLOVER's convention, kept over null because the PLOVER-coded data and its scorer count it:
see ``actors.py``) and is kept only opposite an actor with a country.  A political actor
reporting that another attacked or coerced ("Azerbaijan said Armenia had shelled...", from the
statement layer or a reporting verb) is also coded ACCUSE (mode allege) against the culprit.

**PLOVER's future-cooperation rule, as implemented.**  PLOVER codes cooperative acts (CONSULT,
SUPPORT, COOPERATE, AID) stated in the future as AGREE.  newsledger keeps that rule for
*commitments*: an act under a promise/offer/willingness verb ("agreed to help", "pledged to
support", "wants to help", "offered to mediate") is AGREE.  An act that is *scheduled or planned*
("will meet", "plans to meet", "is scheduled to attend") keeps its specific type with status
``planned`` — that is the "more specific plan" the rule allows, and it keeps the event linkable to
the later report of the same meeting.  Refusals and negated promises of cooperation ("would not
provide support", "refused to meet") are REJECT; violent acts under threat verbs ("wants to attack")
are THREATEN; acts under request verbs ("urged X to withdraw") are REQUEST from the requester.

**One trigger clause, one event per dyad.**  A verb trigger whose object is an event-noun trigger
("sign an agreement", "host talks", "provide aid") is coded once, with the verb's type (CAMEO 057
"sign formal agreement" is SUPPORT, so a signing stays SUPPORT and is not also AGREE), the noun's
recipient ("an agreement *with* X") and mutuality: coordinated subjects of a mutual act (meet, hold
talks, agree, sign an agreement/deal/pact/treaty, cooperate) give one event per ordered pair
("Japan and the Philippines will sign a pact" is JPN->PHL and PHL->JPN).  So a future signing
("will sign an agreement next week") is SUPPORT with status ``planned``: a scheduled act, under the
rule above, not AGREE.  An event in the headline that the body codes again is dropped (the body's
has the evidence and the statements).

Status: ``denied`` (a deny statement contains or is about it; or the speaker negates it),
``negated`` (the article's own negation), ``possible`` (could/may/might/likely/possible),
``planned`` (future, plans, schedules, a headline's "X to sign", or a date after the publication:
an act dated "next week" has not happened, whatever the tense), ``reported`` (inside a statement's
content: ``reported_by`` lists those statements; when the statement layer has none, a reporting
verb governing the clause), else ``occurred``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from newsledger.nlp import actors, timex
from newsledger.nlp.actors import Code
from newsledger.nlp.types import EntityTable, ParsedArticle
from newsledger.record import Event, EventActor, Evidence, Statement, When

ENV_VAR = "NEWSLEDGER_EVENTS"
SPECIAL = frozenset({"LIGHT", "PLAN", "PROMISE", "THREAT", "ASK", "REFUSE", "SAY", "POSSIBLE", "FUTURE"})
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
VIOLENT = frozenset({"ASSAULT", "COERCE"})
TARGET_PREPS = ("with", "against", "at", "on", "to", "toward", "towards", "into", "between", "for", "from", "of")
SUBJ = frozenset({"nsubj", "csubj"})
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they", "them", "their", "it", "its", "we", "i"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
UNKNOWN_COUNTRY = "---"


@dataclass(frozen=True)
class Rule:
    type: str
    mode: str | None
    pos: str  # V | N | X
    anchor: str
    needs: tuple[str, ...] = ()
    src: str | None = None
    tgt: str | None = None
    sym: bool = False


@dataclass
class Patterns:
    rules: dict[tuple[str, str], list[Rule]] = field(default_factory=dict)  # (lemma, pos) -> rules, longest first
    special: dict[str, set[str]] = field(default_factory=dict)
    contexts: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)

    def lemmas(self) -> set[str]:
        return {lemma for lemma, _pos in self.rules}

    def context_index(self) -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
        """Context phrases keyed by their first word (the scan looks up each token once)."""
        index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for phrase, ctx in self.contexts:
            index.setdefault(phrase[0], []).append((phrase, ctx))
        return index


def _data(name: str) -> Path:
    return Path(str(resources.files("newsledger.nlp").joinpath("data", name)))


def _read_rules(path: Path, pats: Patterns) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        cells += [""] * (5 - len(cells))
        typ, mode, pos, phrase, roles = cells[:5]
        words = phrase.lower().split()
        if not typ or not words:
            continue
        if typ in SPECIAL:
            pats.special.setdefault(typ, set()).add(phrase.lower())
            continue
        opts: dict[str, str] = {}
        for o in roles.split(";"):
            if o:
                k, _, v = o.partition("=")
                opts[k] = v or "1"
        if (pos or "V") == "N":  # a noun phrase is anchored on its head, the last word ("air strike")
            words = [words[-1], *words[:-1]]
        rule = Rule(typ, None if mode in {"", "-"} else mode, pos or "V", words[0], tuple(words[1:]),
                    opts.get("src"), opts.get("tgt"), "sym" in opts)
        pats.rules.setdefault((rule.anchor, rule.pos), []).append(rule)
    for key in pats.rules:
        pats.rules[key].sort(key=lambda r: -len(r.needs))


def load_patterns(extra: Iterable[str | Path] = (), *, use_env: bool = True) -> Patterns:
    """The packaged event patterns, plus ``extra`` files and those in ``NEWSLEDGER_EVENTS`` (same format)."""
    pats = Patterns()
    paths = [_data("events.tsv"), *(Path(p) for p in extra)]
    if use_env and os.environ.get(ENV_VAR):
        paths += [Path(p) for p in os.environ[ENV_VAR].split(os.pathsep) if p]
    for path in paths:
        _read_rules(path, pats)
    for line in _data("events_contexts.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            phrase, ctx = line.split("\t", 1)
            pats.contexts.append((tuple(phrase.lower().split()), tuple(c for c in ctx.strip().split(";") if c)))
    return pats


def _inflections(lemma: str) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


IRREGULAR = {"meet": {"met"}, "hold": {"held"}, "speak": {"spoke", "spoken"}, "fight": {"fought"},
             "send": {"sent"}, "give": {"gave", "given"}, "take": {"took", "taken"}, "strike": {"struck"},
             "shoot": {"shot"}, "seek": {"sought"}, "beat": {"beaten"}, "blow": {"blew", "blown"},
             "fly": {"flew", "flown"}, "go": {"went", "gone"}, "make": {"made"}, "begin": {"began", "begun"},
             "withdraw": {"withdrew", "withdrawn"}, "have": {"had"}, "forgive": {"forgave", "forgiven"},
             "stage": {"staged"}, "freeze": {"froze", "frozen"}, "lead": {"led"}, "tell": {"told"},
             "say": {"said"}, "pay": {"paid"}}


@dataclass
class Compiled:
    patterns: Patterns
    matcher: Matcher
    contexts: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = field(default_factory=dict)


_COMPILED: dict[int, Compiled] = {}


def compiled(vocab: Vocab) -> Compiled:
    """The patterns compiled into one Matcher for ``vocab`` (once per vocabulary)."""
    key = id(vocab)
    if key not in _COMPILED:
        pats = default_patterns()
        matcher = Matcher(vocab)
        lemmas = sorted(pats.lemmas())
        forms = sorted({f for lemma in lemmas for f in _inflections(lemma) | IRREGULAR.get(lemma, set())})
        matcher.add("TRIGGER", [[{"LEMMA": {"IN": lemmas}}], [{"LOWER": {"IN": forms}}]])
        _COMPILED[key] = Compiled(pats, matcher, pats.context_index())
    return _COMPILED[key]


@lru_cache(maxsize=1)
def default_patterns() -> Patterns:
    return load_patterns()


# ----------------------------------------------------------------------------- helpers


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if tok.lower_ in {"staged", "staging"}:
        return "stage"
    return lemma


def _forms_match(tok: Token, word: str) -> bool:
    return _lemma(tok) == word or tok.lower_ == word or tok.lower_ in _inflections(word) | IRREGULAR.get(word, set())


def _satisfied(tok: Token, rule: Rule) -> bool:
    if not rule.needs:
        return True
    near = [c for c in tok.children] + [g for c in tok.children for g in c.children]
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    for word in rule.needs:
        if not any(_forms_match(t, word) for t in near) and not (nxt is not None and _forms_match(nxt, word)):
            return False
    return True


def _pos_of(tok: Token) -> str:
    if tok.pos_ in {"VERB", "AUX"} or (tok.tag_.startswith("VB")):
        return "V"
    if tok.pos_ in {"NOUN", "PROPN"}:
        return "N"
    return "X"


def _conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the later members of its coordination; a list mis-parsed as an apposition with
    its own conjuncts ("the US, Russia, and Switzerland met") counts as coordination too."""
    out = [tok, *[c for c in tok.conjuncts if c.i > tok.i]]
    for c in tok.children:
        if c.dep_ == "appos" and c.i > tok.i and any(g.dep_ == "conj" for g in c.children):
            out += [c, *[g for g in c.conjuncts if g.i > c.i]]
    return out


def _child(tok: Token, deps: Iterable[str]) -> Token | None:
    dset = set(deps)
    for c in tok.children:
        if c.dep_ in dset:
            return c
    return None


def _prep_objects(tok: Token, prep: str) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in {"prep", "agent", "dative"} and c.lower_ == prep:
            out += [p for p in c.children if p.dep_ == "pobj"]
    return out


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl"
    )


def _controllers(verb: Token) -> list[Token]:
    """Verbs/adjectives/nouns that govern ``verb`` as an infinitive complement, innermost first."""
    chain: list[Token] = []
    cur = verb
    while cur.dep_ in {"xcomp", "acl", "ccomp", "advcl", "conj"} and cur.head.i != cur.i and len(chain) < 4:
        if cur.dep_ == "ccomp" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            break
        if cur.dep_ == "advcl":
            break
        if cur.dep_ == "conj":
            cur = cur.head
            continue
        cur = cur.head
        chain.append(cur)
    return chain


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, following control ("he plans to meet"), coordination and relatives."""
    cur = verb
    for _ in range(5):
        if _is_passive(cur):
            agents = _prep_objects(cur, "by")
            if agents:
                return agents[0]
            raised = _child(cur, {"nsubjpass"})
            if raised is not None and cur.i != verb.i:
                return raised  # "Obama is scheduled to attend"
        else:
            # several subjects are a mis-parse ("Scholz: ...; Paris backs plan"): the nearest one acts
            subjs = [c for c in cur.children if c.dep_ in SUBJ]
            if subjs:
                before = [c for c in subjs if c.i < cur.i]
                return before[-1] if before else subjs[0]
        if cur.dep_ == "xcomp" or (cur.dep_ == "ccomp" and any(c.lower_ == "to" for c in cur.children)):
            obj = _child(cur.head, {"dobj"})
            if obj is not None and cur.head.lemma_ in {"ask", "urge", "order", "want", "press", "call", "tell"}:
                return obj
            cur = cur.head
        elif cur.dep_ in {"conj", "advcl"} and cur.head.pos_ in {"VERB", "AUX"}:
            cur = cur.head
        elif cur.dep_ == "relcl":
            return cur.head
        elif cur.dep_ == "acl" and cur.head.pos_ in {"NOUN", "PROPN"}:
            owner = _child(cur.head, {"poss"})
            return owner if owner is not None else None
        elif cur.dep_ in {"amod", "acomp"}:
            cur = cur.head
        else:
            return None
    return None


# ----------------------------------------------------------------------------- actors


def _reported_speaker(pron: Token) -> Token | None:
    """The antecedent of "it"/"they" as subject of a reported clause: "Israel said it would..."."""
    verb = pron.head
    if pron.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    for _ in range(2):
        if verb.dep_ == "ccomp":
            subj = _child(verb.head, SUBJ)
            if subj is not None and subj.pos_ != "PRON":
                return subj
            return None
        if verb.dep_ in {"conj", "xcomp"}:
            verb = verb.head
            continue
        return None
    return None


@dataclass
class Actor:
    token: Token
    span: tuple[int, int]
    text: str
    entity: str | None
    country: str | None
    sector: str | None


class _Coder:
    def __init__(self, parsed: ParsedArticle, table: EntityTable, published: str | None) -> None:
        self.doc = parsed.doc
        self.table = table
        self.on = published
        self.by_start: dict[int, tuple[str, str, str | None]] = {}
        for ent in table.entities:
            for m in ent.mentions:
                self.by_start[m.start] = (ent.id, ent.name, ent.type)
        self._memo: dict[int, list[Actor]] = {}
        self._token_codes: dict[int, Code] = {}
        self.ent_of: dict[int, Span] = {}
        for span in self.doc.ents:
            for t in span:
                self.ent_of[t.i] = span

    def actors(self, head: Token | None) -> list[Actor]:
        """One actor per coordinated conjunct (and per coordinated country modifier)."""
        if head is None:
            return []
        out: list[Actor] = []
        for tok in _conjuncts(head):
            out += self._code(tok)
        return out

    def _phrase(self, tok: Token) -> tuple[tuple[int, int], str]:
        if tok.i in self.ent_of and tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
            s = self.ent_of[tok.i]
            start, end = s.start, s.end
        else:
            left = [t for t in tok.lefts if t.dep_ in {"compound", "amod", "nmod", "det", "poss"}]
            start = left[0].left_edge.i if left else tok.i
            end = tok.i + 1
        while start < end and self.doc[start].dep_ in {"det", "punct"} and self.doc[start].lower_ in {"the"}:
            start += 1
        span = self.doc[start:end]
        return (span.start_char, span.end_char), span.text

    def _code(self, tok: Token) -> list[Actor]:
        """The actors of one noun phrase head (memoised per token: heads are coded many times)."""
        memo = self._memo.get(tok.i)
        if memo is None:
            memo = self._memo[tok.i] = self._code_uncached(tok)
        return list(memo)

    def token_code(self, tok: Token) -> Code:
        code = self._token_codes.get(tok.i)
        if code is None:
            code = self._token_codes[tok.i] = actors.token_code(tok, self.on)
        return code

    def _code_uncached(self, tok: Token) -> list[Actor]:
        span, text = self._phrase(tok)
        ent = self.by_start.get(tok.idx)
        if ent is None and tok.i in self.ent_of:
            ent = self.by_start.get(self.ent_of[tok.i].start_char)
        if ent is None:
            for start, end in [span]:
                for t in self.doc.char_span(start, end, alignment_mode="expand") or []:
                    if t.idx in self.by_start and t.ent_type_ == "PERSON":
                        ent = self.by_start[t.idx]
        entity_id = ent[0] if ent else None
        if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
            if ent is None:
                antecedent = _reported_speaker(tok)
                return self._code(antecedent) if antecedent is not None else []
            country, sector = actors.code_entity(ent[1], ent[2] or "PERSON", self.on)
            if not country:
                return []
            return [Actor(tok, (tok.idx, tok.idx + len(tok)), tok.text, entity_id, country, sector)]
        codes = actors.code_mention_all(tok, self.on)
        if ent is not None and (not codes or codes[0][0] is None):
            c, s = actors.code_entity(ent[1], ent[2] or "", self.on)
            if c:
                codes = [(c, s or (codes[0][1] if codes else None))]
        if not codes:
            return [Actor(tok, span, text, entity_id, None, None)]
        return [Actor(tok, span, text, entity_id, c, s) for c, s in codes]


# ----------------------------------------------------------------------------- the coder


@dataclass
class _Draft:
    type: str
    mode: str | None
    trigger: Token
    verb: Token  # the token whose clause gives status and date
    sources: list[Actor]
    targets: list[Actor]
    sym: bool
    status: str = "occurred"
    reported_by: list[str] = field(default_factory=list)
    speaker: Token | None = None
    when_memo: tuple[str, When | None] | None = None  # (status it was resolved for, when)


def _target_heads(tok: Token, rule: Rule, passive: bool) -> list[Token]:
    want = rule.tgt or "obj"
    heads: list[Token] = []
    for spec in want.split(","):
        if spec == "obj":
            if passive:
                heads += [c for c in tok.children if c.dep_ == "nsubjpass"]
            else:
                heads += [c for c in tok.children if c.dep_ in {"dobj", "dative", "attr"}]
        elif spec == "subj":
            s = _subject(tok)
            heads += [s] if s is not None else []
        elif spec == "ccomp":
            comp = _child(tok, {"ccomp"})
            if comp is not None:
                s = _child(comp, {"nsubj", "nsubjpass"})
                heads += [s] if s is not None else []
        else:
            heads += _prep_objects(tok, spec)
    if not heads and not passive:
        heads += [c for c in tok.children if c.dep_ in {"dobj"}]
    if not heads:
        for prep in TARGET_PREPS:
            if prep in {"of", "from"} and rule.tgt not in {"of", "from"}:
                continue
            heads += _prep_objects(tok, prep)
            if heads:
                break
    return heads


def _headline_infinitive(top: Token) -> bool:
    """A main verb in the bare infinitive with "to" ("Japan and Philippines to sign pact next week"):
    headline style for a future act."""
    if top.dep_ == "conj":
        top = top.head
    return top.dep_ == "ROOT" and top.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in top.children) and _child(top, SUBJ) is not None


def _locations(tok: Token) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in {"in", "at"}:
            out += [p for p in c.children if p.dep_ == "pobj"]
    return out


def _subtree_ends(tok: Token) -> tuple[Token, Token]:
    """The first and last tokens of ``tok.subtree`` in its own order (leftmost left child first, rightmost
    right child last), walking one path instead of the whole subtree."""
    first = tok
    while first.n_lefts:
        first = next(first.lefts)
    last = tok
    while last.n_rights:
        *_, last = last.rights
    return first, last


def _doc_text(parsed: ParsedArticle) -> str:
    """The text of the parse: the article's text (the parse covers a prefix of it), else ``Doc.text``
    (which joins every token: built once, never per event)."""
    doc, text = parsed.doc, parsed.text
    if len(doc) == 0:
        return doc.text
    first, last = doc[0], doc[-1]
    if text.startswith(first.text, first.idx) and text.startswith(last.text, last.idx):
        return text
    return doc.text


class EventCoder:
    def __init__(self, parsed: ParsedArticle, table: EntityTable, statements: list[Statement],
                 published: str | None) -> None:
        self.parsed = parsed
        self.doc: Doc = parsed.doc
        self.comp = compiled(self.doc.vocab)
        self.pats = self.comp.patterns
        self.coder = _Coder(parsed, table, published)
        self.statements = statements
        self.published = published
        self._trigger_ids: set[int] = set()
        self.text = _doc_text(parsed)
        self.sent_start: list[int] = [0] * len(self.doc)  # token index -> start of its sentence
        self.sents: dict[int, Span] = {}
        for sent in self.doc.sents:
            self.sents[sent.start] = sent
            for i in range(sent.start, sent.end):
                self.sent_start[i] = sent.start
        self.dates: dict[int, list[Span]] = {}  # sentence start -> DATE/TIME entities
        for ent in self.doc.ents:
            if ent.label_ in {"DATE", "TIME"}:
                self.dates.setdefault(self.sent_start[ent.start], []).append(ent)
        self._contexts_of: dict[int, list[str]] = {}

    # -- triggers
    def triggers(self) -> list[tuple[Token, Rule]]:
        found: dict[int, tuple[Token, Rule]] = {}
        for _mid, start, _end in self.comp.matcher(self.doc):
            tok = self.doc[start]
            if tok.i in found or tok.i < 0:
                continue
            pos = _pos_of(tok)
            lemma = _lemma(tok)
            cands = self.pats.rules.get((lemma, pos)) or self.pats.rules.get((tok.lower_, pos)) or []
            if not cands and pos == "N" and lemma.endswith("s"):
                cands = self.pats.rules.get((lemma[:-1], pos), [])
            for rule in cands:
                if _satisfied(tok, rule):
                    found[tok.i] = (tok, rule)
                    break
        # a compound noun trigger ("air strike", "arrest warrant") is coded on its head
        out: list[tuple[Token, Rule]] = []
        for _i, (tok, rule) in sorted(found.items()):
            if tok.dep_ == "compound" and tok.head.i in found:
                continue
            out.append((tok, rule))
        return out

    def drafts(self) -> list[_Draft]:
        trig = self.triggers()
        trig_ids = {t.i for t, _ in trig}
        self._trigger_ids = trig_ids
        drafts: list[_Draft] = []
        for tok, rule in trig:
            d = self._verb_draft(tok, rule) if rule.pos == "V" else self._noun_draft(tok, rule, trig_ids)
            if d is not None:
                drafts.append(d)
        return self._merge_light(drafts)

    def _merge_light(self, drafts: list[_Draft]) -> list[_Draft]:
        """One trigger clause, one event per dyad: a verb trigger whose object is an event-noun trigger
        ("sign an agreement", "host talks", "provide aid") is one act.  The verb names it (CAMEO 057
        "sign formal agreement" is PLOVER SUPPORT; "host talks" is CONSULT visit), the noun adds what it
        knows: its recipient ("an agreement *with* Japan") and mutuality (an agreement, like a meeting, is
        between its parties).  Verbs that ask for the act ("ordered strikes") stay separate: the order
        is a REQUEST, the strikes another event."""
        by_trigger = {d.trigger.i: d for d in drafts if d.trigger.i == d.verb.i}
        ask = self.pats.special.get("ASK", set())
        drop: set[int] = set()
        for d in drafts:
            if d.trigger.i == d.verb.i or d.trigger.dep_ not in {"dobj", "nsubjpass"}:
                continue
            v = by_trigger.get(d.verb.i)
            if v is None or _lemma(v.trigger) in ask:
                continue
            partner = any(a.country and a.token.head.lower_ in {"with", "between"} for a in d.targets)
            if partner or (any(a.country for a in d.targets) and not any(a.country for a in v.targets)):
                v.targets = d.targets  # "talks *with* X", "an agreement *with* X": the partner of the act
            if not any(a.country or a.sector for a in v.sources):
                v.sources = d.sources
            v.sym = v.sym or d.sym
            drop.add(id(d))
        return [d for d in drafts if id(d) not in drop]

    def _verb_draft(self, tok: Token, rule: Rule) -> _Draft | None:
        if tok.pos_ not in {"VERB"} and not tok.tag_.startswith("VB"):
            return None
        if rule.type == "AGREE" and any(c.dep_ == "xcomp" and c.i in self._trigger_ids for c in tok.children):
            return None  # "agreed to lift sanctions": the act under the promise is coded, not the promise
        if _lemma(tok) in self.pats.special.get("LIGHT", set()) and rule.needs:
            pass
        passive = _is_passive(tok)
        if rule.src and rule.src != "subj":
            src_heads = _prep_objects(tok, rule.src)
        else:
            s = _subject(tok)
            src_heads = [s] if s is not None else []
        tgt_heads = _target_heads(tok, rule, passive)
        if rule.needs and not any(h.dep_ == "pobj" for h in tgt_heads):
            for c in tok.children:
                if any(_forms_match(c, w) for w in rule.needs) and c.pos_ in {"NOUN", "PROPN"}:
                    inner = _prep_objects(c, rule.tgt) if rule.tgt else []
                    for prep in TARGET_PREPS[:6]:
                        inner = inner or _prep_objects(c, prep)
                    if inner:
                        tgt_heads = inner
        if (rule.tgt in {"to", "with"} and rule.type in {"AID", "SUPPORT"} and not rule.needs and not passive
                and not any(c.dep_ in {"dobj", "dative"} and self.coder.actors(c) and self.coder.actors(c)[0].country
                            for c in tok.children)
                and not any(c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and any(
                    p.dep_ == "prep" for p in c.children) for c in tok.children)
                and not any(a.country for h in tgt_heads for a in self.coder.actors(h))):
            return None  # "did not provide specifics": a cooperative act needs its recipient
        if rule.type == "CONSULT" and rule.mode == "visit" and any(
                c.dep_ == "dobj" and c.i in self._trigger_ids and not self.coder.token_code(c)[0]
                and c.ent_type_ not in {"PERSON", "ORG", "GPE", "NORP"} for c in tok.children):
            light = self.pats.special.get("LIGHT", set())
            if _lemma(tok) not in light or not any(
                    c.dep_ == "dobj" and any(r.type == "CONSULT" for r in self.pats.rules.get((_lemma(c), "N"), []))
                    for c in tok.children):
                return None  # "received a formal protest": the object is an act, not a visitor
        if passive and tok.dep_ == "acl" and not tgt_heads:
            tgt_heads = [tok.head]
        return self._draft(rule, tok, tok, src_heads, tgt_heads)

    def _noun_draft(self, tok: Token, rule: Rule, trig_ids: set[int]) -> _Draft | None:
        if _pos_of(tok) != "N":
            return None
        head = tok.head
        light = self.pats.special.get("LIGHT", set())
        verb = head
        src_heads: list[Token] = []
        tgt_heads: list[Token] = []
        governed = False
        if tok.dep_ in {"dobj", "nsubjpass"} and _lemma(head) in light:
            governed = True
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and _lemma(head.head) in light | {"participate"}:
            verb = head.head
            governed = True
        if governed:
            if rule.src and rule.src != "subj":
                src_heads = _prep_objects(verb, rule.src)
            else:
                s = _subject(verb)
                src_heads = [s] if s is not None else []
            if rule.tgt == "subj":
                s = _subject(verb)
                tgt_heads = [s] if s is not None else []
                src_heads = _prep_objects(verb, rule.src or "from")
            else:
                tgt_heads = self._noun_targets(tok, rule)
                if not tgt_heads:
                    tgt_heads = self._noun_targets(verb, rule, obj=True)
        else:
            if head.i in trig_ids and tok.dep_ in {"dobj", "pobj", "nsubjpass"}:
                return None  # the verb codes it ("condemned the attack")
            owner = [c for c in tok.children if c.dep_ in {"poss"}]
            owner += [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"} and self._codable(c)]
            owner += _prep_objects(tok, "by")
            between = _prep_objects(tok, "between")
            if between:
                return self._draft(rule, tok, self._status_verb(tok), between[:1], [], force_sym=True)
            if not owner:
                return None
            src_heads = owner[:1]
            tgt_heads = self._noun_targets(tok, rule)
            verb = self._status_verb(tok)
        return self._draft(rule, tok, verb, src_heads, tgt_heads)

    def _status_verb(self, tok: Token) -> Token:
        cur = tok
        for _ in range(4):
            if cur.pos_ in {"VERB", "AUX"} or cur.dep_ == "ROOT":
                return cur
            cur = cur.head
        return cur

    def _codable(self, tok: Token) -> bool:
        return self.coder.token_code(tok)[0] is not None

    def _noun_targets(self, tok: Token, rule: Rule, obj: bool = False) -> list[Token]:
        heads: list[Token] = []
        if rule.tgt and rule.tgt not in {"obj", "subj", "ccomp"}:
            heads = _prep_objects(tok, rule.tgt)
        if not heads:
            for prep in TARGET_PREPS:
                if prep in {"from", "of", "for"} and rule.tgt not in {"from", "of", "for"}:
                    continue
                heads = _prep_objects(tok, prep)
                if heads:
                    break
        if not heads and obj:
            heads = [c for c in tok.children if c.dep_ == "dative"]
        return heads

    def _draft(self, rule: Rule, tok: Token, verb: Token, src_heads: list[Token], tgt_heads: list[Token],
               force_sym: bool = False) -> _Draft | None:
        sources = [a for h in src_heads for a in self.coder.actors(h)]
        targets = [a for h in tgt_heads for a in self.coder.actors(h)]
        if not any(a.country for a in targets) and rule.type in {"CONSULT", "PROTEST", "ASSAULT", "MOBILIZE"}:
            sym_pairs = (rule.sym or force_sym) and len([a for a in sources if a.country]) > 1
            if not sym_pairs:
                locs = [a for h in _locations(verb) + (_locations(tok) if tok.i != verb.i else [])
                        for a in self.coder.actors(h) if a.country]
                if locs:
                    targets = locs[:1]
        return _Draft(rule.type, rule.mode, tok, verb, sources, targets, rule.sym or force_sym)

    # -- status and conversions
    def qualify(self, d: _Draft) -> _Draft | None:
        special = self.pats.special
        verb = d.verb
        chain = [verb, *_controllers(verb)]
        lemmas = [_lemma(t) for t in chain]
        mods = [c for t in chain for c in t.children]
        if d.trigger.i != verb.i:
            mods += list(d.trigger.children)
        words = {c.lower_ for c in mods if c.dep_ in {"aux", "advmod", "amod", "acomp", "neg", "nsubj"}}
        neg = any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in mods if c.dep_ in {"neg", "advmod", "det"})
        plan_words = special.get("PLAN", set())
        future = (
            bool(words & special.get("FUTURE", set()))
            or any(lemma in plan_words for lemma in lemmas[1:])
            or (verb.dep_ in {"xcomp", "acl"} and _lemma(verb.head) in plan_words)
            or _headline_infinitive(chain[-1])
        )
        possible = bool(words & special.get("POSSIBLE", set()))
        promise = next((t for t in chain[1:] if _lemma(t) in special.get("PROMISE", set())), None)
        if promise is None and verb.dep_ in {"acl"} and _lemma(verb.head) in special.get("PROMISE", set()):
            promise = verb.head
        threat = next((t for t in chain[1:] if _lemma(t) in special.get("THREAT", set())), None)
        ask = next((t for t in chain[1:] if _lemma(t) in special.get("ASK", set())), None)
        refuse = next((t for t in chain[1:] if _lemma(t) in special.get("REFUSE", set())), None)
        if d.type in COOPERATIVE | {"RETREAT"} and (refuse is not None or (neg and future)):
            d.type, d.mode, neg = "REJECT", None, False
            future = possible = False
        elif d.type in VIOLENT and threat is not None:
            d.type, d.mode = "THREATEN", "violence"
            future = False
        elif d.type in COOPERATIVE and promise is not None:
            d.type, d.mode = "AGREE", None
            future = False
        elif ask is not None and d.type != "REQUEST":
            asked = _child(ask, {"dobj"})
            asker = _subject(ask)
            if asked is not None and asker is not None:
                d.type, d.mode = "REQUEST", None
                d.sources = self.coder.actors(asker)
                d.targets = self.coder.actors(asked)
                future = False
        controllers = {t.i for t in (promise, ask, refuse, threat) if t is not None}
        in_st = [st for st in self._statements_of(d.trigger)
                 if not any(st.cue.span[0] <= self.doc[i].idx < st.cue.span[1] for i in controllers)
                 or d.type not in {"AGREE", "REQUEST", "REJECT", "THREATEN"}]
        if in_st:
            d.reported_by = [s.id for s in in_st]
        denied = any(s.stance == "deny" for s in in_st) or self._denied_about(in_st)
        say = self._say_head(verb) if not in_st else None
        if denied or (neg and (in_st or say is not None)):
            d.status = "denied"
        elif neg:
            d.status = "negated"
        elif possible:
            d.status = "possible"
        elif future:
            d.status = "planned"
        elif in_st or say is not None:
            d.status = "reported"
        else:
            d.status = "occurred"
        if say is not None:
            d.speaker = _child(say, SUBJ)
        elif in_st and not denied:
            d.speaker = self._statement_speaker(in_st)
        return d

    def _statement_speaker(self, sts: list[Statement]) -> Token | None:
        """The head token of the speaker of the innermost statement (the shortest content)."""
        st = min(sts, key=lambda s: sum(e - b for b, e in s.content.spans))
        if st.speaker.anonymous or st.speaker.span is None:
            return None
        span = self.doc.char_span(st.speaker.span[0], st.speaker.span[1], alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def _statements_of(self, tok: Token) -> list[Statement]:
        out = []
        for st in self.statements:
            if st.cue.span[0] <= tok.idx < st.cue.span[1]:
                continue
            if any(s <= tok.idx < e for s, e in st.content.spans):
                out.append(st)
        return out

    def _denied_about(self, sts: list[Statement]) -> bool:
        ids = {s.id for s in sts}
        return any(s.stance == "deny" and s.about in ids for s in self.statements)

    def _say_head(self, verb: Token) -> Token | None:
        cur = verb
        say = self.pats.special.get("SAY", set())
        for _ in range(4):
            if cur.dep_ == "ccomp" and _lemma(cur.head) in say:
                return cur.head
            if cur.dep_ in {"xcomp", "conj", "ccomp"} and cur.head.i != cur.i:
                cur = cur.head
                continue
            if cur.dep_ == "ROOT" and any(c.dep_ == "parataxis" for c in cur.children):
                for c in cur.children:
                    if c.dep_ == "parataxis" and _lemma(c) in say:
                        return c
            break
        return None

    # -- output
    def events(self) -> list[Event]:
        """The coded events.  An actor known only by its sector ("insurgents" ``---`` REB) is kept only
        opposite an actor with a country (an event needs one located party); an event without a
        target is dropped where the same type and source in the sentence has one."""
        out: list[Event] = []
        seen: set[tuple[str, str | None, str | None, int]] = set()
        for draft in self.drafts():
            d = self.qualify(draft)
            if d is None:
                continue
            self._future_by_date(d)
            for ev_src, ev_tgt in self._pairs(d):
                if ev_src.country is None and (ev_src.sector is None or ev_tgt is None or ev_tgt.country is None):
                    continue
                key = (d.type, _country(ev_src), _country(ev_tgt) if ev_tgt else None, self.sent_start[d.verb.i])
                if key in seen:
                    continue
                seen.add(key)
                out.append(self._event(d, ev_src, ev_tgt, len(out) + 1))
            self._derived_accuse(d, out, seen)
        targeted = {(typ, src, sent) for typ, src, tgt, sent in seen if tgt is not None}
        keep = [e for e in out if e.target is not None or (e.type, e.source.country, self._sent_of(e)) not in targeted]
        keep = self._drop_headline_repeats(keep)
        if len(keep) < len(out):
            keep = [e.model_copy(update={"id": f"v{n}"}) for n, e in enumerate(keep, 1)]
        return keep

    def _future_by_date(self, d: _Draft) -> None:
        """An act dated after the publication ("will sign ... next week", "to sign pact next week") has
        not happened yet: an ``occurred`` or ``reported`` status becomes ``planned``."""
        if d.status not in {"occurred", "reported"} or not self.published:
            return
        when = self._when(d)
        d.when_memo = (d.status, when)
        if when is not None and when.start is not None and when.start > self.published:
            d.status = "planned"

    def _drop_headline_repeats(self, evs: list[Event]) -> list[Event]:
        """A headline event the body codes again (same type and source country; same target country, or
        none in the headline) is the same event: the body's, with its evidence and statements, is kept."""
        body_start = self.parsed.article.body_start
        if not body_start:
            return evs
        body = [e for e in evs if e.evidence.span[0] >= body_start]
        dyads = {(e.type, e.source.country, e.target.country if e.target else None) for e in body}
        sources = {(e.type, e.source.country) for e in body}
        out = [e for e in evs if e.evidence.span[0] >= body_start
               or not ((e.type, e.source.country, e.target.country if e.target else None) in dyads
                       or (e.target is None and (e.type, e.source.country) in sources))]
        if len(out) < len(evs):
            out = [e.model_copy(update={"id": f"v{n}"}) for n, e in enumerate(out, 1)]
        return out

    def _sent_of(self, e: Event) -> int:
        """The sentence (start token) of an event: that of its evidence's first token."""
        span = self.doc.char_span(e.evidence.span[0], e.evidence.span[1], alignment_mode="expand")
        return self.sent_start[span.start] if span is not None and len(span) else -1

    def _pairs(self, d: _Draft) -> list[tuple[Actor, Actor | None]]:
        coded_src = [a for a in d.sources if a.country]
        if d.sym and not any(a.country for a in d.targets) and len(coded_src) > 1:
            return [(a, b) for a in coded_src for b in coded_src if a is not b and a.country != b.country]
        tgts: list[Actor | None] = [a for a in d.targets if a.country] or [a for a in d.targets if a.sector]
        if not tgts:
            tgts = [None]
        return [(s, t) for s in d.sources for t in tgts if t is None or s.country != t.country or s.sector != t.sector]

    def _derived_accuse(self, d: _Draft, out: list[Event], seen: set[tuple[str, str | None, str | None, int]]) -> None:
        """A political actor saying that another attacked or coerced is an allegation (ACCUSE).

        Only for an act reported as done (not planned, possible or denied) by a culprit that is an
        actor itself: a name, a pronoun of an entity or a role noun ("rebels"), not an event noun
        coded through its modifiers ("the MH17 crash")."""
        if d.type not in VIOLENT or d.speaker is None or d.status != "reported":
            return
        for sp in self.coder.actors(d.speaker):
            if not sp.country or sp.sector == "JRN":
                continue
            for culprit in [a for a in d.sources if a.country and a.country != sp.country
                            and self._agentive(a)][:1]:
                key = ("ACCUSE", sp.country, culprit.country, self.sent_start[d.verb.i])
                if key in seen:
                    continue
                seen.add(key)
                acc = _Draft("ACCUSE", "allege", d.trigger, d.verb.head, [sp], [culprit], False)
                acc.status = "occurred"
                out.append(self._event(acc, sp, culprit, len(out) + 1))

    def _agentive(self, a: Actor) -> bool:
        return (a.entity is not None or self.coder.token_code(a.token)[0] is not None
                or actors.role_sector(a.token) is not None)

    def _event(self, d: _Draft, src: Actor, tgt: Actor | None, n: int) -> Event:
        ev_span = self._evidence(d)
        return Event(
            id=f"v{n}",
            type=d.type,
            mode=d.mode,
            contexts=self._contexts(d),
            source=_record_actor(src),
            target=_record_actor(tgt) if tgt is not None else None,
            status=d.status,  # type: ignore[arg-type]
            when=d.when_memo[1] if d.when_memo and d.when_memo[0] == d.status else self._when(d),
            evidence=Evidence(text=self.text[ev_span[0]:ev_span[1]], span=ev_span),
            reported_by=list(d.reported_by),
        )

    def _evidence(self, d: _Draft) -> tuple[int, int]:
        sent = self.sent_start[d.verb.i]
        top = d.verb
        while top.dep_ in {"xcomp", "aux", "conj"} and top.head.i != top.i and self.sent_start[top.head.i] == sent:
            top = top.head
        first, last = _subtree_ends(top)
        start, end = first.idx, last.idx + len(last)
        while end > start and self.text[end - 1] in " ,;":
            end -= 1
        return start, end

    def _contexts(self, d: _Draft) -> list[str]:
        """PLOVER contexts of the event's sentence: its keyword phrases, matched on lemmas or text
        (one indexed pass per sentence, cached; contexts in the order of the pattern file)."""
        start = self.sent_start[d.verb.i]
        if start not in self._contexts_of:
            sent = self.sents[start]
            lemmas = [t.lemma_.lower() for t in sent]
            texts = [t.lower_ for t in sent]
            n_tok = len(lemmas)
            index = self.comp.contexts
            hits: set[tuple[str, ...]] = set()
            for i in range(n_tok):
                for seq in (lemmas, texts):
                    for phrase, _ctx in index.get(seq[i], ()):
                        n = len(phrase)
                        if i + n <= n_tok and tuple(seq[i:i + n]) == phrase:
                            hits.add(phrase)
            found: list[str] = []
            if hits:
                for phrase, ctx in self.pats.contexts:
                    if phrase in hits:
                        found += [c for c in ctx if c not in found]
            self._contexts_of[start] = found
        return list(self._contexts_of[start])

    def _when(self, d: _Draft) -> When | None:
        verb = d.verb
        cands: list[Span] = []
        for ent in self.dates.get(self.sent_start[verb.i], ()):
            root = ent.root
            cur = root
            for _ in range(4):
                if cur.i in (verb.i, d.trigger.i):
                    cands.append(ent)
                    break
                if cur.head.i == cur.i or (cur.pos_ == "VERB" and cur.i != root.i):
                    break
                cur = cur.head
        if not cands:
            return None
        ent = cands[0]
        text = ent.text
        start, end = ent.start_char, ent.end_char
        prev = ent.start - 1
        if prev >= 0 and self.doc[prev].lower_ in {"on", "in", "within", "by", "since", "until", "during"}:
            start = self.doc[prev].idx
            text = self.text[start:end]
        s, e = timex.resolve(text, self.published, future=d.status == "planned")
        return When(text=text, span=(start, end), start=s, end=e)


def _country(a: Actor) -> str | None:
    """The actor's country code; ``---`` (PLOVER/PETRARCH's unknown country) for an actor known only by
    its sector ("insurgents" REB, "police" COP)."""
    if a.country is None and a.sector is not None:
        return UNKNOWN_COUNTRY
    return a.country


def _record_actor(a: Actor) -> EventActor:
    return EventActor(text=a.text, span=a.span, entity=a.entity, country=_country(a), sector=a.sector)


def find_events(
    parsed: ParsedArticle, table: EntityTable, statements: list[Statement], published: str | None
) -> list[Event]:
    """PLOVER events of an article, with actors, status, dates and the statements that carry them."""
    return EventCoder(parsed, table, statements, published).events()
