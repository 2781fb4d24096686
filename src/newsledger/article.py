"""The input of the pipeline: one article as read, before any NLP."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One article as a reader produced it.

    ``text`` is what every span of the record indexes: the whole decoded file
    for plain text, the body field for JSON/CSV, the extracted main text for
    HTML and feeds.  ``body_start`` is the offset where the body begins (after
    a title line and its separator), 0 when the title is not part of ``text``.
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    body_start: int = 0
    origin: str = "<memory>"
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def content_hash(self) -> str:
        """A stable key of what the article says: its title and text (not metadata such as the date)."""
        h = hashlib.sha256()
        for part in (self.title or "", self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class ReadFailure:
    """An input (or one record of it) that could not be read; the batch goes on."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
