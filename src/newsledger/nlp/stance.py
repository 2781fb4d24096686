"""Stance of a statement (assert, deny, confirm, neither, hedge, intend, demand, question) and ``about`` links.

The stance starts from the cue lexicon's label for the cue lemma and is then
corrected by what the parse shows around the cue:

- negation: "did not deny" / "would not confirm" -> neither; "did not say" -> neither
- "neither confirm nor deny", "confirm or deny", "declined to comment/say" -> neither
- a question word or "whether"/"if" after "ask" -> question; "asked X to" -> demand
- the content's own modality: "plans to", "will" after an intend-neutral cue -> intend;
  "could", "might", "may", "likely" after indicate/suggest -> hedge
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
DECLINE = frozenset({"decline", "refuse", "fail"})
ANSWERING = frozenset({"deny", "confirm", "neither"})
CLAIM_NOUNS = frozenset(
    {"claim", "claims", "statement", "statements", "remark", "remarks", "report", "reports", "allegation",
     "allegations", "assertion", "assertions", "comment", "comments", "account", "accusation", "accusations",
     "suggestion", "suggestions", "story", "stories", "rumor", "rumors", "rumour", "rumours", "charge", "charges",
     "speculation", "words"}
)  # also what a denial answers: "dismissing as fiction reports that ...", "rejected claims that ..."
TRUE_WORDS = frozenset({"true", "accurate", "correct", "right", "factual", "case"})
FALSE_WORDS = frozenset({"false", "untrue", "baseless", "groundless", "unfounded", "inaccurate", "incorrect",
                         "wrong", "fabricated", "fake", "bogus", "nonsense", "lie", "lies", "fiction", "ridiculous"})
HAPPEN_VERBS = frozenset({"happen", "occur", "exist"})
NON_ANSWER_VERBS = frozenset({"respond", "reply", "answer", "return"})
REQUEST_WORDS = frozenset({"request", "requests", "comment", "call", "message", "email", "inquiry", "query",
                           "question", "questions"})
HEDGE_MODALS = frozenset({"could", "might", "may", "likely", "possibly", "perhaps", "probably"})
INTEND_MARKERS = frozenset({"plan", "plans", "planned", "planning", "intend", "intends", "will", "'ll", "going"})
DEMAND_NOUNS = frozenset({"desire", "wish", "call", "demand", "demands", "insistence"})
QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "who", "where", "which"})


def is_negated(token: Token) -> bool:
    """The cue verb, or a verb it hangs from through xcomp, carries a negation."""
    seen = 0
    node: Token | None = token
    while node is not None and seen < 3:
        if any(c.dep_ == "neg" or (c.lower_ in {"not", "n't", "never"} and c.dep_ in {"advmod", "neg"})
               for c in node.children):
            return True
        if node.dep_ in {"xcomp"} and node.head != node:
            node = node.head
            seen += 1
            continue
        break
    return False


def is_non_answer(lemma: str, cue_tokens: Sequence[Token], content_tokens: Sequence[Token]) -> bool:
    """"X did not respond to a request for comment", "did not return calls": X said nothing, so the statement
    takes no side (not even "neither confirm nor deny")."""
    cue_words = {t.lower_ for t in cue_tokens}
    negated = bool(cue_words & {"not", "n't", "never"}) or any(is_negated(t) for t in cue_tokens)
    return lemma in NON_ANSWER_VERBS and negated and bool({t.lemma_.lower() for t in content_tokens} & REQUEST_WORDS)


def decide_stance(
    lemma: str,
    lexicon_stance: str | None,
    cue_tokens: Sequence[Token],
    content_tokens: Sequence[Token],
) -> str | None:
    """The stance of one statement from its cue and content tokens."""
    head = cue_tokens[-1] if cue_tokens else None
    cue_words = {t.lower_ for t in cue_tokens}
    lemmas = {t.lemma_.lower() for t in cue_tokens}
    stance = lexicon_stance
    if {"confirm", "deny"} <= lemmas or ("neither" in cue_words and "nor" in cue_words):
        return "neither"
    if is_non_answer(lemma, cue_tokens, content_tokens):
        return None  # "did not respond to a request for comment": no answer, so no side of any claim
    governor = _decline_governor(cue_tokens)
    if governor is not None or lemma in DECLINE:
        return "neither"
    if head is not None and (is_negated(head) or cue_words & {"not", "n't", "never"}) and (
            stance in {"deny", "confirm", "assert", "neither", None} or lemma in {"say", "comment", "answer"}):
        return "neither"
    if stance in {"assert", None} and lemma not in {"ask", "question"} and denies(content_tokens):
        return "deny"
    first_content = [t.lower_ for t in content_tokens[:2]]
    content_words = {t.lower_ for t in content_tokens}
    if lemma == "ask":
        if any(w in QUESTION_WORDS for w in first_content) or (content_tokens and content_tokens[-1].text == "?"):
            return "question"
        if head is not None and any(c.dep_ == "xcomp" or (c.dep_ == "ccomp" and c.tag_ == "VB") for c in head.children):
            return "demand"
        return "question"
    if len(content_tokens) > 2 and content_tokens[0].dep_ == "poss" and content_tokens[1].lower_ in DEMAND_NOUNS \
            and content_tokens[1].i + 1 < len(content_tokens[1].doc) and content_tokens[1].nbor().lower_ == "to" \
            and lemma in {"reiterate", "repeat", "express", "state", "stress", "emphasize", "say"}:
        return "demand"
    if stance in {"assert", None} and content_tokens:
        if first_content and first_content[0] == "to" and lemma in {"say", "tell", "add", "announce"}:
            return "intend" if lemma != "tell" else "demand"
        if _content_intends(content_tokens):
            return "intend"
    if content_words & HEDGE_MODALS and lemma in {"indicate", "suggest", "hint"}:
        return "hedge"
    return stance


def _main_verb(content_tokens: Sequence[Token]) -> Token | None:
    """The token of the content whose head lies outside it (its main verb), quote marks aside."""
    inside = {t.i for t in content_tokens}
    roots = [t for t in content_tokens if (t.head.i not in inside or t.head == t) and not t.is_punct]
    return roots[0] if roots else None


def _negated_here(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"not", "n't", "never"} for c in verb.children)


def denies(content_tokens: Sequence[Token]) -> bool:
    """The content is a denial spoken as a negated assertion: "that is not her account", "the reports were
    not true", "the claim is false", "no such meeting took place" (also after "I can assure you that")."""
    verb = _main_verb(content_tokens)
    if verb is None:
        return False
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subjects and subjects[0].lower_ in {"i", "we"}:
        inner = [c for c in verb.children if c.dep_ == "ccomp"]
        if inner:  # "I can assure you that ...", "we believe ..."
            verb = inner[0]
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.lemma_.lower() == "be":
        preds = [c for c in verb.children if c.dep_ in {"attr", "acomp"}]
        claim_subject = any(s.lower_ in CLAIM_NOUNS or s.lower_ in {"that", "this", "it"} for s in subjects)
        claim_pred = any(p.lower_ in CLAIM_NOUNS or p.lower_ in TRUE_WORDS for p in preds)
        if _negated_here(verb) and (claim_pred or (claim_subject and any(s.lower_ in CLAIM_NOUNS for s in subjects))):
            return True  # "that is not her account", "the reports were not true"
        if not _negated_here(verb) and claim_subject and any(p.lower_ in FALSE_WORDS for p in preds):
            return True  # "the claim is false", "that is untrue"
    if verb.lemma_.lower() in HAPPEN_VERBS or (verb.lemma_.lower() == "take" and any(
            c.lower_ == "place" for c in verb.children)):
        for s in subjects:
            dets = {c.lower_ for c in s.children}
            if {"no", "such"} <= dets:
                return True  # "no such meeting took place"
    return False


