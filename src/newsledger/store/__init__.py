"""The embedded store: a DuckDB ledger of records (see :class:`Ledger`).

Tables (schema v1, :mod:`newsledger.store.schema`): ``articles``,
``entities``, ``mentions``, ``statements``, ``events`` and
``schema_version``; later versions come as migrations
(:mod:`newsledger.store.migrations`).
"""

from __future__ import annotations

from newsledger.store.ledger import FLAT_TABLES, ExportFormat, Ledger
from newsledger.store.migrations import MIGRATIONS, Migration, latest_version
from newsledger.store.rows import AppearanceRow, ArticleRow, EventRow, LedgerSummary, Sighting, StatementRow

__all__ = [
    "FLAT_TABLES",
    "MIGRATIONS",
    "AppearanceRow",
    "ArticleRow",
    "EventRow",
    "ExportFormat",
    "Ledger",
    "LedgerSummary",
    "Migration",
    "Sighting",
    "StatementRow",
    "latest_version",
]
