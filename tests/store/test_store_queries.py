from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from store_records import all_records, content_hash, harbour, summit

from newsledger.errors import StoreError
from newsledger.record import Record
from newsledger.store import ArticleRow, EventRow, Ledger, LedgerSummary, StatementRow


@pytest.fixture
def full(db_path: Path) -> Iterator[Ledger]:
    with Ledger(db_path) as led:
        for rec in all_records():
            led.add(rec, content_hash=content_hash(rec), origin=f"in/{rec.id}.txt")
        yield led


NONE_V1 = ("articles", "entities", "mentions", "statements", "events")


def test_counts(full: Ledger) -> None:
    recs = all_records()
    assert {t: n for t, n in full.counts().items() if n or t in NONE_V1} == {
        "articles": 4,
        "entities": sum(len(r.entities) for r in recs),
        "mentions": sum(len(e.mentions) for r in recs for e in r.entities),
        "statements": sum(len(r.statements) for r in recs),
        "events": sum(len(r.events) for r in recs),
    }


def test_articles_rows_and_filters(full: Ledger) -> None:
    rows = full.articles()
    # oldest first, undated last
    assert [r.article_id for r in rows] == ["flood", "harbour-ferry", "summit", "bare"]
    h = rows[1]
    assert isinstance(h, ArticleRow)
    assert h.title == "Port Authority Plans New Ferry Line"
    assert h.published == "2024-03-05"
    assert h.origin == "in/harbour-ferry.txt"
    assert h.content_hash == content_hash(harbour())
    assert isinstance(h.ingested_at, datetime)
    assert (h.n_entities, h.n_statements, h.n_events) == (3, 3, 2)
    assert [r.article_id for r in full.articles(since="2024-03-05")] == ["harbour-ferry", "summit"]
    assert [r.article_id for r in full.articles(until="2024-03-05")] == ["flood", "harbour-ferry"]
    assert [r.article_id for r in full.articles(since="2024-01-01", until="2024-05-01")] == ["harbour-ferry"]
    assert [r.article_id for r in full.articles(source="VELMORA")] == ["flood", "harbour-ferry"]
    assert [r.article_id for r in full.articles(limit=2)] == ["flood", "harbour-ferry"]
    assert [r.article_id for r in full.articles(limit=2, offset=2)] == ["summit", "bare"]
    assert full.articles(offset=10) == []
    assert full.articles(limit=0) == []


def test_statement_rows_and_filters(full: Ledger) -> None:
    rows = full.statements()
    assert len(rows) == 10
    assert all(isinstance(r, StatementRow) for r in rows)
    s2 = next(r for r in rows if r.article_id == "summit" and r.statement_id == "s2")
    assert s2 == StatementRow(
        article_id="summit",
        article_title=None,
        published="2024-06-14",
        statement_id="s2",
        speaker_text="Belmark's foreign office",
        speaker_name="Belmark Foreign Office",
        speaker_entity="e4",
        anonymous=False,
        cue="could not confirm or deny",
        cue_lemma="confirm",
        content="the agreement",
        kind="indirect",
        stance="neither",
        about="s1",
    )
    # speaker: case-insensitive substring of name or text
    assert {(r.article_id, r.statement_id) for r in full.statements(speaker="brel")} == {
        ("harbour-ferry", "s1"),
        ("harbour-ferry", "s3"),
    }
    assert [r.statement_id for r in full.statements(speaker="PRIME MINISTER")] == ["s1"]
    assert [r.statement_id for r in full.statements(speaker="ministry official")] == ["s2"]
    assert [r.speaker_name for r in full.statements(speaker="lúcia")] == ["Lúcia Fenn", "Lúcia Fenn"]
    assert full.statements(speaker="%") == []  # no LIKE wildcards
    assert [(r.article_id, r.statement_id) for r in full.statements(stance="assert")] == [
        ("harbour-ferry", "s1"),
        ("summit", "s1"),
        ("summit", "s3"),
    ]
    assert [r.stance for r in full.statements(stance="deny")] == ["deny"]
    assert [r.article_id for r in full.statements(stance="none")] == ["bare"]
    assert [r.statement_id for r in full.statements(stance="neither", speaker="foreign")] == ["s2"]
    assert {r.article_id for r in full.statements(since="2024-06-01")} == {"summit"}
    assert {r.article_id for r in full.statements(until="2023-12-31")} == {"flood"}
    assert [r.statement_id for r in full.statements(article="summit")] == ["s1", "s2", "s3", "s4"]
    assert [r.statement_id for r in full.statements(article="summit", limit=2, offset=1)] == ["s2", "s3"]
    assert full.statements(article="nope") == []
    with pytest.raises(StoreError, match="stance='agree'"):
        full.statements(stance="agree")


