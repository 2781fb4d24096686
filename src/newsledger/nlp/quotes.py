"""Quotations of a document: double and single quote marks paired once per document into token ranges."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

OPEN_QUOTES = frozenset({"“", '"', "``", "«", "''"})
CLOSE_QUOTES = frozenset({"”", '"', "''", "»"})
QUOTE_MARKS = OPEN_QUOTES | CLOSE_QUOTES
SINGLE_OPEN = frozenset({"'", "‘"})
SINGLE_CLOSE = frozenset({"'", "’"})
MAX_QUOTE_TOKENS = 400


class QuoteIndex:
    """Per-document state: quotations, sentence and paragraph indices."""

    def __init__(self, doc: Doc, quote_tokens: list[int], text: str | None = None) -> None:
        self.doc = doc
        text = doc.text if text is None else text
        double = [i for i in quote_tokens if doc[i].text in QUOTE_MARKS]
        self.quotes = pair_quotes(doc, double, text)
        single = pair_single_quotes(doc, [i for i in quote_tokens if doc[i].text not in QUOTE_MARKS], text)
        if single:
            self.quotes = sorted(self.quotes + [q for q in single if not overlaps(q, self.quotes)])
        self.quote_of = [-1] * len(doc)
        for qi, (a, b) in enumerate(self.quotes):
            for i in range(a, b):
                self.quote_of[i] = qi


def pair_quotes(doc: Doc, marks: list[int], text: str | None = None) -> list[tuple[int, int]]:
    """Token ranges ``[a, b)`` of quotations, marks included; a quote ends at its paragraph's end at latest.
    ``text`` is ``doc.text`` when the caller has it (spaCy joins every token to make it)."""
    text = doc.text if text is None else text
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for i in marks:
        tok = doc[i]
        t = tok.text
        if open_at is not None and "\n" in text[doc[open_at].idx : tok.idx]:
            end = open_at
            while end + 1 < len(doc) and "\n" not in doc[end + 1].text_with_ws and not doc[end + 1].is_space:
                end += 1
            if end > open_at:
                out.append((open_at, end + 1))
            open_at = None
        if open_at is None:
            if t in OPEN_QUOTES:
                open_at = i
        elif t in CLOSE_QUOTES:
            if i - open_at <= MAX_QUOTE_TOKENS and i > open_at + 1:
                out.append((open_at, i + 1))
            open_at = None if t != "“" else i
        elif t in OPEN_QUOTES and t == "“":
            open_at = i
    return out


def pair_single_quotes(doc: Doc, marks: list[int], text: str | None = None) -> list[tuple[int, int]]:
    """Quotations in single quote marks: ``'`` opens at a word's start and closes at a word's end, in one paragraph.

    Apostrophes inside words ("don't", "the city's") are separate tokens of their own ("n't", "'s") or
    not followed by a closing mark, so they never pair."""
    text = doc.text if text is None else text
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for i in marks:
        tok = doc[i]
        before = text[tok.idx - 1] if tok.idx > 0 else " "
        after = text[tok.idx + 1] if tok.idx + 1 < len(text) else " "
        opens = tok.text in SINGLE_OPEN and (before.isspace() or before in "“\"(—–-") and after.isalpha()
        closes = tok.text in SINGLE_CLOSE and not before.isspace() and (after.isspace() or after in ".,;:!?)”\"—–")
        if open_at is not None and "\n" in text[doc[open_at].idx : tok.idx]:
            open_at = None
        if open_at is not None and closes and i > open_at + 1 and i - open_at <= MAX_QUOTE_TOKENS:
            out.append((open_at, i + 1))
            open_at = None
        elif opens:
            open_at = i
    return out


def overlaps(r: tuple[int, int], ranges: Sequence[tuple[int, int]]) -> bool:
    return any(r[0] < b and a < r[1] for a, b in ranges)
