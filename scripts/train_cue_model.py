"""Train the cue model (logistic regression over hashed parse features) on PolNeAR train.

    python scripts/train_cue_model.py ../shared/data/polnear/train [--docbin train.spacy --ids ids.json]

Positive examples are verb and noun tokens inside a gold Cue span, negatives every other
verb and noun outside quotations.  Writes ``src/newsledger/nlp/data/models/cue_lr.npz`` (weights as
float16 and the decision threshold), reproducibly (fixed split, deterministic L-BFGS).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from train_span_model import annotation_files  # scripts/ is on the path when a script runs

from newsledger.nlp import statements as st

DIM = 1 << 18


def gold_cue_spans(gold_dir: Path) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for stem, ann in annotation_files(gold_dir).items():
        spans: list[tuple[int, int]] = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2 and parts[1].startswith("Cue "):
                for piece in parts[1][4:].split(";"):
                    a, b = piece.split()
                    spans.append((int(a), int(b)))
        out[stem] = spans
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--docbin", type=Path)
    ap.add_argument("--ids", type=Path)
    ap.add_argument("--out", type=Path, default=st.MODEL_FILE)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="decision threshold stored with the model (0.5 was chosen on PolNeAR dev)")
    a = ap.parse_args(argv)
    from spacy.tokens import DocBin

    from newsledger.nlp.pipeline import load_model

    nlp = load_model()
    gold = gold_cue_spans(a.gold_dir)
    if a.docbin:
        ids = json.loads(a.ids.read_text()) if a.ids else sorted(gold)
        docs = list(DocBin().from_disk(a.docbin).get_docs(nlp.vocab))
        pairs = list(zip(ids, docs, strict=True))
    else:
        stems = sorted(gold)
        texts = [(a.gold_dir / "text" / f"{s}.txt").read_text(encoding="utf-8") for s in stems]
        pairs = list(zip(stems, nlp.pipe(texts), strict=True))
    lex = st.lexicon()
    rows: list[list[int]] = []
    labels: list[int] = []
    doc_of: list[int] = []
    for n, (stem, doc) in enumerate(pairs):
        cues = gold.get(stem, [])
        quote_of = st._Doc(doc, [t.i for t in doc if t.text in st.QUOTE_MARKS]).quote_of
        for tok in doc:
            if tok.pos_ not in st.MODEL_POS or quote_of[tok.i] >= 0:
                continue
            rows.append(st.hash_features(st.cue_features(tok, False, lex), DIM))
            labels.append(int(any(s <= tok.idx < e for s, e in cues)))
            doc_of.append(n)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    X = sparse.csr_matrix((np.ones(indptr[-1], dtype=np.float64), np.concatenate(rows), indptr),
                          shape=(len(rows), DIM))
    y = np.array(labels, dtype=np.float64)
    held = np.array(doc_of) % 10 == 0
    print(f"{len(y)} verb tokens, {int(y.sum())} cues; held out {int(held.sum())}", file=sys.stderr)

    def fit(Xt: sparse.csr_matrix, yt: np.ndarray) -> np.ndarray:
        def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
            z = Xt @ w
            p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
            eps = 1e-9
            val = -np.sum(yt * np.log(p + eps) + (1 - yt) * np.log(1 - p + eps)) + 0.5 * a.l2 * w @ w
            grad = Xt.T @ (p - yt) + a.l2 * w
            return float(val), grad

        res = minimize(loss, np.zeros(DIM), jac=True, method="L-BFGS-B", options={"maxiter": 300})
        return np.asarray(res.x)

    w = fit(X[~held], y[~held])
    z = X[held] @ w
    p = 1.0 / (1.0 + np.exp(-z))
    yh = y[held]
    for thr in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        pred = p >= thr
        prec = (pred & (yh == 1)).sum() / max(1, pred.sum())
        rec = (pred & (yh == 1)).sum() / max(1, (yh == 1).sum())
        print(f"threshold {thr:.2f}: held-out P {prec:.3f} R {rec:.3f}", file=sys.stderr)
    best = a.threshold
    w = fit(X, y)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(a.out, weights=w.astype(np.float16), threshold=np.float32(best))
    print(f"wrote {a.out} (threshold {best:.2f})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
