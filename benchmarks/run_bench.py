"""`make bench`: extraction throughput beside bare spaCy parsing of the same texts, in one run.

Generates a synthetic corpus (benchmarks/make_corpus.py, seeded), then times
  1. bare ``nlp.pipe`` of the same pipeline, without newsledger's components;
  2. ``Extractor.extract_many`` (parse + entities + statements + events + dates);
  3. each stage on the docs as they are parsed, as a share of the parse time.
Runs 1 and 2 alternate ``--repeat`` times; the best time of each counts.
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


def stage_costs(articles: list[Article], model: str, batch_size: int) -> dict[str, float]:
    """Seconds spent parsing and in each stage, streaming (one doc alive at a time)."""
    nlp = load_model(model)
    costs = {"parse": 0.0, "entities": 0.0, "statements": 0.0, "events+dates": 0.0}
    docs = iter(nlp.pipe((a.text for a in articles), batch_size=batch_size))
    for article in articles:
        t0 = time.perf_counter()
        doc = next(docs)
        t1 = time.perf_counter()
        parsed = ParsedArticle(article, doc)
        table = entities.build_entity_table(parsed)
        t2 = time.perf_counter()
        found = statements.find_statements(parsed, table)
        t3 = time.perf_counter()
        published = article.published or timex.find_publication_date(parsed)
        events.find_events(parsed, table, found, published)
        t4 = time.perf_counter()
        costs["parse"] += t1 - t0
        costs["entities"] += t2 - t1
        costs["statements"] += t3 - t2
        costs["events+dates"] += t4 - t3
    return costs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=2, help="alternating runs of each; the best is kept")
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

    # alternate the two runs and keep the best of each, so that load from elsewhere hurts both alike
    bare_runs, extract_runs, tokens = [], [], 0
    for _ in range(args.repeat):
        secs, tokens = bare_parse(texts, args.model, args.batch_size)
        bare_runs.append(secs)
        extract_runs.append(full_extract(articles, args.model, args.batch_size))
    bare_secs, extract_secs = min(bare_runs), min(extract_runs)
    peak_mb = peak_rss_mb()
    costs = stage_costs(articles, args.model, args.batch_size)

    n = len(articles)
    ratio = bare_secs / extract_secs
    print(f"bare spaCy nlp.pipe : {n / bare_secs:7.1f} articles/s  {tokens / bare_secs:9.0f} tokens/s")
    print(f"newsledger extract  : {n / extract_secs:7.1f} articles/s  {tokens / extract_secs:9.0f} tokens/s")
    print(f"throughput ratio extract/bare: {ratio:.3f}  (target >= 0.85)")
    parse = costs["parse"]
    for stage in ("entities", "statements", "events+dates"):
        print(f"stage {stage:13}: {costs[stage]:6.2f} s = {100 * costs[stage] / parse:5.1f}% of the parse")
    print(f"peak memory (max RSS, after the parse and extract runs): {peak_mb:.0f} MB")
    figures = {"articles": n, "tokens": tokens, "bare_runs": bare_runs, "extract_runs": extract_runs,
               "ratio": ratio, "stage_seconds": costs, "peak_rss_mb": peak_mb}
    (args.out / "figures.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
