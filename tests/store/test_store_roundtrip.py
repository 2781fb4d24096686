from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_records import all_records, bare, content_hash, flood, harbour, summit

from newsledger.errors import StoreError
from newsledger.record import EVENT_STATUSES, KINDS, STANCES, Record, join_content
from newsledger.store import Ledger


def test_fixture_records_round_trip(ledger: Ledger) -> None:
    for rec in all_records():
        assert rec.span_errors() == []
        assert ledger.add(rec, content_hash=content_hash(rec), origin=f"{rec.id}.txt") is True
    for rec in all_records():
        got = ledger.get(rec.id)
        assert got == rec
        assert got is not None and got.to_json() == rec.to_json()
    assert ledger.get("no-such-article") is None


def test_round_trip_survives_reopen(db_path: Path) -> None:
    with Ledger(db_path) as led:
        for rec in all_records():
            led.add(rec, content_hash=content_hash(rec))
    with Ledger(db_path, read_only=True) as led:
        assert [led.get(r.id) for r in all_records()] == all_records()
        assert led.has(content_hash(harbour()))


def test_add_is_idempotent(ledger: Ledger) -> None:
    rec = summit()
    h = content_hash(rec)
    assert not ledger.has(h)
    assert ledger.add(rec, content_hash=h) is True
    assert ledger.has(h)
    before = ledger.counts()
    assert ledger.add(rec, content_hash=h) is False
    # same content under another id is still the same article
    assert ledger.add(rec.model_copy(update={"id": "summit-copy"}), content_hash=h) is False
    assert ledger.counts() == before
    assert ledger.id_of(h) == "summit"


def test_id_collision_gets_suffix(ledger: Ledger, caplog: pytest.LogCaptureFixture) -> None:
    first = flood()
    second = first.model_copy(update={"title": "Another flood story"})
    third = first.model_copy(update={"title": "A third one"})
    assert ledger.add(first, content_hash="h1") is True
    with caplog.at_level(logging.WARNING, logger="newsledger.store"):
        assert ledger.add(second, content_hash="h2") is True
    assert "flood~2" in caplog.text
    assert ledger.add(third, content_hash="h3") is True
    assert ledger.get("flood") == first
    assert ledger.get("flood~2") == second.model_copy(update={"id": "flood~2"})
    assert ledger.get("flood~3") == third.model_copy(update={"id": "flood~3"})
    assert ledger.id_of("h3") == "flood~3"
    rows = {r.article_id: r for r in ledger.articles()}
    assert rows["flood~2"].input_id == "flood"
    # the original is never overwritten, and re-adding a renamed one is a no-op
    assert ledger.add(second, content_hash="h2") is False
    assert ledger.counts()["articles"] == 3
    assert ledger.counts()["statements"] == 3 * len(first.statements)


def test_collision_inside_one_batch(ledger: Ledger) -> None:
    a = harbour()
    b = a.model_copy(update={"title": "Changed"})
    n = ledger.add_many([(a, "ha", None), (b, "hb", None), (a, "ha", None)])
    assert n == 2
    assert sorted(r.article_id for r in ledger.articles()) == ["harbour-ferry", "harbour-ferry~2"]


def test_add_many_matches_add(tmp_path: Path) -> None:
    items = [(r, content_hash(r), r.id) for r in all_records()]
    with Ledger(tmp_path / "a.duckdb") as one, Ledger(tmp_path / "b.duckdb") as many:
        for rec, h, origin in items:
            one.add(rec, content_hash=h, origin=origin)
        assert many.add_many(items, batch_size=3) == 4
        assert many.add_many(items) == 0
        assert one.counts() == many.counts()
        for rec in all_records():
            assert one.get(rec.id) == many.get(rec.id) == rec


def test_duplicate_ids_inside_a_record_are_refused(ledger: Ledger) -> None:
    rec = harbour()
    dup = rec.model_copy(update={"entities": [*rec.entities, rec.entities[0]]})
    with pytest.raises(StoreError, match="entity id 'e1' occurs twice"):
        ledger.add(dup, content_hash="x")
    assert ledger.counts()["articles"] == 0


def test_invalid_published_date_is_kept_verbatim(ledger: Ledger) -> None:
    rec = bare().model_copy(update={"published": "2025-02-30", "id": "odd-date"})
    assert ledger.add(rec, content_hash="odd") is True
    assert ledger.get("odd-date") == rec
    assert ledger.articles()[0].published == "2025-02-30"
    assert ledger.articles(since="2000-01-01") == []


def test_in_memory_ledger() -> None:
    with Ledger(":memory:") as led:
        led.add(summit(), content_hash="s")
        assert led.get("summit") == summit()


def test_closed_ledger_raises(db_path: Path) -> None:
    led = Ledger(db_path)
    led.close()
    led.close()
    with pytest.raises(StoreError, match="closed"):
        led.has("x")


