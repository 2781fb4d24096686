"""Statements: who said what (speaker, cue, content, kind, stance, about)."""

from __future__ import annotations

from newsledger.nlp.types import EntityTable, ParsedArticle
from newsledger.record import Statement


def find_statements(parsed: ParsedArticle, table: EntityTable) -> list[Statement]:
    return []