def _content_intends(content_tokens: Sequence[Token]) -> bool:
    """The content's main clause commits its subject to a future act ("he plans to meet")."""
    for tok in content_tokens[:6]:
        if tok.lemma_.lower() in {"plan", "intend", "vow", "pledge", "promise"} and tok.pos_ == "VERB" \
                and any(c.dep_ == "xcomp" for c in tok.children):
            return True
    return False


def _decline_governor(cue_tokens: Sequence[Token]) -> Token | None:
    """"declined to comment on", "refused to say whether": the decline verb governing the cue."""
    for tok in cue_tokens:
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in DECLINE:
            return tok.head
    return None


@dataclass
class StanceInput:
    """What the about-linker needs of one statement."""

    id: str
    stance: str | None
    speaker_entity: str | None
    content_tokens: Sequence[Token]
    start: int
    possessor_entity: str | None = None


def link_about(items: Sequence[StanceInput]) -> dict[str, str]:
    """For confirm/deny/neither statements: the id of the earlier statement they answer.

    A possessor in the content ("Trump's claim", "his remarks") names the speaker of
    the answered claim; a statement nested in the content ("rejected reports that ...")
    is the answered one; a content that points back ("any such conversation", "the
    report") answers the latest statement by another speaker; otherwise the most recent earlier statement by another
    speaker whose content shares the most content words wins, when it shares any.
    """
    out: dict[str, str] = {}
    for idx, st in enumerate(items):
        if st.stance not in ANSWERING:
            continue
        earlier = [o for o in items[:idx] if o.start < st.start]
        nested = _nested_in_content(st, items)
        if not earlier and nested is None:
            continue
        possessor = st.possessor_entity
        if possessor is not None:
            for o in reversed(earlier):
                if o.speaker_entity is not None and o.speaker_entity == possessor:
                    out[st.id] = o.id
                    break
            if st.id in out:
                continue
        if nested is not None:
            # "dismissing as fiction reports that ...": the reports are what the statement answers
            out[st.id] = nested.id
            continue
        words = _content_words(st.content_tokens)
        best, best_score = None, 0.0
        for o in reversed(earlier):
            if st.speaker_entity is not None and o.speaker_entity == st.speaker_entity:
                continue
            shared = len(words & _content_words(o.content_tokens))
            score = shared / (1 + len(words))
            # "confirmed the exchange": a short content whose every word the earlier statement carries
            whole = 0 < len(words) <= 2 and shared == len(words)
            if (shared >= 2 or whole) and score > best_score:
                best, best_score = o, score
        anaphoric = bool(words & CLAIM_NOUNS) or any(t.lower_ == "such" for t in st.content_tokens[:4])
        if best is None and anaphoric and not _spelled_out(st.content_tokens):
            others = [o for o in earlier if o.speaker_entity != st.speaker_entity or st.speaker_entity is None]
            best = others[-1] if others else None
        if best is not None:
            out[st.id] = best.id
    return out


