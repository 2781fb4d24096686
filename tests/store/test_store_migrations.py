from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from store_records import content_hash, flood

from newsledger.errors import StoreError
from newsledger.store import Ledger, migrations
from newsledger.store.migrations import Migration


def _versions(path: Path) -> list[int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [int(r[0]) for r in con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
    finally:
        con.close()


V1_TABLES = ["articles", "entities", "events", "mentions", "statements"]
NOW = migrations.latest_version()  # v2 adds the link layer's tables (newsledger.link.schema)
NEXT = NOW + 1


def test_new_file_is_at_latest_version(db_path: Path) -> None:
    with Ledger(db_path) as led:
        assert led.schema_version == migrations.latest_version() == NOW >= 1
        assert set(V1_TABLES) <= set(led.tables())
    assert _versions(db_path) == list(range(1, NOW + 1))


def _v2(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE TABLE notes (note_id VARCHAR PRIMARY KEY, text VARCHAR)")
    con.execute("ALTER TABLE articles ADD COLUMN language VARCHAR")


def test_pending_migration_is_applied_on_open(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rec = flood()
    with Ledger(db_path) as led:
        led.add(rec, content_hash=content_hash(rec))
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, Migration(NEXT, "notes", _v2)])
    with pytest.raises(StoreError, match="open it once without read-only"):
        Ledger(db_path, read_only=True)
    with Ledger(db_path) as led:
        assert led.schema_version == NEXT
        assert "notes" in led.tables()
        assert led.counts()["notes"] == 0
        assert led.get(rec.id) == rec  # data survives, new column ignored
    assert _versions(db_path) == list(range(1, NEXT + 1))
    with Ledger(db_path) as led:  # reopening applies nothing more
        assert led.schema_version == NEXT


def test_failed_migration_rolls_back(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Ledger(db_path).close()

    def broken(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("boom")

    monkeypatch.setattr(
        migrations,
        "MIGRATIONS",
        [*migrations.MIGRATIONS, Migration(NEXT, "notes", _v2), Migration(NEXT + 1, "broken", broken)],
    )
    with pytest.raises(StoreError, match=f"v{NOW} to v{NEXT + 1} failed and was rolled back: boom"):
        Ledger(db_path)
    monkeypatch.undo()
    assert _versions(db_path) == list(range(1, NOW + 1))
    with Ledger(db_path) as led:
        assert "notes" not in led.tables() and "half_done" not in led.tables()


def test_out_of_order_migrations_are_refused(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, Migration(NEXT + 1, "skip", _v2)])
    with pytest.raises(StoreError, match="out of order"):
        Ledger(db_path)


def test_newer_version_is_refused(db_path: Path) -> None:
    Ledger(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_version VALUES (7, 'from the future', now())")
    con.close()
    with pytest.raises(StoreError) as info:
        Ledger(db_path)
    msg = str(info.value)
    assert str(db_path) in msg
    assert "created by a newer newsledger (schema v7" in msg
    assert "upgrade newsledger" in msg


def test_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("these are my notes, not a database\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError) as info:
        Ledger(bogus)
    msg = str(info.value)
    assert str(bogus) in msg and "not a DuckDB database" in msg and "move this file away" in msg
    assert bogus.read_text(encoding="utf-8").startswith("these are my notes")  # untouched


def test_foreign_duckdb_file(tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE sales (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a newsledger ledger"):
        Ledger(other)


def test_missing_file_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such ledger"):
        Ledger(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_directory_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        Ledger(tmp_path)


def test_creates_parent_folders(tmp_path: Path) -> None:
    with Ledger(tmp_path / "a" / "b" / "ledger.duckdb") as led:
        assert led.counts()["articles"] == 0


def test_file_locked_by_another_process(db_path: Path) -> None:
    import subprocess
    import sys
    import textwrap

    here = str(Path(__file__).resolve().parent)
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {here!r})
        from newsledger.store import Ledger
        led = Ledger(sys.argv[1])
        print("ready", flush=True)
        sys.stdin.readline()  # holds the file until the test says so
        led.close()
        print("closed", flush=True)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(db_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdin is not None and proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as info:
            Ledger(db_path)
        assert str(db_path) in str(info.value) and "in use by another process" in str(info.value)
        proc.stdin.write("go\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "closed"
        assert proc.wait(timeout=60) == 0
        with Ledger(db_path) as led:  # released: opens now
            assert led.counts()["articles"] == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
