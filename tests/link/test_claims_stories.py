"""The claim ledger on stories told the way real coverage tells them (issue 12), on articles written here.

Each record has a headline-like lead paragraph in the outlet's own voice and attributed statements
after it; the linker sees exactly what a parse would give it (statements with spans, stance, about).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from newsledger import Ledger, link
from newsledger.link.check import check
from newsledger.link.embed import encoder
from newsledger.link.propositions import normalise, own_voice
from newsledger.record import Content, Cue, Record, Speaker, Statement

needs_embeddings = pytest.mark.skipif(encoder() is None, reason="the MiniLM package is not installed")


@dataclass
class Said:
    speaker: str | None  # None: an anonymous source
    stance: str
    content: str
    about: int | None = None


@dataclass
class Story:
    id: str
    published: str
    source: str
    lead: str
    said: list[Said] = field(default_factory=list)


def record(story: Story) -> Record:
    text = story.lead + "\n\n"
    statements = []
    for i, s in enumerate(story.said):
        who = s.speaker or "a person close to the talks"
        start = len(text)
        text += f"{who} said {s.content}.\n\n"
        cue = start + len(who) + 1
        cs = cue + len("said ")
        statements.append(Statement(
            id=f"s{i + 1}",
            speaker=Speaker(text=who, span=(start, start + len(who)), name=s.speaker, anonymous=s.speaker is None),
            cue=Cue(text="said", lemma="say", span=(cue, cue + 4)),
            content=Content(text=s.content, spans=[(cs, cs + len(s.content))]),
            kind="indirect", stance=s.stance,  # type: ignore[arg-type]
            about=f"s{s.about + 1}" if s.about is not None else None,
        ))
    return Record(id=story.id, published=story.published, source=story.source, text=text, statements=statements)


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    with Ledger(":memory:") as led:
        yield led


def ingest(ledger: Ledger, *stories: Story) -> None:
    for story in stories:
        rec = record(story)
        assert ledger.add(rec, content_hash=hashlib.sha256(rec.text.encode()).hexdigest())


def claims_of(ledger: Ledger, article_id: str) -> set[str]:
    rows = ledger._query("SELECT DISTINCT claim_id FROM claim_members WHERE article_id = ?", [article_id])
    return {str(r[0]) for r in rows}


def members(ledger: Ledger, article_id: str) -> list[tuple[str, str, str, bool]]:
    """(claim, statement, role, voice) of an article's members."""
    return [(str(a), str(b), str(c), bool(d)) for a, b, c, d in ledger._query(
        "SELECT claim_id, statement_id, role, voice FROM claim_members WHERE article_id = ? ORDER BY statement_id",
        [article_id])]


# -- propositions -----------------------------------------------------------------------


@pytest.mark.parametrize(("content", "role", "text", "anaphoric"), [
    ("I can assure you that is not her account", "deny", None, True),
    ("the reports were not true", "deny", None, True),
    ("no such meeting took place", "deny", None, True),
    ("the claim is false", "deny", None, True),
    ("rumours that the ferry line will close are completely false", "deny", "the ferry line will close", False),
    ("Halvorsen is not stepping down as chair of the board", "deny",
     "Halvorsen is stepping down as chair of the board", False),
    ("the mill won't reopen in the spring", "deny", "the mill will reopen in the spring", False),
    ("its denial that Minister Aalto had met the envoy", "deny", "Minister Aalto had met the envoy", False),
    ("reports that the company plans to acquire the start-up", "assert", "the company plans to acquire the start-up",
     False),
    ("she would not comment on the negotiations", "assert", "she would not comment on the negotiations", False),
])
def test_normalise_frames_negation_and_anaphora(content: str, role: str, text: str | None, anaphoric: bool) -> None:
    prop = normalise(content, "assert")
    assert prop.role == role
    assert prop.anaphoric is anaphoric
    if text is not None:
        assert prop.text == text


def test_own_voice_is_the_lead_that_no_statement_attributes() -> None:
    rec = record(Story("a1", "2026-05-02", "Fjord Post",
                       "Northwind is reportedly close to buying the sensor start-up Brightloom. The deal would be "
                       "its largest in a decade.",
                       [Said("Ines Moreau", "assert", "the talks had stalled twice")]))
    voiced = own_voice(rec)
    assert [v.text for v in voiced] == [
        "Northwind is reportedly close to buying the sensor start-up Brightloom.",
        "The deal would be its largest in a decade.",
    ]
    assert voiced[0].stance == "hedge"
    assert rec.statements and all(v.id.startswith("v") for v in voiced)


