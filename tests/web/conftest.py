"""Fixtures of the web tests: the demo corpus in a ledger (plus one article full of markup), and clients."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from _web_support import hostile_record  # type: ignore[import-not-found]
from fastapi.testclient import TestClient

from newsledger import Ledger
from newsledger.article import Article
from newsledger.web import create_app

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo"
@pytest.fixture(scope="session")
def demo_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "demo-corpus.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        subprocess.run(
            [sys.executable, str(DEMO / "build_corpus.py"), str(DEMO / "corpus"), str(DEMO / "corpus.json")],
            check=True, stdout=fh, cwd=ROOT,
        )
    return out


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, demo_jsonl: Path) -> Path:
    """The demo corpus ingested once, plus the hostile-markup article (tests must not write to it)."""
    path = tmp_path_factory.mktemp("web") / "demo.duckdb"
    with Ledger(path) as ledger:
        report = ledger.ingest([demo_jsonl])
        assert report.ok, report.failures
        rec = hostile_record()
        ledger.add(rec, content_hash=Article(id=rec.id, text=rec.text, title=rec.title,
                                             published=rec.published).content_hash)
    return path


@pytest.fixture(scope="session")
def client(demo_db: Path) -> Iterator[TestClient]:
    """A read-only app over the demo ledger."""
    with TestClient(create_app(demo_db), base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="session")
def demo_ledger(demo_db: Path, client: TestClient) -> Ledger:
    """The store the read-only app holds (to compare answers with the store's own queries)."""
    ledger: Ledger = client.app.state.db.ledger  # type: ignore[attr-defined]
    return ledger
