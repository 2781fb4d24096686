"""The public functions: extract records from text, files or articles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsledger.article import Article, ReadFailure
from newsledger.nlp.pipeline import Extractor
from newsledger.read import DEFAULT_MAX_BYTES, read_paths
from newsledger.record import Record

_extractors: dict[str | None, Extractor] = {}


def get_extractor(model: str | None = None) -> Extractor:
    """A shared :class:`Extractor` for ``model`` (loaded once per process)."""
    if model not in _extractors:
        _extractors[model] = Extractor(model)
    return _extractors[model]


def extract(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    id: str = "text",
    url: str | None = None,
    source: str | None = None,
    model: str | None = None,
) -> Record:
    """The ledger record of one article given as a string (its body; ``title`` apart)."""
    article = Article(id=id, text=text, title=title, published=published, url=url, source=source)
    return get_extractor(model).extract(article)


def extract_articles(
    articles: Iterable[Article | ReadFailure], *, model: str | None = None
) -> Iterator[Record | ReadFailure]:
    """Records for articles already read, in order; failures pass through."""
    return get_extractor(model).extract_many(articles)


def extract_paths(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Record | ReadFailure]:
    """Records for every article in files, folders, feeds or ``-`` (stdin); ``max_bytes`` limits one input."""
    return extract_articles(read_paths(paths, published=published, max_bytes=max_bytes), model=model)
