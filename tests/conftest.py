"""Shared fixtures: the hand-written fixture articles and a ledger built from them once per session."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

# A suite started as a background job (`make test &`, nohup, some CI runners) inherits SIGINT ignored, and
# so would every child it starts: Ctrl-C would reach nothing and the interrupt tests could not test it.
# A handled SIGINT here is reset to the default in each child at exec, so Python installs its own there.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles"
FIXTURE_DATE = "2026-03-03"


@pytest.fixture(scope="session")
def articles_dir() -> Path:
    return ARTICLES


@pytest.fixture(scope="session")
def fixture_ledger_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger file holding the six fixture articles (built once; tests must not write to it)."""
    from newsledger import Ledger

    path = tmp_path_factory.mktemp("ledger") / "fixtures.duckdb"
    with Ledger(path) as ledger:
        report = ledger.ingest(sorted(ARTICLES.glob("*.txt")), published=FIXTURE_DATE)
    assert report.ok, report.failures
    return path
