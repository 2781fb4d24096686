"""The learned span model: which words are a cue, and for each cue, its source and its content.

Two linear-chain CRFs (CRFsuite, through ``python-crfsuite``) trained on PolNeAR's train split by
``scripts/train_span_model.py`` (see ``data/models/SPAN_MODEL.md``, the model card):

- the **cue tagger** labels every sentence's tokens ``B`` / ``I`` / ``O`` (a cue is a run of ``B I*``);
- the **role tagger** labels the tokens around one cue ``B-S I-S`` (source) and ``B-C I-C`` (content).

Both read the one spaCy parse of the article (words, lemmas, tags, dependencies, entities, quotations)
and, as features, what the rules of :mod:`newsledger.nlp.statements` proposed: the model learns when to
trust them.  :func:`assemble` turns the tags into the finder's candidates, so speakers, stance and
``about`` are resolved exactly as for the rules' own.  When the model files are absent (or
``NEWSLEDGER_NO_SPAN_MODEL=1``), the rules work alone.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Container, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc, Token

from newsledger.nlp.cues import Lexicon
from newsledger.nlp.types import sentence_bounds

if TYPE_CHECKING:
    from newsledger.nlp.statements import _Cand

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).parent / "data" / "models"
CUE_TAGGER_FILE = MODEL_DIR / "span_cue.crfsuite"
ROLE_TAGGER_FILE = MODEL_DIR / "span_role.crfsuite"
META_FILE = MODEL_DIR / "span_model.json"
CLUSTER_FILE = MODEL_DIR / "span_clusters.npz"  # k-means centroids of the parse's token vectors (doc.tensor)
ENV_OFF = "NEWSLEDGER_NO_SPAN_MODEL"
ENV_DIR = "NEWSLEDGER_SPAN_MODEL_DIR"  # a folder with a model of one's own (the three files above)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
MAX_SENT_TOKENS = 200  # a "sentence" longer than this (a list, a table) is tagged in pieces
NEIGHBOUR_SENTS = 1  # the role tagger sees the cue's sentence and one on each side (within the paragraph)
# Cues whose content the rules read better than the tagger: a "Speaker: ..." line and a signed quote end at
# the line, "according to" at its clause (PolNeAR dev content exact F1 0.613 with the tagger's, 0.619).
RULE_CONTENT_CUES = frozenset({":", "―", "according to"})
# The cue tagger reads only the sentences where no rule found a cue: where one did, the rule's cue stands
# whatever the tagger says, and the tagger's own cues beside it were few (PolNeAR dev: 8 in 84 texts,
# attribution F1 0.7058 with them, 0.7055 without) for more than half of the tagging time.
# There, a cue of its own stands when each of its tokens is cue with probability >= 0.9 (PolNeAR dev
# attribution F1 0.7055 at 0.9, 0.7077 at 0.8, 0.7096 at 0.7, 0.7113 at 0.6, 0.7109 at 0.5, 0.7099 at 0.4;
# the hand case's cue F1 stays 0.95 from 0.5 to 0.9).
NEW_CUE_CONFIDENCE = 0.9  # 0.6 scored best on dev but adds report-less cues ("Two forwards each added a goal")


def _dist(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 5:
        return "4-5"
    if n <= 10:
        return "6-10"
    return "11-20" if n <= 20 else "21+"


def _shape(t: str, punct: bool) -> str:
    if punct or not t[:1].isalnum():
        return "p"
    if t.isupper() and len(t) > 1:
        return "U"
    if t[:1].isupper():
        return "C"
    return "d" if t[:1].isdigit() else "l"


def _strings(doc: Doc, ids: np.ndarray, lower: bool = False) -> list[str]:
    """The text of each attribute id of a ``to_array`` column, each distinct id looked up once."""
    keys = ids.tolist()
    strings = doc.vocab.strings
    text = {k: strings[k].lower() if lower else strings[k] for k in set(keys)}
    return [text[k] for k in keys]


def _prefixed(prefix: str, values: Sequence[str]) -> list[str]:
    """``prefix + value`` for each value, each distinct string built once."""
    names = {v: prefix + v for v in set(values)}
    return [names[v] for v in values]


class DocFeatures:
    """What both taggers read of one document, computed once: token features, sentences, quotes, rules.

    Everything is read off the Doc in one pass into plain lists: building spaCy ``Token`` objects in
    the per-cue loops cost more than the tagging itself.
    """

    def __init__(self, doc: Doc, quote_of: Sequence[int], lex: Lexicon, rule_cands: Sequence[_Cand],
                 use_rules: bool = True, clusters: Sequence[np.ndarray] = ()) -> None:
        self.doc = doc
        self.quote_of = quote_of
        n = len(doc)
        arr = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, IS_SPACE, IS_PUNCT])
        orth, words, pos, tags, deps, ents = (_strings(doc, arr[:, k]) for k in (0, 1, 3, 4, 5, 7))
        lemmas = _strings(doc, arr[:, 2], lower=True)
        heads = (arr[:, 6].astype(np.int64) + np.arange(n)).tolist()
        blank = arr[:, 8].astype(bool).tolist()
        self.blank = blank
        self.punct = np.logical_or(arr[:, 8], arr[:, 9]).tolist()
        self.sents = sentence_bounds(doc)
        self.sent_of = [k for k, (a, b) in enumerate(self.sents) for _ in range(a, b)]
        newline = [blank[i] and "\n" in orth[i] for i in range(n)]
        self.para_of = np.concatenate([[0], np.cumsum(newline[:-1], dtype=np.int64)]).tolist() if n else []
        self.words, self.lemmas, self.pos, self.deps, self.heads, self.ent = words, lemmas, pos, deps, heads, ents
        punct = self.punct
        shapes = [_shape(orth[i], punct[i]) for i in range(n)]
        frames: dict[tuple[str, str], str] = {}
        lexframe = []
        for key in zip(lemmas, pos, strict=True):
            frame = frames.get(key)
            if frame is None:
                entry = lex.get(*key)
                frame = frames[key] = "lex=" + (entry.frame if entry else "-")
            lexframe.append(frame)
        columns = [_prefixed("w=", words), _prefixed("l=", lemmas), _prefixed("p=", pos), _prefixed("t=", tags),
                   _prefixed("d=", deps), _prefixed("e=", [e or "-" for e in ents]), _prefixed("sh=", shapes),
                   ["q=True" if q >= 0 else "q=False" for q in quote_of[:n]], lexframe]
        columns += [_prefixed(f"k{len(c)}=", cluster_ids(doc, c)) for c in clusters]
        base: list[list[str]] = [list(row) for row in zip(*columns, strict=True)] if n else []
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(heads):
            if h != i:
                self.children[h].append(i)
        self.base = base
        self.rule_cue = ["O"] * n
        for c in rule_cands if use_rules else ():
            idx = sorted(t.i for t in c.cue)
            for k, i in enumerate(idx):
                self.rule_cue[i] = "B" if k == 0 else "I"
        self.use_rules = use_rules
        self._role_static: list[list[str]] | None = None
        self._role_names: dict[tuple[Any, ...], tuple[str, ...]] = {}

    # -- the cue tagger --------------------------------------------------

    def cue_sequences(self) -> list[tuple[int, int]]:
        """Token ranges tagged as one sequence: the sentences, long ones in pieces."""
        out = []
        for a, b in self.sents:
            while b - a > MAX_SENT_TOKENS:
                out.append((a, a + MAX_SENT_TOKENS))
                a += MAX_SENT_TOKENS
            out.append((a, b))
        return out

    def cue_xseq(self, a: int, b: int) -> list[list[str]]:
        words, pos, lemmas, deps, heads = self.words, self.pos, self.lemmas, self.deps, self.heads
        seq = []
        for i in range(a, b):
            h = heads[i]
            lem = lemmas[i]
            f = [*self.base[i], f"hl={lemmas[h]}", f"hp={pos[h]}", f"l|d={lem}|{deps[i]}",
                 f"d|hl={deps[i]}|{lemmas[h]}"]
            for ch in self.children[i]:
                dep = deps[ch]
                f.append(f"ch={dep}")
                f.append(f"l|ch={lem}|{dep}")
                if dep in SUBJECT_DEPS:
                    f.append(f"subj={self.ent[ch] or pos[ch]}")
                    f.append(f"l|subj={lem}|{self.ent[ch] or pos[ch]}")
            for k in (-2, -1, 1, 2):
                j = i + k
                if a <= j < b:
                    f.append(f"{k}w={words[j]}")
                    f.append(f"{k}p={pos[j]}")
                else:
                    f.append(f"{k}w=<edge>")
            f.append(f"-1l|l={lemmas[i - 1] if i > a else '<s>'}|{lem}")
            if self.use_rules:
                f.append(f"rc={self.rule_cue[i]}")
                f.append(f"rc|p={self.rule_cue[i]}|{pos[i]}")
            seq.append(f)
        return seq

    # -- the role tagger -------------------------------------------------

    def role_window(self, cue_a: int, cue_b: int) -> tuple[int, int]:
        k = self.sent_of[cue_a]
        para = self.para_of[cue_a]
        lo, hi = k, self.sent_of[cue_b - 1]
        for _ in range(NEIGHBOUR_SENTS):
            if lo > 0 and self.para_of[self.sents[lo - 1][1] - 1] == para:
                lo -= 1
            if hi + 1 < len(self.sents) and self.para_of[self.sents[hi + 1][0]] == para:
                hi += 1
        a, b = self.sents[lo][0], self.sents[hi][1]
        # a quotation that the window cuts is seen whole (bounded, as quotations are)
        q = self.quote_of
        if q[a] >= 0 or q[b - 1] >= 0:
            while a > 0 and q[a - 1] >= 0 and q[a - 1] == q[a] and cue_a - a < 400:
                a -= 1
            while b < len(q) and q[b] >= 0 and q[b] == q[b - 1] and b - cue_b < 400:
                b += 1
        return a, b

    def role_static(self) -> list[list[str]]:
        """The role tagger's features of each token that do not depend on the cue."""
        if self._role_static is None:
            n = len(self.words)
            edge = ["<edge>"]
            columns = [
                _prefixed("-1w=", edge + self.words[:-1]), _prefixed("-1p=", edge + self.pos[:-1]),
                _prefixed("-1d=", edge + self.deps[:-1]), _prefixed("1w=", self.words[1:] + edge),
                _prefixed("1p=", self.pos[1:] + edge), _prefixed("1d=", self.deps[1:] + edge),
            ]
            out = []
            for i, (pw, pp, pd, nw, np_, nd) in enumerate(zip(*columns, strict=True)):
                f = list(self.base[i])
                f += (pw,) if i == 0 else (pw, pp, pd)
                f += (nw,) if i == n - 1 else (nw, np_, nd)
                out.append(f)
            self._role_static = out
        return self._role_static

    def role_xseq(self, cue_a: int, cue_b: int, rule: _Cand | None, window: tuple[int, int]) -> list[list[str]]:
        head = cue_head(self.doc, cue_a, cue_b).i
        heads = self.heads
        rank = {head: 0}
        node = head
        while heads[node] != node:
            node = heads[node]
            rank[node] = len(rank)
        cue_lemma = self.lemmas[head]
        cue_q = self.quote_of[head]
        cue_sent = self.sent_of[cue_a]
        role_of: dict[int, str] = {}
        if rule is not None and self.use_rules:
            role_of = {i: "C" for r in rule.content for i in range(*r)}
            if rule.source is not None:
                role_of.update((i, "S") for i in range(*rule.source))
        constant = [f"cl={cue_lemma}", f"cd={self.deps[head]}", f"cq={cue_q >= 0}"]
        if self.use_rules:
            constant.append(f"hasrule={rule is not None}")
        by_side = {side: (f"s={side}", f"cl|s={cue_lemma}|{side}") for side in "LRC"}  # CRF features: order is free
        static = self.role_static()
        names = self._role_names
        pos, quote_of, sent_of = self.pos, self.quote_of, self.sent_of
        a, b = window
        branches = self._branches(a, b, head, rank, cue_sent)
        seq = []
        for i in range(a, b):
            if i < cue_a:
                side, dist = "L", _dist(cue_a - i)
            elif i >= cue_b:
                side, dist = "R", _dist(i - cue_b + 1)
            else:
                side, dist = "C", "0"
            key = (side, dist, branches.get(i, "far"), pos[i], max(-1, min(1, sent_of[i] - cue_sent)),
                   cue_q >= 0 and quote_of[i] == cue_q, role_of.get(i, "O") if self.use_rules else "")
            cue_free = names.get(key)
            if cue_free is None:
                cue_free = names[key] = _role_names(*key)
            seq.append([*static[i], *constant, *by_side[side], *cue_free])
        return seq

    def _branches(self, a: int, b: int, head: int, rank: dict[int, int], cue_sent: int) -> dict[int, str]:
        """Where each token of ``a:b`` in the cue's sentence hangs from the cue: under which of its dependents
        (``dn:DEP``), under which of its ancestors (``upN:DEP``), the cue itself or one of its ancestors."""
        heads, deps, sent_of = self.heads, self.deps, self.sent_of
        out: dict[int, str] = {}
        for i in range(a, b):
            if sent_of[i] != cue_sent:
                continue
            if i == head:
                out[i] = "cue"
                continue
            if i in rank:
                out[i] = "up"
                continue
            below, node = i, heads[i]
            steps = 0
            while node not in rank and heads[node] != node and steps < 40:
                below, node = node, heads[node]
                steps += 1
            if node == head:
                out[i] = f"dn:{deps[below]}"
            elif node in rank:
                out[i] = f"up{min(rank[node], 2)}:{deps[below]}"
            else:
                out[i] = "none"
        return out


