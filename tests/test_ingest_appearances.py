"""The same text again: another outlet, URL or date is recorded as an appearance of the stored article."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.article import Article
from newsledger.cli import app
from newsledger.ledger import Ledger

TEXT = (
    "Harbour board approves ferry terminal\n|\n"
    "The harbour board approved a new ferry terminal on Monday, chair Ingrid Solberg said.\n"
    "Opposition councillor Tomas Berg denied that the board had consulted residents.\n"
)


def _copy(id: str, source: str | None, url: str | None, published: str | None, origin: str) -> Article:
    return Article(id=id, text=TEXT, source=source, url=url, published=published, origin=origin)


FIRST = _copy("post-1", "Daily Post", "https://post.example/ferry", "2025-03-03", "post.jsonl:1")
WIRE = _copy("star-7", "Evening Star", "https://star.example/7", "2025-03-04", "star.jsonl:1")


def test_a_second_outlet_is_recorded_on_the_stored_article(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.duckdb") as ledger:
        assert ledger.ingest_articles([FIRST]).stored == ["post-1"]
        report = ledger.ingest_articles([WIRE])
        assert report.stored == [] and report.skipped == ["star-7"]
        rows = ledger.appearances("post-1")
        assert [(r.source, r.url, r.published, r.origin, r.first) for r in rows] == [
            ("Daily Post", "https://post.example/ferry", "2025-03-03", "post.jsonl:1", True),
            ("Evening Star", "https://star.example/7", "2025-03-04", "star.jsonl:1", False),
        ]
        assert rows[1].input_id == "star-7"
        ledger.ingest_articles([FIRST, WIRE])  # seen again exactly: nothing new
        assert len(ledger.appearances("post-1")) == 2
        assert ledger.counts()["articles"] == 1
        assert ledger.appearances("no-such-article") == []


def test_two_copies_in_one_batch(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.duckdb") as ledger:
        report = ledger.ingest_articles([FIRST, WIRE])
        assert report.stored == ["post-1"] and report.skipped == ["post-1"]
        assert [r.source for r in ledger.appearances("post-1")] == ["Daily Post", "Evening Star"]


def test_a_corrected_date_is_said_once_and_recorded(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    corrected = _copy("post-1", "Daily Post", "https://post.example/ferry", "2025-03-02", "post-fixed.jsonl:1")
    with Ledger(tmp_path / "l.duckdb") as ledger:
        ledger.ingest_articles([FIRST])
        with caplog.at_level(logging.INFO, logger="newsledger"):
            ledger.ingest_articles([corrected])
            ledger.ingest_articles([corrected])  # the same correction again: recorded already, said once
        said = [r for r in caplog.records if "dated 2025-03-02, not 2025-03-03" in r.getMessage()]
        assert len(said) == 1 and said[0].levelno == logging.WARNING
        assert "post-fixed.jsonl:1" in said[0].getMessage() and "'post-1'" in said[0].getMessage()
        assert ledger.get("post-1").published == "2025-03-03"  # type: ignore[union-attr]  # keeps its first date
        assert [r.published for r in ledger.appearances("post-1")] == ["2025-03-03", "2025-03-02"]
        # another outlet with another date is no correction: recorded, logged at INFO only
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="newsledger"):
            ledger.ingest_articles([WIRE])
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert any("Evening Star" in r.getMessage() for r in caplog.records)


def test_show_lists_the_appearances(tmp_path: Path) -> None:
    db = tmp_path / "l.duckdb"
    with Ledger(db) as ledger:
        ledger.ingest_articles([FIRST, WIRE])
    result = CliRunner().invoke(app, ["show", "post-1", "--db", str(db), "--format", "table"])
    assert result.exit_code == 0, result.stderr
    assert "Appearances (2)" in result.stdout
    assert "Evening Star" in result.stdout and "Daily Post" in result.stdout


def test_a_copy_that_lacks_fields_adds_nothing(tmp_path: Path) -> None:
    bare = _copy("post-1", None, None, None, "bare.txt")
    with Ledger(tmp_path / "l.duckdb") as ledger:
        ledger.ingest_articles([FIRST, bare, _copy("x", "Daily Post", None, "2025-03-03", "again.txt")])
        assert len(ledger.appearances("post-1")) == 1
