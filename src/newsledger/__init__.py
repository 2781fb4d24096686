"""newsledger: a source-linked ledger of who said what, what happened, and who disputes it.

Public API::

    import newsledger
    record = newsledger.extract(text, title=..., published="2025-02-09")
    with newsledger.Ledger("news.duckdb") as ledger:
        ledger.ingest(["articles/"])
        ledger.statements(speaker="Peskov", stance="neither")
"""

from newsledger.api import extract, extract_articles, extract_paths
from newsledger.article import Article, ReadFailure
from newsledger.errors import (
    EmptyInputError,
    InputError,
    LexiconError,
    ModelError,
    NewsledgerError,
    StoreError,
)
from newsledger.ledger import IngestReport, Ledger
from newsledger.record import Entity, Event, Record, Statement, record_json_schema

__version__ = "0.1.0"

__all__ = [
    "Article",
    "EmptyInputError",
    "Entity",
    "Event",
    "IngestReport",
    "InputError",
    "Ledger",
    "LexiconError",
    "ModelError",
    "NewsledgerError",
    "ReadFailure",
    "Record",
    "Statement",
    "StoreError",
    "__version__",
    "extract",
    "extract_articles",
    "extract_paths",
    "record_json_schema",
]
