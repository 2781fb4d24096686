"""Statements: who said what (speaker, cue, content, kind, stance, about).

Rules over the one spaCy parse of the article, driven by a cue lexicon kept as
data (``data/cues.tsv``).  One ``Matcher`` per vocabulary, compiled once, finds
every cue of the document in a single pass; each cue is then completed from the
dependency tree around it (subject -> speaker; ccomp / xcomp / object / quoted
text -> content), and quotations found once per document supply direct and
mixed content, continued quotes and quotes split by the cue.

The rules' candidates then pass through the learned span model (:mod:`newsledger.nlp.span_model`), which
keeps their cues, adds cues of its own and redraws sources and contents, when its weights are installed.

The cue lexicon and the cue model live in :mod:`newsledger.nlp.cues` (re-exported here), quotation
pairing in :mod:`newsledger.nlp.quotes`, the checks that keep candidates to reports in
:mod:`newsledger.nlp.statement_rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.cues import (  # noqa: F401  (re-exported: the package's cue API lives here too)
    CUE_FILE,
    ENV_VAR,
    MODEL_FILE,
    MODEL_POS,
    NOUN_CUE_PREPS,
    NOUN_THRESHOLD,
    USE_NOUN_MODEL,
    VETO_BELOW,
    CueEntry,
    CueModel,
    Lexicon,
    cue_features,
    cue_matcher,
    cue_model,
    hash_features,
    lexicon,
    load_cues,
    set_lexicon,
)
from newsledger.nlp.quotes import (  # noqa: F401
    CLOSE_QUOTES,
    MAX_QUOTE_TOKENS,
    OPEN_QUOTES,
    QUOTE_MARKS,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    QuoteIndex,
)
from newsledger.nlp.quotes import overlaps as _overlaps
from newsledger.nlp.span_model import assemble, span_model
from newsledger.nlp.speakers import SpeakerResolver, strip_invisible
from newsledger.nlp.stance import (
    CLAIM_NOUNS,
    StanceInput,
    answer_negations,
    claim_possessor,
    decide_stance,
    is_non_answer,
    link_about,
)
from newsledger.nlp.statement_rules import (
    NP_NOT_REPORT,
    colon_speaker,
    happens,
    is_addressee,
    is_tally,
    misread_clause_end,
    quote_tail,
    says_noun,
)
from newsledger.nlp.types import EntityTable, ParsedArticle, sentence_bounds
from newsledger.record import Content, Cue, Speaker, Statement

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
EDGE_PUNCT = frozenset({",", ".", ";", ":", "—", "–", "-", "--", "(", ")", "!", "?"})
CONTINUATION_GAP = 60
SIGNATURE_DASHES = ("―", "—", "--", "–")  # "... the quote.” ― Jane Doe"
# words of the labels that open a line linking to another page ("WATCH: ...", "READ MORE: ...")
LINK_LABELS = frozenset({"read", "more", "watch", "listen", "see", "also", "related", "video", "photos", "gallery",
                         "click", "here", "podcast"})
# cues whose statement a following quoted paragraph can continue
FLOAT_CUES = frozenset({"say", "tell", "add", "write", "explain", "note", "argue", "insist", "warn", "state",
                        "declare", "recall", "continue"})
CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "preconj"})
CUE_ADVERBS = frozenset({"also", "later", "now", "repeatedly", "never", "first", "previously", "often", "then",
                         "once", "recently", "already", "again", "publicly", "privately", "frequently", "still",
                         "not", "n't", "even", "further", "earlier", "similarly", "long", "just"})
DOCUMENT_NOUNS = frozenset({"statement", "letter", "tweet", "memo", "report", "release", "video", "post"})
EXPRESSED_NOUNS = frozenset({"concern", "concerns", "confidence", "hope", "support", "frustration", "doubt", "doubts",
                             "optimism", "skepticism", "regret", "interest", "disappointment", "outrage", "dismay"})
CHAIN_HEADS = frozenset({"seem", "appear", "go"})
RAISING = frozenset({"seem", "appear", "expect"})
PASSIVE_CUES = frozenset({"ask", "quote", "expect"})
INCLUDE_WEAK = False  # measured on PolNeAR train: "think", "want", "know"... cost more precision than they add
INCLUDE_QUOTED_CUES = False  # PolNeAR rarely annotates attributions inside a quotation


@dataclass
class _Cand:
    cue: list[Token]
    lemma: str
    entry_stance: str | None
    source: tuple[int, int] | None  # token range, inclusive start, exclusive end
    content: list[tuple[int, int]]  # token ranges
    kind: str
    possessor: Token | None = None


def _trim(doc: Doc, a: int, b: int, keep_quotes: bool = True) -> tuple[int, int]:
    while a < b and (doc[a].is_space or doc[a].text in EDGE_PUNCT
                     or (not keep_quotes and doc[a].text in QUOTE_MARKS)):
        a += 1
    while b > a and (doc[b - 1].is_space or doc[b - 1].text in EDGE_PUNCT
                     or (not keep_quotes and doc[b - 1].text in QUOTE_MARKS)):
        b -= 1
    return a, b


def _find_subject(v: Token) -> Token | None:
    if v.tag_ == "VBG" and v.i > 0 and v.doc[v.i - 1].text == "," and v.dep_ in {"advcl", "xcomp", "acl", "conj"}:
        # ", saying ...", ", adding ...": the participle speaks for the main clause's subject, wherever the
        # parser attached it
        root = v.sent.root
        subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < v.i]
        if subjects and root.i < v.i and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in v.children):
            return subjects[-1]
    node = v
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "csubj", "nsubjpass"}]
        if subjects:
            # "Scholz: Europe must pay ...; Paris backs ...": the subject nearest before the verb
            left = [c for c in subjects if c.i < v.i]
            return left[-1] if left else subjects[0]
        if node.dep_ in {"xcomp", "advcl", "conj", "pcomp"} and node.head != node:
            node = node.head
            continue
        if node.dep_ in {"relcl", "acl"} and node.head != node:
            return node.head
        break
    if v.tag_ in {"VBG", "VB", "VBN"}:
        # a participle or infinitive far from its clause: the subject of the nearest governing verb
        node = v
        for _ in range(6):
            if node.head == node:
                break
            node = node.head
            for child in node.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i < v.i:
                    return child
    return None


ANONYMITY_FORMULA = re.compile(r"^\s*(?:not\s+)?to\s+(?:be\s+)?(?:named|identified|quoted|speak\s+publicly)\b"
                               r"|^\s*anonymity\b", re.I)
SUBORDINATORS = frozenset({"as", "while", "whereas", "although", "though"})


def _relative_antecedent(subj: Token, v: Token) -> Token | None:
    """"the air force, which said ...", "Eriksen, who first reported ...": the noun the relative pronoun stands for."""
    if subj.tag_ not in {"WP", "WDT"} or subj.lower_ not in {"who", "which", "that"}:
        return None
    node = v
    for _ in range(3):
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ not in {"conj", "xcomp"} or node.head == node:
            return None
        node = node.head
    return None


def _speaker_phrase(source: Span) -> Span:
    """The phrase that names the speaker: the antecedent of a relative pronoun source ("which" in "the air
    force, which said"), whose own span stays the source, as PolNeAR marks it; else the source itself."""
    if len(source) != 1:
        return source
    ante = _relative_antecedent(source[0], source[0].head)
    if ante is None:
        return source
    clause = next((c for c in ante.children if c.dep_ == "relcl"), None)
    end = clause.left_edge.i if clause is not None else ante.i + 1
    a, b = _trim(source.doc, ante.left_edge.i, end)
    return source.doc[a:b] if b > a else source


def _source_range(subj: Token, cue_i: int) -> tuple[int, int]:
    """The subject's whole phrase (appositions and relative clauses included); never the cue."""
    a, b = subj.left_edge.i, subj.right_edge.i + 1
    relative = [c for c in subj.children if c.dep_ == "relcl" and c.left_edge.i <= cue_i <= c.right_edge.i]
    if relative:
        # the antecedent of a relative clause that holds the cue: its phrase up to the clause
        b = min(b, relative[0].left_edge.i)
    if a <= cue_i < b:
        if subj.i < cue_i:
            b = cue_i
        else:
            a = cue_i + 1
    return _trim(subj.doc, a, b)


class _Finder:
    def __init__(self, parsed: ParsedArticle, table: EntityTable) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.table = table
        self.lex = lexicon()
        self.text = self.doc.text  # Doc.text joins every token: read once, passed on

    def run(self) -> list[_Cand]:
        doc = self.doc
        matches = cue_matcher(doc.vocab)(doc)
        quote_tokens = [s for mid, s, _e in matches if doc.vocab.strings[mid] == "QUOTE"]
        self.state = QuoteIndex(doc, quote_tokens, self.text)
        cands: list[_Cand] = []
        model = cue_model()
        for mid, start, _end in matches:
            label = doc.vocab.strings[mid]
            cand: _Cand | None = None
            if label == "VERB":
                tok = doc[start]
                trusted = False
                if model is not None and self.state.quote_of[tok.i] < 0:
                    prob = model.prob(cue_features(tok, False, self.lex))
                    if prob < VETO_BELOW and not self.answers_claim(tok):
                        continue
                    trusted = prob >= model.threshold
                cand = self.verb_cue(tok, allow_weak=trusted)
            elif label == "ACCORDING":
                cand = self.according(doc[start])
            elif label == "NOUN":
                cand = self.noun_cue(doc[start])
            if cand is not None:
                cands.append(cand)
        if model is not None:
            matched = {s for mid, s, _e in matches if doc.vocab.strings[mid] == "VERB"}
            nouns = {c.cue[0].i for c in cands}
            for tok in doc:
                if tok.pos_ not in MODEL_POS or tok.i in matched or self.state.quote_of[tok.i] >= 0 \
                        or tok.lower_ == "according" or tok.i in nouns:
                    continue
                if tok.pos_ == "NOUN" and not USE_NOUN_MODEL:
                    continue
                prob = model.prob(cue_features(tok, False, self.lex))
                if tok.pos_ == "VERB" and prob >= model.threshold:
                    cand = self.verb_cue(tok, CueEntry(tok.lemma_.lower(), "VERB", "assert", "model"))
                elif tok.pos_ == "NOUN" and prob >= NOUN_THRESHOLD:
                    cand = self.model_noun_cue(tok)
                else:
                    cand = None
                if cand is not None:
                    cands.append(cand)
        cands.extend(self.colon_headlines())
        self.quote_tails(cands)
        cands.sort(key=lambda c: c.cue[0].i)
        self.assign_quotes(cands)
        return [c for c in cands if c.content]

    # -- cue kinds -------------------------------------------------------
    def verb_cue(self, v: Token, proposed: CueEntry | None = None, allow_weak: bool = False) -> _Cand | None:
        lemma = v.lemma_.lower()
        entry = proposed
        particle_tok: Token | None = None
        for child in v.children if proposed is None else ():
            if child.dep_ in {"prt", "prep"} and child.i > v.i:
                e = self.lex.get(f"{lemma} {child.lower_}", "VERB")
                if e is not None:
                    entry, particle_tok = e, child
                    break
        if entry is None:
            entry = self.lex.get(lemma, "VERB")
        if entry is None or (entry.frame == "weak" and not (INCLUDE_WEAK or allow_weak)):
            return None
        if v.dep_ == "amod" or (v.tag_ == "VBN" and v.dep_ in {"acl", "amod"}):
            return None
        if self.in_label(v) or self.after_link_label(v):
            return None  # "READ MORE: ...", "WATCH: ...": a link or a section label, no one speaks
        if self.state.quote_of[v.i] >= 0 and not INCLUDE_QUOTED_CUES:
            return None
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children)
        if passive and lemma not in PASSIVE_CUES:
            return None
        if v.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in {"or", "nor"} for c in v.head.children) \
                and self.lex.get(v.head.lemma_.lower(), "VERB") is not None and v.head.i < v.i:
            return None  # "confirm or deny": the first verb carries the pair
        if any(c.lower_ == "having" for c in v.children) and any(c.lower_ in {"that", "this"} for c in v.children):
            return None  # "Having said that, ..."
        if v.dep_ == "xcomp" and v.head.lemma_.lower() in {"decline", "refuse"} and proposed is None:
            return None  # "declined to say whether": the declining verb carries the statement
        if any(c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS and any(
                a.dep_ == "acl" and a.tag_ == "VBG" and self.lex.get(a.lemma_.lower(), "VERB") for a in c.children)
                for c in v.children):
            return None  # "issued a statement saying ...": the participle carries the cue
        if self.chained_verb(v) is not None:
            return None  # "appeared to suggest", "went on to say": the inner verb carries the cue
        if v.dep_ in {"ccomp", "xcomp"} and v.i > v.head.i and proposed is None:
            governor = self.lex.get(v.head.lemma_.lower(), "VERB")
            if governor is not None and governor.stance == "demand":
                return None  # "demanded that the company disclose ...": speech asked for, not made
        cue = self.cue_phrase(v, particle_tok)
        pair = [c for c in v.children if c.dep_ == "conj" and c.i > v.i and self.lex.get(c.lemma_.lower(), "VERB")
                and any(k.dep_ == "cc" and k.lower_ in {"or", "nor"} for k in v.children)]
        if pair:
            cue = cue + [doc_t for doc_t in v.doc[cue[-1].i + 1 : pair[0].i + 1]]
        subj = _find_subject(v)
        if passive and lemma != "expect":
            subj = None
        source = _source_range(subj, v.i) if subj is not None else None
        if source is not None and source[0] >= source[1]:
            source = None
        content = self.verb_content(v, particle_tok, entry)
        if not content and pair:
            content = self.verb_content(pair[0], None, entry)
        if lemma in RAISING and (lemma != "expect" or passive) and source is not None and content:
            # "X seems to ...", "X is expected to ...": PolNeAR reads the subject as part of the content
            content = [source, *content]
            source = None
        if source is not None and _overlaps(source, content):
            source = None
        if not self.reports(entry, subj, content):
            return None
        return _Cand(cue, entry.cue, entry.stance, source, content, "indirect")

    def reports(self, entry: CueEntry, subj: Token | None, content: list[tuple[int, int]]) -> bool:
        """The cue reports something.  Not "Two forwards added a goal and an assist", "Spain has recorded
        157,000 cases" (a tally for object), "the by-election win allows ..." (an event for speaker) -- the cue
        model proposes such verbs, and PolNeAR marks many verbs with plain objects ("the Security Council
        imposed sanctions"), so only these forms are refused."""
        if not content or any(self.state.quote_of[i] >= 0 for a, b in content for i in range(a, b)):
            return True
        root = self.doc[content[0][0] : content[0][1]].root
        if root.lower_ in CLAIM_NOUNS:
            return True
        if root.pos_ in {"NOUN", "PROPN", "NUM"} and (is_tally(root) or (
                entry.lemma in NP_NOT_REPORT and not says_noun(root))):
            return False
        return entry.frame != "model" or subj is None or not happens(subj)

    def in_label(self, v: Token) -> bool:
        """``v`` lies in a line-opening label before a colon ("READ MORE: ...") that names no speaker."""
        doc = self.doc
        start = v.i
        while start > 0 and v.i - start < 6 and not _line_start(doc, start):
            start -= 1
        if not _line_start(doc, start):
            return False
        colon = next((t for t in doc[v.i + 1 : min(start + 7, len(doc))] if t.text == ":"), None)
        if colon is None or any("\n" in t.text_with_ws for t in doc[start : colon.i]):
            return False
        words = doc[start : colon.i]
        return all(t.is_upper or t.is_title or t.is_punct for t in words if not t.is_space) \
            and not colon_speaker(words, self.table)

    def after_link_label(self, v: Token) -> bool:
        """``v`` lies on a line opened by a link label ("WATCH: The mayor explains ...", "READ MORE: ..."): the
        line is the title of another page, not a report."""
        doc = self.doc
        start = v.i
        while start > 0 and not _line_start(doc, start):
            start -= 1
        colon = next((t for t in doc[start : min(start + 4, v.i)] if t.text == ":"), None)
        if colon is None:
            return False
        words = [t for t in doc[start : colon.i] if t.is_alpha]
        return bool(words) and all(t.lower_ in LINK_LABELS for t in words)

    def answers_claim(self, v: Token) -> bool:
        """A deny / confirm verb with a claim for object ("rejected accusations that ...", "denied that ..."):
        a statement whatever the cue model says of the verb in general."""
        entry = self.lex.get(v.lemma_.lower(), "VERB")
        if entry is None or entry.stance not in {"deny", "confirm"}:
            return False
        pair = [c for c in v.children if c.dep_ == "conj" and c.i > v.i]  # "neither confirm nor deny X"
        for child in [*v.children, *(k for c in pair for k in c.children)]:
            if child.i < v.i:
                continue
            if child.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
                return True
            if child.dep_ == "dobj" and child.lower_ in CLAIM_NOUNS:
                return True
        return False

    def before_participle_cue(self, a: int, b: int) -> tuple[int, int]:
        """Content that stops before ", saying ..." / ", as Beijing rejected ...": a statement of its own."""
        doc = self.doc
        for k in range(a + 1, b):
            if doc[k - 1].text != "," or self.state.quote_of[k] >= 0:
                continue
            verb = doc[k]
            if verb.dep_ == "advmod" and k + 1 < b and doc[k + 1].lower_ in SUBORDINATORS:
                verb = doc[k + 1]  # "even as", "just as"
            if verb.lower_ in SUBORDINATORS and verb.dep_ == "mark":
                verb = verb.head
            elif verb.tag_ != "VBG":
                continue
            if self.lex.get(verb.lemma_.lower(), "VERB") and verb.i >= k:
                return _trim(doc, a, k)
        return a, b

    def chained_verb(self, v: Token) -> Token | None:
        """The reporting verb that "seemed to", "appeared to", "went on to" introduce, if any."""
        if v.lemma_.lower() not in CHAIN_HEADS:
            return None
        for child in v.children:
            if child.dep_ == "xcomp" and child.i > v.i and child.i - v.i <= 4:
                entry = self.lex.get(child.lemma_.lower(), "VERB")
                if entry is not None and entry.frame != "weak":
                    return child
        return None

    def cue_phrase(self, v: Token, particle: Token | None) -> list[Token]:
        """The cue as PolNeAR marks it: auxiliaries, negation and adverbs before the verb ("has also said"),
        and a colon, a particle or "in a statement" right after it."""
        doc = self.doc
        left = v.i
        lefts = {c.i for c in v.children if c.dep_ in CUE_LEFT_DEPS and c.i < v.i
                 and (c.dep_ != "advmod" or c.lower_ in CUE_ADVERBS or c.lower_.endswith("ly"))}
        lefts |= {t.i for t in doc[max(0, v.i - 6) : v.i] if t.is_space and "\n" not in t.text}
        while left - 1 in lefts:
            left -= 1
        while left < v.i and doc[left].is_space:
            left += 1
        head = v.head
        if v.dep_ == "xcomp" and head.lemma_.lower() in CHAIN_HEADS and 0 < v.i - head.i <= 4:
            left = min(left, self.cue_phrase(head, None)[0].i)
        if v.dep_ == "acl" and head.lemma_.lower() in DOCUMENT_NOUNS and head.dep_ == "dobj" and head.i < v.i \
                and v.i - head.head.i <= 5:
            left = min(left, self.cue_phrase(head.head, None)[0].i)  # "issued a statement saying"
        right = v.i if particle is None else max(v.i, particle.i)
        nxt = right + 1
        if nxt < len(doc):
            tok = doc[nxt]
            if tok.text == ":" or (tok.dep_ == "prt" and tok.head == v) or (v.lemma_ == "put" and tok.lower_ == "it"):
                right = nxt
            elif tok.head == v and ((tok.dep_ == "advmod" and (tok.lower_.endswith("ly") or tok.lower_ in CUE_ADVERBS))
                                    or tok.lower_ in {"back", "guilty"}):
                right = nxt  # "said recently", "shot back", "pleaded guilty"
            elif v.lemma_ == "make" and tok.lower_ in {"clear", "it"}:
                right = nxt + 1 if tok.lower_ == "it" and nxt + 1 < len(doc) and doc[nxt + 1].lower_ == "clear" \
                    else nxt if tok.lower_ == "clear" else right
            elif v.lemma_ == "express" and tok.dep_ == "dobj" and tok.lower_ in EXPRESSED_NOUNS:
                right = nxt  # "expressed concern"
            elif particle is None and tok.dep_ == "prep" and tok.head == v and tok.lower_ == "in":
                # "said in a statement" (PolNeAR marks it so; "in an interview", "of", weekdays it does not)
                objs = [c for c in tok.children if c.dep_ == "pobj"]
                if objs and objs[0].lemma_.lower() == "statement" and objs[0].i - nxt <= 2:
                    right = objs[0].i
        return [doc[i] for i in range(left, right + 1)]

    def verb_content(self, v: Token, particle: Token | None, entry: CueEntry) -> list[tuple[int, int]]:
        doc = self.doc
        st = self.state
        if st.quote_of[v.i] >= 0 and v.dep_ in {"ccomp", "parataxis"}:
            return []
        comp: Token | None = None
        for child in v.children:
            if child.dep_ == "ccomp" and child.i > v.i:
                comp = child
                break
        if comp is None and particle is not None:
            objs = [c for c in particle.children if c.dep_ in {"pobj", "pcomp"}]
            if objs:
                comp = objs[0]
        if comp is None:
            for child in v.children:
                if child.dep_ == "ccomp" and child.i < v.i and st.quote_of[child.i] < 0 \
                        and not any(t.text == ";" for t in doc[child.right_edge.i + 1 : v.i]):
                    comp = child  # not across a semicolon: "...; Paris backs joint borrowing"
                    break
        if comp is None:
            for child in v.children:
                if child.dep_ == "xcomp" and child.i > v.i:
                    comp = child
                    break
        if comp is None:
            for child in v.children:
                if child.dep_ == "dobj" and child.i > v.i and not (v.lemma_.lower() == "tell" and is_addressee(child)):
                    comp = child  # "told the agency": the addressee, not what was said
                    break
        if comp is None:
            after_as = self.after_as_phrase(v)
            if after_as is not None:
                return [after_as]
        if comp is not None:
            a, b = comp.left_edge.i, comp.right_edge.i + 1
            if comp.dep_ in {"dobj", "xcomp"}:
                # "called the senator a 'nasty guy'", "urged her husband to come out"
                for child in v.children:
                    if child.i > comp.i and child.dep_ in {"oprd", "xcomp", "ccomp", "dobj"}:
                        b = max(b, child.right_edge.i + 1)
            if comp.dep_ == "dobj":
                b = max(b, misread_clause_end(v, comp))
            if comp.dep_ == "dobj" and st.quote_of[comp.i] < 0 and self.free_quote_in_sentence(v, a, b):
                # "“...,” she told the council, “...”": the object is the addressee; the quotes are the content
                return []
            if a <= v.i < b:
                a = v.i + 1
            a, b = self.before_participle_cue(*_trim(doc, a, b))
            a, b = self.inside_own_quote(v, *self.extend_to_quotes(a, b))
            a = _skip_dateline(doc, a, b)
            if b > a:
                return [(a, b)]
        if v.dep_ in {"parataxis", "ccomp", "advcl"} and v.head != v and particle is None:
            return self.parenthetical(v)
        return []

    def after_as_phrase(self, v: Token) -> tuple[int, int] | None:
        """"dismissing as 'pure fiction' reports that ...": the claim noun after the "as" phrase, and its clause
        (the parser often reads the noun as a verb there)."""
        doc = self.doc
        for child in v.children:
            if child.dep_ != "prep" or child.lower_ != "as" or child.i < v.i:
                continue
            k = child.right_edge.i + 1
            while k < v.sent.end and doc[k].text in QUOTE_MARKS:
                k += 1
            if k < v.sent.end and doc[k].lower_ in CLAIM_NOUNS:
                a, b = _trim(doc, k, v.sent.end)
                if b - a >= 3:
                    return a, b
        return None

    def free_quote_in_sentence(self, v: Token, a: int, b: int) -> bool:
        """A quotation of ``v``'s sentence outside ``[a, b)``, attached to ``v`` in the parse (a word of
        it depends on ``v`` directly), that does not hold ``v`` itself."""
        st = self.state
        sent = v.sent
        own = st.quote_of[v.i]
        doc = self.doc
        for qi in {st.quote_of[i] for i in range(sent.start, sent.end)} - {-1, own}:
            qa, qb = st.quotes[qi]
            if (qb <= a or qa >= b) and any(doc[k].head.i == v.i and not doc[k].is_punct for k in range(qa, qb)):
                return True
        return False

    def parenthetical(self, v: Token) -> list[tuple[int, int]]:
        """"Too often, he said, the debate ...": the sentence around the attribution clause."""
        doc = self.doc
        st = self.state
        sent = v.sent
        if any(st.quote_of[i] >= 0 for i in range(sent.start, sent.end)):
            return []
        a, b = v.left_edge.i, v.right_edge.i + 1
        if not (a > sent.start or b < sent.end):
            return []
        out = []
        for lo, hi in ((sent.start, a), (b, sent.end)):
            lo, hi = _trim(doc, lo, hi)
            if hi - lo >= 2:
                out.append((_skip_dateline(doc, lo, hi), hi))
        return out

    def extend_to_quotes(self, a: int, b: int) -> tuple[int, int]:
        """Widen ``[a, b)`` to whole quotations it opens or closes (quote marks belong to the content)."""
        st = self.state
        doc = self.doc
        if b <= a:
            return a, b
        if st.quote_of[a] >= 0:
            qa, qb = st.quotes[st.quote_of[a]]
            if qa < a and all(doc[k].is_punct or doc[k].is_space for k in range(qa, a)):
                a = qa
        elif a > 0 and st.quote_of[a - 1] >= 0 and st.quotes[st.quote_of[a - 1]][0] == a - 1:
            a -= 1
        qi = st.quote_of[b - 1]
        if qi < 0 and b < len(doc):
            qi = st.quote_of[b]
        if qi >= 0:
            qa, qb = st.quotes[qi]
            if qa >= a and qb > b:
                b = qb
        return a, b

    def inside_own_quote(self, v: Token, a: int, b: int) -> tuple[int, int]:
        """A cue inside a quotation keeps its content inside that quotation."""
        qi = self.state.quote_of[v.i]
        if qi < 0:
            return a, b
        qa, qb = self.state.quotes[qi]
        return _trim(self.doc, max(a, qa + 1), min(b, qb - 1))

    def according(self, tok: Token) -> _Cand | None:
        doc = self.doc
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            return None
        src = objs[0]
        sent = tok.sent
        src_end = _proper_appositive_end(doc, src.right_edge.i + 1, sent.end)
        pp_a, pp_b = tok.i, max(src_end, to.i + 1)
        left = _trim(doc, sent.start, pp_a)
        left = (_skip_dateline(doc, *left), left[1])
        right = _trim(doc, pp_b, sent.end)
        content: list[tuple[int, int]] = []
        if left[1] - left[0] >= 3:
            content.append(left)
        if right[1] - right[0] >= 3:
            content.append(right)
        if not content:
            return None
        return _Cand([tok, to], "according to", "assert", (src.left_edge.i, src_end), content, "according_to")

    def noun_cue(self, n: Token) -> _Cand | None:
        entry = self.lex.get(n.lemma_.lower(), "NOUN")
        if entry is None:
            return None
        poss = [c for c in n.children if c.dep_ == "poss"]
        clause = [c for c in n.children if c.dep_ in {"acl", "ccomp"} and c.i > n.i
                  and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        if not poss or not clause:
            return None
        a, b = _trim(self.doc, clause[0].left_edge.i, clause[0].right_edge.i + 1)
        a, b = self.before_participle_cue(a, b)
        p = poss[0]
        return _Cand([n], entry.cue, entry.stance, (p.left_edge.i, p.right_edge.i + 1), [(a, b)], "indirect")

    def model_noun_cue(self, n: Token) -> _Cand | None:
        """A noun the cue model accepts ("his criticism of the plan", "support for the bill")."""
        doc = self.doc
        poss = [c for c in n.children if c.dep_ == "poss"]
        cue = [n]
        content: tuple[int, int] | None = None
        for c in n.children:
            if c.i < n.i:
                continue
            if c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                content = _trim(doc, c.left_edge.i, c.right_edge.i + 1)
                break
            if c.dep_ == "prep" and c.lower_ in NOUN_CUE_PREPS and c.i == n.i + 1:
                objs = [o for o in c.children if o.dep_ in {"pobj", "pcomp"}]
                if objs:
                    cue = [n, c]
                    content = _trim(doc, objs[0].left_edge.i, objs[0].right_edge.i + 1)
                    break
        if content is None or content[1] <= content[0]:
            return None
        source = (poss[0].left_edge.i, poss[0].right_edge.i + 1) if poss else None
        return _Cand(cue, n.lemma_.lower(), "assert", source, [content], "indirect")

    def colon_headlines(self) -> list[_Cand]:
        """Lines of the form ``Speaker: what was said`` (headlines, transcripts) and quotes signed ``― Name``."""
        out: list[_Cand] = []
        doc = self.doc
        for sent_start, sent_end in sentence_bounds(doc):
            first = _first_word(doc, sent_start, sent_end)
            if not _line_start(doc, first) and first != 0:
                continue
            colon = None
            for t in doc[first : min(first + 6, sent_end)]:
                if t.text == ":":
                    colon = t
                    break
            if colon is None or colon.i == first:
                continue
            src = _trim(doc, first, colon.i, keep_quotes=False)
            words = doc[src[0] : src[1]]
            if src[1] <= src[0] or not all(t.pos_ == "PROPN" or t.is_upper or t.is_punct or t.is_title
                                           for t in words) or not colon_speaker(words, self.table):
                continue  # "READ MORE: ...", "Coronavirus: ...": a label or a topic, not a speaker
            end = colon.i + 1
            while end < len(doc) and "\n" not in doc[end - 1].text_with_ws and not doc[end].is_space \
                    and doc[end].text != ";":
                end += 1  # a semicolon ends the speaker's part of a headline ("X: ...; Paris backs ...")
            content = _trim(doc, colon.i + 1, end)
            if content[1] - content[0] < 2:
                continue
            out.append(_Cand([colon], ":", "assert", src, [content], "direct"))
        # a line signed by its speaker: "... the quote.” ― Jane Doe"
        for tok in doc if any(dash in self.text for dash in SIGNATURE_DASHES) else ():
            if tok.text not in SIGNATURE_DASHES or tok.i == 0:
                continue
            end = tok.i + 1
            while end < len(doc) and "\n" not in doc[end - 1].text_with_ws and not doc[end].is_space:
                end += 1
            src = _trim(doc, tok.i + 1, end)
            if not (0 < src[1] - src[0] <= 5 and all(t.pos_ == "PROPN" or t.is_punct for t in doc[src[0] : src[1]])):
                continue
            start = tok.i - 1
            while start > 0 and "\n" not in doc[start - 1].text_with_ws and not doc[start - 1].is_space:
                start -= 1
            content = _trim(doc, start, tok.i)
            if content[1] - content[0] >= 3 and doc[content[1] - 1].text in CLOSE_QUOTES:
                out.append(_Cand([tok], "―", "assert", src, [content], "direct"))
        return out

    # -- quotations ------------------------------------------------------
    def tail_cue(self, tok: Token) -> bool:
        """A speech verb of the lexicon outside quotes (``states`` read as a noun included)."""
        entry = self.lex.get(tok.lemma_.lower(), "VERB")
        return entry is not None and entry.frame != "weak" and tok.pos_ in {"VERB", "AUX", "NOUN"} \
            and self.state.quote_of[tok.i] < 0

    def quote_tails(self, cands: list[_Cand]) -> None:
        """``"Is anyone listening?" Ortega asked.``: a quote closed by ``,?!.`` and followed by a short
        attribution is that attribution's content, whatever the parse made of the tail."""
        doc = self.doc
        by_cue = {t.i: c for c in cands for t in c.cue}
        for qa, qb in self.state.quotes:
            if qb - qa < 3 or doc[qb - 2].text not in {",", "?", "!", "."}:
                continue
            tail = quote_tail(doc, qb, self.tail_cue)
            if tail is None:
                continue
            owner = by_cue.get(tail.cue)
            if owner is not None and _overlaps((qa, qb), owner.content):
                continue
            if owner is None:
                entry = self.lex.get(doc[tail.cue].lemma_.lower(), "VERB")
                assert entry is not None
                owner = _Cand([doc[tail.cue]], entry.cue, entry.stance, None, [], "direct")
                cands.append(owner)
                by_cue[tail.cue] = owner
            owner.content = [(qa, qb)]
            owner.source = tail.source

    def assign_quotes(self, cands: list[_Cand]) -> None:
        """Give each quotation to one cue: in its sentence, next to the attribution, or continuing it."""
        doc = self.doc
        st = self.state
        taken: set[int] = set()
        for c in cands:
            for a, b in c.content:
                for qi in {st.quote_of[i] for i in range(a, b)} - {-1}:
                    qa, qb = st.quotes[qi]
                    if a <= qa + 1 and qb - 1 <= b:
                        taken.add(qi)
        by_sent: dict[int, list[_Cand]] = {}
        for c in cands:
            by_sent.setdefault(c.cue[0].sent.start, []).append(c)
        verbless: list[_Cand] = []
        # quotes in the cue's sentence (or reaching into it) that no complement claimed
        for qi, (a, b) in enumerate(st.quotes):
            if qi in taken:
                continue
            sents = {doc[a].sent.start, doc[b - 1].sent.start}
            owners = [c for s in sents for c in by_sent.get(s, []) if st.quote_of[c.cue[0].i] != qi]
            owners = [c for c in owners if c.kind != "according_to"]
            if not owners:
                continue
            best = min(owners, key=lambda c: min(abs(c.cue[0].i - a), abs(c.cue[0].i - b)))
            if best.content and not all(st.quote_of[x] >= 0 for r in best.content for x in range(r[0], r[1])
                                        if not doc[x].is_punct):
                # the cue already has an indirect complement; a quote elsewhere in the sentence is direct only
                # when the complement lies inside a quote
                continue
            best.content = [r for r in best.content if r != (a, b)] + [(a, b)]
            best.content.sort()
            taken.add(qi)
            verbless.append(best)
        # a quote that opens the next sentence of the paragraph, with no cue of its own, continues the statement
        cue_sents = set(by_sent)
        for qi, (a, b) in enumerate(st.quotes):
            if qi in taken:
                continue
            s = doc[a].sent
            if s.start in cue_sents or a != _first_word(doc, s.start, s.end):
                continue
            prev = [c for c in cands if c.content and c.kind != "according_to"
                    and c.content[-1][1] <= a and _is_quote_range(st, c.content[-1])
                    and doc[c.content[-1][1] - 1].sent.start != s.start]
            if not prev:
                continue
            owner = max(prev, key=lambda c: c.content[-1][1])
            if a - max(owner.cue[-1].i, owner.content[-1][1]) > CONTINUATION_GAP or any(
                    c.cue[0].i > owner.cue[-1].i and c.cue[0].i < a for c in cands):
                continue
            owner.content.append((a, b))
            taken.add(qi)
        del verbless
        self.floating_paragraphs(cands, taken)

    def clause_content(self, c: _Cand) -> bool:
        """The candidate's first content is a clause or a quotation, not a noun phrase ("the “rant,”")."""
        a, b = c.content[0]
        return (_is_quote_range(self.state, c.content[0]) and b - a > 4) or self.doc[a:b].root.pos_ in {"VERB", "AUX"}

    def named_source(self, c: _Cand) -> bool:
        """The candidate's source names a person or an organisation, or is "he" / "she"."""
        if c.source is None:
            return False
        root = self.doc[c.source[0] : c.source[1]].root
        return root.pos_ == "PROPN" or root.lower_ in {"he", "she"}

    def floating_paragraphs(self, cands: list[_Cand], taken: set[int]) -> None:
        """A paragraph that is only a quotation, with no cue of its own, right after a paragraph whose last
        statement names its speaker ("Park said the bridge would open.\n\n“We have waited long enough.”"),
        continues that statement."""
        doc = self.doc
        st = self.state
        for qi, (a, b) in enumerate(st.quotes):
            sent = doc[a].sent
            first = _first_word(doc, sent.start, sent.end)
            if qi in taken or not _line_start(doc, first) or a != first or not _line_start(doc, a) \
                    or not _paragraph_end(doc, b):
                continue
            prev_start = _paragraph_start(doc, a - 1)
            if prev_start is None:
                continue
            if sum(1 for t in doc[a:b] if t.is_alpha) < 4:
                continue  # "(CROSSTALK.)"
            if any(t.text == "―" for t in doc[prev_start:b]):
                continue  # quotes signed by their speakers: each paragraph is its own
            # the cheap range test first: the parse-walking tests run only for the previous paragraph's cues
            owners = [c for c in cands if c.content and prev_start <= c.cue[0].i < a and c.content[-1][1] <= a
                      and c.lemma in FLOAT_CUES and st.quote_of[c.cue[0].i] < 0
                      and self.named_source(c) and self.clause_content(c)]
            if not owners or any(a <= c.cue[0].i < b for c in cands):
                continue
            owner = max(owners, key=lambda c: c.cue[0].i)
            owner.content.append((a, b))
            taken.add(qi)


def _proper_appositive_end(doc: Doc, i: int, limit: int) -> int:
    """End of a name in apposition right after a phrase ("the city's finance director, Grace Lin,"), else ``i``.

    The name is one to five proper nouns between two commas."""
    if i >= limit or doc[i].text != ",":
        return i
    j = i + 1
    while j < limit and doc[j].pos_ == "PROPN" and j - i <= 5:
        j += 1
    if j > i + 1 and j < limit and doc[j].text == ",":
        return j
    return i


def _skip_dateline(doc: Doc, a: int, b: int) -> int:
    """Skip a dateline opening the content ("WASHINGTON ― ...")."""
    for i in range(a, min(a + 5, b)):
        if doc[i].text in {"―", "—", "--", "–"}:
            if all(t.is_upper or t.is_punct or t.is_space for t in doc[a:i]):
                return _trim(doc, i + 1, b)[0]
            break
    return a


def _is_quote_range(st: QuoteIndex, r: tuple[int, int]) -> bool:
    return st.quote_of[r[0]] >= 0 and st.quotes[st.quote_of[r[0]]][0] == r[0]


def _first_word(doc: Doc, start: int, end: int) -> int:
    """The first token of ``doc[start:end]`` that is not whitespace (``start`` when there is none)."""
    return next((i for i in range(start, end) if not doc[i].is_space), start)


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].text_with_ws or (doc[i - 1].is_space and "\n" in doc[i - 1].text)