def test_event_rows_and_filters(full: Ledger) -> None:
    rows = full.events()
    assert len(rows) == 6
    v1 = next(r for r in rows if r.article_id == "harbour-ferry" and r.event_id == "v1")
    assert v1 == EventRow(
        article_id="harbour-ferry",
        published="2024-03-05",
        event_id="v1",
        type="COOPERATE",
        mode=None,
        status="planned",
        source_name="Velmora Port Authority",
        source_text="The Velmora port authority",
        source_country="VLM",
        source_sector="GOV",
        target_name="Karst Island",
        target_text="Karst Island",
        target_country=None,
        target_sector=None,
        when_text="next month",
        when_start="2024-04-01",
        when_end="2024-04-30",
        evidence="it will open a ferry line to Karst Island",
        reported_by=(),
    )
    v2 = next(r for r in rows if r.article_id == "summit" and r.event_id == "v2")
    assert v2.reported_by == ("s1",)
    assert v2.source_name == "Jonas Veld" and v2.source_text == "We"
    # actor: source/target text or entity name
    assert {(r.article_id, r.event_id) for r in full.events(actor="belmark")} == {("summit", "v1")}
    assert {(r.article_id, r.event_id) for r in full.events(actor="jonas")} == {("summit", "v2")}
    assert {(r.article_id, r.event_id) for r in full.events(actor="port authority")} == {("harbour-ferry", "v1")}
    assert {(r.article_id, r.event_id) for r in full.events(actor="karst")} == {("harbour-ferry", "v1")}
    assert [r.event_id for r in full.events(type="disaster")] == ["v1", "v2"]
    assert [r.article_id for r in full.events(status="denied")] == ["harbour-ferry"]
    assert [r.event_id for r in full.events(status="possible", type="DISASTER")] == ["v2"]
    assert {r.article_id for r in full.events(since="2024-01-01", until="2024-04-01")} == {"harbour-ferry"}
    assert [r.event_id for r in full.events(article="flood", limit=1)] == ["v1"]
    assert [r.event_id for r in full.events(article="flood", offset=1)] == ["v2"]
    with pytest.raises(StoreError, match="status='rumoured'"):
        full.events(status="rumoured")


@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday", "2024-1-1"])
def test_bad_dates_are_refused(full: Ledger, bad: str) -> None:
    with pytest.raises(StoreError, match="since"):
        full.statements(since=bad)


def test_bad_paging_is_refused(full: Ledger) -> None:
    with pytest.raises(StoreError, match="limit"):
        full.articles(limit=-1)
    with pytest.raises(StoreError, match="offset"):
        full.events(offset=-2)


def test_summary(full: Ledger) -> None:
    s = full.summary()
    assert isinstance(s, LedgerSummary)
    assert (s.articles, s.statements, s.events, s.entities) == (4, 10, 6, 9)
    assert (s.first_published, s.last_published) == ("2023-11-20", "2024-06-14")
    # anonymous speakers are not "top speakers"
    assert s.top_speakers[:2] == (("Anna Brel", 2), ("Lúcia Fenn", 2))
    assert dict(s.top_speakers) == {
        "Anna Brel": 2,
        "Lúcia Fenn": 2,
        "Belmark Foreign Office": 1,
        "Jonas Veld": 1,
        "Mira Tosk": 1,
    }
    assert full.summary(top=1).top_speakers == (("Anna Brel", 2),)
    assert s.stances == {
        "assert": 3,
        "deny": 1,
        "intend": 1,
        "neither": 1,
        "question": 1,
        "demand": 1,
        "hedge": 1,
        "none": 1,
    }
    assert s.event_types == {"DISASTER": 2, "AGREE": 1, "CONSULT": 1, "COOPERATE": 1, "DELAY": 1}
    assert s.event_statuses == {"occurred": 2, "planned": 1, "denied": 1, "reported": 1, "possible": 1}


def test_summary_of_empty_ledger(ledger: Ledger) -> None:
    s = ledger.summary()
    assert (s.articles, s.statements, s.first_published, s.top_speakers, s.stances) == (0, 0, None, (), {})


# -- export ---------------------------------------------------------------------------------


