"""Peak memory of extracting long articles: ten 200,000-character articles (a 2 MB JSON Lines file) by default.

    PYTHONPATH=src python benchmarks/bench_memory.py [--articles 10] [--chars 200000] [--paragraphs]

Writes the generated file to a temporary folder, runs ``newsledger extract`` on it in a child
process (stdout to /dev/null) and prints the child's peak resident set size and wall time.
``--parse-only`` times only the spaCy parse in the child (``Extractor.parse_many``: parts of at most
PART_CHARS, BATCH_CHARS per ``nlp.pipe``); with ``--one-call`` every article is parsed whole in
one ``nlp.pipe`` call, as extraction did before texts were split (the "before" figure).
The text is made of news-like sentences (speakers, quotes, denials, places), in paragraphs of
five sentences unless ``--one-paragraph`` makes every article one line.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ["Ada Berg", "Omar Haddad", "Lena Vogt", "Paul Sato", "Mia Lund", "Ivan Petrov", "Sara Kim"]
PLACES = ["Karsa", "Geneva", "the capital", "the northern province", "the harbour", "Brussels"]
TEMPLATES = [
    "{a} said the talks in {p} would resume next week.",
    "\u201cWe will not retreat,\u201d {a} told reporters in {p} on Monday.",
    "The ministry denied that troops had attacked {p}, according to {a}.",
    "{a} confirmed that the council had approved the budget for {p}.",
    "Officials in {p} said {a} had met {b} to discuss the ceasefire.",
    "{b} rejected claims that the bridge in {p} was unsafe.",
    "According to {a}, the hospital in {p} was hit twice during the night.",
]


def article_text(rng: random.Random, chars: int, paragraphs: bool) -> str:
    parts: list[str] = []
    size = 0
    while size < chars:
        sentence = rng.choice(TEMPLATES).format(a=rng.choice(NAMES), b=rng.choice(NAMES), p=rng.choice(PLACES))
        sep = "\n" if paragraphs and len(parts) % 5 == 4 else " "
        parts.append(sentence + sep)
        size += len(sentence) + 1
    return "".join(parts)[:chars]


def write_corpus(path: Path, n: int, chars: int, paragraphs: bool) -> int:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            doc = {"id": f"long-{i}", "title": f"Long report {i}", "published": "2025-03-01",
                   "text": article_text(rng, chars, paragraphs)}
            fh.write(json.dumps(doc) + "\n")
    return path.stat().st_size


def parse_child(path: Path, one_call: bool) -> None:
    from newsledger.nlp.pipeline import Extractor

    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    extractor = Extractor()
    with extractor.nlp.memory_zone():
        docs = list(extractor.nlp.pipe(texts)) if one_call else extractor.parse_many(texts)
        print(sum(len(d) for d in docs), "tokens", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10)
    ap.add_argument("--chars", type=int, default=200_000)
    ap.add_argument("--one-paragraph", action="store_true", help="no line breaks inside an article")
    ap.add_argument("--parse-only", action="store_true", help="only the spaCy parse, not the extraction stages")
    ap.add_argument("--one-call", action="store_true", help="with --parse-only: whole articles, one nlp.pipe call")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        parse_child(Path(args.child), args.one_call)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.jsonl"
        size = write_corpus(path, args.articles, args.chars, not args.one_paragraph)
        start = time.perf_counter()
        command = [sys.executable, "-m", "newsledger.cli", "extract", str(path), "--format", "jsonl",
                   "--max-bytes", str(size + 1)]
        if args.parse_only:
            command = [sys.executable, __file__, "--child", str(path)] + (["--one-call"] if args.one_call else [])
        done = subprocess.run(
            command,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
        )
        wall = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{args.articles} articles x {args.chars:,} characters ({size / 1e6:.1f} MB file"
          f"{', one paragraph each' if args.one_paragraph else ''}"
          f"{', parse only' if args.parse_only else ''}{', one nlp.pipe call' if args.one_call else ''}): "
          f"exit {done.returncode}, "
          f"peak RSS {peak_mb:,.0f} MB, {wall:.1f} s")
    if done.stderr.strip():
        print(done.stderr.strip())


if __name__ == "__main__":
    main()
