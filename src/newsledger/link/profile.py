"""The sourcing profile of an article: who it quotes, named or not, and how much it says in its own voice.

``attributed_share`` is the share of the article's non-space characters covered
by a statement (its speaker, cue and content spans); the rest is the article's
own voice.  The claims of the article that no other independent source
(another duplicate group) asserts or confirms are read at query time
(:func:`newsledger.link.query.profile`), since later articles can change them.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from newsledger.record import Record


def attributed_chars(record: Record) -> tuple[int, int]:
    """(non-space characters inside a statement's spans, non-space characters of the text)."""
    covered = bytearray(len(record.text))
    for st in record.statements:
        spans = [*st.content.spans, st.cue.span]
        if st.speaker.span is not None:
            spans.append(st.speaker.span)
        for s, e in spans:
            s, e = max(0, s), min(len(record.text), e)
            if e > s:
                covered[s:e] = b"\x01" * (e - s)
    text = record.text
    total = sum(1 for c in text if not c.isspace())
    inside = sum(1 for i, c in enumerate(text) if covered[i] and not c.isspace())
    return inside, total


def update(con: duckdb.DuckDBPyConnection, record: Record, article_id: str, n_claims: int) -> None:
    inside, total = attributed_chars(record)
    n_anon = sum(1 for st in record.statements if st.speaker.anonymous)
    share = round(inside / total, 4) if total else 0.0
    con.execute(
        "INSERT INTO profiles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [article_id, len(record.statements), len(record.statements) - n_anon, n_anon, inside, total, share,
         n_claims, datetime.now(UTC).replace(tzinfo=None)],
    )
