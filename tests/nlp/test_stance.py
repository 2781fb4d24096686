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
    # (a negated answer, "Tom Hale said the ferry would not stop", denies: test_statements_real_news.py)
    sts = statements("Ellen Park said the ferry would stop. Tom Hale said the ferry would run late.")
    assert all(s.about is None for s in sts)


def test_short_answer_links_to_the_statement_that_holds_its_words() -> None:
    from _statements_helpers import by_cue, statements

    sts = statements("Negotiators agreed to exchange 500 prisoners, according to Turkish Foreign Minister Hakan "
                     "Fidan. Rustem Umerov, who led Ukraine's delegation, confirmed the exchange.")
    fidan = by_cue(sts, "according to")
    assert by_cue(sts, "confirmed").about == fidan.id


def test_denial_of_reports_answers_the_reports() -> None:
    from _statements_helpers import by_cue, statements

    sts = statements('Russian Foreign Minister Sergei Lavrov went further, dismissing as "pure fiction" reports '
                     "that Moscow had agreed to halt strikes on the port of Odesa.")
    deny = by_cue(sts, "dismissing")
    assert deny.stance == "deny" and deny.speaker.name == "Sergei Lavrov"
    assert deny.content.text.startswith("reports that Moscow")
    assert deny.about == by_cue(sts, "reports").id


def test_neither_confirm_nor_deny_a_claim() -> None:
    from _statements_helpers import by_cue, statements

    sts = statements("Spokesperson Heorhii Tykhyi would neither confirm nor deny Mr. Trump's claim that he had "
                     "spoken with Mr. Putin.")
    st = by_cue(sts, "would neither confirm nor deny")
    assert st.stance == "neither"


def test_rejected_accusations_are_a_denial_of_what_they_say() -> None:
    from _statements_helpers import by_cue, statements

    sts = statements("The trade chief warned on Friday that the bloc could go to the WTO over duties on pork, as "
                     "Beijing rejected accusations that the measure was retaliation for tariffs on cars.")
    warned, rejected = by_cue(sts, "warned"), by_cue(sts, "rejected")
    assert "Beijing" not in warned.content.text  # the warning stops before the other statement
    assert rejected.stance == "deny" and rejected.about is None


def test_anonymity_formula_is_not_a_statement() -> None:
    from _statements_helpers import statements

    sts = statements("A European diplomat, who asked not to be named, said the confusion did not help.")
    assert [st.cue.text for st in sts] == ["said"]


def test_requested_speech_is_not_a_statement() -> None:
    from _statements_helpers import statements

    sts = statements("The union demanded that the company disclose whether employee records were accessed.")
    assert [st.cue.text for st in sts] == ["demanded"]


def test_even_as_clause_is_its_own_answering_statement() -> None:
    from _statements_helpers import by_cue, statements

    sts = statements("The White House confirmed that President Trump had spoken with President Putin over the "
                     "weekend, even as the Kremlin flatly denied that any such conversation had taken place.")
    confirmed, denied = by_cue(sts, "confirmed"), by_cue(sts, "flatly denied")
    assert "Kremlin" not in confirmed.content.text
    assert denied.stance == "deny" and denied.about == confirmed.id
