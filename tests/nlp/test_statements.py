"""Statements: one test per attribution form, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from _statements_helpers import by_cue, check_spans, contents, statements

from newsledger.nlp.statements import load_cues, set_lexicon


def test_direct_quote_before_cue() -> None:
    text = '"We will rebuild the bridge by spring," Mayor Ellen Park said.'
    st = by_cue(statements(text), "said")
    assert st.kind == "direct"
    assert contents(text, st) == ['"We will rebuild the bridge by spring,"']
    assert st.speaker.text == "Mayor Ellen Park"
    assert st.speaker.name == "Ellen Park"


def test_direct_quote_after_colon_cue() -> None:
    text = 'Mayor Ellen Park said: "The budget is sound and the bridge will open."'
    st = statements(text)[0]
    assert st.cue.text.startswith("said")
    assert st.kind == "direct"
    assert contents(text, st) == ['"The budget is sound and the bridge will open."']


def test_quote_split_by_cue_has_two_spans() -> None:
    text = '"The budget is sound," Ellen Park said, "and the bridge will open in May."'
    st = by_cue(statements(text), "said")
    assert contents(text, st) == ['"The budget is sound,"', '"and the bridge will open in May."']
    assert st.kind == "direct"


def test_indirect_told_that() -> None:
    text = "The finance minister told reporters that the talks had stalled."
    st = by_cue(statements(text), "told")
    assert st.kind == "indirect"
    assert contents(text, st) == ["that the talks had stalled"]
    assert st.speaker.text == "The finance minister"


@pytest.mark.parametrize("verb", ["revealed", "argued", "warned"])
def test_indirect_reporting_verbs(verb: str) -> None:
    text = f"Tom Hale {verb} that the harbour was too shallow for large ships."
    st = by_cue(statements(text), verb)
    assert contents(text, st) == ["that the harbour was too shallow for large ships"]
    assert st.speaker.text == "Tom Hale"


def test_mixed_quote() -> None:
    text = 'Park said the proposal was "a disaster for the harbour district."'
    st = by_cue(statements(text), "said")
    assert st.kind == "mixed"
    assert contents(text, st) == ['the proposal was "a disaster for the harbour district."']


def test_according_to() -> None:
    text = "According to the ministry, exports fell by a third in March."
    st = statements(text)[0]
    assert st.kind == "according_to"
    assert st.cue.text == "According to"
    assert st.speaker.text == "the ministry"
    assert contents(text, st) == ["exports fell by a third in March"]


def test_noun_cue_claim_that() -> None:
    text = "Engineers rejected Ellen Park’s claim that the tunnel is safe."
    st = by_cue(statements(text), "claim")
    assert contents(text, st) == ["that the tunnel is safe"]
    assert st.speaker.name == "Ellen Park"


def test_participle_cue_adding_shares_the_speaker() -> None:
    text = "Tom Hale praised the budget, adding that the schools would get more money."
    st = by_cue(statements(text), "adding")
    assert st.speaker.text == "Tom Hale"
    assert contents(text, st) == ["that the schools would get more money"]


def test_cue_in_a_statement() -> None:
    text = "The agency said in a statement that the reactor was safe."
    st = statements(text)[0]
    assert st.cue.text == "said in a statement"
    assert contents(text, st) == ["that the reactor was safe"]


def test_multi_sentence_quote_and_following_quoted_paragraph() -> None:
    text = ('"The river is rising. We expect floods by Friday," Park said.\n\n'
            '"Residents should move their cars to higher ground."\n\nThe council met later.')
    sts = statements(text)
    assert len(sts) == 1
    assert contents(text, sts[0]) == ['"The river is rising. We expect floods by Friday,"',
                                      '"Residents should move their cars to higher ground."']


def test_parenthetical_cue() -> None:
    text = "The new bridge, Park said, will cost less than the old ferry."
    st = by_cue(statements(text), "said")
    joined = " ".join(contents(text, st))
    assert "The new bridge" in joined and "will cost less than the old ferry" in joined
    assert "said" not in joined


def test_headline_colon_attribution() -> None:
    text = "Mayor Ellen Park: Bridge Will Open in May\n\nThe mayor spoke on Monday at the harbour."
    sts = statements(text)
    st = by_cue(sts, ":")
    assert st.speaker.text == "Mayor Ellen Park"
    assert contents(text, st) == ["Bridge Will Open in May"]


def test_confirm_or_deny_is_one_cue() -> None:
    text = "The port authority could not confirm or deny the report."
    sts = statements(text)
    assert len(sts) == 1
    assert sts[0].cue.text == "could not confirm or deny"
    assert sts[0].stance == "neither"


def test_ids_in_text_order_and_spans_exact() -> None:
    text = ('Ellen Park said the ferry would stop in June. "It costs too much," she added. '
            "According to the council, the ferry lost money for a decade. "
            "The harbour authority would neither confirm nor deny Park’s claim.")
    sts = statements(text)
    assert [s.id for s in sts] == [f"s{i}" for i in range(1, len(sts) + 1)]
    assert [s.cue.span[0] for s in sts] == sorted(s.cue.span[0] for s in sts)
    assert len(sts) == 4
    check_spans(text, sts)
    for st in sts:
        for s, e in st.content.spans:
            assert not (s < st.cue.span[1] and st.cue.span[0] < e), "content must exclude the cue"


def test_no_statement_without_a_cue() -> None:
    assert statements("The bridge opened in May after two years of work.") == []


def test_extra_cue_file(tmp_path: Path) -> None:
    extra = tmp_path / "cues.tsv"
    extra.write_text("cue\tpos\tstance\tframe\ngrumble\tVERB\tassert\tspeech\n", encoding="utf-8")
    lex = load_cues(extra)
    assert lex.get("grumble", "VERB") is not None
    assert lex.get("say", "VERB") is not None
    set_lexicon(lex)
    try:
        text = "Tom Hale grumbled that the ferry was always late."
        st = by_cue(statements(text), "grumbled")
        assert contents(text, st) == ["that the ferry was always late"]
    finally:
        set_lexicon(None)


def test_packaged_cue_model_scores_reporting_verbs() -> None:
    from _statements_helpers import parse

    from newsledger.nlp import statements as stm

    model = stm.cue_model()
    assert model is not None
    doc = parse("Tom Hale said that the ferry was late, and then he walked home.").doc
    lex = stm.lexicon()
    said = model.prob(stm.cue_features(doc[2], False, lex))
    walked = model.prob(stm.cue_features(doc[12], False, lex))
    assert said > model.threshold > walked


def test_rules_work_without_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.nlp import cues
    from newsledger.nlp import statements as stm

    monkeypatch.setattr(cues, "_MODEL", None)
    assert stm.cue_model() is None
    text = '"The ferry is late again," Tom Hale said.'
    st = by_cue(statements(text), "said")
    assert st.kind == "direct"
    assert st.speaker.name == "Tom Hale"
