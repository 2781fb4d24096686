"""The public Python API: extract(), extract_paths(), Ledger.ingest and the error tree."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import newsledger
from newsledger import Article, Ledger, ReadFailure, Record

BODY = (
    "Finance Minister Lena Holt said on Monday that the government would cut fuel duty by five cents. "
    "The opposition leader, Marcus Reid, denied that the cut would reach drivers."
)


def test_public_names_are_exported() -> None:
    for name in ("extract", "extract_paths", "Ledger", "Record", "Article", "NewsledgerError", "InputError",
                 "StoreError", "ModelError", "LexiconError", "record_json_schema"):
        assert hasattr(newsledger, name), name
    assert issubclass(newsledger.InputError, newsledger.NewsledgerError)
    assert issubclass(newsledger.StoreError, newsledger.NewsledgerError)


def test_extract_a_string() -> None:
    record = newsledger.extract(BODY, title="Fuel duty cut", published="2026-05-04", id="fuel")
    assert record.id == "fuel" and record.title == "Fuel duty cut" and record.published == "2026-05-04"
    assert record.text == BODY
    assert record.span_errors() == []
    by_cue = {s.cue.text: s for s in record.statements}
    assert by_cue["said"].speaker.name == "Lena Holt"
    assert by_cue["said"].stance == "assert"
    assert by_cue["denied"].stance == "deny"
    assert "Marcus Reid" in (by_cue["denied"].speaker.name or "")


def test_unknown_model_raises_model_error() -> None:
    with pytest.raises(newsledger.ModelError, match="no_such_pipeline"):
        newsledger.extract("Text.", model="no_such_pipeline")


def test_extract_paths_passes_failures_through(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(BODY, encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    results = list(newsledger.extract_paths([good, bad]))
    assert [type(r) for r in results] == [Record, ReadFailure]
    failure = results[1]
    assert isinstance(failure, ReadFailure) and "b.txt" in str(failure)


def test_ledger_ingest_is_idempotent(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(3):
        (folder / f"n{i}.txt").write_text(f"Headline {i}\n|\n{BODY} Item {i}.\n", encoding="utf-8")
    db = tmp_path / "l.duckdb"
    with Ledger(db) as ledger:
        first = ledger.ingest([folder], published="2026-05-04")
        counts = ledger.counts()
        second = ledger.ingest([folder])
        assert ledger.counts() == counts
        rows = ledger.statements(stance="deny")
    assert sorted(first.stored) == ["n0", "n1", "n2"] and first.ok
    assert second.stored == [] and sorted(second.skipped) == ["n0", "n1", "n2"]
    assert len(rows) == 3 and all(r.published == "2026-05-04" for r in rows)


def test_ingest_articles_reports_failures_and_goes_on(tmp_path: Path) -> None:
    items: list[Article | ReadFailure] = [
        Article(id="ok", text=BODY),
        ReadFailure("broken.json", "line 2: truncated JSON"),
        Article(id="ok2", text=BODY + " More."),
    ]
    with Ledger(tmp_path / "l.duckdb") as ledger:
        report = ledger.ingest_articles(items)
    assert report.stored == ["ok", "ok2"]
    assert [str(f) for f in report.failures] == ["broken.json: line 2: truncated JSON"]
    assert not report.ok


@pytest.mark.slow
def test_killed_ingest_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    n = 60
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(
            f"Story {i}\n|\nCouncillor Ada Berg {i} said the bridge would reopen in week {i}. " + BODY * 3,
            encoding="utf-8",
        )
    db = tmp_path / "l.duckdb"
    cmd = [sys.executable, "-m", "newsledger.cli", "ingest", str(folder), "--db", str(db)]
    # -v logs one "stored ID" line per committed article: kill once the 5th is reported
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsledger.cli", "-v", *cmd[3:]],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    reported = 0
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("INFO newsledger.ledger: stored "):
                reported += 1
                if reported == 5:
                    break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert reported == 5 and proc.returncode in (-signal.SIGKILL, 0)  # 0: it finished before the kill landed
    assert 5 <= _count_articles(db) <= n  # every reported article is stored (committed before it was logged)
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        ids = [r[0] for r in con.execute("select article_id from articles").fetchall()]
        per_article = con.execute(
            "select a.article_id, count(s.statement_id) from articles a "
            "left join statements s using (article_id) group by 1"
        ).fetchall()
    assert sorted(ids) == [f"a{i:03d}" for i in range(n)]
    assert all(count > 0 for _, count in per_article)


def _count_articles(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("select count(*) from articles").fetchone()
    return int(row[0]) if row else 0
