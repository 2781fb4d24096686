"""Train the span model (cue tagger and role tagger, two CRFs) on PolNeAR train.

    python scripts/train_span_model.py ../shared/data/polnear/train [--docbin train.spacy --ids ids.json]
        [--no-rule-features] [--out-dir DIR]

Gold: PolNeAR's brat files (the first annotator's file of each text, as the scorer reads them).  The
cue tagger learns, sentence by sentence, which tokens are a Cue (``B``/``I``/``O``); the role tagger
learns, for each gold cue, which tokens around it are its Source and its Content.  Both read the one
spaCy parse and, unless ``--no-rule-features``, what the rules proposed.  Writes
``span_cue.crfsuite``, ``span_role.crfsuite`` and ``span_model.json`` into ``--out-dir`` (default: the
package's ``nlp/data/models``).  Deterministic: CRFsuite's L-BFGS with fixed settings over the texts in
sorted order.  About 20 minutes on a 2-core laptop CPU, parsing included.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from spacy.tokens import Doc

from newsledger.article import Article
from newsledger.nlp import span_model as sm
from newsledger.nlp.entities import build_entity_table
from newsledger.nlp.statements import _Finder
from newsledger.nlp.types import ParsedArticle

Spans = list[tuple[int, int]]
PARAMS = {"c1": 0.5, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}


def annotation_files(gold_dir: Path) -> dict[str, Path]:
    """The brat file of each text stem: the first annotator's in sorted order, as the scorer reads them."""
    anns: dict[str, Path] = {}
    for ann in sorted((gold_dir / "attributions").glob("*.ann")):
        anns.setdefault(re.sub(r"_[0-9a-f]{4}$", "", ann.stem), ann)
    return anns


def read_gold(gold_dir: Path) -> dict[str, list[dict[str, Spans]]]:
    """Attributions per text stem: character spans of source, cue and content."""
    out: dict[str, list[dict[str, Spans]]] = {}
    for stem, ann in annotation_files(gold_dir).items():
        spans: dict[str, Spans] = {}
        rels: list[dict[str, Spans]] = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                _label, _, offs = parts[1].partition(" ")
                spans[parts[0]] = [(int(p.split()[0]), int(p.split()[1])) for p in offs.split(";")]
            elif line.startswith("E") and len(parts) >= 2:
                rel: dict[str, Spans] = {"source": [], "cue": [], "content": []}
                for arg in parts[1].split()[1:]:
                    role, _, tid = arg.partition(":")
                    role = re.sub(r"\d+$", "", role).lower()
                    if role in rel and tid in spans:
                        rel[role].extend(spans[tid])
                if rel["cue"]:
                    rels.append(rel)
        out[stem] = rels
    return out


def token_ranges(doc: Doc, spans: Spans) -> Spans:
    out = []
    for a, b in spans:
        sp = doc.char_span(a, b, alignment_mode="expand")
        if sp is not None and len(sp):
            out.append((sp.start, sp.end))
    return out


def bio(n: int, offset: int, ranges: Spans, tag: str, labels: list[str]) -> None:
    for a, b in ranges:
        for i in range(max(a, offset), min(b, offset + n)):
            labels[i - offset] = ("B-" if i == max(a, offset) else "I-") + tag


def examples(stem: str, doc: Doc, rels: list[dict[str, Spans]], use_rules: bool, clusters: Sequence[np.ndarray]
             ) -> tuple[list[tuple[Any, list[str]]], list[tuple[Any, list[str]]]]:
    parsed = ParsedArticle(Article(id=stem, text=doc.text, body_start=0, origin=stem), doc)
    finder = _Finder(parsed, build_entity_table(parsed))
    cands = finder.run()
    feats = sm.DocFeatures(doc, finder.state.quote_of, finder.lex, cands, use_rules, clusters)
    cue_tokens: Spans = []
    for rel in rels:
        cue_tokens += token_ranges(doc, rel["cue"])
    cue_ex = []
    for a, b in feats.cue_sequences():
        labels = ["O"] * (b - a)
        bio(b - a, a, cue_tokens, "X", labels)
        cue_ex.append((feats.cue_xseq(a, b), [lab.split("-")[0] for lab in labels]))
    by_token = {t.i: c for c in cands for t in c.cue}
    role_ex = []
    for rel in rels:
        cue = token_ranges(doc, rel["cue"])
        if not cue:
            continue
        ca, cb = cue[0][0], cue[-1][1]
        window = feats.role_window(ca, cb)
        n = window[1] - window[0]
        labels = ["O"] * n
        bio(n, window[0], token_ranges(doc, rel["content"]), "C", labels)
        bio(n, window[0], token_ranges(doc, rel["source"]), "S", labels)
        for i in range(ca, cb):
            if window[0] <= i < window[1]:
                labels[i - window[0]] = "O"
        rule = next((by_token[i] for i in range(ca, cb) if i in by_token), None)
        role_ex.append((feats.role_xseq(ca, cb, rule, window), labels))
    return cue_ex, role_ex


