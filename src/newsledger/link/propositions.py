"""Propositions: what a statement (or the outlet's own voice) puts forward, as the claim layer compares it.

A claim is a proposition, not a sentence.  Before a content is compared with the ledger's claims:

* **reporting frames** are stripped: "reports that X", "the claim that X", "its denial that X" -> X
  (a denial frame makes the member a deny);
* **negation** is carried into the role: "the reports were not true", "these claims are completely
  false", "no such meeting took place" deny; a content whose main clause is negated ("Woods is not
  serving a suspension") is a deny of the positive proposition, compared without its negation;
* **anaphora**: what is left of a denial once its frame and evaluation are gone ("these claims", "it",
  "the reports", "such a meeting") names no proposition of its own: it answers the article's main
  claim (:attr:`Proposition.anaphoric`);
* **terms** for the lexical comparison: lower-cased, accents folded, spaCy's English stop words and
  news function words dropped, irregular forms mapped through spaCy's own lemma exceptions
  (``link/data/lemmas.tsv``, made by ``scripts/build_lemma_table.py``: spoke -> speak, met -> meet),
  then a light suffix stemmer.  No synonym table: "buy" and "acquire" meet through embeddings.

**The outlet's own voice** (:func:`own_voice`): the headline and the lead sentences of an article state
its story in the outlet's voice ("Tiger Woods is not serving a suspension", "Michelle Obama's face was
reportedly blurred").  They join claims as the outlet's assertions (hedged when the sentence hedges,
denies when it negates), marked ``voice``, and never become statements of the record.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from newsledger.link.actors import fold, skeleton
from newsledger.nlp.timex import resolve as resolve_date
from newsledger.record import Record

MIN_TERMS = 3

_NEWS_STOP_WORDS = (
    """
    said says say saying told tell telling added adding according stated claimed noted reported asked
    mr mrs ms dr president minister foreign secretary spokesperson spokesman spokeswoman official officials
    chief executive prime deputy state press office week weeks day days monday tuesday wednesday thursday
    friday saturday sunday last next year years time one weekend evening morning tonight today yesterday
    also just even still yet
    """
)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], frozenset[str]]:
    lemmas: dict[str, str] = {}
    stop: set[str] = set(_NEWS_STOP_WORDS.split())
    text = resources.files("newsledger.link").joinpath("data/lemmas.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, *rest = line.split("\t")
        if kind == "lemma" and len(rest) == 2:
            lemmas[rest[0]] = rest[1]
        elif kind == "stop" and rest:
            stop.add(rest[0])
    return lemmas, frozenset(stop)


def stop_words() -> frozenset[str]:
    return _lexicon()[1]


_SPEAKER_PRONOUNS = frozenset({"he", "she", "it", "they", "i", "we"})
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


def stem(word: str) -> str:
    """spaCy's lemma for an irregular form, else a light suffix stemmer (plural, past, gerund)."""
    lemmas = _lexicon()[0]
    if word in lemmas:
        return lemmas[word]
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


_PHRASES = ((re.compile(r"\b(?:take|takes|taken|took|taking) place\b"), "happen"),)


def terms(text: str) -> list[str]:
    """The content terms of a text, in order, without repeats."""
    out: list[str] = []
    stop = stop_words()
    text = fold(text).replace("'s ", " ")
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    for w in _WORD.findall(text):
        w = w.strip("'-")
        if not w or w in stop or (len(w) < 3 and not w.isdigit()):
            continue
        t = stem(w)
        if t in stop:
            continue
        if t not in out:
            out.append(t)
    return out


def opens_with_pronoun(content: str) -> bool:
    return bool(_SPEAKER_PRONOUNS.intersection(_WORD.findall(fold(content))[:4]))


def speaker_terms(content: str, actor_name: str | None) -> list[str]:
    """The speaker's name terms when the content opens with a pronoun ("he had spoken with Putin")."""
    if not actor_name or not opens_with_pronoun(content):
        return []
    words = [skeleton(w) for w in terms(actor_name)]
    return words[-1:] if words else []


def is_fragment(content: str) -> bool:
    """"to exchange 500 prisoners": an infinitive, not a proposition to show as a claim."""
    return fold(content).lstrip(" \"'“").startswith("to ")


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


# -- frames, negation, anaphora ----------------------------------------------------

_REPORT_NOUNS = (r"(?:reports?|claims?|accusations?|allegations?|suggestions?|rumou?rs?|speculation|stor(?:y|ies)"
                 r"|news|assertions?|word|articles?|posts?|tweets?|headlines?)")
