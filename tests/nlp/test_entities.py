"""The entity table: canonical names and salience-based pronoun linking."""

from __future__ import annotations

from _statements_helpers import parse

from newsledger.nlp.entities import build_entity_table, to_record_entities


def _entity_of(text: str, word: str, nth: int = 1) -> str | None:
    parsed = parse(text)
    table = build_entity_table(parsed)
    start = -1
    for _ in range(nth):
        start = text.index(word, start + 1)
    for ent in table.entities:
        if any(m.start == start for m in ent.mentions):
            return ent.name
    return None


def test_surname_joins_full_name() -> None:
    text = "Ellen Park opened the harbour. Park said it was a good day."
    assert _entity_of(text, "Park", 2) == "Ellen Park"


def test_pronoun_prefers_previous_subject_over_nearest_name() -> None:
    text = ("Ellen Park announced a new ferry line with Tom Hale on Monday. "
            "On Tuesday, she said it would open in May.")
    assert _entity_of(text, "she") == "Ellen Park"


def test_pronoun_in_same_sentence_takes_nearest_person() -> None:
    text = "Tom Hale said he would resign."
    assert _entity_of(text, "he") == "Tom Hale"


def test_record_entities_keep_ids_and_mentions() -> None:
    parsed = parse("Ellen Park opened the harbour. Park said it was a good day.")
    ents = to_record_entities(build_entity_table(parsed))
    park = [e for e in ents if e.name == "Ellen Park"]
    assert park and len(park[0].mentions) >= 2
    assert all(e.id.startswith("e") for e in ents)


def test_dateline_all_caps_name_gives_way_to_body_spelling() -> None:
    from _statements_helpers import run

    _, table = run("OSLO, May 4, 2026 — Norway will open two ports. Oslo said the work would start soon.")
    names = [e.name for e in table.entities if e.name.lower() == "oslo"]
    assert names == ["Oslo"]


def test_headline_surname_links_to_body_person() -> None:
    from _statements_helpers import run

    head = "Lindqvist: Sweden must build more ferries\n|\n"
    text = head + "Former Swedish Premier Anna Lindqvist said on Monday that Sweden needed new ferries.\n"
    _, table = run(text, body_start=len(head))
    person = [e for e in table.entities if e.name == "Anna Lindqvist"]
    assert person and any(m.start == 0 for m in person[0].mentions)
