"""Many distinct records for the crash tests: the fixture records, renamed and varied."""

from __future__ import annotations

from collections.abc import Iterator

from store_records import all_records

from newsledger.record import Record


def corpus(n: int) -> Iterator[Record]:
    base = all_records()
    for i in range(n):
        rec = base[i % len(base)]
        yield rec.model_copy(update={"id": f"{rec.id}-{i:05d}", "title": f"{rec.title or 'untitled'} #{i}"})
