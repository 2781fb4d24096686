#!/usr/bin/env python3
"""Run the pipeline on JSON Lines {id, text, date|published} and write one record per line.

Usage: predict_events.py IN.jsonl OUT.jsonl   (a stop-gap until `newsledger extract --format jsonl`)
"""

from __future__ import annotations

import json
import sys

from newsledger.article import Article, ReadFailure
from newsledger.nlp.pipeline import Extractor


def main(argv: list[str]) -> int:
    src, dst = argv[1], argv[2]
    articles = []
    with open(src, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                articles.append(Article(id=str(d["id"]), text=d.get("text") or "",
                                        published=d.get("published") or d.get("date")))
    with open(dst, "w", encoding="utf-8") as out:
        for rec in Extractor().extract_many(articles):
            if isinstance(rec, ReadFailure):
                print(rec, file=sys.stderr)
                continue
            out.write(rec.to_json() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
