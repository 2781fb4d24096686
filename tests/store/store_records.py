"""Hand-made records for the store tests (invented sentences, no real articles)."""

from __future__ import annotations

from typing import Any

from newsledger.article import Article
from newsledger.record import Record


def span(text: str, part: str, nth: int = 0) -> list[int]:
    """``[start, end]`` of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return [start, start + len(part)]


def content_hash(record: Record) -> str:
    """The content hash the reader would give the article of ``record``."""
    return Article(id=record.id, text=record.text, title=record.title, published=record.published).content_hash


HARBOUR = (
    "Port Authority Plans New Ferry Line\n|\n"
    "The Velmora port authority announced on Tuesday that it will open a ferry line to Karst Island "
    "next month. Director Anna Brel said the service would carry 400 passengers a day. "
    "A ministry official, speaking anonymously, denied that the line was delayed. "
    "Brel vowed to keep fares low."
)


def harbour() -> Record:
    t = HARBOUR
    data: dict[str, Any] = {
        "id": "harbour-ferry",
        "title": "Port Authority Plans New Ferry Line",
        "published": "2024-03-05",
        "url": "https://example.org/harbour",
        "source": "Velmora Gazette",
        "text": t,
        "entities": [
            {
                "id": "e1",
                "name": "Velmora Port Authority",
                "type": "ORG",
                "country": "VLM",
                "sector": "GOV",
                "mentions": [span(t, "Velmora port authority")],
            },
            {
                "id": "e2",
                "name": "Anna Brel",
                "type": "PERSON",
                "country": "VLM",
                "sector": "GOV",
                "mentions": [span(t, "Anna Brel"), span(t, "Brel", 1)],
            },
            {"id": "e3", "name": "Karst Island", "type": "GPE", "country": None, "sector": None, "mentions": []},
        ],
        "statements": [
            {
                "id": "s1",
                "speaker": {
                    "text": "Director Anna Brel",
                    "span": span(t, "Director Anna Brel"),
                    "entity": "e2",
                    "name": "Anna Brel",
                    "anonymous": False,
                },
                "cue": {"text": "said", "lemma": "say", "span": span(t, "said")},
                "content": {
                    "text": "the service would carry 400 passengers a day",
                    "spans": [span(t, "the service would carry 400 passengers a day")],
                },
                "kind": "indirect",
                "stance": "assert",
                "about": None,
            },
            {
                "id": "s2",
                "speaker": {
                    "text": "A ministry official",
                    "span": span(t, "A ministry official"),
                    "entity": None,
                    "name": None,
                    "anonymous": True,
                },
                "cue": {"text": "denied", "lemma": "deny", "span": span(t, "denied")},
                "content": {
                    "text": "the line was delayed",
                    "spans": [span(t, "the line was delayed")],
                },
                "kind": "indirect",
                "stance": "deny",
                "about": None,
            },
            {
                "id": "s3",
                "speaker": {"text": "Brel", "span": span(t, "Brel", 1), "entity": "e2", "name": "Anna Brel"},
                "cue": {"text": "vowed", "lemma": "vow", "span": span(t, "vowed")},
                "content": {"text": "to keep fares low", "spans": [span(t, "to keep fares low")]},
                "kind": "indirect",
                "stance": "intend",
                "about": None,
            },
        ],
        "events": [
            {
                "id": "v1",
                "type": "COOPERATE",
                "mode": None,
                "contexts": ["economic", "transport"],
                "source": {
                    "text": "The Velmora port authority",
                    "span": span(t, "The Velmora port authority"),
                    "entity": "e1",
                    "country": "VLM",
                    "sector": "GOV",
                },
                "target": {"text": "Karst Island", "span": span(t, "Karst Island"), "entity": "e3"},
                "status": "planned",
                "when": {
                    "text": "next month",
                    "span": span(t, "next month"),
                    "start": "2024-04-01",
                    "end": "2024-04-30",
                },
                "evidence": {
                    "text": "it will open a ferry line to Karst Island",
                    "span": span(t, "it will open a ferry line to Karst Island"),
                },
                "reported_by": [],
            },
            {
                "id": "v2",
                "type": "DELAY",
                "mode": "transport",
                "contexts": [],
                "source": {"text": "the line", "span": span(t, "the line")},
                "target": None,
                "status": "denied",
                "when": None,
                "evidence": {"text": "the line was delayed", "span": span(t, "the line was delayed")},
                "reported_by": ["s2"],
            },
        ],
    }
    return Record.model_validate(data)


SUMMIT = (
    "Leaders of Ostravia and Belmark met in the capital on Friday. "
    "“We have agreed to reopen the border,” Prime Minister Jonas Veld told reporters, "
    "“and trade will resume soon.” Belmark's foreign office could not confirm or deny the agreement. "
    "According to diplomats, the two sides also discussed fishing rights. "
    "Opposition leader Mira Tosk asked whether parliament would vote on it."
)


def summit() -> Record:
    t = SUMMIT
    q1 = span(t, "We have agreed to reopen the border")
    q2 = span(t, "and trade will resume soon.")
    data: dict[str, Any] = {
        "id": "summit",
        "title": None,
        "published": "2024-06-14",
        "url": None,
        "source": "Northern Wire",
        "text": t,
        "entities": [
            {"id": "e1", "name": "Ostravia", "type": "GPE", "country": "OST", "mentions": [span(t, "Ostravia")]},
            {
                "id": "e2",
                "name": "Belmark",
                "type": "GPE",
                "country": "BLM",
                "mentions": [span(t, "Belmark"), span(t, "Belmark", 1)],
            },
            {
                "id": "e3",
                "name": "Jonas Veld",
                "type": "PERSON",
                "country": "OST",
                "sector": "GOV",
                "mentions": [span(t, "Jonas Veld")],
            },
            {
                "id": "e4",
                "name": "Belmark Foreign Office",
                "type": "ORG",
                "country": "BLM",
                "sector": "GOV",
                "mentions": [span(t, "Belmark's foreign office")],
            },
            {
                "id": "e5",
                "name": "Mira Tosk",
                "type": "PERSON",
                "country": "OST",
                "sector": "LEG",
                "mentions": [span(t, "Mira Tosk")],
            },
        ],
        "statements": [
            {
                "id": "s1",
                "speaker": {
                    "text": "Prime Minister Jonas Veld",
                    "span": span(t, "Prime Minister Jonas Veld"),
                    "entity": "e3",
                    "name": "Jonas Veld",
                },
                "cue": {"text": "told", "lemma": "tell", "span": span(t, "told")},
                "content": {
                    "text": "We have agreed to reopen the border … and trade will resume soon.",
                    "spans": [q1, q2],
                },
                "kind": "direct",
                "stance": "assert",
            },
            {
                "id": "s2",
                "speaker": {
                    "text": "Belmark's foreign office",
                    "span": span(t, "Belmark's foreign office"),
                    "entity": "e4",
                    "name": "Belmark Foreign Office",
                },
                "cue": {
                    "text": "could not confirm or deny",
                    "lemma": "confirm",
                    "span": span(t, "could not confirm or deny"),
                },
                "content": {"text": "the agreement", "spans": [span(t, "the agreement")]},
                "kind": "indirect",
                "stance": "neither",
                "about": "s1",
            },
            {
                "id": "s3",
                "speaker": {"text": "diplomats", "span": span(t, "diplomats"), "anonymous": True},
                "cue": {"text": "According to", "lemma": "according to", "span": span(t, "According to")},
                "content": {
                    "text": "the two sides also discussed fishing rights",
                    "spans": [span(t, "the two sides also discussed fishing rights")],
                },
                "kind": "according_to",
                "stance": "assert",
            },
            {
                "id": "s4",
                "speaker": {
                    "text": "Opposition leader Mira Tosk",
                    "span": span(t, "Opposition leader Mira Tosk"),
                    "entity": "e5",
                    "name": "Mira Tosk",
                },
                "cue": {"text": "asked", "lemma": "ask", "span": span(t, "asked")},
                "content": {
                    "text": "parliament would vote on it",
                    "spans": [span(t, "parliament would vote on it")],
                },
                "kind": "indirect",
                "stance": "question",
            },
        ],
        "events": [
            {
                "id": "v1",
                "type": "CONSULT",
                "contexts": ["diplomatic"],
                "source": {"text": "Ostravia", "span": span(t, "Ostravia"), "entity": "e1", "country": "OST"},
                "target": {"text": "Belmark", "span": span(t, "Belmark"), "entity": "e2", "country": "BLM"},
                "status": "occurred",
                "when": {"text": "on Friday", "span": span(t, "on Friday"), "start": "2024-06-14", "end": "2024-06-14"},
                "evidence": {
                    "text": "Leaders of Ostravia and Belmark met in the capital on Friday",
                    "span": span(t, "Leaders of Ostravia and Belmark met in the capital on Friday"),
                },
            },
            {
                "id": "v2",
                "type": "AGREE",
                "contexts": ["diplomatic", "border"],
                "source": {"text": "We", "span": span(t, "We"), "entity": "e3", "country": "OST", "sector": "GOV"},
                "target": {"text": "", "span": None, "entity": None},
                "status": "reported",
                "when": {"text": "soon", "span": None, "start": None, "end": None},
                "evidence": {"text": "We have agreed to reopen the border", "span": q1},
                "reported_by": ["s1"],
            },
        ],
    }
    return Record.model_validate(data)


FLOOD = (
    "Ünïcode cöast: the river Øre flooded three villages overnight.\n"
    "Mayor Lúcia Fenn urged residents to leave, and hinted that the dam could fail. 🌊"
)


def flood() -> Record:
    t = FLOOD
    data: dict[str, Any] = {
        "id": "flood",
        "title": "Ünïcode cöast",
        "published": "2023-11-20",
        "source": "velmora gazette online",
        "text": t,
        "entities": [
            {
                "id": "e1",
                "name": "Lúcia Fenn",
                "type": "PERSON",
                "country": "VLM",
                "sector": "GOV",
                "mentions": [span(t, "Lúcia Fenn")],
            },
        ],
        "statements": [
            {
                "id": "s1",
                "speaker": {
                    "text": "Mayor Lúcia Fenn",
                    "span": span(t, "Mayor Lúcia Fenn"),
                    "entity": "e1",
                    "name": "Lúcia Fenn",
                },
                "cue": {"text": "urged", "lemma": "urge", "span": span(t, "urged")},
                "content": {"text": "residents to leave", "spans": [span(t, "residents to leave")]},
                "kind": "indirect",
                "stance": "demand",
            },
            {
                "id": "s2",
                "speaker": {"text": "Mayor Lúcia Fenn", "span": None, "entity": "e1", "name": "Lúcia Fenn"},
                "cue": {"text": "hinted", "lemma": "hint", "span": span(t, "hinted")},
                "content": {"text": "the dam could fail", "spans": [span(t, "the dam could fail")]},
                "kind": "indirect",
                "stance": "hedge",
            },
        ],
        "events": [
            {
                "id": "v1",
                "type": "DISASTER",
                "source": {"text": "the river Øre", "span": span(t, "the river Øre")},
                "status": "occurred",
                "when": {"text": "overnight", "span": span(t, "overnight"), "start": "2023-11-19", "end": "2023-11-20"},
                "evidence": {
                    "text": "the river Øre flooded three villages overnight",
                    "span": span(t, "the river Øre flooded three villages overnight"),
                },
            },
            {
                "id": "v2",
                "type": "DISASTER",
                "mode": "dam failure",
                "source": {"text": "the dam", "span": span(t, "the dam")},
                "status": "possible",
                "evidence": {"text": "the dam could fail", "span": span(t, "the dam could fail")},
            },
        ],
    }
    return Record.model_validate(data)


def bare() -> Record:
    """An undated record with no annotations and a statement without a stance."""
    t = "Nothing much happened. Someone remarked it was quiet."
    data: dict[str, Any] = {
        "id": "bare",
        "text": t,
        "statements": [
            {
                "id": "s1",
                "speaker": {"text": None, "span": None, "anonymous": True},
                "cue": {"text": "remarked", "lemma": "remark", "span": span(t, "remarked")},
                "content": {"text": "it was quiet", "spans": []},
                "kind": "indirect",
                "stance": None,
            }
        ],
    }
    return Record.model_validate(data)


def all_records() -> list[Record]:
    return [harbour(), summit(), flood(), bare()]
