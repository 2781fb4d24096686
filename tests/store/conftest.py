from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.store import Ledger


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.duckdb"


@pytest.fixture
def ledger(db_path: Path) -> Iterator[Ledger]:
    with Ledger(db_path) as led:
        yield led
