"""Event coding on sentences written for these tests (PLOVER types, statuses, dates)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsledger.article import Article
from newsledger.nlp import events
from newsledger.nlp.pipeline import Extractor
from newsledger.record import Event

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor() -> Iterator[Extractor]:
    yield Extractor()


def _events(extractor: Extractor, text: str, published: str = "2024-03-06") -> list[Event]:
    return extractor.extract(Article(id="t", text=text, published=published)).events


TYPES = [
    ("AGREE", "Germany agreed to help Poland.", "DEU", "POL"),
    ("CONSULT", "The Japanese prime minister met with Indian officials in Tokyo.", "JPN", "IND"),
    ("SUPPORT", "Canada praised Mexico for its reforms.", "CAN", "MEX"),
    ("CONCEDE", "Armenia conceded to Azerbaijan after the vote.", "ARM", "AZE"),
    ("COOPERATE", "Norway and Sweden will cooperate on energy security.", "NOR", "SWE"),
    ("AID", "The Netherlands sent aid to Sudan.", "NLD", "SDN"),
    ("RETREAT", "Turkish troops withdrew from Syria.", "TUR", "SYR"),
    ("REQUEST", "Brazil urged Argentina to reopen the border.", "BRA", "ARG"),
    ("ACCUSE", "Iran condemned Israel over the raid.", "IRN", "ISR"),
    ("REJECT", "Hungary rejected the Austrian proposal.", "HUN", "AUT"),
    ("THREATEN", "North Korea threatened South Korea with retaliation.", "PRK", "KOR"),
    ("PROTEST", "Kenyan students protested against the government in Nairobi.", "KEN", "KEN"),
    ("SANCTION", "Australia imposed sanctions on Belarus.", "AUS", "BLR"),
    ("MOBILIZE", "China deployed troops to the Indian border.", "CHN", "IND"),
    ("COERCE", "Egyptian police arrested a Sudanese journalist.", "EGY", "SDN"),
    ("ASSAULT", "Russian forces shelled Kharkiv.", "RUS", "UKR"),
]


@pytest.mark.parametrize(("typ", "text", "src", "tgt"), TYPES)
def test_every_plover_type(extractor: Extractor, typ: str, text: str, src: str, tgt: str) -> None:
    found = {(e.type, e.source.country, e.target.country if e.target else None) for e in _events(extractor, text)}
    assert (typ, src, tgt) in found


def test_sectors_and_modes(extractor: Extractor) -> None:
    evs = _events(extractor, "Egyptian police arrested a Sudanese journalist.")
    assert evs[0].mode == "arrest" and evs[0].source.sector == "COP"


STATUSES = [
    ("occurred", "Russian forces shelled Kharkiv."),
    ("planned", "The Chinese foreign minister plans to visit Brazil next week."),
    ("possible", "Spain could recognise Palestine."),
    ("negated", "Italy did not attack Libya."),
    ("reported", "Officials said that Vietnam had arrested a Thai diplomat."),
    ("denied", "Pakistan denied that it had attacked India."),
]


@pytest.mark.parametrize(("status", "text"), STATUSES)
def test_every_status(extractor: Extractor, status: str, text: str) -> None:
    assert status in {e.status for e in _events(extractor, text)}


def test_reported_links_statements(extractor: Extractor) -> None:
    rec = extractor.extract(Article(id="t", text="Officials said that Vietnam had arrested a Thai diplomat.",
                                    published="2024-03-06"))
    ev = next(e for e in rec.events if e.type == "COERCE")
    assert ev.status == "reported"
    if rec.statements:  # the statement stage links the event to what carries it
        assert set(ev.reported_by) <= {s.id for s in rec.statements} and ev.reported_by


def test_planned_meeting_has_resolved_week(extractor: Extractor) -> None:
    ev = _events(extractor, "The Chinese foreign minister plans to visit Brazil next week.")[0]
    assert ev.when is not None and (ev.when.start, ev.when.end) == ("2024-03-11", "2024-03-17")
    assert ev.source.sector == "GOV"


def test_coordinated_subjects_meet_pairwise(extractor: Extractor) -> None:
    dyads = {(e.source.country, e.target.country if e.target else None)
             for e in _events(extractor, "France, Italy and Spain met on Monday.")}
    assert {("FRA", "ITA"), ("ITA", "FRA"), ("ESP", "FRA")} <= dyads


def test_future_cooperation_rule(extractor: Extractor) -> None:
    # a commitment to a cooperative act is AGREE; a refusal of one is REJECT
    assert "AGREE" in {e.type for e in _events(extractor, "Japan wants to help Vietnam.")}
    assert "REJECT" in {e.type for e in _events(extractor, "Chile said it would not provide support to Peru.")}
    assert "THREATEN" in {e.type for e in _events(extractor, "Sudan wants to attack Chad.")}


def test_passive_agent(extractor: Extractor) -> None:
    evs = _events(extractor, "Two Iraqi diplomats were expelled by Iran.")
    assert ("SANCTION", "IRN", "IRQ") in {(e.type, e.source.country, e.target.country if e.target else None)
                                      for e in evs}


def test_spans_are_valid(extractor: Extractor) -> None:
    rec = extractor.extract(Article(id="t", text="Australia imposed sanctions on Belarus on Tuesday.",
                                    published="2024-03-06"))
    assert rec.events and not rec.span_errors()
    assert rec.events[0].when is not None and rec.events[0].when.start == "2024-03-05"


def test_patterns_are_extendable(tmp_path: object) -> None:
    from pathlib import Path

    extra = Path(str(tmp_path)) / "mine.tsv"
    extra.write_text("SUPPORT\t-\tV\tsalute\ttgt=obj\n", encoding="utf-8")
    pats = events.load_patterns(extra=[extra], use_env=False)
    assert any(r.type == "SUPPORT" for r in pats.rules[("salute", "V")])
    assert ("talk", "N") in pats.rules and "hold" in pats.special["LIGHT"]