_FRAME = re.compile(
    rf"^(?:(?:an?|the|any|these|those|such|recent|earlier|media|press|online|internet|several|some|its|his|her|their"
    rf"|viral|fake|bogus|satirical)\s+)*"
    rf"{_REPORT_NOUNS}\s+(?:that|of|about|saying|claiming|suggesting|alleging)\s+(?:that\s+)?", re.I)
_DENIAL_FRAME = re.compile(
    r"^(?:(?:the|its|his|her|their|an?|earlier|repeated|flat|firm)\s+)*(?:denials?|refutations?)\s+(?:that|of)\s+"
    r"|^(?:(?:has|have|had)\s+)?(?:denied|refuted|dismissed|rejected)\s+(?:the\s+)?(?:" + _REPORT_NOUNS[3:-1]
    + r")?\s*(?:that\s+)?", re.I)
_NOT = re.compile(r"\b(is|are|was|were)n't\b", re.I)
_INTRO = re.compile(r"^(?:(?:i|we)\s+(?:can\s+|want\s+to\s+)?(?:assure|tell|promise)\s+you\s+)?(?:that|whether)\s+",
                    re.I)
_FALSE = (r"(?:not\s+(?:true|real|the\s+case)|untrue|false|baseless|unfounded|groundless|fabricated|fake|bogus"
          r"|a\s+hoax|hoax(?:es)?|a\s+lie|lies|nonsense|rubbish|wrong|inaccurate|incorrect|made[\s-]up|fiction|not\s+accurate"
          r"|not\s+(?:her|his|their|the)\s+account|without\s+(?:any\s+)?(?:basis|foundation))")
_INTENSIFIER = (r"(?:(?:absolutely|completely|totally|utterly|simply|entirely|categorically|unequivocally|just|all"
                r"|and|,)\s*)*")
_EVALUATION = re.compile(rf"\s*,?\s*(?:is|are|was|were|'s|remains?|seems?)\s+{_INTENSIFIER}{_FALSE}\b.*$", re.I)
_WHOLLY_FALSE = re.compile(rf"^(?:(?:that|this|it|these|those|the\s+\w+|such\s+\w+(?:\s+\w+)?)\s+)?"
                           rf"(?:is|are|was|were|'s)\s+{_INTENSIFIER}{_FALSE}\b", re.I)
_NO_TRUTH = re.compile(r"\bno\s+truth\b|\bnot\s+a\s+(?:shred|grain)\s+of\s+truth\b|\bnever\s+happened\b"
                       r"|\bdid\s*(?:not|n't)\s+happen\b|\bno\s+such\s+\w+", re.I)
_NEGATION = re.compile(
    r"\b(?:(?:is|are|was|were|has|have|had|did|does|do|will|would|could|can)\s*(?:not|n't)|isn't|aren't|wasn't"
    r"|weren't|hasn't|haven't|hadn't|didn't|doesn't|don't|won't|wouldn't|couldn't|can't|cannot|never)\b", re.I)
_NEGATION_WORD = re.compile(r"\b(?:won't|can't|cannot)|\s*\b(?:not|never)\b|n't\b", re.I)
_POSITIVE = {"won't": "will", "can't": "can", "cannot": "can"}
_NOT_A_DENIAL = re.compile(r"\b(?:comment|respond|reply|return|answer|confirm|know|say|disclose|discuss|elaborate)",
                           re.I)
_ANAPHOR = re.compile(
    rf"^(?:(?:it|this|that|these|those|they|such|the|any|all|this\s+latest)\s+)*(?:{_REPORT_NOUNS[3:-1]}|"
    r"(?:\w+\s+)?(?:meeting|story|tale|thing|idea|rumou?r|one|it|this|that|them|they))?\s*$", re.I)
MAIN_CLAUSE_WORDS = 12  # a negation this early belongs to the main clause


@dataclass(frozen=True)
class Proposition:
    """One proposition of a member: the text compared, its role toward it, whether it only points back."""

    text: str
    role: str  # assert | confirm | deny | neither
    anaphoric: bool = False  # "these claims are false": answers the article's main claim
    negated: str | None = None  # the content as said, when ``text`` is its positive form ("X is not Y" -> "X is Y")


