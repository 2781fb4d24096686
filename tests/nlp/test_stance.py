"""Stance of statements, with negation and modality, and about-links."""

from __future__ import annotations

import pytest
from _statements_helpers import statements


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Ellen Park said that the ferry would stop in June.", "assert"),
        ("The mining company denied that it had polluted the river.", "deny"),
        ("The company confirmed that it had cut 200 jobs.", "confirm"),
        ("The minister declined to say whether the plant would close.", "neither"),
        ("The harbour authority would neither confirm nor deny the report.", "neither"),
        ("The minister did not deny that the plant would close.", "neither"),
        ("The union hinted that a strike could begin next week.", "hedge"),
        ("Governor Ruth Adams vowed to veto the bill.", "intend"),
        ("Governor Ruth Adams urged lawmakers to pass the bill.", "demand"),
        ("Reporters asked whether the governor would resign.", "question"),
    ],
)
def test_stance(text: str, stance: str) -> None:
    sts = statements(text)
    assert len(sts) == 1, [s.cue.text for s in sts]
    assert sts[0].stance == stance


def test_did_not_deny_is_not_deny() -> None:
    st = statements("The minister did not deny that the plant would close.")[0]
    assert st.stance != "deny"
    assert st.cue.text == "did not deny"


def test_added_plans_to_is_intend() -> None:
    sts = statements("Tom Hale added that he plans to visit the harbour next week.")
    assert sts[0].stance == "intend"


def test_about_points_to_the_claim_answered() -> None:
    text = ("Ellen Park said the ferry would stop in June. Tom Hale praised the harbour. "
            "The harbour authority could not confirm or deny Park’s claim.")
    sts = statements(text)
    answer = sts[-1]
    assert answer.stance == "neither"
    assert answer.about == sts[0].id
    assert sts[0].about is None


def test_about_is_null_for_assertions() -> None:
    sts = statements("Ellen Park said the ferry would stop. Tom Hale said the ferry would not stop.")
    assert all(s.about is None for s in sts)
