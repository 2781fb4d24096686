"""The app's hold on the ledger: reads on per-thread cursors run at once; the cache survives no write."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from newsledger import Ledger
from newsledger.web.db import Db


@pytest.fixture
def db(demo_db: Path) -> Any:
    d = Db(demo_db)
    yield d
    d.close()


def test_reads_run_at_once_on_cursors_of_their_own(db: Db) -> None:
    """Two requests' reads are inside the ledger at the same time (a shared lock would break the barrier)."""
    both_in = threading.Barrier(2, timeout=60)
    seen: dict[str, Any] = {}

    def read(ledger: Ledger, name: str) -> None:
        both_in.wait()  # each waits, inside its read, for the other to be inside too
        seen[name] = (ledger.counts()["articles"], id(ledger.con))

    threads = [threading.Thread(target=db.call, args=(read, db.ledger, f"t{i}")) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not both_in.broken and len(seen) == 2
    (n0, con0), (n1, con1) = seen.values()
    assert n0 == n1 == db.ledger.counts()["articles"]
    assert con0 != con1 != id(db.ledger.con)  # a cursor per thread, none the writer's connection


def test_reads_do_not_wait_for_a_write(db: Db) -> None:
    done = threading.Event()
    with db.write_lock:  # a write in progress
        t = threading.Thread(target=lambda: (db.sql("SELECT count(*) FROM articles"), done.set()))
        t.start()
        assert done.wait(60)
    t.join(60)


def test_store_methods_run_on_the_thread_reader(db: Db) -> None:
    rows = db.call(db.ledger.articles, limit=2)
    assert [r.article_id for r in rows] == [r.article_id for r in db.ledger.articles(limit=2)]
    assert db.reader() is db.reader() and db.reader() is not db.ledger


def test_an_answer_computed_across_a_write_is_not_kept(db: Db) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(db.generation)
        if len(calls) == 1:
            db.changed()  # an ingest finished while this was computed
        return len(calls)

    assert db.cached("k", compute) == 1
    assert db.cached("k", compute) == 2  # the first answer was not kept
    assert db.cached("k", compute) == 2  # the second was
    db.write(lambda: None)
    assert db.cached("k", compute) == 3  # a write forgets it
