from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import _store_bootstrap  # noqa: F401  (must run before newsledger is imported)
import pytest

from newsledger.store import Ledger


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.duckdb"


@pytest.fixture
def ledger(db_path: Path) -> Iterator[Ledger]:
    with Ledger(db_path) as led:
        yield led
