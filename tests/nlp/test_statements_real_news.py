"""Failures seen on real news (issue 11): page furniture, non-report predicates, missed quote forms, content
boundaries, invisible characters in names, denials spoken as negated assertions and non-answers.

Every sentence here is written for the test."""

from __future__ import annotations

import pytest
from _statements_helpers import by_cue, check_spans, contents, run, statements

FURNITURE = [
    "READ MORE: Why the council voted against the new stadium plan.",
    "WATCH: The harbour master explains the new tide tables in two minutes.",
    "CURRENCIES: The dollar rose against the yen on Tuesday.",
    "Warning: This story contains details of violence that some readers may find upsetting.",
    "A SIMPLE GUIDE: How do I protect my garden from the frost?",
    "Coronavirus: New York ramps up testing as cases climb.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_page_furniture_before_a_colon_is_no_speaker(line: str) -> None:
    text = line + "\n\nThe council met on Monday in the town hall."
    sts = statements(text)
    left = line.split(":")[0]
    assert not any(st.cue.text == ":" for st in sts), [(s.speaker.text, s.content.text) for s in sts]
    assert not any(st.speaker.text is not None and left in st.speaker.text for st in sts)


@pytest.mark.parametrize("line", [
    "WATCH: The harbour master explains the new tide tables in two minutes.",
    "READ MORE: The mayor says the bridge will open in May.",
])
def test_a_link_title_after_a_label_reports_nothing(line: str) -> None:
    assert statements(line + "\n\nThe council met on Monday in the town hall.") == []


@pytest.mark.parametrize("text", [
    "By Jane Porter and Tom Reyes\n\nThe council met on Monday in the town hall.",
    "By JANE PORTER, Associated Press\n\nThe council met on Monday in the town hall.",
    "Written by Jane Porter\nPublished 3 March 2020\n\nThe council met on Monday in the town hall.",
    "Jane Porter: Reporter\n\nThe council met on Monday in the town hall.",
    "The council met on Monday in the town hall.\n\n(Reporting by Jane Porter; Editing by Ann Fox)",
    "Contact the writer: Jane Porter at jporter@example.com\n\nThe council met on Monday in the town hall.",
])
def test_bylines_are_no_statements(text: str) -> None:
    assert statements(text) == [], [(s.speaker.text, s.cue.text, s.content.text) for s in statements(text)]


@pytest.mark.parametrize("line", [
    "Senator Ruiz: We will vote against the bill.",
    "Mayor: The bridge will open in May.",
    "Poll: Most voters back the new bridge.",
])
def test_a_speaker_before_a_colon_still_speaks(line: str) -> None:
    text = line + "\n\nThe council met on Monday in the town hall."
    st = by_cue(statements(text), ":")
    assert st.speaker.text == line.split(":")[0]
    assert st.content.text == line.split(": ")[1].rstrip(".")


@pytest.mark.parametrize("text", [
    "Spain has recorded about 157,000 cases of the disease.",
    "Chicago imposed a curfew on the downtown area.",
    "Two forwards each added a goal and an assist in the win.",
    "The by-election win allows the minority government to continue.",
])
def test_predicates_that_report_nothing_are_no_statements(text: str) -> None:
    assert statements(text) == [], [(s.cue.text, s.content.text) for s in statements(text)]


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The inspectors found that the dam had been poorly maintained.", "found",
     "that the dam had been poorly maintained"),
    ("The harbour master believes the storm will pass by Friday.", "believes", "the storm will pass by Friday"),
    ("Lopez argued that the tax was too high.", "argued", "that the tax was too high"),
])
def test_speech_and_belief_stay_statements(text: str, cue: str, content: str) -> None:
    st = by_cue(statements(text), cue)
    assert st.content.text == content


@pytest.mark.parametrize(("text", "speaker", "cue", "quote", "stance"), [
    ('"Is anyone listening?" Ortega asked.', "Ortega", "asked", '"Is anyone listening?"', "question"),
    ('"How can they do this to a family?" Mara said.', "Mara", "said", '"How can they do this to a family?"',
     "assert"),
    ('"The council failed," the auditor states.', "the auditor", "states", '"The council failed,"', "assert"),
    ('"It does say that in the memo," Dunn said.', "Dunn", "said", '"It does say that in the memo,"', "assert"),
    ('"We won!" shout Ada and Lee.', "Ada and Lee", "shout", '"We won!"', "assert"),
])
def test_direct_quote_then_short_attribution(text: str, speaker: str, cue: str, quote: str, stance: str) -> None:
    sts = statements(text)
    check_spans(text, sts)
    st = by_cue(sts, cue)
    assert st.speaker.text == speaker
    assert st.content.text == quote
    assert st.kind == "direct"
    assert st.stance == stance
    assert len(sts) == 1


def test_told_an_addressee_gives_no_content() -> None:
    sts = statements("Three people who were at the scene told the agency.")
    assert not any(st.content.text == "the agency" for st in sts)


def test_told_the_agency_keeps_the_clause_it_was_told() -> None:
    st = by_cue(statements("Three witnesses told the agency that the fire began in the kitchen."), "told")
    assert st.content.text == "that the fire began in the kitchen"


