"""A folder of good files and one of each bad input: every good article, and one failure per bad file."""

from __future__ import annotations

import gzip
import os
import zlib
from collections import Counter
from pathlib import Path

import pytest

from newsledger.article import Article, ReadFailure
from newsledger.read import read_paths

GOOD_TEXT = "The Velmora harbour council approved a new pier on Monday, and its chair said it would open in May."
MAX_BYTES = 5_000


def _gzip_failing_mid_stream(good: bytes) -> bytes:
    packer = zlib.compressobj(wbits=31)
    return packer.compress(good) + packer.flush(zlib.Z_FULL_FLUSH) + b"\xff" * 64


def _rss(body: str, declaration: str = "") -> str:
    return (f'{declaration}<rss version="2.0"><channel><title>Gazette</title><item><guid>{body[:12]}</guid>'
            f"<description>{body}</description></item></channel></rss>")


GOOD = {
    "good.txt": f"Pier approved\n\n{GOOD_TEXT}\n",
    "good.jsonl": '{"id": "j1", "text": "First line article."}\n{"id": "j2", "text": "Second line article."}\n',
    "good.csv": 'id,text\nc1,"A CSV article, quoted."\nc2,Another CSV article.\n',
    "good.html": f"<html><head><title>Pier</title></head><body><article><p>{GOOD_TEXT}</p></article></body></html>",
    "good.xml": _rss("A feed entry about the pier."),
    "good.json.gz": '{"id": "z1", "text": "A gzipped JSON article."}',
    # Inputs that once broke the batch and are now read, repaired:
    "surrogate.json": '{"id": "s1", "text": "The council \\ud83d approved the pier."}',
    "surrogate-ref.xml": _rss("The council &#xD800; approved the pier."),
    "unknown-encoding.xml": _rss("The council approved it.", '<?xml version="1.0" encoding="x-bogus"?>'),
    "undated.jsonl": '{"id": "d1", "text": "An article with a bad date.", "published": "sometime soon"}\n',
}
# Bad inputs: one failure each (the CSVs keep the rows they can).
BAD_TEXT = {
    "deep.json": "[" * 2_000 + "]" * 2_000,  # deeper than Python's recursion limit, under MAX_BYTES
    "open-quote.csv": 'id,text\nq1,Before the quote.\nq2,"This quote never closes.\nq3,After the quote.\n',
    "big-field.csv": 'id,text\nb1,Before the big field.\nb2,"' + "word " * 2_000 + '"\nb3,After the big field.\n',
    "login.html": "<html><body><div>Home</div><div>Sign in</div><div>Subscribe to continue</div></body></html>",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "batch"
    root.mkdir()
    for name, content in {**GOOD, **BAD_TEXT}.items():
        data = content.encode("utf-8")
        (root / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    packed = gzip.compress(b"The harbour council approved the pier. " * 100)
    (root / "corrupt.txt.gz").write_bytes(packed[:10] + bytes(b ^ 0x5A for b in packed[10:40]) + packed[40:])
    lines = "".join(f'{{"id": "m{n}", "text": "Mid-stream article {n}."}}\n' for n in range(1, 2001))
    (root / "mid-stream.jsonl.gz").write_bytes(_gzip_failing_mid_stream(lines.encode()))
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")
    return root


def test_every_good_article_and_one_failure_per_bad_file(folder: Path) -> None:
    items = list(read_paths([folder], max_bytes=MAX_BYTES))
    assert all(isinstance(i, (Article, ReadFailure)) for i in items)
    failures = Counter(Path(i.origin).name for i in items if isinstance(i, ReadFailure))
    bad = {*BAD_TEXT, "corrupt.txt.gz", "mid-stream.jsonl.gz"} | ({"pipe.txt"} if hasattr(os, "mkfifo") else set())
    assert failures == Counter({name: 1 for name in bad}), failures

    ids = {i.id for i in items if isinstance(i, Article)}
    good_ids = {"good", "j1", "j2", "c1", "c2", "z1", "s1", "d1", "q1", "q3", "b1", "b3", "m1"}
    assert good_ids <= ids, good_ids - ids
    texts = {Path(i.origin).name: i.text for i in items if isinstance(i, Article)}
    assert texts["surrogate.json"] == "The council \ufffd approved the pier."
    assert texts["surrogate-ref.xml"] == "The council \ufffd approved the pier."
    assert texts["unknown-encoding.xml"] == "The council approved it."
    mids = [i for i in items if isinstance(i, Article) and Path(i.origin).name == "mid-stream.jsonl.gz"]
    assert all(a.text == f"Mid-stream article {a.id[1:]}." for a in mids)


def test_reasons_name_the_fix(folder: Path) -> None:
    reasons = {Path(i.origin).name: i.reason for i in read_paths([folder], max_bytes=MAX_BYTES)
               if isinstance(i, ReadFailure)}
    assert "nested too deeply" in reasons["deep.json"]
    assert "quote opened on line 3 that is never closed" in reasons["open-quote.csv"]
    assert "row 2 (line 3) is over the 5,000 bytes limit" in reasons["big-field.csv"]
    assert "login or paywall" in reasons["login.html"]
    assert "cannot decompress" in reasons["corrupt.txt.gz"] and "cannot decompress" in reasons["mid-stream.jsonl.gz"]
    if hasattr(os, "mkfifo"):
        assert "not a regular file" in reasons["pipe.txt"]