def _role_names(side: str, dist: str, branch: str, pos: str, sent: int, same_quote: bool, rule: str
                ) -> tuple[str, ...]:
    """The role tagger's features of one token that depend on the cue but not on the token's own words."""
    names = (f"s|d={side}|{dist}", f"br={branch}", f"s|br={side}|{branch}", f"br|p={branch}|{pos}", f"sr={sent}",
             f"sameq={same_quote}")
    return (*names, f"r={rule}", f"r|s={rule}|{side}") if rule else names


def cluster_ids(doc: Doc, centroids: np.ndarray) -> list[str]:
    """Each token's nearest centroid among the parse's token vectors; ``-`` when the Doc has none that fit
    (a pipeline without ``tok2vec``, or of another width)."""
    tensor = doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(doc) or tensor.shape[1] != centroids.shape[1]:
        return ["-"] * len(doc)
    x = np.asarray(tensor, dtype=np.float32)
    c = centroids.astype(np.float32)
    scores = x @ c.T - 0.5 * (c * c).sum(axis=1)
    return [str(k) for k in scores.argmax(axis=1).tolist()]


def cue_head(doc: Doc, a: int, b: int) -> Token:
    """The token of ``doc[a:b]`` that the rest hangs from (a verb first)."""
    tops = [doc[i] for i in range(a, b) if not (a <= doc[i].head.i < b) or doc[i].head.i == i]
    verbs = [t for t in tops if t.pos_ in {"VERB", "AUX"}] or [doc[i] for i in range(a, b) if doc[i].pos_ == "VERB"]
    return (verbs or tops or [doc[a]])[0]


