"""Fixtures of the link tests: the demo corpus ingested once per session, and hand-built records."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = json.loads((ROOT / "tests" / "fixtures" / "ledger_golden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def golden() -> dict:  # type: ignore[type-arg]
    return GOLDEN


@pytest.fixture(scope="session")
def demo_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "demo"))
    try:
        import build_corpus
    finally:
        sys.path.pop(0)
    rows = build_corpus.build(ROOT / "demo" / "corpus", ROOT / "demo" / "corpus.json")
    path = tmp_path_factory.mktemp("demo") / "demo.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def demo_db(demo_jsonl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus ingested into a ledger (linked as it is stored); tests must not write to it."""
    from newsledger import Ledger

    path = tmp_path_factory.mktemp("demo-ledger") / "demo.duckdb"
    with Ledger(path) as ledger:
        report = ledger.ingest([demo_jsonl])
    assert report.ok, report.failures
    return path


@pytest.fixture(scope="session")
def demo(demo_db: Path) -> Iterator[object]:
    from newsledger.store import Ledger as Store

    with Store(demo_db, read_only=True) as store:
        yield store
