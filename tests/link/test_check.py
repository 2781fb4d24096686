"""The integrity check (`newsledger check`): a fresh ledger has no fault, and each fault injected by hand is found.

Also the two bookkeeping faults it was written for: events pointing at the pseudo-actor ``c:---``, and claim
term document frequencies counted twice for a statement reporting two events of one type between the same
actors ("Russia and Ukraine will meet": CONSULT RUS->UKR and UKR->RUS, one key).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from records import A, S, build, digest
from typer.testing import CliRunner

from newsledger import Ledger
from newsledger.cli import app
from newsledger.link.check import KINDS, check
from newsledger.record import Event, EventActor, Evidence, Record
from newsledger.store import Ledger as Store

ARTICLES = {
    "convoy.txt": (
        "Insurgents attack convoy near Varnsk\n|\n"
        "VARNSK, April 2, 2026 — Insurgents attacked a Ukrainian army convoy near Varnsk on Tuesday, "
        "the Ukrainian defence ministry said.\n"
        "Defence Minister Olena Petrenko said the convoy had carried food for 3,000 residents.\n"
        "Russia denied that its troops had shelled the town, according to a Kremlin spokesman.\n"
    ),
    "food.txt": (
        "Ukraine says convoy carried food\n|\n"
        "KYIV, April 3, 2026 — Olena Petrenko, Ukraine's defence minister, said on Wednesday the convoy had "
        "carried food for 3,000 residents of Varnsk.\n"
        "Russia and Ukraine will meet in Istanbul next week, officials said.\n"
    ),
    "harbour.txt": (
        "Harbour fees to rise\n|\n"
        "OSLO, April 4, 2026 — The Oslo harbour authority will raise mooring fees by a tenth in May, "
        "director Ingrid Solberg said on Thursday.\n"
        "A shipping association official, who asked not to be named, said the rise would hurt ferry lines.\n"
    ),
}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three hand-written articles ingested through the whole pipeline into a ledger file."""
    folder = tmp_path_factory.mktemp("check-articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "ledger.duckdb"
    with Ledger(path) as ledger:
        report = ledger.ingest([folder])
    assert report.ok and len(report.stored) == 3, report
    return path


def test_fresh_ledger_has_no_fault(ingested: Path) -> None:
    with Ledger(ingested, read_only=True) as ledger:
        report = check(ledger)
        # the inputs hold both cases the check was written for, so "no fault" says they are fixed
        unknown = ledger._query("SELECT count(*) FROM events WHERE source_country = '---' OR target_country = '---'")
        pairs = ledger._query(
            "SELECT count(*) FROM events WHERE type = 'CONSULT' GROUP BY article_id HAVING count(*) > 1"
        )
    assert report.ok, report.faults
    assert report.checked == KINDS
    assert unknown[0][0] >= 1
    assert pairs, "expected two CONSULT events in one article"


def test_demo_ledger_has_no_fault(demo: Store) -> None:
    assert check(demo).faults == ()


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    with Ledger(":memory:") as led:
        yield led


def _with_events(rec: Record, *actors: tuple[str | None, str | None, str]) -> Record:
    """``rec`` with events known only by their actors' countries: (source country, target country, type)."""
    events = [
        Event(id=f"v{k + 1}", type=etype, source=EventActor(text=f"side {k}", country=src, sector="GOV"),
              target=EventActor(text=f"other side {k}", country=tgt, sector="GOV"), status="planned",
              evidence=Evidence(text=rec.text[:10], span=(0, 10)), reported_by=["s1"])
        for k, (src, tgt, etype) in enumerate(actors)
    ]
    return rec.model_copy(update={"events": events})


MEETING = "the two delegations will meet in Istanbul next week to discuss a ceasefire along the river"


def test_event_countries_are_actors_that_exist(ledger: Ledger) -> None:
    rec = _with_events(build(A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", MEETING)])),
                       ("---", "UKR", "ASSAULT"), ("IGO", "---", "CONSULT"), ("XZZ", "RUS", "CONSULT"))
    assert ledger.add(rec, content_hash=digest(rec))
    refs = ledger._query("SELECT ref_id, role, actor_id FROM actor_refs WHERE role LIKE 'event_%' ORDER BY 1, 2")
    assert refs == [("v1", "event_target", "c:UKR"), ("v3", "event_target", "c:RUS")]
    actors = ledger._query("SELECT actor_id, name, kind, country FROM actors WHERE actor_id IN ('c:UKR', 'c:RUS') "
                           "ORDER BY 1")
    assert actors == [("c:RUS", "Russia", "country", "RUS"), ("c:UKR", "Ukraine", "country", "UKR")]
    assert check(ledger).ok


def test_one_event_key_twice_is_one_document(ledger: Ledger) -> None:
    rec = _with_events(build(A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", MEETING)])),
                       ("RUS", "UKR", "CONSULT"), ("UKR", "RUS", "CONSULT"))
    assert ledger.add(rec, content_hash=digest(rec))
    key = "ev:CONSULT:c:RUS|c:UKR"
    assert ledger._query("SELECT df FROM claim_term_df WHERE term = ?", [key]) == [(1,)]
    assert ledger._query("SELECT count(*) FROM claim_terms WHERE term = ?", [key]) == [(1,)]
    assert check(ledger).ok


BRIDGE = "the Vesterhavn bridge toll will double for heavy lorries from the first of June"


@pytest.fixture
def linked(ledger: Ledger) -> Ledger:
    """Two linked articles: a claim asserted and confirmed (two statement members), the outlets' own voice (each
    filler opening), entities, events, duplicate groups."""
    first = build(A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", BRIDGE)],
                    events=[("CONSULT", "Ingrid Solberg", "Tomas Berg", 0)]))
    second = build(A("a2", "2026-04-02", "Coast Times", [S("Tomas Berg", "confirm", BRIDGE.replace("will", "would"))],
                     filler="entirely different opening words on harbour traffic and ferry timetables"))
    for rec in (first, second):
        assert ledger.add(rec, content_hash=digest(rec))
    # the statements: a1's assertion and a2's confirmation, one claim; each filler opening is the outlet's own voice
    assert ledger._query("SELECT count(*), count(DISTINCT claim_id) FROM claim_members WHERE NOT voice") == [(2, 1)]
    assert ledger._query("SELECT article_id, statement_id FROM claim_members WHERE voice ORDER BY 1") == [
        ("a1", "v1"), ("a2", "v1")]
    assert check(ledger).ok
    return ledger


INJECTIONS: dict[str, list[str]] = {
    "ref_unknown_actor": [
        "INSERT INTO actor_refs VALUES ('c:---', 'a1', 'event_source', 'v1', 'insurgents', 1.0, NULL)"],
    "alias_unknown_actor": [
        "INSERT INTO actor_aliases VALUES ('ghost', NULL, 'p:ghost', 'Ghost', 'test', 1.0, 'a1')"],
    "member_unknown_actor": ["UPDATE claim_members SET actor_id = 'p:nobody' WHERE article_id = 'a2'"],
    "ref_unknown_article": [
        "INSERT INTO actor_refs SELECT actor_id, 'gone', role, ref_id, mention, confidence, evidence "
        "FROM actor_refs WHERE role = 'entity' LIMIT 1"],
    "ref_missing_target": [
        "INSERT INTO actor_refs SELECT actor_id, article_id, 'speaker', 's99', mention, confidence, evidence "
        "FROM actor_refs WHERE role = 'speaker' LIMIT 1"],
    "member_missing_statement": ["DELETE FROM statements WHERE article_id = 'a2' AND statement_id = 's1'"],
    "member_missing_claim": ["UPDATE claim_members SET claim_id = 'c999' WHERE article_id = 'a2'"],
    "member_unknown_role": ["UPDATE claim_members SET role = 'shrug' WHERE article_id = 'a2'"],
    "member_date": ["UPDATE claim_members SET published = DATE '1999-01-01' WHERE article_id = 'a2'"],
    "claim_without_members": [
        "INSERT INTO claims VALUES ('c999', 'A claim', 'uncontested', 'a1', 's1', NULL, 0, 999, [])"],
    "claim_member_count": ["UPDATE claims SET n_members = n_members + 5"],
    "claim_first_not_member": ["UPDATE claims SET first_statement = 's99'"],
    "claim_first_date": ["UPDATE claims SET first_published = DATE '2030-01-01'"],
    "claim_unknown_status": ["UPDATE claims SET status = 'false'"],
    "claim_status_stale": ["UPDATE claims SET status = 'denied'"],
    "posting_unknown_claim": ["INSERT INTO claim_terms VALUES ('ghostword', 'c999')"],
    "duplicate_posting": ["INSERT INTO claim_terms SELECT * FROM claim_terms LIMIT 1"],
    "term_df_mismatch": ["UPDATE claim_term_df SET df = df + 1 WHERE term = (SELECT min(term) FROM claim_term_df)"],
    "article_not_linked": ["DELETE FROM profiles WHERE article_id = 'a2'"],
    "profile_counts": ["UPDATE profiles SET n_named = n_named + 1 WHERE article_id = 'a1'"],
    "profile_unknown_article": [
        "INSERT INTO profiles SELECT 'gone', n_statements, n_named, n_anonymous, attributed_chars, text_chars, "
        "attributed_share, n_claims, linked_at FROM profiles LIMIT 1"],
    "appearance_unknown_article": [
        "INSERT INTO appearances (article_id, input_id, source, origin, seen_at) "
        "VALUES ('gone', 'copy', 'Gazette', 'copy.txt', now())"],
    "dup_signature_missing": ["DELETE FROM dup_signatures WHERE article_id = 'a1'"],
    "dup_group_missing": ["DELETE FROM dup_groups WHERE article_id = 'a2'"],
    "dup_group_unknown_article": ["INSERT INTO dup_groups VALUES ('gone', 'gone', 1.0, NULL)"],
    "dup_group_founder_missing": ["UPDATE dup_groups SET group_id = 'nobody' WHERE article_id = 'a2'"],
    "dup_matched_missing": ["UPDATE dup_groups SET matched = 'gone' WHERE article_id = 'a2'"],
}


def test_every_kind_has_an_injection() -> None:
    assert set(INJECTIONS) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(INJECTIONS))
def test_injected_fault_is_found(linked: Ledger, kind: str) -> None:
    for sql in INJECTIONS[kind]:
        linked.con.execute(sql)
    report = check(linked)
    found = {f.kind: f for f in report.faults}
    assert kind in found, report.faults
    fault = found[kind]
    assert fault.count >= 1 and fault.examples and len(fault.examples) <= fault.count
    assert "relink" in fault.message or "ingest" in fault.message  # every message says what to do


def test_df_fault_names_the_term_and_both_counts(linked: Ledger) -> None:
    (term,) = linked._query("SELECT min(term) FROM claim_term_df")[0]
    linked.con.execute("UPDATE claim_term_df SET df = df + 1 WHERE term = ?", [term])
    linked.con.execute("DELETE FROM claim_term_df WHERE term = (SELECT max(term) FROM claim_term_df)")
    (fault,) = check(linked).faults
    assert fault.kind == "term_df_mismatch" and fault.count == 2
    assert any(e.startswith(f"{term}: df 2, posted for 1 claims") for e in fault.examples), fault.examples
    assert any("df missing, posted for 1 claims" in e for e in fault.examples), fault.examples


# -- the command ------------------------------------------------------------------------------------------------

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_command_no_faults_then_faults(ingested: Path, tmp_path: Path) -> None:
    code, out, _ = invoke("check", "--db", str(ingested))
    assert (code, out.strip()) == (0, f"no faults ({len(KINDS)} checks)")
    code, out, err = invoke("check", "--db", str(ingested), "--format", "jsonl")
    assert (code, out) == (0, "") and "no faults" in err

    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(ingested.read_bytes())
    with Ledger(broken, link=False) as ledger:
        ledger.con.execute("INSERT INTO actor_refs SELECT 'c:---', article_id, 'event_source', event_id, "
                           "source_text, 1.0, NULL FROM events LIMIT 1")
        ledger.con.execute("UPDATE claim_term_df SET df = df + 3")
        (n_terms,) = ledger._query("SELECT count(*) FROM claim_term_df")[0]
    code, out, err = invoke("check", "--db", str(broken))
    assert code == 1
    assert out.startswith("ref_unknown_actor: 1 - ") and "\n  c:--- (event_source of " in out
    assert f"term_df_mismatch: {n_terms} - " in out
    assert "2 kinds of fault" in err
    code, out, _ = invoke("check", "--db", str(broken), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [r["kind"] for r in rows] == ["ref_unknown_actor", "term_df_mismatch"]
    assert rows[1]["count"] == n_terms and len(rows[1]["examples"]) == min(5, n_terms)


def test_command_without_a_ledger(tmp_path: Path) -> None:
    code, _, err = invoke("check", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "no ledger here" in err


def test_unlinked_articles_are_found_and_catch_up_or_rebuild_clears_them(tmp_path: Path) -> None:
    from newsledger import link

    recs = [build(A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", BRIDGE)])),
            build(A("a2", "2026-04-02", "Coast Times", [S("Tomas Berg", "confirm", BRIDGE)],
                    filler="entirely different opening words on harbour traffic and ferry timetables"))]
    with Ledger(tmp_path / "l.duckdb", link=False) as ledger:  # stored, as after a crash before linking
        for rec in recs:
            assert ledger.add(rec, content_hash=digest(rec))
        (fault,) = check(ledger).faults
        assert (fault.kind, fault.count, fault.examples) == ("article_not_linked", 2, ("a1", "a2"))
        assert "`newsledger relink --db FILE`" in fault.message  # ingest needs files: the fix named needs none
        assert link.catch_up(ledger) == 2
        assert check(ledger).ok
        before = ledger._query("SELECT claim_id, status, n_members FROM claims ORDER BY claim_id")
        assert link.rebuild(ledger) == 2
        assert check(ledger).ok
        assert ledger._query("SELECT claim_id, status, n_members FROM claims ORDER BY claim_id") == before
