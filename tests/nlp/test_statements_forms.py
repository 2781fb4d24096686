"""Attribution forms: quotes split by an addressee cue, single-quoted quotes, "according to" with an appositive."""

from __future__ import annotations

from _statements_helpers import by_cue, check_spans, contents, statements


def test_quote_split_by_cue_with_addressee_keeps_both_quotes() -> None:
    text = "“The harbour will reopen,” he told the shipping board, “once the dredging is finished.”"
    sts = statements(text)
    check_spans(text, sts)
    st = by_cue(sts, "told")
    assert st.kind == "direct"
    assert contents(text, st) == ["“The harbour will reopen,”", "“once the dredging is finished.”"]
    assert "shipping board" not in st.content.text


def test_told_object_is_content_without_quotes() -> None:
    text = "The minister told the truth about the fund."
    st = by_cue(statements(text), "told")
    assert st.content.text == "the truth about the fund"


def test_single_quoted_quote_is_direct() -> None:
    text = "'We will not close the school,' a district spokesman told parents on Friday."
    sts = statements(text)
    check_spans(text, sts)
    st = by_cue(sts, "told")
    assert st.kind == "direct"
    assert st.content.text == "'We will not close the school,'"
    assert st.speaker.anonymous is True


def test_apostrophes_are_not_quote_marks() -> None:
    text = "The district's spokesman said the board didn't vote on the teachers' contract."
    st = by_cue(statements(text), "said")
    assert st.kind == "indirect"
    assert st.content.text == "the board didn't vote on the teachers' contract"


def test_according_to_takes_the_appositive_name() -> None:
    text = "According to the port's chief engineer, Marta Olsen, the crane had been inspected twice."
    sts = statements(text)
    check_spans(text, sts)
    st = by_cue(sts, "According to")
    assert st.speaker.text == "the port's chief engineer, Marta Olsen"
    assert st.speaker.name == "Marta Olsen"
    assert st.speaker.anonymous is False
    assert st.content.text == "the crane had been inspected twice"


def test_headline_semicolon_ends_colon_attribution_and_nearest_subject_speaks() -> None:
    head = "Lindqvist: Sweden must build more ferries; Oslo backs shared shipyard plan\n|\n"
    body = "Former Swedish Premier Anna Lindqvist said on Monday that Sweden needed new ferries.\n"
    text = head + body
    sts = statements(text, body_start=len(head))
    colon = by_cue(sts, ":")
    assert colon.content.text == "Sweden must build more ferries"
    assert colon.speaker.name == "Anna Lindqvist" and colon.speaker.anonymous is False
    backs = by_cue(sts, "backs")
    assert backs.speaker.text == "Oslo"