def runs(labels: Sequence[str], prefix: str, offset: int) -> list[tuple[int, int]]:
    """Token ranges of the ``B-prefix I-prefix*`` runs (an ``I`` after something else opens a run too);
    with ``prefix`` empty, of plain ``B I*`` runs."""
    out: list[tuple[int, int]] = []
    start = -1
    for n, lab in enumerate(labels):
        inside = lab.endswith(prefix) and lab != "O"
        if start >= 0 and (not inside or lab.startswith("B")):
            out.append((offset + start, offset + n))
            start = -1
        if inside and start < 0:
            start = n
    if start >= 0:
        out.append((offset + start, offset + len(labels)))
    return out


@dataclass
class SpanModel:
    """The two trained taggers (``pycrfsuite.Tagger``) and how they were trained."""

    cue_tagger: Any
    role_tagger: Any
    use_rules: bool
    clusters: tuple[np.ndarray, ...] = ()

    def __post_init__(self) -> None:
        self.cue_labels = [lab for lab in self.cue_tagger.labels() if lab != "O"]

    def cue_spans(self, feats: DocFeatures, known: Container[int] = ()) -> list[tuple[int, int, float]]:
        """Every cue the tagger finds in the sentences that hold no ``known`` token (see the note at
        NEW_CUE_CONFIDENCE): its token range and the lowest probability of its tokens being cue."""
        out: list[tuple[int, int, float]] = []
        tagger = self.cue_tagger
        for a, b in feats.cue_sequences():
            if any(i in known for i in range(a, b)):
                continue
            labels = tagger.tag(feats.cue_xseq(a, b))
            if all(lab == "O" for lab in labels):
                continue
            for x, y in runs(labels, "", a):
                if not all(feats.blank[i] for i in range(x, y)):
                    sure = min(sum(tagger.marginal(lab, i - a) for lab in self.cue_labels) for i in range(x, y))
                    out.append((x, y, sure))
        return out

    def roles(self, feats: DocFeatures, cue: tuple[int, int], rule: _Cand | None, window: tuple[int, int]
              ) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
        labels = self.role_tagger.tag(feats.role_xseq(cue[0], cue[1], rule, window))
        sources = runs(labels, "S", window[0])
        contents = [r for r in runs(labels, "C", window[0]) if not all(feats.punct[i] for i in range(*r))]
        source = None
        if sources:
            source = min(sources, key=lambda r: (min(abs(r[0] - cue[1]), abs(cue[0] - r[1])), -(r[1] - r[0])))
        return source, contents