def _paragraph_end(doc: Doc, b: int) -> bool:
    """Token ``b`` starts a new paragraph (or the text ends there)."""
    return b >= len(doc) or "\n" in doc[b - 1].text_with_ws or (doc[b].is_space and "\n" in doc[b].text)


def _paragraph_start(doc: Doc, i: int) -> int | None:
    """The first word of the paragraph that holds token ``i`` (skipping the blank lines after it)."""
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return None
    while i > 0 and not _line_start(doc, i):
        i -= 1
    return i



def _char_span(doc: Doc, a: int, b: int) -> tuple[int, int]:
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])


def _kind(st: QuoteIndex, doc: Doc, c: _Cand) -> str:
    if c.kind == "according_to" or c.lemma in {":", "―"}:
        return c.kind
    words = [i for a, b in c.content for i in range(a, b) if not doc[i].is_punct]
    quoted = [i for i in words if st.quote_of[i] >= 0]
    if words and len(quoted) == len(words):
        return "direct"
    if quoted:
        return "mixed"
    return "indirect"


def _addressee_entity(c: _Cand, table: EntityTable) -> str | None:
    """The entity the cue speaks to: the object of "told" ("she told Lane"), "said to" / "told to" Lane."""
    verbs = [t for t in c.cue if t.pos_ in {"VERB", "AUX"}]
    if not verbs:
        return None
    v = verbs[-1]
    objs = [k for k in v.children if k.i > v.i and (
        (k.dep_ in {"dobj", "dative"} and v.lemma_.lower() == "tell") or k.dep_ == "dative")]
    objs += [o for k in v.children if k.dep_ == "prep" and k.lower_ == "to" and k.i > v.i
             for o in k.children if o.dep_ == "pobj"]
    for obj in objs:
        if obj.pos_ != "PROPN":
            continue  # a pronoun addressee ("told him") is itself resolved by guess
        ent = table.entity_in(obj.idx, obj.idx + len(obj))
        if ent is not None and ent.type == "PERSON":
            return ent.id
    return None


