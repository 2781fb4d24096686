"""The cue lexicon (``data/cues.tsv``), its matcher, and the cue model that scores candidate cue tokens.

Adding cues
-----------
``data/cues.tsv`` lists one cue per line (``cue``, ``pos``, ``stance``,
``frame``; see the file's header).  To add cues without editing the package,
write a file in the same format and either set ``NEWSLEDGER_CUES=/path/cues.tsv``
(several paths separated by ``os.pathsep``) before the first extraction, or call
``load_cues(extra_path)`` and pass the result to :func:`set_lexicon`.
"""

from __future__ import annotations

import math
import os
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.matcher import Matcher
from spacy.tokens import Token
from spacy.vocab import Vocab

from newsledger.nlp.quotes import QUOTE_MARKS, SINGLE_CLOSE, SINGLE_OPEN

CUE_FILE = Path(__file__).parent / "data" / "cues.tsv"
ENV_VAR = "NEWSLEDGER_CUES"


@dataclass(frozen=True)
class CueEntry:
    """One line of the cue lexicon."""

    cue: str
    pos: str
    stance: str | None
    frame: str

    @property
    def lemma(self) -> str:
        return self.cue.split()[0]

    @property
    def particle(self) -> str | None:
        parts = self.cue.split()
        return parts[1] if len(parts) > 1 else None


@dataclass
class Lexicon:
    """The cue lexicon, indexed for the matcher and the completion rules."""

    entries: dict[tuple[str, str], CueEntry] = field(default_factory=dict)

    def verbs(self) -> set[str]:
        return {e.lemma for e in self.entries.values() if e.pos == "VERB"}

    def nouns(self) -> set[str]:
        return {e.lemma for e in self.entries.values() if e.pos == "NOUN"}

    def get(self, cue: str, pos: str) -> CueEntry | None:
        return self.entries.get((cue, pos))


def load_cues(extra_path: str | Path | Iterable[str | Path] | None = None) -> Lexicon:
    """The packaged lexicon plus any extra files (arguments, then ``$NEWSLEDGER_CUES``); later lines win."""
    paths: list[Path] = [CUE_FILE]
    if extra_path is not None:
        if isinstance(extra_path, (str, Path)):
            paths.append(Path(extra_path))
        else:
            paths.extend(Path(p) for p in extra_path)
    env = os.environ.get(ENV_VAR)
    if env:
        paths.extend(Path(p) for p in env.split(os.pathsep) if p)
    lex = Lexicon()
    for path in paths:
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#") or line.startswith("cue\t"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) < 2:
                continue
            cue = " ".join(cols[0].lower().split())
            pos = cols[1].upper()
            stance = cols[2] if len(cols) > 2 and cols[2] not in {"", "-"} else None
            frame = cols[3] if len(cols) > 3 and cols[3] else "speech"
            lex.entries[(cue, pos)] = CueEntry(cue, pos, stance, frame)
    return lex


_LEXICON: Lexicon | None = None
_MATCHERS: dict[int, tuple[Vocab, Matcher]] = {}


def set_lexicon(lexicon: Lexicon | None) -> None:
    """Use ``lexicon`` from now on (``None``: reload the packaged one); drops compiled matchers."""
    global _LEXICON
    _LEXICON = lexicon
    _MATCHERS.clear()


def lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = load_cues()
    return _LEXICON


def cue_matcher(vocab: Vocab) -> Matcher:
    """The cue matcher of ``vocab``, compiled once."""
    cached = _MATCHERS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    lex = lexicon()
    matcher = Matcher(vocab)
    matcher.add("VERB", [[{"LEMMA": {"IN": sorted(lex.verbs())}, "POS": {"IN": ["VERB", "AUX"]}}]])
    matcher.add("NOUN", [[{"LEMMA": {"IN": sorted(lex.nouns())}, "POS": "NOUN"}]])
    matcher.add("ACCORDING", [[{"LOWER": "according"}, {"LOWER": "to"}]])
    matcher.add("QUOTE", [[{"ORTH": {"IN": sorted(QUOTE_MARKS | SINGLE_OPEN | SINGLE_CLOSE)}}]])
    _MATCHERS[id(vocab)] = (vocab, matcher)
    return matcher


MODEL_FILE = Path(__file__).parent / "data" / "models" / "cue_lr.npz"
MODEL_POS = frozenset({"VERB"})  # the shipped model scores verbs; a model trained with NOUN too can
# propose noun cues (USE_NOUN_MODEL): measured on PolNeAR dev it did not help (attribution F1 0.642-0.646 vs 0.648)
USE_NOUN_MODEL = False
NOUN_THRESHOLD = 0.75
NOUN_CUE_PREPS = frozenset({"for", "of", "about", "on", "against", "to", "over", "with"})
VETO_BELOW = float(os.environ.get("NEWSLEDGER_CUE_VETO", "0.5"))  # a lexicon verb the model rejects this firmly


def cue_features(tok: Token, in_quote: bool, lex: Lexicon) -> list[str]:
    """Sparse features of a candidate cue token for the cue model (stable names, hashed later)."""
    doc = tok.doc
    lemma = tok.lemma_.lower()
    deps = sorted({c.dep_ for c in tok.children})
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"
    entry = lex.get(lemma, tok.pos_)
    feats = [
        "bias", f"l={lemma}", f"p={tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}", f"hl={tok.head.lemma_.lower()}",
        f"hd={tok.head.dep_}", f"q={in_quote}", f"l|d={lemma}|{tok.dep_}", f"prev={prev}", f"next={nxt}",
        f"l|next={lemma}|{nxt}", f"lex={entry.frame if entry else '-'}", f"l|q={lemma}|{in_quote}",
    ]
    for d in deps:
        feats.append(f"c={d}")
        feats.append(f"l|c={lemma}|{d}")
        feats.append(f"t|c={tok.tag_}|{d}")
    return feats


def hash_features(feats: Sequence[str], dim: int) -> list[int]:
    return [zlib.crc32(f.encode("utf-8")) % dim for f in feats]


@dataclass
class CueModel:
    """A logistic regression over hashed parse features: is this token a reporting cue?"""

    weights: np.ndarray
    threshold: float

    @property
    def dim(self) -> int:
        return int(self.weights.shape[0])

    def prob(self, feats: Sequence[str]) -> float:
        z = float(self.weights[hash_features(feats, self.dim)].sum())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


_MODEL: CueModel | bool | None = False


def cue_model() -> CueModel | None:
    """The packaged cue model, or ``None`` when it is absent (the rules then work alone)."""
    global _MODEL
    if _MODEL is False:
        if MODEL_FILE.exists() and os.environ.get("NEWSLEDGER_NO_CUE_MODEL") != "1":
            data = np.load(MODEL_FILE)
            _MODEL = CueModel(data["weights"].astype(np.float32), float(data["threshold"]))
        else:
            _MODEL = None
    return _MODEL if isinstance(_MODEL, CueModel) else None
