"""The ledger: the store plus ingestion through the pipeline."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsledger import link
from newsledger.api import get_extractor
from newsledger.article import Article, ReadFailure
from newsledger.interrupt import Interrupted, deferred_interrupt
from newsledger.read import DEFAULT_MAX_BYTES, read_paths
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


class IngestInterrupted(Interrupted):
    """Ctrl-C stopped an ingest between two articles; ``report`` holds what it did until then."""

    def __init__(self, report: IngestReport) -> None:
        self.report = report
        super().__init__(len(report.stored))


class Ledger(Store):
    """A ledger file: ``ingest`` articles, then query ``statements``, ``events`` and more.

    Every article stored through this class (``ingest``, ``add``, ``add_many``) is
    also linked to the rest of the ledger right after it is stored (actors,
    duplicate groups, claims, sourcing profile: :mod:`newsledger.link`), one
    transaction per article; ``ingest`` links its whole batch once it is stored, in
    publication order, so that the result does not depend on the order of the
    files.  ``link=False`` stores without linking (for bulk loads;
    ``newsledger.link.catch_up`` links the rest later, as every ingest does).
    """

    def __init__(self, path: str | Path = "newsledger.duckdb", *, read_only: bool = False, link: bool = True) -> None:
        super().__init__(path, read_only=read_only)
        self.auto_link = link and not read_only

    def add(self, record: Record, *, content_hash: str, origin: str | None = None) -> bool:
        added = super().add(record, content_hash=content_hash, origin=origin)
        if added and self.auto_link:
            aid = self.id_of(content_hash)
            if aid is not None:
                link.update(self, record, aid)
        return added

    def add_many(self, items: Iterable[tuple[Record, str, str | None]], *, batch_size: int = 100) -> int:
        if not self.auto_link or batch_size < 1:  # the store's add_many (which refuses batch_size < 1)
            return super().add_many(items, batch_size=batch_size)
        added = 0
        batch: list[tuple[Record, str, str | None]] = []

        def flush() -> int:
            # one transaction, as the store's add_many would write it, but without its own Ctrl-C check:
            # that one would raise with this batch's count only, not the articles stored before it
            n = sum(self._write(batch))
            for record, h, _ in batch:
                aid = self.id_of(h)
                if aid is not None and not link.is_linked(self, aid):
                    link.update(self, record, aid)
            return n

        with deferred_interrupt() as guard:
            for item in items:
                batch.append(item)
                if len(batch) >= batch_size:
                    added += flush()
                    batch = []
                    guard.check(added)
            if batch:
                added += flush()
            guard.check(added)
        return added

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        published: str | None = None,
        model: str | None = None,
        on_item: ProgressHook | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> IngestReport:
        """Read, extract and store every article under ``paths``; stored ones are skipped.

        ``max_bytes``: the size limit of one input file (or one record of a JSON Lines file).
        """
        items = read_paths(paths, published=published, max_bytes=max_bytes)
        return self.ingest_articles(items, model=model, on_item=on_item)

    def ingest_articles(
        self,
        items: Iterable[Article | ReadFailure],
        *,
        model: str | None = None,
        on_item: ProgressHook | None = None,
    ) -> IngestReport:
        """Extract and store ``items``, then link every article not linked yet (:func:`link.catch_up`).

        Read and extraction failures are in the report (and logged only when no
        ``on_item`` hook takes them).  Ctrl-C in the main thread stops the batch
        after the current article with :class:`IngestInterrupted` (its ``report``
        says what was stored, every article whole); the articles it stored are
        linked by the next ingest, in the same order as if nothing had stopped.
        """
        report = IngestReport()
        queue: deque[Article | ReadFailure] = deque()

        def new_only() -> Iterator[Article | ReadFailure]:
            for item in items:
                if isinstance(item, Article) and self.has(item.content_hash):
                    report.skipped.append(item.id)
                    self._seen_again(item)
                    if on_item:
                        on_item(item, "skipped")
                    continue
                queue.append(item)
                yield item

        with deferred_interrupt() as guard:
            try:
                # extract_many yields exactly one result per item, in input order
                for result in get_extractor(model).extract_many(new_only()):
                    item = queue.popleft()
                    if isinstance(result, ReadFailure):
                        report.failures.append(result)
                        if on_item:
                            on_item(result, "failed")
                        else:
                            log.warning("%s", result)
                    else:
                        assert isinstance(item, Article)
                        self._store(result, item, report)
                        if on_item:
                            on_item(item, "stored")
                    guard.check(len(report.stored))
                # linked once the whole batch is stored, in the deterministic order of catch_up
                if self.auto_link:
                    link.catch_up(self)
                guard.check(len(report.stored))
            except Interrupted:
                raise IngestInterrupted(report) from None
        return report

    def _seen_again(self, article: Article) -> None:
        """The article's text is stored already: record this copy's outlet, URL and date if they are new."""
        sighting = self.add_appearance(
            article.content_hash, input_id=article.id, source=article.source, url=article.url,
            published=article.published, origin=article.origin,
        )
        if sighting is None or not sighting.recorded:
            return
        if article.source == sighting.stored_source and article.published != sighting.stored_published:
            log.warning(
                "%s: same text and outlet (%s) as stored article %r but dated %s, not %s; recorded as an "
                "appearance (`newsledger show %s`), the article keeps its first date",
                article.origin, article.source or "no outlet", sighting.article_id, article.published or "undated",
                sighting.stored_published or "undated", sighting.article_id,
            )
        else:
            log.info("%s: same text as stored article %r; recorded its appearance in %s",
                     article.origin, sighting.article_id, article.source or article.url or "an unnamed outlet")

    def _store(self, record: Record, article: Article, report: IngestReport) -> None:
        # linked after the batch, in publication order (catch_up): the claims a statement joins and what is
        # "first seen" do not depend on the order of the files
        stored = super().add(record, content_hash=article.content_hash, origin=article.origin)
        ledger_id = self.id_of(article.content_hash) or record.id  # "id~2" after an id collision
        (report.stored if stored else report.skipped).append(ledger_id)
        if stored:
            log.info("stored %s (%s)", ledger_id, article.origin)
        else:  # the same text twice in one batch: the first copy was stored meanwhile
            self._seen_again(article)