# -- one story, one claim -----------------------------------------------------------------


@needs_embeddings
def test_acquire_purchase_buy_meet_in_one_claim(ledger: Ledger) -> None:
    ingest(
        ledger,
        Story("a1", "2026-05-01", "Fjord Post", "Northwind plans to acquire the sensor start-up Brightloom, two "
              "people familiar with the matter said on Friday."),
        Story("a2", "2026-05-02", "Coast Times", "Northwind is near the end of negotiations to purchase Brightloom, "
              "the maker of farm sensors."),
        Story("a3", "2026-05-03", "Valley Ledger", "Northwind is close to buying Brightloom, a sensor start-up "
              "founded in 2019."),
    )
    shared = claims_of(ledger, "a1") & claims_of(ledger, "a2") & claims_of(ledger, "a3")
    assert shared, "three wordings of one rumour should meet in one claim"


@needs_embeddings
def test_own_voice_rumour_joins_the_attributed_claim_and_stays_apart_from_sources(ledger: Ledger) -> None:
    ingest(
        ledger,
        Story("a1", "2026-05-01", "Fjord Post", "Local news in brief from the harbour district this week.",
              [Said("Ines Moreau", "assert", "Northwind is in talks to buy the sensor start-up Brightloom")]),
        Story("a2", "2026-05-02", "Coast Times", "Northwind is in advanced talks to buy the sensor start-up "
              "Brightloom."),
    )
    shared = claims_of(ledger, "a1") & claims_of(ledger, "a2")
    assert shared
    row = next(c for c in link.claims(ledger) if c.claim_id in shared)
    assert [v.name for v in row.asserted_by] == ["Ines Moreau"]
    assert [v.name for v in row.told_by] == ["outlet: Coast Times"]
    assert row.n_sources == 1  # the outlet's voice is not a second source
    statements = ledger._query("SELECT count(*) FROM statements WHERE article_id = 'a2'")
    assert statements == [(0,)]  # the own voice is never a statement of the record


# -- denials on the rumour's side ------------------------------------------------------------


@needs_embeddings
def test_negated_assertion_denies_the_rumour(ledger: Ledger) -> None:
    ingest(
        ledger,
        Story("a1", "2026-06-01", "Fjord Post", "Singer Mara Lind has quit the band Northern Gale, a fan site "
              "claimed on Sunday."),
        Story("a2", "2026-06-02", "Coast Times", "Weather and traffic notes for the coming week in the region.",
              [Said("Tove Aasen", "assert", "Mara Lind has not quit the band Northern Gale")]),
    )
    shared = claims_of(ledger, "a1") & claims_of(ledger, "a2")
    assert shared
    row = next(c for c in link.claims(ledger) if c.claim_id in shared)
    assert [v.name for v in row.denied_by] == ["Tove Aasen"]
    assert not row.asserted_by


@needs_embeddings
def test_anaphoric_denial_answers_the_articles_story(ledger: Ledger) -> None:
    ingest(
        ledger,
        Story("a1", "2026-06-01", "Fjord Post", "Mayor Petra Holm will resign before the summer, a blog "
              "reported."),
        Story("a2", "2026-06-02", "Coast Times", "Mayor Petra Holm is to resign before the summer, according to "
              "a report.", [Said("Karim Dahl", "assert", "these claims are absolutely and completely false")]),
    )
    rows = [m for m in members(ledger, "a2") if m[1] == "s1"]
    assert rows and rows[0][2] == "deny"
    assert rows[0][0] in claims_of(ledger, "a1")


@needs_embeddings
def test_denial_of_reports_joins_the_claim_it_denies(ledger: Ledger) -> None:
    ingest(
        ledger,
        Story("a1", "2026-06-01", "Fjord Post", "Tenor Viktor Sato was found dead in his Vienna flat, "
              "a tabloid said."),
        Story("a2", "2026-06-02", "Coast Times", "Opera season notes and ticket prices for the autumn.",
              [Said("Viktor Sato", "deny", "reports that he had been found dead in his Vienna flat")]),
    )
    denial = [m for m in members(ledger, "a2") if m[1] == "s1"]
    assert denial and denial[0][2] == "deny"
    assert denial[0][0] in claims_of(ledger, "a1")


