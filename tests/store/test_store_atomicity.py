from __future__ import annotations

import os
import signal
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import duckdb
import pytest
from store_records import all_records, content_hash, flood, harbour, summit

from _signalled_child import signal_when_ready
from newsledger.errors import StoreError
from newsledger.interrupt import Interrupted, deferred_interrupt
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

N_RECORDS = 60
STOP_AT = 20  # the child stores articles 0..STOP_AT-1, reports "ready" and waits for a line on stdin

CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {here!r})
    from store_records import content_hash
    from store_kill_corpus import corpus
    from newsledger.interrupt import Interrupted
    from newsledger.store import Ledger

    def items():
        for i, rec in enumerate(corpus({n})):
            if i == {stop}:
                print("ready", flush=True)
                sys.stdin.readline()
            yield rec, content_hash(rec), "child"

    try:
        with Ledger(sys.argv[1]) as led:
            led.add_many(items(), batch_size=1)
    except Interrupted as stop:
        print(f"interrupted {{stop.stored}}", flush=True)
        sys.exit(130)
    print("done", flush=True)
    """
)


def _run_child(db: Path, sig: signal.Signals) -> tuple[int, str]:
    """Run the child to its reported point, signal it there, let it go on; its exit status and last line."""
    script = CHILD.format(here=str(HERE), n=N_RECORDS, stop=STOP_AT)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])}
    rc, rest, _ = signal_when_ready([sys.executable, "-c", script, str(db)], env, sig, 120)
    return rc, rest.strip()


def _check_complete_then_rerun(db: Path, n_stored: int) -> None:
    from store_kill_corpus import corpus

    expected: dict[str, Record] = {r.id: r for r in corpus(N_RECORDS)}
    with Ledger(db) as led:
        stored = [r.article_id for r in led.articles()]
        assert sorted(stored) == sorted(list(expected)[:n_stored])
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
    rc, _ = _run_child(db_path, signal.SIGKILL)
    assert rc == -signal.SIGKILL
    _check_complete_then_rerun(db_path, STOP_AT)  # every article acknowledged before the kill, whole


@pytest.mark.slow
def test_ctrl_c_mid_ingest_leaves_whole_articles(db_path: Path) -> None:
    rc, last = _run_child(db_path, signal.SIGINT)
    # the loop stops after the article it was on when Ctrl-C came, and says so
    assert (rc, last) == (130, f"interrupted {STOP_AT + 1}")
    _check_complete_then_rerun(db_path, STOP_AT + 1)


def test_ctrl_c_in_a_duckdb_call_is_deferred_to_the_next_article(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGINT while an insert runs: the insert completes, the loop stops before the next article."""
    real = LedgerImpl._insert
    records = all_records()

    def insert(self: Ledger, con: duckdb.DuckDBPyConnection, tbl: str, rows: list[tuple[Any, ...]]) -> None:
        if tbl == "statements" and rows[0][0] == records[1].id:
            os.kill(os.getpid(), signal.SIGINT)  # handled (deferred) at the next bytecode, inside the write
        real(self, con, tbl, rows)

    monkeypatch.setattr(LedgerImpl, "_insert", insert)
    with pytest.raises(Interrupted) as info:
        ledger.add_many([(r, content_hash(r), None) for r in records], batch_size=1)
    assert info.value.stored == 2
    assert sorted(r.article_id for r in ledger.articles()) == sorted(r.id for r in records[:2])
    assert ledger.get(records[1].id) == records[1]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored


def test_a_batch_in_another_thread_never_shares_the_main_threads_guard() -> None:
    """Ctrl-C requested in the main thread's batch does not stop a batch another thread runs meanwhile."""
    seen: list[bool] = []

    def worker(outer: object) -> None:
        with deferred_interrupt() as guard:
            seen.append(guard is outer or guard.requested)

    with deferred_interrupt() as outer:
        outer.requested = True
        t = threading.Thread(target=worker, args=(outer,))
        t.start()
        t.join()
    assert seen == [False]