_MODEL: SpanModel | bool | None = False


def span_model() -> SpanModel | None:
    """The packaged span model, or ``None`` when it is absent or switched off (the rules then work alone)."""
    global _MODEL
    if _MODEL is False:
        _MODEL = _load() if os.environ.get(ENV_OFF) != "1" else None
    return _MODEL if isinstance(_MODEL, SpanModel) else None


def reset() -> None:
    """Forget the loaded model (tests switch it off and on through the environment)."""
    global _MODEL
    _MODEL = False


def _load() -> SpanModel | None:
    folder = Path(os.environ.get(ENV_DIR) or MODEL_DIR)
    cue_file, role_file, meta_file, cluster_file = (
        folder / f.name for f in (CUE_TAGGER_FILE, ROLE_TAGGER_FILE, META_FILE, CLUSTER_FILE))
    if not (cue_file.exists() and role_file.exists()):
        log.info("span model not found in %s; statements come from the rules alone", folder)
        return None
    try:
        import pycrfsuite
    except ImportError:
        log.warning("python-crfsuite is not installed; statements come from the rules alone (run `make install`)")
        return None
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    cue, role = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    cue.open(str(cue_file))
    role.open(str(role_file))
    clusters: tuple[np.ndarray, ...] = ()
    if cluster_file.exists():
        with np.load(cluster_file) as data:
            clusters = tuple(data[k].astype(np.float32) for k in sorted(data.files))
    return SpanModel(cue, role, bool(meta.get("rule_features", True)), clusters)


