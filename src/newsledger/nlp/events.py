"""Events: PLOVER-coded events with actors, status and dates."""

from __future__ import annotations

from newsledger.nlp.types import EntityTable, ParsedArticle
from newsledger.record import Event, Statement


def find_events(
    parsed: ParsedArticle, table: EntityTable, statements: list[Statement], published: str | None
) -> list[Event]:
    return []
