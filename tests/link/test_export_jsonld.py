"""The schema.org JSON-LD export: every claim a valid ``Claim``, no ``ClaimReview`` (nobody in the ledger rates
a claim), checked against a vocabulary written from schema.org (tests/link/schemaorg.py); the GDELT table's
dates typed in Parquet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from records import A, S, build, digest, statement_claims
from schemaorg import google_claimreview_errors, validate

from newsledger import Ledger, link
from newsledger.link import export
from newsledger.link.types import CLAIM_STATUSES
from newsledger.store import Ledger as Store

BRIDGE = "the Vesterhavn bridge toll will double for heavy lorries from the first of June"
FERRY = "the island ferry will stop its night crossings for the whole of the winter season"
HARBOUR = "the harbour will close its northern quay to cruise ships for three years of repairs"
AUTHORITY = "Vesterhavn Harbour Authority"


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    with Ledger(":memory:") as led:
        yield led


def _add(ledger: Ledger, a: A, url: str | None, title: str) -> None:
    rec = build(a).model_copy(update={"url": url, "title": title})
    assert ledger.add(rec, content_hash=digest(rec))


@pytest.fixture
def items(ledger: Ledger, tmp_path: Path) -> list[dict[str, Any]]:
    _add(ledger, A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", BRIDGE), S(None, "assert", FERRY)]),
         "https://fjordpost.example/a1", "Bridge toll to double")
    _add(ledger, A("a2", "2026-04-02", "Coast Times",
                   [S("Tomas Berg", "confirm", BRIDGE.replace("will", "would")),
                    S(AUTHORITY, "assert", HARBOUR, entity_type="ORG")],
                   filler="entirely different opening words on harbour traffic and ferry timetables"),
         "javascript:alert(1)", "Toll confirmed")
    _add(ledger, A("a3", "2026-04-03", "Sound News",
                   [S("Lars Moe", "deny", BRIDGE.replace("will double", "would double"))],
                   filler="a council meeting on school budgets opened the session"),
         "https://soundnews.example/a3", "Toll denied")
    out = tmp_path / "claims.jsonld"
    n = export.claims_jsonld(ledger, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, list) and len(data) == n == len(link.claims(ledger))
    # three claims of statements (toll, ferry, quay); the rest are claims of the outlets' own voice alone (the
    # records' filler openings), exported like any claim
    held = statement_claims(ledger)
    assert len(held) == 3 and held <= {i["identifier"] for i in data}
    return data


def _by_text(items: list[dict[str, Any]], words: str) -> dict[str, Any]:
    (item,) = [i for i in items if words in i["text"].lower()]
    return item


def _types(node: Any) -> set[str]:
    if isinstance(node, list):
        return set().union(*(_types(x) for x in node)) if node else set()
    if isinstance(node, dict):
        return {str(node.get("@type"))} | set().union(*(_types(v) for v in node.values()))
    return set()


def test_every_claim_is_a_valid_schema_org_claim(items: list[dict[str, Any]]) -> None:
    for item in items:
        assert item["@context"] == "https://schema.org"
        assert validate(item, ("Claim",)) == [], item
        assert item["@type"] == "Claim"
    assert "ClaimReview" not in _types(items) and "Rating" not in _types(items)
    assert "reviewRating" not in json.dumps(items)


def test_claim_claimant_and_appearances(items: list[dict[str, Any]]) -> None:
    toll = _by_text(items, "bridge toll")
    assert toll["author"]["@type"] == "Person" and toll["author"]["name"] == "Ingrid Solberg"
    assert toll["author"]["identifier"].startswith("p:")
    assert toll["datePublished"] == "2026-04-01"
    assert toll["firstAppearance"] == {
        "@type": "CreativeWork", "identifier": "a1", "url": "https://fjordpost.example/a1",
        "headline": "Bridge toll to double", "datePublished": "2026-04-01",
        "publisher": {"@type": "Organization", "name": "Fjord Post"},
    }
    works = toll["appearance"]
    assert [w["identifier"] for w in works] == ["a1", "a2", "a3"]  # every article once, assertions and answers
    assert [w.get("url") for w in works] == ["https://fjordpost.example/a1", None, "https://soundnews.example/a3"]
    assert [w["publisher"]["name"] for w in works] == ["Fjord Post", "Coast Times", "Sound News"]
    assert [w["datePublished"] for w in works] == ["2026-04-01", "2026-04-02", "2026-04-03"]
    assert toll["description"].startswith("contested in the ledger; asserted by Ingrid Solberg (Fjord Post)")
    assert "confirmed by Tomas Berg (Coast Times)" in toll["description"]
    assert "denied by Lars Moe (Sound News)" in toll["description"]


def test_claimant_kinds(items: list[dict[str, Any]]) -> None:
    quay = _by_text(items, "northern quay")
    assert quay["author"]["@type"] == "Organization" and quay["author"]["identifier"].startswith("o:")
    ferry = _by_text(items, "island ferry")
    assert "author" not in ferry  # only an anonymous source asserts it: no claimant to name
    assert ferry["description"].startswith("unverified in the ledger; asserted by anonymous: ")


def test_demo_ledger_claims_are_valid(demo: Store, tmp_path: Path) -> None:
    out = tmp_path / "demo.jsonld"
    n = export.claims_jsonld(demo, out)
    items = json.loads(out.read_text(encoding="utf-8"))
    assert n == len(items) > 0
    errors = [e for i in items for e in validate(i, ("Claim",))]
    assert errors == []
    assert {i["author"]["@type"] for i in items if "author" in i} == {"Person", "Organization"}
    assert "ClaimReview" not in _types(items)


# -- the validator itself: it rejects what the old export wrote, and accepts a fact-checker's review ----------

OLD_REVIEW = {  # what newsledger wrote before: no url, no review date, the ledger's status as a "rating"
    "@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "The toll will double",
    "itemReviewed": {"@type": "Claim", "text": "The toll will double", "datePublished": "2026-04-01",
                     "firstAppearance": {"@type": "CreativeWork", "headline": "Toll", "datePublished": "2026-04-01"}},
    "reviewRating": {"@type": "Rating", "alternateName": "contested"},
    "reviewBody": "asserted by: Ingrid Solberg (Fjord Post)", "author": {"@type": "Organization", "name": "newsledger"},
}

FACT_CHECK = {
    "@context": "https://schema.org", "@type": "ClaimReview", "url": "https://factcheck.example/toll",
    "datePublished": "2026-04-05", "claimReviewed": "The toll will double",
    "author": {"@type": "Organization", "name": "Example Fact Check", "url": "https://factcheck.example"},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ingrid Solberg"},
                     "appearance": [{"@type": "CreativeWork", "url": "https://fjordpost.example/a1"}]},
    "reviewRating": {"@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 1,
                     "alternateName": "Mostly true"},
}


def test_validator_rejects_the_old_review() -> None:
    errors = google_claimreview_errors(OLD_REVIEW, CLAIM_STATUSES)
    assert "ClaimReview.url is missing" in errors
    assert "ClaimReview.datePublished is missing" in errors
    assert any("'contested' is a ledger status" in e for e in errors)


def test_validator_accepts_a_fact_check() -> None:
    assert validate(FACT_CHECK, ("ClaimReview",)) == []
    assert google_claimreview_errors(FACT_CHECK, CLAIM_STATUSES) == []


@pytest.mark.parametrize(("node", "expected", "error"), [
    ({"@type": "Claim", "reviewRating": {"@type": "Rating"}}, ("Claim",), "reviewRating: not a property of Claim"),
    ({"@type": "Claim", "author": {"@type": "CreativeWork"}}, ("Claim",), "a CreativeWork where Organization or"),
    ({"@type": "Claim", "datePublished": "2026-02-30"}, ("Claim",), "'2026-02-30' is none of Date, DateTime"),
    ({"@type": "CreativeWork", "url": "javascript:alert(1)"}, ("CreativeWork",), "is none of URL"),
    ({"@type": "Rating"}, ("Claim",), "a Rating where Claim is expected"),
    ({"@type": "Verdict"}, ("Thing",), "'Verdict' is not in the vocabulary"),
])
def test_validator_finds_each_kind_of_error(node: dict[str, Any], expected: tuple[str, ...], error: str) -> None:
    assert any(error in e for e in validate(node, expected)), validate(node, expected)


def test_gdelt_parquet_dates_are_typed(demo: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export.events_table(demo, "parquet", out) > 0
    con = duckdb.connect()
    types = {str(r[0]): str(r[1]) for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(out)]).fetchall()}
    assert {c: types[c] for c in ("SQLDATE", "EventDate", "DateAdded", "Published", "WhenStart", "WhenEnd")} == {
        "SQLDATE": "INTEGER", "EventDate": "DATE", "DateAdded": "TIMESTAMP", "Published": "DATE",
        "WhenStart": "DATE", "WhenEnd": "DATE",
    }
    (bad,) = con.execute("SELECT count(*) FROM read_parquet(?) WHERE SQLDATE <> CAST(strftime(EventDate, '%Y%m%d') "
                         "AS INTEGER)", [str(out)]).fetchone() or (1,)
    assert bad == 0
