"""Event coding: role-only actors, allegations through the statement layer, mis-parsed lists, and the
per-document caches of the coder (sentences written for these tests)."""

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


def _dyads(evs: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.type, e.source.country, e.target.country if e.target else None) for e in evs}


def test_role_only_source_opposite_a_country(extractor: Extractor) -> None:
    evs = _events(extractor, "Rebels shelled the Ethiopian town of Dessie on Monday.")
    assert _dyads(evs) == {("ASSAULT", events.UNKNOWN_COUNTRY, "ETH")}
    assert evs[0].source.sector == "REB"


def test_role_only_actors_without_a_country_give_no_event(extractor: Extractor) -> None:
    assert _events(extractor, "Protesters attacked the police.") == []


def test_statement_speaker_alleging_an_attack_is_accuse(extractor: Extractor) -> None:
    found = _dyads(_events(extractor, "Azerbaijan said that Armenia had shelled its villages."))
    assert ("ACCUSE", "AZE", "ARM") in found
    assert ("ASSAULT", "ARM", None) in found


def test_no_allegation_for_a_planned_or_denied_attack(extractor: Extractor) -> None:
    assert not any(e.type == "ACCUSE" for e in _events(extractor, "Greece said Turkey would attack its islands."))
    denied = _events(extractor, "Moldova denied that Russian troops had attacked Ukraine.")
    assert not any(e.type == "ACCUSE" for e in denied)
    assert any(e.type == "ASSAULT" and e.status == "denied" for e in denied)


def test_list_parsed_as_apposition_gives_every_pair(extractor: Extractor) -> None:
    found = _dyads(_events(extractor, "France, Germany, and Italy met on Monday."))
    codes = ("FRA", "DEU", "ITA")
    assert found == {("CONSULT", a, b) for a in codes for b in codes if a != b}


def test_no_targetless_duplicate_of_a_targeted_event(extractor: Extractor) -> None:
    evs = _events(extractor, "The Kenyan foreign minister met with Ugandan officials in Kampala to discuss trade.")
    assert ("CONSULT", "KEN", "UGA") in _dyads(evs)
    assert ("CONSULT", "KEN", None) not in _dyads(evs)
    assert [e.id for e in evs] == [f"v{n}" for n in range(1, len(evs) + 1)]


def test_contexts_and_evidence_from_the_per_document_caches(extractor: Extractor) -> None:
    text = ("Australia imposed sanctions on Belarus over the election. "
            "Separately, Turkish troops withdrew from Syria after the ceasefire.")
    evs = {e.type: e for e in _events(extractor, text)}
    assert evs["SANCTION"].contexts == ["economic", "election"]
    assert "military" in evs["RETREAT"].contexts and "economic" not in evs["RETREAT"].contexts
    assert evs["RETREAT"].evidence.text.startswith("Separately, Turkish troops withdrew from Syria")
    start, end = evs["RETREAT"].evidence.span
    assert text[start:end] == evs["RETREAT"].evidence.text


def test_subtree_ends_match_the_subtree(extractor: Extractor) -> None:
    doc = extractor.nlp("The US commander in Iraq, General David Petraeus, held talks with President Michel Suleiman "
                        "during a surprise visit to Beirut on Wednesday, offering further military support to Lebanon.")
    for tok in doc:
        sub = list(tok.subtree)
        assert events._subtree_ends(tok) == (sub[0], sub[-1])
