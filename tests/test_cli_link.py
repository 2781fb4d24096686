"""The link commands in-process (typer's CliRunner) on the demo corpus: claims, claim, actors, actor,
export of claims (jsonl, jsonld) and events (gdelt), the sourcing profile in show, contested claims in summary."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    sys.path.insert(0, str(ROOT / "demo"))
    try:
        import build_corpus
    finally:
        sys.path.pop(0)
    folder = tmp_path_factory.mktemp("cli-link")
    corpus = folder / "demo.jsonl"
    rows = build_corpus.build(ROOT / "demo" / "corpus", ROOT / "demo" / "corpus.json")
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    path = folder / "demo.duckdb"
    code, _, err = invoke("ingest", str(corpus), "--db", str(path))
    assert code == 0, err
    yield str(path)


def test_claims_contested_lists_sides(db: str) -> None:
    code, out, _ = invoke("claims", "--contested", "--db", db, "--format", "table")
    assert code == 0
    assert "contested" in out
    assert "confirmed by" in out and "denied by" in out
    assert "Capital Herald" in out  # outlets with each side


def test_claims_jsonl_and_filters(db: str) -> None:
    code, out, _ = invoke("claims", "--db", db, "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and {"claim_id", "status", "asserted_by", "denied_by"} <= set(rows[0])
    code, out, _ = invoke("claims", "--db", db, "--actor", "Peskov", "--format", "jsonl")
    assert code == 0 and out.strip()
    code, out, _ = invoke("claims", "--db", db, "--since", "2026-03-09", "--format", "jsonl")
    assert code == 0
    assert all(json.loads(line)["claim_id"] for line in out.splitlines())
    code, _, err = invoke("claims", "--db", db, "--since", "soon")
    assert code == 2 and "not a date" in err


def test_claim_timeline(db: str) -> None:
    _, out, _ = invoke("claims", "--contested", "--db", db, "--format", "jsonl")
    cid = json.loads(out.splitlines()[0])["claim_id"]
    code, out, _ = invoke("claim", cid, "--db", db, "--format", "table")
    assert code == 0 and "Timeline" in out
    code, out, _ = invoke("claim", cid, "--db", db, "--format", "jsonl")
    detail = json.loads(out)
    assert detail["claim"]["claim_id"] == cid and len(detail["timeline"]) >= 2
    code, _, err = invoke("claim", "c999999", "--db", db)
    assert code == 1 and "no claim" in err


def test_actors_and_actor(db: str) -> None:
    code, out, _ = invoke("actors", "--db", db, "--name", "zelensk", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["name"] for r in rows] == ["Volodymyr Zelensky"]
    code, out, _ = invoke("actors", "--db", db, "--format", "table", "--limit", "5")
    assert code == 0 and "Actors (5)" in out
    code, out, _ = invoke("actor", "Zelenskiy", "--db", db, "--format", "table")
    assert code == 0
    for section in ("Goes by", "Statements by", "Statements about", "Events", "Counterparts"):
        assert section in out
    code, out, _ = invoke("actor", "Peskov", "--db", db, "--format", "jsonl")
    assert code == 0 and json.loads(out)["actor"]["name"] == "Dmitry Peskov"
    code, _, err = invoke("actor", "Nobody Atall", "--db", db)
    assert code == 1 and "no actor" in err


def test_show_has_sourcing_profile(db: str) -> None:
    code, out, _ = invoke("show", "capital-herald-white-house-confirms-call", "--db", db, "--format", "table")
    assert code == 0
    assert "Sourcing" in out and "attributed text" in out and "named" in out


def test_summary_shows_contested_claims(db: str) -> None:
    code, out, _ = invoke("summary", "--db", db)
    assert code == 0 and "Contested claims" in out


def test_export_claims_jsonl_and_jsonld(db: str, tmp_path: Path) -> None:
    code, out, _ = invoke("export", "--format", "jsonl", "--table", "claims", "--db", db)
    assert code == 0
    first = json.loads(out.splitlines()[0])
    assert {"claim", "timeline"} <= set(first)
    target = tmp_path / "claims.jsonld"
    code, _, err = invoke("export", "--format", "jsonld", "--db", db, "--out", str(target))
    assert code == 0 and "exported" in err
    items = json.loads(target.read_text(encoding="utf-8"))
    item = items[0]
    assert item["@context"] == "https://schema.org" and item["@type"] == "Claim"
    assert "firstAppearance" in item and item["appearance"]
    assert any("author" in x for x in items)
    assert not any(x["@type"] == "ClaimReview" for x in items)  # nobody in the ledger rates a claim
    code, _, err = invoke("export", "--format", "csv", "--table", "claims", "--db", db)
    assert code == 2 and "jsonl" in err


def test_export_gdelt_events(db: str, tmp_path: Path) -> None:
    code, out, _ = invoke("export", "--format", "csv", "--table", "gdelt", "--db", db)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert {"GlobalEventID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "EventType", "EventMode",
            "Contexts", "SOURCEURL", "DuplicateGroup"} <= set(rows[0])
    target = tmp_path / "events.parquet"
    code, _, _ = invoke("export", "--format", "parquet", "--table", "gdelt", "--db", db, "--out", str(target))
    assert code == 0 and target.stat().st_size > 0
