"""One event per trigger clause and dyad; future acts are not "occurred" (sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsledger.article import Article
from newsledger.nlp.pipeline import Extractor
from newsledger.record import Event

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor() -> Iterator[Extractor]:
    yield Extractor()


def _events(extractor: Extractor, text: str, published: str = "2025-05-14") -> list[Event]:
    return extractor.extract(Article(id="t", text=text, published=published)).events


def _dyads(evs: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, e.source.country, e.target.country if e.target else None) for e in evs]


def test_coordinated_signing_gives_each_ordered_pair_once(extractor: Extractor) -> None:
    evs = _events(extractor, "Kenya and Tanzania will sign a border trade agreement next month, ministers said.")
    assert sorted(_dyads(evs)) == [("SUPPORT", "KEN", "TZA"), ("SUPPORT", "TZA", "KEN")]
    assert all(e.status in {"planned", "reported"} for e in evs)
    assert evs[0].when is not None and (evs[0].when.start, evs[0].when.end) == ("2025-06-01", "2025-06-30")


def test_signing_with_a_partner_is_one_support_event(extractor: Extractor) -> None:
    evs = _events(extractor, "Chile signed a fisheries treaty with Peru.")
    assert _dyads(evs) == [("SUPPORT", "CHL", "PER")]
    assert evs[0].status == "occurred"


def test_coordinated_subjects_agreeing_give_pairs(extractor: Extractor) -> None:
    evs = _events(extractor, "Ghana and Togo agreed on a new customs pact in April.")
    assert {("AGREE", "GHA", "TGO"), ("AGREE", "TGO", "GHA")} <= set(_dyads(evs))


def test_headline_infinitive_is_planned_and_not_repeated(extractor: Extractor) -> None:
    text = ("Peru and Chile to sign fisheries pact next week\n|\n"
            "Peru and Chile will sign a fisheries pact next week, the two governments said.")
    art = Article(id="t", text=text, published="2025-05-14", body_start=text.index("Peru and Chile will"))
    evs = extractor.extract(art).events
    assert sorted(_dyads(evs)) == [("SUPPORT", "CHL", "PER"), ("SUPPORT", "PER", "CHL")]
    assert all(e.evidence.span[0] >= art.body_start for e in evs)


def test_headline_infinitive_alone_is_planned(extractor: Extractor) -> None:
    evs = _events(extractor, "Norway to host talks with Sweden on fishing quotas")
    assert evs and all(e.status == "planned" for e in evs)


def test_date_after_publication_makes_the_act_planned(extractor: Extractor) -> None:
    evs = _events(extractor, "The Polish president visits Lithuania next week.")
    assert evs and all(e.status == "planned" for e in evs)


def test_receiving_an_act_is_not_a_visit(extractor: Extractor) -> None:
    evs = _events(extractor, "Austria received a formal protest over the border closure.")
    assert not any(e.type == "CONSULT" for e in evs)


def test_hosting_talks_is_one_consult_event(extractor: Extractor) -> None:
    evs = _events(extractor, "Qatar hosted talks with Afghan officials in Doha.")
    consult = [d for d in _dyads(evs) if d[0] == "CONSULT"]
    assert consult == [("CONSULT", "QAT", "AFG")]
    assert evs[0].mode == "visit"


def test_title_before_a_name_gives_the_sector(extractor: Extractor) -> None:
    evs = _events(extractor, "Brazilian Foreign Minister Lucas Prado visited Argentina.")
    assert evs and evs[0].source.country == "BRA" and evs[0].source.sector == "GOV"


def test_role_only_actor_keeps_the_unknown_country_code(extractor: Extractor) -> None:
    evs = _events(extractor, "Rebels attacked a Malian army base.")
    assert any(e.source.country == "---" and e.source.sector == "REB" for e in evs)


def test_nearest_of_two_subjects_acts(extractor: Extractor) -> None:
    evs = _events(extractor, "Macron: talks are over; Madrid backs the Italian proposal")
    assert any(e.type == "SUPPORT" and e.source.country == "ESP" for e in evs)
    assert not any(e.type == "SUPPORT" and e.source.country == "FRA" for e in evs)
