"""Run the extractor over PolNeAR-style text folders or JSONL articles; print one record per line.

    python scripts/predict_statements.py DIR_OR_JSONL [...] > pred.jsonl
    python scripts/predict_statements.py --docbin docs.spacy --ids ids.json [--texts DIR | --jsonl F] > pred.jsonl

The ``--docbin`` form reuses Docs parsed once (``--save-docbin`` writes them), so
that statement rules can be iterated on without re-parsing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from newsledger.article import Article


def read_articles(path: Path) -> Iterator[Article]:
    if path.is_dir():
        files = sorted(path.glob("*.txt")) or sorted((path / "text").glob("*.txt"))
        for f in files:
            yield Article(id=f.stem, text=f.read_text(encoding="utf-8"), body_start=0, origin=str(f))
    elif path.suffix == ".jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                yield Article(id=str(d["id"]), text=d["text"], title=d.get("title"),
                              published=d.get("published"), body_start=0, origin=str(path))
    else:
        yield Article(id=path.stem, text=path.read_text(encoding="utf-8"), body_start=0, origin=str(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*", type=Path)
    ap.add_argument("--docbin", type=Path, help="pre-parsed Docs (spaCy DocBin) in input order")
    ap.add_argument("--save-docbin", type=Path, help="parse the inputs and save their Docs here")
    ap.add_argument("--tensors", type=Path, help="token vectors of the --docbin Docs (.npz: t, lens)")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args(argv)
    articles = [art for p in a.inputs for art in read_articles(p)]
    if a.limit:
        articles = articles[: a.limit]
    from newsledger.nlp.pipeline import build_record, load_model
    from newsledger.nlp.types import ParsedArticle

    nlp = load_model()
    if a.docbin:
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(a.docbin).get_docs(nlp.vocab))
        if a.tensors:
            import numpy as np

            with np.load(a.tensors) as data:
                ends = np.cumsum(data["lens"])
                for doc, end, n in zip(docs, ends, data["lens"], strict=True):
                    doc.tensor = data["t"][end - n : end].astype(np.float32)
        by_text = {d.text: d for d in docs}
        pairs = [(art, by_text[art.text]) for art in articles if art.text in by_text]
    else:
        pairs = list(zip(articles, nlp.pipe(a.text for a in articles), strict=True))
        if a.save_docbin:
            from spacy.tokens import DocBin

            db = DocBin(store_user_data=True)
            for _, d in pairs:
                db.add(d)
            db.to_disk(a.save_docbin)
    t0 = time.perf_counter()
    for art, doc in pairs:
        rec = build_record(ParsedArticle(art, doc))
        errors = rec.span_errors()
        if errors:
            print(f"{art.id}: {errors[:3]}", file=sys.stderr)
        print(rec.to_json())
    print(f"{len(pairs)} articles, stages {time.perf_counter() - t0:.2f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
