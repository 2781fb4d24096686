"""Every CLI command, in-process (typer's CliRunner): data on stdout, messages on stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.record import Record

runner = CliRunner()

ARTICLE = (
    "Harbour board approves new ferry terminal\n|\n"
    "The harbour board approved a new ferry terminal on Monday, chair Ingrid Solberg said.\n"
    "\u201cThis terminal will serve the islands for forty years,\u201d Solberg told reporters.\n"
    "Opposition councillor Tomas Berg denied that the board had consulted residents.\n"
)


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_jsonl_gives_valid_records_with_exact_spans(article_file: Path) -> None:
    code, out, _ = invoke("extract", str(article_file), "--format", "jsonl", "--published", "2026-03-02")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 1
    record = Record.from_json(lines[0])
    assert record.id == "ferry"
    assert record.title == "Harbour board approves new ferry terminal"
    assert record.published == "2026-03-02"
    assert record.text == ARTICLE
    assert record.span_errors() == []
    cues = {s.cue.text for s in record.statements}
    assert {"said", "told", "denied"} <= cues
    denial = next(s for s in record.statements if s.cue.text == "denied")
    assert denial.stance == "deny"
    assert denial.speaker.name == "Tomas Berg"


def test_extract_reads_standard_input() -> None:
    body = "The minister said the bridge would reopen in May."
    code, out, _ = invoke("extract", "-", "--format", "jsonl", input=body)
    assert code == 0
    record = Record.from_json(out.strip())
    assert record.text == body
    assert record.statements and record.statements[0].cue.text == "said"


def test_extract_json_and_table_formats(article_file: Path) -> None:
    code, out, _ = invoke("extract", str(article_file), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list) and data[0]["id"] == "ferry"
    code, out, _ = invoke("extract", str(article_file), "--format", "table")
    assert code == 0
    assert "Statements" in out and "Solberg" in out


def test_extract_reports_bad_input_and_goes_on(tmp_path: Path, article_file: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = invoke("extract", str(empty), str(article_file), "--format", "jsonl")
    assert code == 1
    assert "empty.txt" in err and "empty" in err
    assert len(out.strip().splitlines()) == 1


def test_extract_rejects_a_bad_date(article_file: Path) -> None:
    code, _, err = invoke("extract", str(article_file), "--published", "someday")
    assert code == 2
    assert "--published" in err and "YYYY-MM-DD" in err


def test_ingest_twice_stores_nothing_twice(tmp_path: Path, article_file: Path) -> None:
    db = tmp_path / "l.duckdb"
    code, _, err = invoke("ingest", str(article_file), "--db", str(db))
    assert code == 0, err
    assert "stored 1" in err
    code, _, err = invoke("ingest", str(article_file), "--db", str(db))
    assert code == 0
    assert "stored 0, already stored 1" in err
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("select count(*) from articles").fetchone()
    assert row is not None and row[0] == 1


def test_ingest_exits_non_zero_when_an_input_fails(tmp_path: Path, article_file: Path) -> None:
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "a", "text": "The mayor said yes."}\n{"id": "b", "text": "trunc', encoding="utf-8")
    code, _, err = invoke("ingest", str(bad), str(article_file), "--db", str(tmp_path / "l.duckdb"))
    assert code == 1
    assert "broken.jsonl" in err
    assert "stored 2" in err


def test_show_statements_events_on_a_ledger(fixture_ledger_path: Path) -> None:
    db = str(fixture_ledger_path)
    code, out, _ = invoke("show", "stances", "--db", db, "--format", "json")
    assert code == 0
    record = Record.from_json(out)
    assert record.id == "stances" and record.statements
    code, out, _ = invoke("show", "stances", "--db", db, "--format", "table")
    assert code == 0 and "Statements" in out

    code, out, _ = invoke("statements", "--db", db, "--stance", "deny", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(r["stance"] == "deny" for r in rows)

    code, out, _ = invoke("statements", "--db", db, "--since", "2026-03-01", "--until", "2026-03-31", "-f", "csv")
    assert code == 0
    assert list(csv.DictReader(io.StringIO(out)))

    code, out, _ = invoke("events", "--db", db, "--format", "jsonl")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert events
    some_type = events[0]["type"]
    code, out, _ = invoke("events", "--db", db, "--type", some_type.lower(), "--format", "jsonl")
    assert code == 0
    assert all(json.loads(line)["type"] == some_type for line in out.splitlines())


def test_show_unknown_id_and_missing_ledger(tmp_path: Path, fixture_ledger_path: Path) -> None:
    code, _, err = invoke("show", "no-such-article", "--db", str(fixture_ledger_path))
    assert code == 1 and "no-such-article" in err
    code, _, err = invoke("statements", "--db", str(tmp_path / "missing.duckdb"))
    assert code == 2 and "newsledger ingest" in err


def test_export_every_format(tmp_path: Path, fixture_ledger_path: Path) -> None:
    db = str(fixture_ledger_path)
    code, out, _ = invoke("export", "--format", "jsonl", "--db", db)
    assert code == 0
    records = [Record.from_json(line) for line in out.splitlines()]
    assert {r.id for r in records} >= {"stances", "speakers"}
    code, out, _ = invoke("export", "--format", "csv", "--table", "events", "--db", db)
    assert code == 0 and "type" in out.splitlines()[0]
    target = tmp_path / "statements.parquet"
    code, _, err = invoke("export", "--format", "parquet", "--out", str(target), "--db", db)
    assert code == 0, err
    with duckdb.connect() as con:
        row = con.execute(f"select count(*) from read_parquet('{target}')").fetchone()
    assert row is not None and row[0] > 0
    code, _, err = invoke("export", "--format", "parquet", "--db", db)
    assert code == 2 and "--out" in err


def test_summary_and_schema(fixture_ledger_path: Path) -> None:
    code, out, _ = invoke("summary", "--db", str(fixture_ledger_path))
    assert code == 0
    assert "articles" in out and "Statements by stance" in out
    code, out, _ = invoke("schema")
    assert code == 0
    assert json.loads(out)["title"] == "Record"


def _cli_process(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process: its real stderr, with the logging setup a user gets."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, "-m", "newsledger.cli", *args], capture_output=True, text=True, timeout=300, env=env
    )


@pytest.mark.slow
def test_each_failure_is_printed_once(tmp_path: Path, article_file: Path) -> None:
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "a", "text": "The mayor said yes."}\n{"id": "b", "text": "trunc', encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for args in (
        ("ingest", str(bad), str(empty), str(article_file), "--db", str(tmp_path / "l.duckdb")),
        ("extract", str(bad), str(empty), str(article_file), "--format", "jsonl"),
    ):
        done = _cli_process(*args)
        assert done.returncode == 1, done.stderr
        lines = done.stderr.splitlines()
        assert sum("broken.jsonl" in line for line in lines) == 1, done.stderr
        assert sum("empty.txt" in line for line in lines) == 1, done.stderr


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_max_bytes_raises_the_size_limit(command: str, tmp_path: Path, article_file: Path) -> None:
    size = article_file.stat().st_size
    db = ("--db", str(tmp_path / "l.duckdb")) if command == "ingest" else ("--format", "jsonl")
    code, out, err = invoke(command, str(article_file), *db, "--max-bytes", str(size - 1))
    assert code == 1
    assert "ferry.txt" in err and "--max-bytes" in err  # the message's advice names an option that exists
    if command == "ingest":
        assert "stored 0" in err
    else:
        assert out == ""
    code, out, err = invoke(command, str(article_file), *db, "--max-bytes", str(size))
    assert code == 0, err
    if command == "ingest":
        assert "stored 1" in err
    else:
        assert Record.from_json(out.strip()).id == "ferry"


def test_max_bytes_must_be_positive(article_file: Path) -> None:
    code, _, err = invoke("extract", str(article_file), "--max-bytes", "0")
    assert code == 2
    assert "--max-bytes" in err
