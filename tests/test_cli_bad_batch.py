"""`newsledger ingest` on a folder of good files and one of each bad input: every good article is stored,
each bad file gets one line on stderr, and the exit status says that something failed."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

GOOD_TEXT = "The Velmora harbour council approved a new pier on Monday, and its chair said it would open in May."
GOOD = {
    "pier.txt": f"Pier approved\n\n{GOOD_TEXT}\n",
    "lines.jsonl": '{"id": "j1", "text": "The mayor said the ferry would run again in June."}\n'
                   '{"id": "j2", "text": "The port authority denied that the quay had been sold."}\n',
    "rows.csv": 'id,text\nc1,"The union said its members would strike on Friday, a spokeswoman confirmed."\n',
    "surrogate.json": '{"id": "s1", "text": "The council \\ud83d approved the pier, its chair said."}',
}
BAD = {
    "deep.json": "[" * 5_000 + "]" * 5_000,
    "open-quote.csv": 'id,text\nq1,"This quote never closes, the clerk said.\n',
    "login.html": "<html><body><div>Home</div><div>Sign in</div><div>Subscribe to continue</div></body></html>",
    "feed.xml": '<?xml version="1.0" encoding="x-bogus"?><rss version="2.0"><channel><title>G</title>'
                "<item><guid>g1</guid><description>&#xD800;</description></item></channel></rss>",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "batch"
    root.mkdir()
    for name, content in {**GOOD, **BAD}.items():
        (root / name).write_text(content, encoding="utf-8")
    packed = gzip.compress(GOOD_TEXT.encode() * 50)
    (root / "corrupt.txt.gz").write_bytes(packed[:10] + bytes(b ^ 0x5A for b in packed[10:40]) + packed[40:])
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")
    return root


@pytest.mark.slow
def test_every_good_article_is_stored_and_each_bad_file_gets_one_line(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "l.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "newsledger.cli", "ingest", str(folder), "--db", str(db)],
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1, done.stderr  # something failed, and the rest was stored
    assert "Traceback" not in done.stderr
    bad = [*BAD, "corrupt.txt.gz"] + (["pipe.txt"] if hasattr(os, "mkfifo") else [])
    lines = done.stderr.splitlines()
    for name in bad:
        assert sum(name in line for line in lines) == 1, (name, done.stderr)
    with duckdb.connect(str(db), read_only=True) as con:
        ids = {str(r[0]) for r in con.execute("SELECT article_id FROM articles").fetchall()}
    assert {"pier", "j1", "j2", "c1", "s1"} <= ids, done.stderr
