"""Checks that keep the statement finder to reports: who can speak, and what counts as something said.

Real news pages carry furniture that looks like an attribution ("READ MORE: ...", "WATCH: ...",
"Coronavirus: New York ramps up ...") and predicates that the cue model likes but that report nothing
("Spain has recorded 157,000 cases", "The win allows the government to continue").  The finder asks
these questions before it keeps a candidate:

- :func:`colon_speaker` -- is the left side of ``Left: text`` a speaker (a person, an organisation, a
  title), rather than a section label, a link or a topic?
- :func:`is_tally`, :func:`says_noun`, :func:`happens` -- is the verb's object a count ("recorded
  157,000 cases") or its subject an event ("the win allows ..."), so that nothing is reported?
- :func:`quote_tail` -- does a short attribution follow a closing quote mark ("..." Ortega asked.)?
- :func:`is_addressee`, :func:`misread_clause_end` -- where the content of "told" / "said" really is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.speakers import ORG_ROLES, PERSON_ROLES
from newsledger.nlp.types import EntityTable

SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP"})
# words of section labels, link texts and warnings that open a line with a colon
FURNITURE = frozenset(
    {"read", "more", "watch", "listen", "see", "also", "related", "warning", "update", "updated", "breaking",
     "live", "latest", "opinion", "analysis", "explainer", "editor", "editors", "note", "photos", "photo",
     "video", "videos", "gallery", "guide", "simple", "currencies", "stocks", "markets", "bonds", "oil",
     "gold", "commodities", "sport", "sports", "weather", "correction", "clarification", "disclaimer",
     "subscribe", "sign", "follow", "share", "click", "here", "advertisement", "sponsored", "contact",
     "by", "credit", "source", "sources", "caption", "timeline", "factbox", "q&a", "faq", "exclusive"}
)
GROUP_NOUNS = frozenset({"people", "residents", "witnesses", "officials", "sources", "experts", "analysts",
                         "critics", "lawmakers", "investigators", "police", "prosecutors", "doctors",
                         "scientists", "researchers", "workers", "protesters", "voters", "parents"})
# documents that speak for their authors ("Poll: ...", "the report found that ...")
DOCUMENTS = frozenset({"poll", "survey", "study", "report", "review", "audit", "memo", "letter", "statement",
                       "analysis", "investigation", "inquiry", "ruling", "lawsuit", "complaint", "filing"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# speech verbs whose bare noun object is rarely what was said ("added a goal", "adding levity"), unless
# the noun is itself something said ("added a note of caution")
NP_NOT_REPORT = frozenset({"add"})
SAID_NOUNS = frozenset({"note", "caveat", "warning", "comment", "remark", "word", "voice", "thought", "detail",
                        "point", "question", "plea", "criticism", "praise", "message", "line", "argument"})
# subjects that happen rather than speak ("the by-election win allows ...")
EVENT_NOUNS = frozenset({"win", "victory", "defeat", "loss", "result", "outcome", "election", "by-election", "vote",
                         "increase", "rise", "fall", "drop", "growth", "decline", "storm", "crash", "fire", "flood",
                         "pandemic", "outbreak", "virus", "shutdown", "closure", "lockdown", "curfew", "change"})
# objects counted like a tally ("recorded about 157,000 cases"): a measurement, not something said
TALLY_NOUNS = frozenset({"case", "death", "infection", "fatality", "test", "vaccination", "dose", "hospitalization",
                         "goal", "point", "run", "assist", "vote", "seat", "percent", "%", "degree", "barrel",
                         "ton", "tonne", "visitor", "arrival", "sale", "job", "share", "dollar", "euro"})


def _known_name(words: Span, table: EntityTable) -> bool:
    """A word of ``words`` is a person's or an organisation's name the entity table knows (its full name
    or one word of it: "Lindqvist" for Anna Lindqvist)."""
    names = {w.lower_ for w in words if w.is_alpha}
    for ent in table.entities:
        if ent.type not in SPEAKER_ENTS:
            continue
        parts = {p.lower() for p in ent.name.split()}
        if ent.type == "PERSON" and names & parts:
            return True
        if ent.name.lower() in {" ".join(names)} or ent.name.lower() == words.text.lower():
            return True
    return False


def colon_speaker(words: Span, table: EntityTable) -> bool:
    """``words`` (the left side of ``Left: text`` at a line start) names someone who can speak."""
    alpha = [w for w in words if w.is_alpha]
    if not alpha or any(w.lower_ in FURNITURE for w in alpha):
        return False
    if any(w.ent_type_ in SPEAKER_ENTS for w in alpha):
        return True
    if any(w.lemma_.lower() in PERSON_ROLES | ORG_ROLES | DOCUMENTS for w in alpha):
        return True  # "Mayor: ...", "The ministry: ...", "Poll: ..."
    return _known_name(words, table)


def happens(subject: Token) -> bool:
    """A subject that is an event or a change ("the by-election win", "the storm"), not someone who speaks."""
    return subject.pos_ == "NOUN" and subject.lemma_.lower() in EVENT_NOUNS and subject.ent_type_ not in SPEAKER_ENTS


def is_tally(obj: Token) -> bool:
    """An object that counts something ("about 157,000 cases", "a goal and an assist")."""
    counted = obj.lemma_.lower() in TALLY_NOUNS
    numbered = any(c.dep_ in {"nummod", "quantmod"} or c.pos_ == "NUM" for c in obj.children)
    return counted and (numbered or obj.lemma_.lower() in {"goal", "assist"})


def says_noun(obj: Token) -> bool:
    """An object noun that is itself something said ("a note of caution", "the claim")."""
    return obj.lemma_.lower() in SAID_NOUNS


ADDRESSEE_NOUNS = frozenset({"reporter", "journalist", "audience", "crowd", "newspaper", "agency", "station",
                             "outlet", "radio", "television", "paper", "magazine", "broadcaster", "channel",
                             "network", "podcast", "reporters", "journalists", "supporters", "members"})
CONTENT_PRONOUNS = frozenset({"it", "this", "that", "everything", "anything", "nothing", "something", "all",
                              "what", "much", "more", "little", "lot"})
SPEECH_WITH_CLAUSE = frozenset({"say", "argue", "claim", "insist", "note", "add", "write", "believe", "warn",
                                "acknowledge", "admit", "suggest", "contend", "maintain", "assert"})


def is_addressee(obj: Token) -> bool:
    """The object of "tell" that names who was told ("told the agency", "told her"), not what."""
    if obj.pos_ == "PRON":
        return obj.lower_ not in CONTENT_PRONOUNS
    lemma = obj.lemma_.lower()
    return obj.ent_type_ in SPEAKER_ENTS | {"GPE"} or lemma in PERSON_ROLES | ORG_ROLES | ADDRESSEE_NOUNS \
        or obj.lower_ in GROUP_NOUNS


def misread_clause_end(v: Token, obj: Token) -> int:
    """``Garland said rising rents and lost wages over a decade have broad effects``: the parser took the
    clause's subject for the verb's object and its verb for a second verb of the speaker.  A conjoined verb
    of ``v`` after the object, with no subject of its own and a subjectless finite verb inside it, belongs to
    the content; the end of that content (token index, exclusive), else ``obj``'s own end."""
    end = obj.right_edge.i + 1
    if v.lemma_.lower() not in SPEECH_WITH_CLAUSE or obj.lower_ in CONTENT_PRONOUNS:
        return end
    for conj in v.children:
        if conj.dep_ != "conj" or conj.i < obj.i or any(c.dep_ in {"nsubj", "nsubjpass"} for c in conj.children):
            continue
        inner = [t for t in conj.subtree if t is not conj and t.dep_ == "conj" and t.tag_ in FINITE_TAGS
                 and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)]
        if inner:
            end = max(end, conj.right_edge.i + 1)
    return end


