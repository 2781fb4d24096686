"""The ledger: the store plus ingestion through the pipeline."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.api import get_extractor
from newsledger.article import Article, ReadFailure
from newsledger.read import read_paths
from newsledger.record import Record
from newsledger.store import Ledger as Store

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What one ingest did: stored, already there, failed (with reasons)."""

    stored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


ProgressHook = Callable[[Article | ReadFailure, str], None]


class Ledger(Store):
    """A ledger file: ``ingest`` articles, then query ``statements``, ``events`` and more."""

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        published: str | None = None,
        model: str | None = None,
        on_item: ProgressHook | None = None,
    ) -> IngestReport:
        """Read, extract and store every article under ``paths``; stored ones are skipped."""
        return self.ingest_articles(read_paths(paths, published=published), model=model, on_item=on_item)

    def ingest_articles(
        self,
        items: Iterable[Article | ReadFailure],
        *,
        model: str | None = None,
        on_item: ProgressHook | None = None,
    ) -> IngestReport:
        report = IngestReport()
        queue: deque[Article | ReadFailure] = deque()

        def new_only() -> Iterator[Article | ReadFailure]:
            for item in items:
                if isinstance(item, Article) and self.has(item.content_hash):
                    report.skipped.append(item.id)
                    if on_item:
                        on_item(item, "skipped")
                    continue
                queue.append(item)
                yield item

        # extract_many yields exactly one result per item, in input order
        for result in get_extractor(model).extract_many(new_only()):
            item = queue.popleft()
            if isinstance(result, ReadFailure):
                report.failures.append(result)
                log.warning("%s", result)
                if on_item:
                    on_item(result, "failed")
                continue
            assert isinstance(item, Article)
            self._store(result, item, report)
            if on_item:
                on_item(item, "stored")
        return report

    def _store(self, record: Record, article: Article, report: IngestReport) -> None:
        stored = self.add(record, content_hash=article.content_hash, origin=article.origin)
        ledger_id = self.id_of(article.content_hash) or record.id  # "id~2" after an id collision
        (report.stored if stored else report.skipped).append(ledger_id)

