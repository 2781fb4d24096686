"""Decide what kind of input a file or a text is: from its name, else from its content."""

from __future__ import annotations

import json
from typing import Literal, get_args

Kind = Literal["text", "json", "jsonl", "csv", "html", "feed"]
KINDS: tuple[Kind, ...] = get_args(Kind)

_EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}

# Names a caller may give as ``fmt``, beyond the kinds themselves.
_FORMAT_ALIASES: dict[str, Kind] = {
    "txt": "text",
    "md": "text",
    "markdown": "text",
    "ndjson": "jsonl",
    "tsv": "csv",
    "htm": "html",
    "rss": "feed",
    "atom": "feed",
    "xml": "feed",
}

_HEAD_CHARS = 4096


def strip_gz(name: str) -> str:
    """The name without a final ``.gz``."""
    return name[:-3] if name.lower().endswith(".gz") else name


def is_gzip_name(name: str) -> bool:
    return name.lower().endswith(".gz")


def kind_from_name(name: str) -> Kind | None:
    """The kind its extension says (``.gz`` looked through), or None when unknown."""
    inner = strip_gz(name).lower()
    dot = inner.rfind(".")
    if dot <= 0 or "/" in inner[dot:]:
        return None
    return _EXTENSIONS.get(inner[dot:])


def kind_from_format(fmt: str) -> Kind | None:
    """A kind for a ``--format`` style name ("txt", "jsonl", "rss", ...), or None."""
    key = fmt.strip().lower().lstrip(".")
    if key in KINDS:
        return key
    return _FORMAT_ALIASES.get(key)


def known_formats() -> str:
    return ", ".join(sorted({*KINDS, *_FORMAT_ALIASES}))


def kind_from_content(head: str) -> Kind:
    """Guess the kind from the first few thousand characters of an input."""
    text = head[:_HEAD_CHARS].lstrip("\ufeff \t\r\n")
    low = text[:2048].lower()
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        return "jsonl" if _looks_like_jsonl(text) else "json"
    if low.startswith(("<rss", "<feed", "<rdf:rdf")):
        return "feed"
    if low.startswith("<?xml"):
        return "html" if "<html" in low and "<rss" not in low and "<feed" not in low else "feed"
    if low.startswith(("<!doctype", "<html")) or (low.startswith("<") and "<html" in low):
        return "html"
    return "text"


def _looks_like_jsonl(text: str) -> bool:
    """True when the first line is a whole JSON object and more lines follow."""
    first, newline, rest = text.partition("\n")
    if not newline or not rest.strip():
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False