def answer_negations(items: Sequence[StanceInput]) -> dict[str, str]:
    """Asserted contents whose main verb is negated ("he had not met Ruiz") that answer an earlier statement
    by another speaker, found as :func:`link_about` finds one (shared content words): a denial of it.
    Returns the id of each such statement -> the id of the statement it denies.  A negated statement that
    answers nothing stays an assertion ("the bridge was not finished")."""
    out: dict[str, str] = {}
    for idx, st in enumerate(items):
        verb = _main_verb(st.content_tokens)
        if st.stance != "assert" or verb is None or not _negated_here(verb):
            continue
        words = _content_words(st.content_tokens)
        predicate = _predicate_lemma(verb)
        best, best_score = None, 0.0
        for o in reversed(items[:idx]):
            if o.start >= st.start or o.stance in ANSWERING or (
                    st.speaker_entity is not None and o.speaker_entity == st.speaker_entity):
                continue
            if predicate not in {t.lemma_.lower() for t in o.content_tokens}:
                continue  # it must negate what the other said ("had not met" after "met")
            shared = len(words & _content_words(o.content_tokens))
            score = shared / (1 + len(words))
            if shared >= 2 and score > best_score:
                best, best_score = o, score
        if best is not None:
            out[st.id] = best.id
    return out


def _predicate_lemma(verb: Token) -> str:
    """The word that carries a clause's predicate: the verb, or the complement of a copula."""
    if verb.lemma_.lower() == "be":
        preds = [c for c in verb.children if c.dep_ in {"attr", "acomp"}]
        if preds:
            return preds[0].lemma_.lower()
    return verb.lemma_.lower()


def _spelled_out(tokens: Sequence[Token]) -> bool:
    """"accusations that the measure was retaliation": the content says what is answered, so the answer is
    not about whatever statement came last."""
    return any(t.lower_ in CLAIM_NOUNS and any(c.dep_ in {"acl", "ccomp"} for c in t.children) for t in tokens)


def _nested_in_content(st: StanceInput, items: Sequence[StanceInput]) -> StanceInput | None:
    """A non-answering statement whose cue lies inside ``st``'s content."""
    if not st.content_tokens:
        return None
    lo = min(t.idx for t in st.content_tokens)
    hi = max(t.idx + len(t) for t in st.content_tokens)
    for o in items:
        if o is not st and lo <= o.start < hi and o.stance not in ANSWERING:
            return o
    return None


def _content_words(tokens: Sequence[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens if t.is_alpha and not t.is_stop}


def claim_possessor(tokens: Sequence[Token]) -> Token | None:
    """The possessor of a claim noun in the content: "Trump" in "Trump's claim", "his" in "his remarks"."""
    for tok in tokens:
        if tok.lower_ in CLAIM_NOUNS:
            for child in tok.children:
                if child.dep_ == "poss":
                    return child
            prev = tok.nbor(-1) if tok.i > 0 else None
            if prev is not None and prev.tag_ == "POS" and prev.head.i < prev.i:
                return prev.head
    return None