def test_export_records_jsonl(full: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "out" / "records.jsonl"
    assert full.export("jsonl", out) == 4
    lines = out.read_text(encoding="utf-8").splitlines()
    got = {r.id: r for r in (Record.from_json(line) for line in lines)}
    assert got == {r.id: r for r in all_records()}


@pytest.mark.parametrize("table", ["statements", "events", "articles", "entities"])
def test_export_flat_parquet_csv_jsonl(full: Ledger, tmp_path: Path, table: str) -> None:
    expected = full.counts()[table]
    pq = tmp_path / f"{table}.parquet"
    assert full.export("parquet", pq, table=table) == expected
    con = duckdb.connect()
    rows = con.execute("SELECT * FROM read_parquet(?)", [str(pq)]).fetchall()
    cols = [d[0] for d in con.description or ()]
    assert len(rows) == expected
    assert "article_id" in cols

    out_csv = tmp_path / f"{table}.csv"
    assert full.export("csv", out_csv, table=table) == expected
    with out_csv.open(encoding="utf-8", newline="") as fh:
        csv_rows = list(csv.DictReader(fh))
    assert len(csv_rows) == expected
    assert list(csv_rows[0]) == cols

    js = tmp_path / f"{table}.jsonl"
    assert full.export("jsonl", js, table=table) == expected
    assert len([json.loads(x) for x in js.read_text(encoding="utf-8").splitlines()]) == expected


def test_export_flat_content(full: Ledger, tmp_path: Path) -> None:
    pq = tmp_path / "st.parquet"
    full.export("parquet", pq, table="statements")
    con = duckdb.connect()
    row = con.execute(
        "SELECT speaker_name, stance, content, content_spans FROM read_parquet(?) "
        "WHERE article_id = 'summit' AND statement_id = 's1'",
        [str(pq)],
    ).fetchone()
    rec = summit()
    assert row == (
        "Jonas Veld",
        "assert",
        rec.statements[0].content.text,
        [list(sp) for sp in rec.statements[0].content.spans],
    )
    # columns of the flat statement export start with the StatementRow fields
    cols = [d[0] for d in con.execute("SELECT * FROM read_parquet(?)", [str(pq)]).description or ()]
    assert cols[: len(StatementRow.__dataclass_fields__)] == list(StatementRow.__dataclass_fields__)
    ev = tmp_path / "ev.csv"
    full.export("csv", ev, table="events")
    with ev.open(encoding="utf-8", newline="") as fh:
        first = next(r for r in csv.DictReader(fh) if r["event_id"] == "v1" and r["article_id"] == "flood")
    assert first["source_text"] == "the river Øre"
    assert first["when_start"] == "2023-11-19"


def test_export_path_with_quote(full: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "it's here" / "a.parquet"
    assert full.export("parquet", out, table="articles") == 4
    assert out.exists()


def test_export_refuses_bad_arguments(full: Ledger, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="only as jsonl"):
        full.export("csv", tmp_path / "x.csv")
    with pytest.raises(StoreError, match="table 'claims'"):
        full.export("parquet", tmp_path / "x.parquet", table="claims")
    with pytest.raises(StoreError, match="format 'xml'"):
        full.export("xml", tmp_path / "x.xml", table="events")  # type: ignore[arg-type]


PARQUET_TYPES = {
    "articles": {"published": "DATE", "published_raw": "VARCHAR", "ingested_at": "TIMESTAMP"},
    "statements": {"published": "DATE", "published_raw": "VARCHAR"},
    "entities": {"published": "DATE", "published_raw": "VARCHAR"},
    "events": {"published": "DATE", "published_raw": "VARCHAR", "when_start": "DATE", "when_end": "DATE",
               "when_start_raw": "VARCHAR", "when_end_raw": "VARCHAR"},
}


@pytest.mark.parametrize("table", sorted(PARQUET_TYPES))
def test_parquet_dates_are_dates(full: Ledger, tmp_path: Path, table: str) -> None:
    # an article whose date string is no calendar day: a null DATE, and the string kept beside it
    odd = harbour().model_copy(update={"id": "odd-date", "published": "2024-02-30", "text": harbour().text + " Again."})
    full.add(odd, content_hash=content_hash(odd))
    pq = tmp_path / f"{table}.parquet"
    full.export("parquet", pq, table=table)
    con = duckdb.connect()
    types = {str(r[0]): str(r[1]) for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(pq)]).fetchall()}
    assert {c: types.get(c) for c in PARQUET_TYPES[table]} == PARQUET_TYPES[table]
    rows = con.execute("SELECT DISTINCT article_id, published, published_raw FROM read_parquet(?)", [str(pq)])
    got = {str(r[0]): (r[1], r[2]) for r in rows.fetchall()}
    stored = {str(r[0]): (r[1], r[2]) for r in full.con.execute(
        "SELECT article_id, published, published_raw FROM articles").fetchall()}
    assert got == {aid: v for aid, v in stored.items() if aid in got}
    assert got.get("odd-date", (None, "2024-02-30")) == (None, "2024-02-30")
    if table == "articles":
        assert "odd-date" in got
        (n,) = con.execute("SELECT count(*) FROM read_parquet(?) WHERE published BETWEEN DATE '2024-01-01' "
                           "AND DATE '2024-12-31'", [str(pq)]).fetchone() or (0,)
        assert n == 2  # harbour (March) and summit (June) 2024, compared as dates
        ingested = con.execute("SELECT ingested_at FROM read_parquet(?) LIMIT 1", [str(pq)]).fetchone()
        assert ingested is not None and isinstance(ingested[0], datetime)
    if table == "events":
        row = con.execute("SELECT when_start, when_start_raw FROM read_parquet(?) WHERE article_id = 'flood' "
                          "AND event_id = 'v1'", [str(pq)]).fetchone()
        assert row is not None and (row[0].isoformat(), row[1]) == ("2023-11-19", "2023-11-19")