def assemble(model: SpanModel, doc: Doc, quote_of: Sequence[int], lex: Lexicon,
             rule_cands: Sequence[_Cand]) -> list[_Cand]:
    """The model's statements as the finder's candidates.

    Every rule's cue stands, with its words, lemma and stance (the tagger's own boundaries matched PolNeAR
    no better, 0.802 against 0.801, and its "not a cue" is no veto: on PolNeAR dev 42 of the 65 rule cues
    it dropped were cues); the cue tagger adds cues of its own where no rule found one and it is sure of
    them; the role tagger gives every cue its source and content."""

    feats = DocFeatures(doc, quote_of, lex, rule_cands, model.use_rules, model.clusters)
    by_token = {t.i: c for c in rule_cands for t in c.cue}
    out = [_completed(model, feats, c) for c in rule_cands]
    for a, b, sure in model.cue_spans(feats, by_token):
        if sure >= NEW_CUE_CONFIDENCE:
            cand = _new_cue(model, feats, lex, a, b)
            if cand is not None:
                out.append(cand)
    out.sort(key=lambda c: min(t.i for t in c.cue))
    return out


def _completed(model: SpanModel, feats: DocFeatures, rule: _Cand) -> _Cand:
    """A rule's candidate with the role tagger's source and content; the rule's own where the tagger has none
    (PolNeAR dev attribution F1 0.691 with the tagger's "no source", 0.702 with the rule's)."""
    from newsledger.nlp.statements import _Cand

    a, b = min(t.i for t in rule.cue), max(t.i for t in rule.cue) + 1
    window = feats.role_window(a, b)
    source, content = model.roles(feats, (a, b), rule, window)
    if not content:
        return rule
    if source is None or (rule.source is not None and rule.source[0] <= source[0] and source[1] <= rule.source[1]):
        source = rule.source  # the rules' longer source keeps an appositive name ("the engineer, Marta Olsen")
    if rule.lemma in RULE_CONTENT_CUES:
        return _Cand(rule.cue, rule.lemma, rule.entry_stance, source, rule.content, rule.kind, rule.possessor)
    if rule.entry_stance in {"deny", "confirm", "neither"} and len(rule.content) == len(content) == 1 \
            and rule.content[0][1] == content[0][1] and rule.content[0][0] > content[0][0]:
        content = rule.content  # "dismissed as fiction reports that ...": what is denied starts at "reports"
    content = _with_coordinated_clause(feats, content, rule.content)
    # a quoted paragraph the rules carried on to lies beyond the tagger's window
    content = sorted(content + [r for r in rule.content if r[0] >= window[1] or r[1] <= window[0]])
    return _Cand(rule.cue, rule.lemma, rule.entry_stance, source, content, rule.kind, rule.possessor)