def find_statements(parsed: ParsedArticle, table: EntityTable) -> list[Statement]:
    """Every attributed statement of the article, in text order, with ids s1, s2, ..."""
    doc = parsed.doc
    if len(doc) == 0:
        return []
    finder = _Finder(parsed, table)
    cands = finder.run()
    model = span_model()
    if model is not None:
        cands = assemble(model, doc, finder.state.quote_of, finder.lex, cands)
    resolver = SpeakerResolver(doc, table, finder.text)
    text = parsed.text
    seen_cues: set[tuple[int, int]] = set()
    out: list[Statement] = []
    inputs: list[StanceInput] = []
    for c in cands:
        cue_a, cue_b = min(t.i for t in c.cue), max(t.i for t in c.cue) + 1
        cs, ce = _char_span(doc, cue_a, cue_b)
        if (cs, ce) in seen_cues:
            continue
        content_ranges = sorted(r for r in c.content if r[1] > r[0])
        if not content_ranges:
            continue
        spans = [_char_span(doc, a, b) for a, b in content_ranges]
        if ANONYMITY_FORMULA.match(text[spans[0][0] : spans[-1][1]]):
            continue  # "who asked not to be named": how the source is described, not what it said
        seen_cues.add((cs, ce))
        if c.source is not None:
            ss, se = strip_invisible(text, *_char_span(doc, *c.source))
            speaker = resolver.resolve(_speaker_phrase(doc[c.source[0] : c.source[1]]),
                                       addressee=_addressee_entity(c, table))
            speaker.text, speaker.span = text[ss:se], (ss, se)
        else:
            speaker = Speaker()
        content_tokens = [doc[i] for a, b in content_ranges for i in range(a, b)]
        cue_tokens = [doc[i] for i in range(cue_a, cue_b)]
        if is_non_answer(c.lemma.split()[0], cue_tokens, content_tokens):
            continue  # "did not respond to a request for comment" says nothing: no statement, no side of a claim
        sid = f"s{len(out) + 1}"
        stance = decide_stance(c.lemma.split()[0], c.entry_stance, cue_tokens, content_tokens)
        cue_text = text[cs:ce]
        out.append(Statement(
            id=sid, speaker=speaker,
            cue=Cue(text=cue_text, lemma=c.lemma, span=(cs, ce)),
            content=Content(text=" … ".join(text[s:e] for s, e in spans), spans=spans),
            kind=_kind(finder.state, doc, c),  # type: ignore[arg-type]
            stance=stance,  # type: ignore[arg-type]
        ))
        poss = claim_possessor(content_tokens)
        poss_entity = None
        if poss is not None:
            poss_entity = resolver.resolve(doc[poss.i : poss.i + 1]).entity
        inputs.append(StanceInput(sid, stance, speaker.entity, content_tokens, cs, poss_entity))
    negations = answer_negations(inputs)
    about = link_about(inputs)
    for st in out:
        denied = negations.get(st.id)
        if denied is not None:
            st.stance, about[st.id] = "deny", denied  # "he had not met Ruiz", after a report that he had
    for st in out:
        st.about = about.get(st.id)
    return out

_Doc = QuoteIndex  # the name scripts/train_cue_model.py knows