def test_read_only_refuses_writes(db_path: Path) -> None:
    Ledger(db_path).close()
    with Ledger(db_path, read_only=True) as led, pytest.raises(StoreError, match="read-only"):
        led.add(bare(), content_hash="b")


# -- hypothesis: arbitrary unicode, valid spans -------------------------------------------

_text = st.text(max_size=12)
_opt_text = st.none() | _text


@st.composite
def records_strategy(draw: st.DrawFn) -> Record:
    text = draw(st.text(min_size=0, max_size=80))
    n = len(text)

    def a_span() -> list[int]:
        start = draw(st.integers(0, n))
        end = draw(st.integers(start, n))
        return [start, end]

    def slice_of(sp: list[int]) -> str:
        return text[sp[0] : sp[1]]

    def opt_span_text() -> tuple[str | None, list[int] | None]:
        choice = draw(st.integers(0, 2))
        if choice == 0:
            return None, None
        if choice == 1:
            return draw(_text), None
        sp = a_span()
        return slice_of(sp), sp

    ids = st.text(min_size=1, max_size=6)
    entity_ids = draw(st.lists(ids, unique=True, max_size=4))
    entities = [
        {
            "id": eid,
            "name": draw(_text),
            "type": draw(st.sampled_from(["PERSON", "ORG", "GPE", "NORP", "ü"])),
            "country": draw(_opt_text),
            "sector": draw(_opt_text),
            "mentions": [a_span() for _ in range(draw(st.integers(0, 3)))],
        }
        for eid in entity_ids
    ]
    statement_ids = draw(st.lists(ids, unique=True, max_size=4))
    statements: list[dict[str, Any]] = []
    for sid in statement_ids:
        sp_text, sp_span = opt_span_text()
        cue_span = a_span()
        content_spans = [a_span() for _ in range(draw(st.integers(0, 3)))]
        statements.append(
            {
                "id": sid,
                "speaker": {
                    "text": sp_text,
                    "span": sp_span,
                    "entity": draw(st.none() | st.sampled_from(entity_ids)) if entity_ids else None,
                    "name": draw(_opt_text),
                    "anonymous": draw(st.booleans()),
                },
                "cue": {"text": slice_of(cue_span), "lemma": draw(_text), "span": cue_span},
                "content": {
                    "text": join_content(text, [(a, b) for a, b in content_spans]) if content_spans else draw(_text),
                    "spans": content_spans,
                },
                "kind": draw(st.sampled_from(KINDS)),
                "stance": draw(st.none() | st.sampled_from(STANCES)),
                "about": draw(st.none() | st.sampled_from(statement_ids)),
            }
        )

    def actor() -> dict[str, Any]:
        a_text, a_span_ = opt_span_text()
        return {
            "text": a_text,
            "span": a_span_,
            "entity": draw(st.none() | st.sampled_from(entity_ids)) if entity_ids else None,
            "country": draw(_opt_text),
            "sector": draw(_opt_text),
        }

    events: list[dict[str, Any]] = []
    for vid in draw(st.lists(ids, unique=True, max_size=4)):
        ev_span = a_span()
        when: dict[str, Any] | None = None
        if draw(st.booleans()):
            w_text, w_span = opt_span_text()
            when = {"text": w_text or "", "span": w_span, "start": draw(_opt_text), "end": draw(_opt_text)}
        events.append(
            {
                "id": vid,
                "type": draw(_text),
                "mode": draw(_opt_text),
                "contexts": draw(st.lists(_text, max_size=3)),
                "source": actor(),
                "target": draw(st.none() | st.just(None).map(lambda _: actor())),
                "status": draw(st.sampled_from(EVENT_STATUSES)),
                "when": when,
                "evidence": {"text": slice_of(ev_span), "span": ev_span},
                "reported_by": draw(st.lists(st.sampled_from(statement_ids), max_size=3)) if statement_ids else [],
            }
        )
    published = draw(st.none() | st.dates().map(lambda d: d.isoformat()) | st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"))
    return Record.model_validate(
        {
            "id": draw(st.text(min_size=1, max_size=20)),
            "title": draw(_opt_text),
            "published": published,
            "url": draw(_opt_text),
            "source": draw(_opt_text),
            "text": text,
            "entities": entities,
            "statements": statements,
            "events": events,
        }
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rec=records_strategy())
def test_hypothesis_round_trip(rec: Record) -> None:
    assert rec.span_errors() == []
    with Ledger(":memory:") as led:
        assert led.add(rec, content_hash="h") is True
        got = led.get(rec.id)
        assert got == rec
        assert got is not None and got.to_json() == rec.to_json()
        assert led.add(rec, content_hash="h") is False
