"""Speaker resolution: names, pronouns, titles, metonyms, anonymous sources."""

from __future__ import annotations

from _statements_helpers import by_cue, run


def test_pronoun_speaker_resolves_to_entity() -> None:
    sts, table = run("Ellen Park met Tom Hale on Monday. She said the port would expand.")
    st = by_cue(sts, "said")
    assert st.speaker.text == "She"
    assert st.speaker.name == "Ellen Park"
    ent = table.by_id(st.speaker.entity or "")
    assert ent is not None and ent.name == "Ellen Park"


def test_surname_resolves_to_full_name() -> None:
    sts, _ = run("Ellen Park opened the harbour on Monday. Park said the port would expand.")
    st = by_cue(sts, "said")
    assert st.speaker.text == "Park"
    assert st.speaker.name == "Ellen Park"


def test_title_resolves_to_titled_person() -> None:
    sts, _ = run("President Ruth Adams signed the law on Monday. Later, the president said that more reforms "
                 "were needed.")
    st = by_cue(sts, "said")
    assert st.speaker.text == "the president"
    assert st.speaker.name == "Ruth Adams"
    assert st.speaker.anonymous is False


def test_role_noun_resolves_to_organisation() -> None:
    sts, _ = run("Northwind Corp. opened a plant in Ohio. The company said profits had doubled.")
    st = by_cue(sts, "said")
    assert st.speaker.name == "Northwind Corp."


def test_metonym_speaker() -> None:
    sts, _table = run("Russia hosted the meeting. The Kremlin said the talks were useful.")
    st = by_cue(sts, "said")
    assert st.speaker.text == "The Kremlin"
    assert st.speaker.entity is not None
    assert st.speaker.name == "Kremlin"


def test_anonymous_sources() -> None:
    for text, phrase in [("A senior official said the deal was close.", "A senior official"),
                         ("Officials said the border would reopen.", "Officials"),
                         ("A senior Russian lawmaker indicated that talks could start soon.",
                          "A senior Russian lawmaker")]:
        sts, _ = run(text)
        st = sts[0]
        assert st.speaker.text == phrase
        assert st.speaker.anonymous is True
        assert st.speaker.entity is None and st.speaker.name is None


def test_named_speaker_is_not_anonymous() -> None:
    sts, _ = run("Tom Hale said the ferry was late.")
    assert sts[0].speaker.anonymous is False
    assert sts[0].speaker.name == "Tom Hale"


def test_anonymous_role_source_with_organisation_modifier() -> None:
    sts, _ = run("A senior OSCE diplomat, speaking on condition of anonymity, said the monitors would stay.")
    st = by_cue(sts, "said")
    assert st.speaker.anonymous is True
    assert st.speaker.entity is None
    assert st.speaker.text.startswith("A senior OSCE diplomat")


def test_they_follows_the_previous_plural_speaker_not_a_place() -> None:
    sts, _ = run("Observers said the convoy had reached Tarvik harbour before noon. "
                 "They said no shots were fired.")
    st = by_cue(sts, "said")
    they = [s for s in sts if s.speaker.text == "They"]
    assert st.speaker.anonymous is True
    assert they and they[0].speaker.anonymous is True and they[0].speaker.entity is None


def test_he_never_links_to_an_organisation() -> None:
    sts, table = run("Northwind Corp. opened a plant in Ohio. He said profits had doubled.")
    st = by_cue(sts, "said")
    ent = table.by_id(st.speaker.entity or "")
    assert ent is None or ent.type == "PERSON"


def test_titled_name_is_a_person_for_pronouns() -> None:
    sts, table = run("Former Danish Chancellor Henrik Vestergaard said on Friday that Europe must spend more. "
                     "Speaking at a forum in Aarhus, he argued that a joint fund was needed.")
    st = by_cue(sts, "argued")
    assert st.speaker.text == "he"
    assert st.speaker.name == "Henrik Vestergaard"
    ent = table.by_id(st.speaker.entity or "")
    assert ent is not None and ent.type == "PERSON"


def test_name_the_tagger_missed_after_a_title() -> None:
    sts, table = run("Ministry spokesperson He Ming told a briefing that the decision was based on law.")
    st = by_cue(sts, "told")
    assert st.speaker.name == "He Ming"
    ent = table.by_id(st.speaker.entity or "")
    assert ent is not None and ent.type == "PERSON"


def test_bare_surname_the_tagger_missed_joins_the_full_name() -> None:
    sts, _ = run("Digitalisation Minister Jonas Eide vowed to order an inquiry. Eide said the inquiry would report "
                 "before the summer.")
    assert by_cue(sts, "said").speaker.name == "Jonas Eide"


def test_relative_pronoun_source_speaks_for_its_antecedent() -> None:
    sts, _ = run("The security researcher Mats Eriksen, who first reported the leak, said that new samples "
                 "included identity numbers.")
    st = by_cue(sts, "first reported")
    assert st.speaker.text == "who"  # the source span stays the pronoun
    assert st.speaker.name == "Mats Eriksen"


def test_names_in_a_relative_clause_do_not_name_the_speaker() -> None:
    sts, _ = run("Rustem Umerov, who led Ukraine's delegation, confirmed the exchange.")
    assert by_cue(sts, "confirmed").speaker.name == "Rustem Umerov"


def test_institution_named_by_its_country_is_a_named_source() -> None:
    sts, table = run("Norway's data protection authority said on Tuesday it had opened an investigation.")
    st = by_cue(sts, "said")
    assert st.speaker.anonymous is False
    assert st.speaker.name == "Norwegian Data Protection Authority"
    ent = table.by_id(st.speaker.entity or "")
    assert ent is not None and ent.type == "ORG"


def test_unnamed_person_stays_anonymous_beside_institutions() -> None:
    sts, _ = run("A senior Russian official said the talks were useful.")
    assert by_cue(sts, "said").speaker.anonymous is True


def test_the_company_skips_unions_and_authorities() -> None:
    sts, _ = run("Halvorsen Logistics reported an intrusion. Halvorsen Logistics said it was investigating. The "
                 "Transport Workers' Union said members were worried. The company said it had contacted "
                 "40,000 customers.")
    said = [st for st in sts if st.cue.text == "said"]
    assert said[-1].speaker.text == "The company"
    assert said[-1].speaker.name == "Halvorsen Logistics"


def test_participle_speaks_for_the_main_subject() -> None:
    sts, _ = run("Aasen dismissed the claim that the records came from the attack, saying old data was often "
                 "resold.")
    assert by_cue(sts, "saying").speaker.text == "Aasen"


def test_dateline_city_is_not_an_organisation() -> None:
    sts, _ = run("OSLO — Halvorsen Logistics admitted on Friday that data had been copied. The company said "
                 "customers would be told.")
    assert by_cue(sts, "said").speaker.name == "Halvorsen Logistics"
