"""Dates: the article's own date from its text, and expressions resolved against it."""

from __future__ import annotations

from newsledger.nlp.types import ParsedArticle


def find_publication_date(parsed: ParsedArticle) -> str | None:
    """A publication date stated in the article's first lines, else None."""
    return None