SPEAKER_POS = frozenset({"DET", "PROPN", "NOUN", "ADJ", "CCONJ", "PRON", "NUM", "PART"})
TAIL_ENDS = frozenset({".", "!", "?"})
MAX_TAIL = 8


class QuoteTail(NamedTuple):
    """``"...," the auditor states.`` / ``"We won!" shout Ada and Lee.``: the attribution after a quote."""

    cue: int  # token index of the cue verb
    source: tuple[int, int]  # token range of the speaker, exclusive end


def quote_tail(doc: Doc, after: int, is_cue: Callable[[Token], bool]) -> QuoteTail | None:
    """The short attribution that follows a closing quote mark at token ``after``: speaker words and one
    cue verb (in either order, optionally an adverb) up to the end of the sentence, the line or the text.

    The parser often splits ``"Is anyone listening?" Ortega asked.`` into two sentences, or reads
    ``states`` as a noun; this reads the tail by its words, not its tree."""
    end = after
    while end < len(doc) and end - after <= MAX_TAIL and doc[end].text not in TAIL_ENDS \
            and "\n" not in doc[end].text and not (end > after and "\n" in doc[end - 1].whitespace_):
        end += 1
    closed = end >= len(doc) or doc[end].text in TAIL_ENDS or "\n" in doc[end].text \
        or "\n" in doc[end - 1].whitespace_
    if end == after or end - after > MAX_TAIL or not closed:
        return None
    words = [t for t in doc[after:end] if not t.is_space]
    cues = [t for t in words if is_cue(t)]
    if len(cues) != 1:
        return None
    cue = cues[0]
    rest = [t for t in words if t.i != cue.i and not (t.pos_ == "ADV" and abs(t.i - cue.i) == 1)]
    if not rest or not all(t.pos_ in SPEAKER_POS or t.text == "," for t in rest):
        return None
    if not any(t.pos_ in {"PROPN", "NOUN", "PRON"} for t in rest):
        return None
    before = [t for t in rest if t.i < cue.i]
    side = before if before else [t for t in rest if t.i > cue.i]
    if before and any(t.i > cue.i and t.pos_ in {"PROPN", "NOUN", "PRON"} for t in rest):
        return None  # speaker words on both sides: not a plain tail
    a, b = side[0].i, side[-1].i + 1
    while b > a and doc[b - 1].text == ",":
        b -= 1
    return QuoteTail(cue.i, (a, b)) if b > a else None