def normalise(content: str, role: str) -> Proposition:
    """Frames stripped, negation carried into the role, anaphora marked (see the module docstring)."""
    text = _INTRO.sub("", " ".join(content.replace("’", "'").split()).strip(" ,;:\"'“”‘"))
    evaluable = _NOT.sub(r"\1 not", text)  # "isn't true" reads as "is not true"
    denial = _DENIAL_FRAME.match(text)
    if denial and denial.end() > 0:
        text, role = text[denial.end():], "deny" if role == "assert" else role
    text = _FRAME.sub("", _INTRO.sub("", text))
    if role in ("assert", "confirm"):
        if _WHOLLY_FALSE.match(evaluable) or _NO_TRUTH.search(text):
            return Proposition(text, "deny", anaphoric=True)
        evaluated = _EVALUATION.search(evaluable)
        if evaluated and evaluated.start() > 0:
            rest = _FRAME.sub("", evaluable[: evaluated.start()]).strip(" ,")
            return Proposition(rest, "deny", anaphoric=_is_anaphor(rest))
        negated = _NEGATION.search(text)
        if (negated and len(text[: negated.start()].split()) <= MAIN_CLAUSE_WORDS
                and not _NOT_A_DENIAL.match(text[negated.end():].lstrip())):
            positive = _NEGATION_WORD.sub(lambda m: _POSITIVE.get(m.group(0).lower(), ""), text, count=1)
            return Proposition(positive, "deny", negated=text)
    return Proposition(text, role, anaphoric=role != "assert" and _is_anaphor(text))


def _is_anaphor(text: str) -> bool:
    return bool(_ANAPHOR.match(text.strip(" ,.\"'”’")))


# -- the outlet's own voice -------------------------------------------------------------

LEAD_SENTENCES = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_DATELINE = re.compile(r"^(?:[A-Z][A-Za-z.,' ]{0,60}?(?:\([A-Za-z. ]+\))?\s*(?:--|—|–|\|)\s+|\([A-Z][\w ]*\)\s*)")
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|rumou?r(?:s|ed)?|may|might|could|possibly"
    r"|perhaps|claim(?:s|ed)?|alleg(?:e|es|ed|ation|ations)|report(?:s|ed)?|according\s+to|appears?\s+to|seems?\s+to"
    r"|said\s+to|believed\s+to|unconfirmed|if\s+true|speculat\w*|suggest\w*)\b", re.I)


@dataclass(frozen=True)
class Voiced:
    """A sentence of the headline or lead, in the outlet's voice."""

    id: str  # "v0" for the headline, "v1", "v2" for the lead sentences
    text: str
    stance: str  # assert | hedge


def own_voice(record: Record, n_lead: int = LEAD_SENTENCES) -> list[Voiced]:
    """The headline and the first ``n_lead`` sentences of the body that no statement attributes."""
    out: list[Voiced] = []
    if record.title and len(terms(record.title)) >= MIN_TERMS:
        out.append(Voiced("v0", record.title.strip(), _stance(record.title)))
    cues = [st.cue.span for st in record.statements]
    contents = [sp for st in record.statements for sp in st.content.spans]
    k = 0
    for start, end, sentence in _lead(record.text):
        if k >= n_lead:
            break
        k += 1
        if sentence.rstrip().endswith("?") or len(terms(sentence)) < MIN_TERMS:
            continue
        if any(start <= c0 < end for c0, _ in cues) or any(c0 <= start and end <= c1 for c0, c1 in contents):
            continue  # an attribution: the statement is the member, not the outlet
        out.append(Voiced(f"v{k}", sentence, _stance(sentence)))
    return out


def _stance(sentence: str) -> str:
    return "hedge" if _HEDGE.search(sentence) else "assert"


def _lead(text: str, max_chars: int = 1500) -> list[tuple[int, int, str]]:
    """The first sentences of the body with their offsets (a regular expression is enough this early:
    the linker reads stored records and has no parse)."""
    head = text[:max_chars]
    out: list[tuple[int, int, str]] = []
    pos = 0
    for para in re.split(r"(\n\s*\n)", head):
        if not para.strip() or para.startswith("\n"):
            pos += len(para)
            continue
        offset = pos
        body = para
        dl = _DATELINE.match(body)
        if dl and not out:
            offset, body = offset + dl.end(), body[dl.end():]
        cut = 0
        for m in [*_SENTENCE_END.finditer(body), None]:
            end = m.start() if m else len(body)
            sentence = body[cut:end].strip()
            if len(sentence.split()) >= 4:
                s0 = offset + body.index(sentence, cut) if sentence else offset + cut
                out.append((s0, s0 + len(sentence), sentence))
            cut = m.end() if m else len(body)
        pos += len(para)
        if len(out) >= LEAD_SENTENCES + 2:
            break
    return out


# -- text of a claim ------------------------------------------------------------------


def clean_text(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:")
    text = _INTRO.sub("", text)
    text = _FRAME.sub("", text)  # "reports that Moscow had agreed ...": the claim is what the reports say
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


def parts(content: str) -> list[str]:
    """The propositions of a reported content: "A, and that B" carries two claims (one when a part is too short)."""
    pieces = [p.strip(" ,;") for p in _PART_BREAK.split(content)]
    if len(pieces) < 2 or any(len(terms(p)) < MIN_TERMS for p in pieces):
        return [content]
    return pieces
