"""Records to table rows and back.

:func:`record_rows` flattens one :class:`Record` into the rows of each table
(tuples in the column order of :data:`schema.INSERT_COLUMNS`);
:func:`build_record` puts them back together.  The pair round-trips exactly:
``build_record(*rows_of(record)) == record``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsledger.errors import StoreError
from newsledger.record import Record, Span

Row = tuple[Any, ...]


def _span(span: Span | None) -> tuple[int | None, int | None]:
    return (None, None) if span is None else (span[0], span[1])


def _check_unique(article_id: str, what: str, ids: Sequence[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise StoreError(
                f"article {article_id!r}: {what} id {i!r} occurs twice; each {what} of a record needs its own id"
            )
        seen.add(i)


def record_rows(
    record: Record,
    *,
    article_id: str,
    content_hash: str,
    origin: str | None,
    ingested_at: datetime,
) -> dict[str, list[Row]]:
    """The rows of every table for one record stored under ``article_id``."""
    _check_unique(article_id, "entity", [e.id for e in record.entities])
    _check_unique(article_id, "statement", [s.id for s in record.statements])
    _check_unique(article_id, "event", [v.id for v in record.events])
    aid = article_id
    rows: dict[str, list[Row]] = {
        "articles": [
            (
                aid,
                record.id,
                content_hash,
                record.title,
                record.published,
                record.url,
                record.source,
                record.text,
                origin,
                ingested_at,
            )
        ],
        "entities": [],
        "mentions": [],
        "statements": [],
        "events": [],
    }
    names: dict[str, str] = {}
    for i, ent in enumerate(record.entities):
        names[ent.id] = ent.name
        rows["entities"].append((aid, ent.id, i, ent.name, ent.type, ent.country, ent.sector))
        rows["mentions"].extend((aid, ent.id, j, s, e) for j, (s, e) in enumerate(ent.mentions))
    for i, st in enumerate(record.statements):
        sp = st.speaker
        rows["statements"].append(
            (
                aid,
                st.id,
                i,
                sp.text,
                *_span(sp.span),
                sp.entity,
                sp.name,
                sp.anonymous,
                st.cue.text,
                st.cue.lemma,
                *_span(st.cue.span),
                st.content.text,
                [[s, e] for s, e in st.content.spans],
                st.kind,
                st.stance,
                st.about,
            )
        )
    for i, ev in enumerate(record.events):
        src, tgt, when = ev.source, ev.target, ev.when
        rows["events"].append(
            (
                aid,
                ev.id,
                i,
                ev.type,
                ev.mode,
                list(ev.contexts),
                ev.status,
                src.text,
                *_span(src.span),
                src.entity,
                names.get(src.entity) if src.entity is not None else None,
                src.country,
                src.sector,
                tgt is not None,
                *(
                    (None,) * 7
                    if tgt is None
                    else (
                        tgt.text,
                        *_span(tgt.span),
                        tgt.entity,
                        names.get(tgt.entity) if tgt.entity is not None else None,
                        tgt.country,
                        tgt.sector,
                    )
                ),
                *((None,) * 5 if when is None else (when.text, *_span(when.span), when.start, when.end)),
                ev.evidence.text,
                *_span(ev.evidence.span),
                list(ev.reported_by),
            )
        )
    return rows


def _opt_span(start: int | None, end: int | None) -> list[int] | None:
    return None if start is None or end is None else [start, end]


def build_record(
    article: dict[str, Any],
    entities: Sequence[dict[str, Any]],
    mentions: Sequence[dict[str, Any]],
    statements: Sequence[dict[str, Any]],
    events: Sequence[dict[str, Any]],
) -> Record:
    """The record of one article from its rows (dicts by column name, in ``ord`` order)."""
    by_entity: dict[str, list[list[int]]] = {}
    for m in mentions:
        by_entity.setdefault(m["entity_id"], []).append([m["start"], m["end_"]])
    data: dict[str, Any] = {
        "id": article["article_id"],
        "title": article["title"],
        "published": article["published_raw"],
        "url": article["url"],
        "source": article["source"],
        "text": article["text"],
        "entities": [
            {
                "id": e["entity_id"],
                "name": e["name"],
                "type": e["type"],
                "country": e["country"],
                "sector": e["sector"],
                "mentions": by_entity.get(e["entity_id"], []),
            }
            for e in entities
        ],
        "statements": [
            {
                "id": s["statement_id"],
                "speaker": {
                    "text": s["speaker_text"],
                    "span": _opt_span(s["speaker_start"], s["speaker_end"]),
                    "entity": s["speaker_entity"],
                    "name": s["speaker_name"],
                    "anonymous": s["anonymous"],
                },
                "cue": {
                    "text": s["cue_text"],
                    "lemma": s["cue_lemma"],
                    "span": [s["cue_start"], s["cue_end"]],
                },
                "content": {"text": s["content_text"], "spans": s["content_spans"]},
                "kind": s["kind"],
                "stance": s["stance"],
                "about": s["about"],
            }
            for s in statements
        ],
        "events": [
            {
                "id": v["event_id"],
                "type": v["type"],
                "mode": v["mode"],
                "contexts": v["contexts"],
                "source": {
                    "text": v["source_text"],
                    "span": _opt_span(v["source_start"], v["source_end"]),
                    "entity": v["source_entity"],
                    "country": v["source_country"],
                    "sector": v["source_sector"],
                },
                "target": (
                    {
                        "text": v["target_text"],
                        "span": _opt_span(v["target_start"], v["target_end"]),
                        "entity": v["target_entity"],
                        "country": v["target_country"],
                        "sector": v["target_sector"],
                    }
                    if v["has_target"]
                    else None
                ),
                "status": v["status"],
                "when": (
                    {
                        "text": v["when_text"],
                        "span": _opt_span(v["when_span_start"], v["when_span_end"]),
                        "start": v["when_start"],
                        "end": v["when_end"],
                    }
                    if v["when_text"] is not None
                    else None
                ),
                "evidence": {"text": v["evidence_text"], "span": [v["evidence_start"], v["evidence_end"]]},
                "reported_by": v["reported_by"],
            }
            for v in events
        ],
    }
    return Record.model_validate(data)
