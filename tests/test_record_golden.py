"""Golden records: the fixture articles (written for these tests) against hand-written expectations.

Each ``tests/fixtures/golden/NAME.json`` lists what a correct record of
``tests/fixtures/articles/NAME.txt`` must contain: statements (speaker, cue and
its occurrence, stance, kind, content) and events (type, dyad, status, dates).
Every produced record is also validated against the record's JSON Schema and
checked span by span.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsledger import Record, extract_paths, record_json_schema
from newsledger.article import ReadFailure

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = sorted(p.stem for p in (FIXTURES / "golden").glob("*.json"))


@cache
def produced(name: str, published: str) -> Record:
    results = list(extract_paths([FIXTURES / "articles" / f"{name}.txt"], published=published))
    assert len(results) == 1 and not isinstance(results[0], ReadFailure), results
    record = results[0]
    assert isinstance(record, Record)
    return record


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "golden" / f"{name}.json").read_text(encoding="utf-8"))
    return data


def nth_span(text: str, needle: str, nth: int) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.find(needle, start + 1)
        assert start >= 0, f"{needle!r} occurrence {nth} is not in the article"
    return start, start + len(needle)


def one_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("name", NAMES)
def test_record_is_valid_against_the_json_schema(name: str) -> None:
    record = produced(name, expected(name)["published"])
    jsonschema.validate(record.to_dict(), record_json_schema())
    assert record.span_errors() == []
    assert Record.from_json(record.to_json()) == record


@pytest.mark.parametrize("name", NAMES)
def test_expected_statements(name: str) -> None:
    gold = expected(name)
    record = produced(name, gold["published"])
    names = {e.id: e.name for e in record.entities}
    problems = []
    for want in gold["statements"]:
        cue_span = nth_span(record.text, want["cue"], want.get("nth", 1))
        hits = [s for s in record.statements if s.cue.span[0] < cue_span[1] and cue_span[0] < s.cue.span[1]]
        label = f"{want['cue']!r} #{want.get('nth', 1)}"
        if not hits:
            problems.append(f"{label}: no statement")
            continue
        st = hits[0]
        speaker = " | ".join(x for x in (st.speaker.name, st.speaker.text, names.get(st.speaker.entity or "")) if x)
        if want["speaker"].lower() not in speaker.lower():
            problems.append(f"{label}: speaker {speaker!r}, want {want['speaker']!r}")
        if "speaker_text" in want and st.speaker.text != want["speaker_text"]:
            problems.append(f"{label}: speaker text {st.speaker.text!r}, want {want['speaker_text']!r}")
        if "anonymous" in want and st.speaker.anonymous != want["anonymous"]:
            problems.append(f"{label}: anonymous {st.speaker.anonymous}, want {want['anonymous']}")
        if st.stance not in one_of(want["stance"]):
            problems.append(f"{label}: stance {st.stance!r}, want {want['stance']!r}")
        if "kind" in want and st.kind not in one_of(want["kind"]):
            problems.append(f"{label}: kind {st.kind!r}, want {want['kind']!r}")
        if "content" in want and st.content.text != want["content"]:
            problems.append(f"{label}: content {st.content.text!r}, want {want['content']!r}")
        if "spans" in want and len(st.content.spans) != want["spans"]:
            problems.append(f"{label}: {len(st.content.spans)} content spans, want {want['spans']}")
    if "max_statements" in gold and len(record.statements) > gold["max_statements"]:
        problems.append(f"{len(record.statements)} statements, want at most {gold['max_statements']}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_expected_events(name: str) -> None:
    gold = expected(name)
    record = produced(name, gold["published"])
    problems = []
    for want in gold["events"]:
        label = f"{want['type']} {want['source_country']}->{want.get('target_country')}"
        hits = [
            e for e in record.events
            if e.type in one_of(want["type"]) and e.source.country == want["source_country"]
            and ("target_country" not in want or (e.target is not None and e.target.country == want["target_country"]))
        ]
        if not hits:
            problems.append(f"{label}: not found among {[(e.type, e.source.country) for e in record.events]}")
            continue
        if "status" in want and not any(e.status in one_of(want["status"]) for e in hits):
            problems.append(f"{label}: status {[e.status for e in hits]}, want {want['status']}")
        for key in ("when_start", "when_end"):
            if key in want and not any(e.when and getattr(e.when, key[5:]) == want[key] for e in hits):
                problems.append(f"{label}: {key} {[e.when for e in hits]}, want {want[key]}")
    if "max_events" in gold and len(record.events) > gold["max_events"]:
        problems.append(f"{len(record.events)} events, want at most {gold['max_events']}")
    assert not problems, "\n".join(problems)