def test_a_generic_denial_from_another_story_joins_no_claim(ledger: Ledger) -> None:
    ingest(
        ledger,
        Story("a1", "2026-06-01", "Fjord Post", "Northwind is in talks to buy the sensor start-up Brightloom."),
        Story("a2", "2026-06-03", "Coast Times", "The fishing quota for cod was raised by a tenth on Monday.",
              [Said("Yusuf Berg", "assert", "such plans are often denied and the reports are not true")]),
    )
    a1 = claims_of(ledger, "a1")
    assert not a1 & {m[0] for m in members(ledger, "a2") if m[2] == "deny"}


def test_a_quote_about_being_happy_does_not_join_another_story(ledger: Ledger) -> None:
    ingest(
        ledger,
        Story("a1", "2026-06-01", "Fjord Post", "The ferry to Ulla island will run twice a day from July.",
              [Said("Nadia Quist", "assert", "she was very happy with the new timetable for the island")]),
        Story("a2", "2026-06-02", "Coast Times", "The chess club of Graz won the regional cup on Saturday.",
              [Said("Oskar Varga", "assert", "he was very happy with how his young team had played")]),
    )
    assert not claims_of(ledger, "a1") & claims_of(ledger, "a2")


# -- counts --------------------------------------------------------------------------------


def test_independent_sources_count_speakers_not_reprints(ledger: Ledger) -> None:
    prop = "the Riga port authority will raise harbour fees by a fifth in March"
    ingest(
        ledger,
        Story("a1", "2026-02-01", "Fjord Post", "Shipping notes.", [Said("Greta Novak", "assert", prop)]),
        Story("a2", "2026-02-02", "Coast Times", "Shipping notes again.", [Said("Greta Novak", "assert", prop)]),
        Story("a3", "2026-02-03", "Valley Ledger", "Dock workers in three Baltic ports voted on Sunday to accept "
              "a new wage deal after a week of talks with the employers. Cargo traffic was normal all week.",
              [Said("Hugo Weber", "assert", prop)]),
    )
    row = next(c for c in link.claims(ledger) if c.asserted_by and c.text.lower().startswith("the riga port"))
    assert row.n_sources == 2  # Novak twice is one source; Weber is another
    assert row.n_outlets == 2  # a2 repeats a1 word for word: one duplicate group
    assert not row.single_source
    lone = [c for c in link.claims(ledger) if c.claim_id != row.claim_id and c.asserted_by]
    assert all(c.claim_id != row.claim_id for c in link.claims(ledger, min_sources=3))
    assert row.claim_id in {c.claim_id for c in link.claims(ledger, min_sources=2)}
    assert all(c.single_source for c in lone)


@needs_embeddings
def test_a_bridging_article_merges_two_claims(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    claims_module = importlib.import_module("newsledger.link.claims")  # the module, not link.claims (a query)

    for name in ("COMBINED_THRESHOLD", "VOICE_THRESHOLD", "LEXICAL_THRESHOLD"):
        monkeypatch.setattr(claims_module, name, 0.99)  # the first two wordings found claims of their own
    ingest(
        ledger,
        Story("a1", "2026-06-01", "Fjord Post", "The council of Porto approved the new tram line to the airport on "
              "Tuesday."),
        Story("a2", "2026-06-02", "Coast Times", "Porto's council gave its approval to an airport tram line."),
    )
    assert not claims_of(ledger, "a1") & claims_of(ledger, "a2")
    for name in ("COMBINED_THRESHOLD", "VOICE_THRESHOLD", "MERGE_THRESHOLD", "MERGE_CORE_MIN"):
        monkeypatch.setattr(claims_module, name, 0.3)  # ... and a third bridges them
    ingest(ledger, Story("a3", "2026-06-03", "Valley Ledger", "Porto's council approved a tram line to the airport "
                         "on Tuesday."))
    assert claims_of(ledger, "a1") & claims_of(ledger, "a2") & claims_of(ledger, "a3")
    rows = ledger._query("SELECT claim_id, into_claim, article_id, reason FROM claim_merges")
    assert len(rows) == 1 and rows[0][2] == "a3"
    for gone, into, _, reason in rows:  # a merge leaves no member, posting or vector behind
        assert reason and gone != into
        assert ledger._query("SELECT count(*) FROM claim_members WHERE claim_id = ?", [gone]) == [(0,)]
        assert ledger._query("SELECT count(*) FROM claims WHERE claim_id = ?", [gone]) == [(0,)]
    assert check(ledger).ok, check(ledger).faults