def _new_cue(model: SpanModel, feats: DocFeatures, lex: Lexicon, a: int, b: int) -> _Cand | None:
    """A cue that only the tagger found, completed by the role tagger and named by its lexicon entry, if any."""
    from newsledger.nlp.statements import _Cand

    source, content = model.roles(feats, (a, b), None, feats.role_window(a, b))
    if not content:
        return None
    doc = feats.doc
    head = cue_head(doc, a, b)
    entry = lex.get(head.lemma_.lower(), head.pos_)
    lemma = entry.cue if entry else head.lemma_.lower()
    cue_tokens = [doc[i] for i in range(a, b) if not doc[i].is_space]
    return _Cand(cue_tokens, lemma, entry.stance if entry else "assert", source, content, "indirect")


def _with_coordinated_clause(feats: DocFeatures, content: list[tuple[int, int]], rule_content: list[tuple[int, int]]
                             ) -> list[tuple[int, int]]:
    """"said he would travel to Beijing for talks with X, and that the two sides had agreed ...": where the
    tagger stops before a second complement ("and that ...") that the rules kept, it is said too (one claim
    per proposition, as the claims layer splits them)."""
    end = content[-1][1]
    for a, b in rule_content:
        if not (a <= end < b):
            continue
        if any(feats.pos[i] == "CCONJ" and feats.words[i + 1] == "that" for i in range(end, b - 1)):
            return [*content[:-1], (content[-1][0], b)]
    return content