def test_clause_misread_as_object_and_second_verb_is_kept_whole() -> None:
    text = "Garland said rising rents and lost wages over a decade have broad effects."
    st = by_cue(statements(text), "said")
    assert st.content.text == "rising rents and lost wages over a decade have broad effects"


def test_said_with_a_plain_object_is_unchanged() -> None:
    st = by_cue(statements("The minister said nothing and left the room."), "said")
    assert "left the room" not in st.content.text


def test_zero_width_character_after_a_name_still_resolves_the_speaker() -> None:
    text = "Chidi Okafor, the engineer, inspected the bridge on Monday. Okafor\u200b said it would reopen in May."
    sts, table = run(text)
    st = by_cue(sts, "said")
    assert st.speaker.text == "Okafor"
    assert st.speaker.span is not None and text[st.speaker.span[0] : st.speaker.span[1]] == "Okafor"
    okafor = next(e for e in table.entities if e.name == "Chidi Okafor")
    assert st.speaker.entity == okafor.id


@pytest.mark.parametrize(("text", "cue"), [
    ('"I can assure you that is not her account," her agent said.', "said"),
    ("The reports were not true, he said.", "said"),
    ("No such meeting took place, the ministry said.", "said"),
    ("The claim is false, a spokesman said.", "said"),
])
def test_negated_assertion_of_a_claim_is_a_denial(text: str, cue: str) -> None:
    assert by_cue(statements(text), cue).stance == "deny"


def test_denial_points_at_the_claim_it_answers() -> None:
    text = ("The newspaper reported that the mayor met the developer in March. "
            "No such meeting took place, the mayor's office said.")
    sts = statements(text)
    reported = by_cue(sts, "reported")
    denial = next(st for st in sts if st.content.text == "No such meeting took place")
    assert denial.stance == "deny"
    assert denial.about == reported.id


@pytest.mark.parametrize("text", [
    "The mayor said the bridge was not finished.",
    "The minister said she had not met the developer.",  # nothing said before it to deny
    "The report was published on Tuesday, officials said.",
])
def test_negated_statements_of_fact_stay_assertions(text: str) -> None:
    assert by_cue(statements(text), "said").stance == "assert"


def test_no_response_to_a_request_for_comment_takes_no_side() -> None:
    text = "The developer did not respond to a request for comment."
    assert statements(text) == []


def test_declining_to_comment_stays_neither() -> None:
    st = statements("The developer declined to comment on the report.")[0]
    assert st.stance == "neither"


def test_quoted_paragraph_after_a_named_speaker_continues_the_statement() -> None:
    text = ('Mayor Ellen Park said the bridge would open in May.\n\n'
            '"We have waited long enough. The town deserves a bridge."\n\nThe council meets again on Friday.')
    sts = statements(text)
    check_spans(text, [st for st in sts if len(st.content.spans) == 1])
    st = by_cue(sts, "said")
    assert st.speaker.text == "Mayor Ellen Park"
    assert contents(text, st) == ["the bridge would open in May",
                                  '"We have waited long enough. The town deserves a bridge."']
    assert st.kind == "mixed"


def test_quoted_paragraph_two_paragraphs_away_stays_unattributed() -> None:
    text = ('Mayor Ellen Park said the bridge would open in May.\n\nThe council approved the budget on Tuesday.'
            '\n\n"We have waited long enough."')
    st = by_cue(statements(text), "said")
    assert contents(text, st) == ["the bridge would open in May"]


def test_negated_answer_to_an_earlier_report_is_a_denial_of_it() -> None:
    text = "The newspaper reported that Vance met Ruiz in March. Vance said he had not met Ruiz."
    sts = statements(text)
    reported, answer = by_cue(sts, "reported"), by_cue(sts, "said")
    assert answer.stance == "deny"
    assert answer.about == reported.id


def test_negation_of_another_predicate_is_no_denial() -> None:
    text = "The council said the bridge would open in May. The mayor said the bridge was not finished."
    answer = statements(text)[1]
    assert answer.stance == "assert"
    assert answer.about is None


def test_contradiction_spoken_as_a_negated_assertion_is_a_denial() -> None:
    sts = statements("Ellen Park said the ferry would stop. Tom Hale said the ferry would not stop.")
    assert sts[0].stance == "assert" and sts[0].about is None
    assert sts[1].stance == "deny" and sts[1].about == sts[0].id


def test_pronoun_speaker_is_not_the_named_interviewer_it_speaks_to() -> None:
    text = ('Radio host Tom Lane interviewed Mayor Ellen Park on Monday. '
            '"We will finish the bridge," she told Lane.')
    st = by_cue(statements(text), "told")
    assert st.speaker.text == "she"
    assert st.speaker.name == "Ellen Park"


def test_pronoun_addressee_does_not_move_the_speaker() -> None:
    text = ('Mayor Ellen Park spoke to radio host Tom Lane on Monday. '
            '"We will finish the bridge," she told him.')
    assert by_cue(statements(text), "told").speaker.name == "Ellen Park"
