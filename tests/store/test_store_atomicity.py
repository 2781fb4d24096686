from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from store_records import all_records, content_hash, flood, harbour, summit

from newsledger.errors import StoreError
from newsledger.record import Record
from newsledger.store import Ledger
from newsledger.store.ledger import Ledger as LedgerImpl

HERE = Path(__file__).resolve().parent


def _fail_on(table: str, exc: BaseException, monkeypatch: pytest.MonkeyPatch) -> None:
    real = LedgerImpl._insert

    def insert(self: Ledger, con: duckdb.DuckDBPyConnection, tbl: str, rows: list[tuple[Any, ...]]) -> None:
        if tbl == table:
            raise exc
        real(self, con, tbl, rows)

    monkeypatch.setattr(LedgerImpl, "_insert", insert)


def _rows_of(led: Ledger, article_id: str) -> dict[str, int]:
    return {
        t: int(led.con.execute(f"SELECT count(*) FROM {t} WHERE article_id = ?", [article_id]).fetchone()[0])  # type: ignore[index]
        for t in ("articles", "entities", "mentions", "statements", "events")
    }


NONE = {"articles": 0, "entities": 0, "mentions": 0, "statements": 0, "events": 0}


def test_failed_events_insert_leaves_nothing(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    ok = flood()
    ledger.add(ok, content_hash=content_hash(ok))
    rec = harbour()
    _fail_on("events", duckdb.ConstraintException("simulated failure"), monkeypatch)
    with pytest.raises(StoreError, match="nothing of it was written: simulated failure"):
        ledger.add(rec, content_hash=content_hash(rec))
    assert _rows_of(ledger, rec.id) == NONE
    assert not ledger.has(content_hash(rec))
    assert ledger.get(ok.id) == ok
    monkeypatch.undo()
    assert ledger.add(rec, content_hash=content_hash(rec)) is True  # a rerun completes it
    assert ledger.get(rec.id) == rec


def test_other_errors_propagate_and_roll_back(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    rec = summit()
    _fail_on("statements", RuntimeError("bug"), monkeypatch)
    with pytest.raises(RuntimeError, match="bug"):
        ledger.add(rec, content_hash=content_hash(rec))
    assert _rows_of(ledger, rec.id) == NONE


def test_keyboard_interrupt_mid_write_rolls_back(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    rec = harbour()
    _fail_on("events", KeyboardInterrupt(), monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        ledger.add(rec, content_hash=content_hash(rec))
    assert _rows_of(ledger, rec.id) == NONE
    monkeypatch.undo()
    assert ledger.add(rec, content_hash=content_hash(rec)) is True
    assert _rows_of(ledger, rec.id) == {"articles": 1, "entities": 3, "mentions": 3, "statements": 3, "events": 2}


def test_failed_batch_leaves_nothing(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_on("events", duckdb.IOException("disk full"), monkeypatch)
    with pytest.raises(StoreError, match="batch of 4"):
        ledger.add_many([(r, content_hash(r), None) for r in all_records()], batch_size=10)
    assert ledger.counts() == {t: 0 for t in ledger.tables()}  # later migrations' tables too


# -- a real crash: SIGKILL / SIGINT of a child process mid-ingest ----------------------------

N_RECORDS = 600

CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {here!r})
    from store_records import content_hash
    from store_kill_corpus import corpus
    from newsledger.store import Ledger

    with Ledger(sys.argv[1]) as led:
        for i, rec in enumerate(corpus({n})):
            led.add(rec, content_hash=content_hash(rec), origin="child")
            if i == 20:
                print("ready", flush=True)
    print("done", flush=True)
    """
)


def _run_child(db: Path, sig: signal.Signals, delay: float) -> int:
    script = CHILD.format(here=str(HERE), n=N_RECORDS)
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "ready", proc.stderr.read() if proc.stderr else line
        time.sleep(delay)
        proc.send_signal(sig)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode


def _check_complete_then_rerun(db: Path) -> None:
    from store_kill_corpus import corpus

    expected: dict[str, Record] = {r.id: r for r in corpus(N_RECORDS)}
    with Ledger(db) as led:
        stored = [r.article_id for r in led.articles()]
        assert 0 < len(stored) < N_RECORDS, "the child was not interrupted mid-ingest"
        for row in led.articles():
            rec = expected[row.article_id]
            assert (row.n_entities, row.n_statements, row.n_events) == (
                len(rec.entities),
                len(rec.statements),
                len(rec.events),
            )
            assert led.get(row.article_id) == rec
        counts = led.counts()
        assert counts["statements"] == sum(len(expected[a].statements) for a in stored)
        assert counts["events"] == sum(len(expected[a].events) for a in stored)
        assert counts["mentions"] == sum(len(e.mentions) for a in stored for e in expected[a].entities)
        # rerun: the content hash makes it idempotent
        added = [led.add(r, content_hash=content_hash(r)) for r in expected.values()]
        assert sum(added) == N_RECORDS - len(stored)
        assert [not a for a in added].count(True) == len(stored)
        rows = led.articles()
        assert sorted(r.article_id for r in rows) == sorted(expected)  # each exactly once, no "~2"
        assert led.counts()["statements"] == sum(len(r.statements) for r in expected.values())


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_whole_articles(db_path: Path) -> None:
    rc = _run_child(db_path, signal.SIGKILL, delay=0.3)
    assert rc == -signal.SIGKILL
    _check_complete_then_rerun(db_path)


@pytest.mark.slow
def test_ctrl_c_mid_ingest_leaves_whole_articles(db_path: Path) -> None:
    rc = _run_child(db_path, signal.SIGINT, delay=0.3)
    assert rc != 0
    _check_complete_then_rerun(db_path)
