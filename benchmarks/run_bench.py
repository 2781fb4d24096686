"""`make bench`: extraction throughput beside bare spaCy parsing of the same texts, in one run.

Generates a synthetic corpus (benchmarks/make_corpus.py, seeded), then times
  1. bare ``nlp.pipe`` of the same pipeline, without newsledger's components;
  2. ``Extractor.extract_many`` (parse + entities + statements + events + dates);
  3. the stages alone on already parsed docs, as a share of the parse.
Prints articles/s, tokens/s, the ratio extract/bare, per-stage cost and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import spacy

from newsledger.article import Article
from newsledger.nlp import entities, events, statements, timex
from newsledger.nlp.pipeline import DEFAULT_MODEL, Extractor, load_model
from newsledger.nlp.types import ParsedArticle


def load_corpus(path: Path) -> list[Article]:
    arts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        arts.append(Article(id=d["id"], text=d["text"], title=d.get("title"), published=d.get("published")))
    return arts


def bare_parse(texts: list[str], model: str, batch_size: int) -> tuple[float, int]:
    nlp = spacy.load(model)
    start = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    return time.perf_counter() - start, tokens


def full_extract(articles: list[Article], model: str, batch_size: int) -> float:
    extractor = Extractor(model, batch_size=batch_size)
    start = time.perf_counter()
    n = sum(1 for _ in extractor.extract_many(articles))
    assert n == len(articles)
    return time.perf_counter() - start


def stage_costs(articles: list[Article], model: str) -> dict[str, float]:
    nlp = load_model(model)
    start = time.perf_counter()
    docs = list(nlp.pipe(a.text for a in articles))
    costs = {"parse": time.perf_counter() - start, "entities": 0.0, "statements": 0.0, "events+dates": 0.0}
    for article, doc in zip(articles, docs, strict=True):
        parsed = ParsedArticle(article, doc)
        t0 = time.perf_counter()
        table = entities.build_entity_table(parsed)
        t1 = time.perf_counter()
        found = statements.find_statements(parsed, table)
        t2 = time.perf_counter()
        published = article.published or timex.find_publication_date(parsed)
        events.find_events(parsed, table, found, published)
        t3 = time.perf_counter()
        costs["entities"] += t1 - t0
        costs["statements"] += t2 - t1
        costs["events+dates"] += t3 - t2
    return costs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    args = ap.parse_args()
    args.out.mkdir(exist_ok=True)
    corpus = args.out / f"corpus-{args.n}-{args.seed}.jsonl"
    if not corpus.exists():
        subprocess.run([sys.executable, "benchmarks/make_corpus.py", "--n", str(args.n), "--seed",
                        str(args.seed), "--out", str(corpus)], check=True)
    articles = load_corpus(corpus)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(articles)} articles, {words} words ({corpus})")

    bare_secs, tokens = bare_parse(texts, args.model, args.batch_size)
    extract_secs = full_extract(articles, args.model, args.batch_size)
    costs = stage_costs(articles, args.model)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    n = len(articles)
    ratio = bare_secs / extract_secs
    print(f"bare spaCy nlp.pipe : {n / bare_secs:7.1f} articles/s  {tokens / bare_secs:9.0f} tokens/s")
    print(f"newsledger extract  : {n / extract_secs:7.1f} articles/s  {tokens / extract_secs:9.0f} tokens/s")
    print(f"throughput ratio extract/bare: {ratio:.3f}  (target >= 0.85)")
    parse = costs["parse"]
    for stage in ("entities", "statements", "events+dates"):
        print(f"stage {stage:13}: {costs[stage]:6.2f} s = {100 * costs[stage] / parse:5.1f}% of the parse")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    figures = {"articles": n, "tokens": tokens, "bare_seconds": bare_secs, "extract_seconds": extract_secs,
               "ratio": ratio, "stage_seconds": costs, "peak_rss_mb": peak_mb}
    (args.out / "figures.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