def kmeans(data: np.ndarray, k: int, iterations: int = 20, seed: int = 0) -> np.ndarray:
    """Lloyd's k-means with distances by matrix product (scipy's kmeans2 took minutes on 120,000 points)."""
    rng = np.random.default_rng(seed)
    centroids = data[rng.choice(len(data), size=k, replace=False)].copy()
    for _ in range(iterations):
        nearest = (data @ centroids.T - 0.5 * (centroids * centroids).sum(axis=1)).argmax(axis=1)
        counts = np.bincount(nearest, minlength=k)
        members = sparse.csr_matrix((np.ones(len(data), dtype=np.float32), (nearest, np.arange(len(data)))),
                                    shape=(k, len(data)))
        sums = members @ data
        filled = counts > 0
        centroids[filled] = sums[filled] / counts[filled, None]
    return centroids


def fit_clusters(docs: Sequence[Doc], sizes: Sequence[int], sample: int = 120_000) -> dict[str, np.ndarray]:
    """k-means centroids of the parse's token vectors (every n-th token of the texts, fixed seed)."""
    vectors = np.concatenate([d.tensor for d in docs if d.tensor.ndim == 2 and len(d.tensor)]).astype(np.float32)
    data = vectors[:: max(1, len(vectors) // sample)]
    return {f"k{k:05d}": kmeans(data, k).astype(np.float16) for k in sizes}


def train(exs: list[tuple[Any, list[str]]], path: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in exs:
        trainer.append(x, y)
    trainer.set_params(PARAMS)
    trainer.train(str(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--docbin", type=Path, help="the texts parsed once (spaCy DocBin, in --ids order)")
    ap.add_argument("--ids", type=Path)
    ap.add_argument("--out-dir", type=Path, default=sm.MODEL_DIR)
    ap.add_argument("--no-rule-features", action="store_true", help="the model alone: no rule proposals as features")
    ap.add_argument("--c1", type=float, default=PARAMS["c1"], help="L1 penalty")
    ap.add_argument("--c2", type=float, default=PARAMS["c2"], help="L2 penalty")
    ap.add_argument("--only", choices=("cue", "role"), help="train one of the two taggers")
    ap.add_argument("--clusters", default="64,512", help="k-means sizes over token vectors ('' for none)")
    ap.add_argument("--tensors", type=Path, help="token vectors of the --docbin texts (.npz with t and lens)")
    a = ap.parse_args(argv)
    PARAMS.update(c1=a.c1, c2=a.c2)
    from newsledger.nlp.pipeline import load_model

    t0 = time.perf_counter()
    nlp = load_model()
    gold = read_gold(a.gold_dir)
    stems = sorted(gold)
    if a.docbin:
        from spacy.tokens import DocBin

        ids = json.loads(a.ids.read_text()) if a.ids else stems
        docs = dict(zip(ids, DocBin().from_disk(a.docbin).get_docs(nlp.vocab), strict=True))
        if a.tensors:
            with np.load(a.tensors) as data:
                offsets = np.concatenate([[0], np.cumsum(data["lens"])])
                tensors = data["t"]
                for n, stem in enumerate(ids):
                    docs[stem].tensor = tensors[offsets[n] : offsets[n + 1]].astype(np.float32)
        pairs = [(s, docs[s]) for s in stems if s in docs]
    else:
        texts = [(a.gold_dir / "text" / f"{s}.txt").read_text(encoding="utf-8") for s in stems]
        pairs = list(zip(stems, nlp.pipe(texts, batch_size=20), strict=True))
    a.out_dir.mkdir(parents=True, exist_ok=True)
    sizes = [int(k) for k in a.clusters.split(",") if k.strip()]
    clusters: list[np.ndarray] = []
    cluster_file = a.out_dir / sm.CLUSTER_FILE.name
    if sizes:
        fitted = fit_clusters([d for _, d in pairs], sizes)
        np.savez(cluster_file, **fitted)
        clusters = [fitted[k].astype(np.float32) for k in sorted(fitted)]
    elif cluster_file.exists():
        cluster_file.unlink()
    cue_ex: list[tuple[Any, list[str]]] = []
    role_ex: list[tuple[Any, list[str]]] = []
    for stem, doc in pairs:
        c, r = examples(stem, doc, gold[stem], not a.no_rule_features, clusters)
        cue_ex += c
        role_ex += r
    t1 = time.perf_counter()
    print(f"{len(pairs)} texts: {len(cue_ex)} sentences, {len(role_ex)} cues ({t1 - t0:.0f} s)", file=sys.stderr)
    if a.only != "role":
        train(cue_ex, a.out_dir / sm.CUE_TAGGER_FILE.name)
    t2 = time.perf_counter()
    print(f"cue tagger trained ({t2 - t1:.0f} s)", file=sys.stderr)
    if a.only != "cue":
        train(role_ex, a.out_dir / sm.ROLE_TAGGER_FILE.name)
    t3 = time.perf_counter()
    print(f"role tagger trained ({t3 - t2:.0f} s)", file=sys.stderr)
    meta = {"rule_features": not a.no_rule_features, "texts": len(pairs), "sentences": len(cue_ex),
            "cues": len(role_ex), "params": PARAMS, "clusters": sizes,
            "trained_on": "PolNeAR train (first annotator per text)"}
    (a.out_dir / sm.META_FILE.name).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
