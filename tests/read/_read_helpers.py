"""Helpers shared by the reader tests."""

from __future__ import annotations

from pathlib import Path

from newsledger.article import Article, ReadFailure
from newsledger.read import read_paths


def read_all(*paths: str | Path, **kwargs: object) -> list[Article | ReadFailure]:
    return list(read_paths(list(paths), **kwargs))  # type: ignore[arg-type]


def only_article(items: list[Article | ReadFailure]) -> Article:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, Article), item
    return item


def only_failure(items: list[Article | ReadFailure]) -> ReadFailure:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, ReadFailure), item
    return item
