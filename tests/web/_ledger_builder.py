"""Records made by hand for the web tests: articles whose statements and events are given, not extracted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger import Ledger
from newsledger.article import Article
from newsledger.record import Record


@dataclass
class Said:
    """One statement: ``speaker`` ``cue`` ``content`` (e.g. "Dmitry Peskov" "denied" "that troops crossed")."""

    speaker: str
    cue: str
    lemma: str
    content: str
    stance: str | None = "assert"
    about: str | None = None  # the id (s1, s2, ...) of the statement it answers


@dataclass
class Did:
    """One event: ``source`` ``verb`` ``target`` (PLOVER ``type``)."""

    source: str
    verb: str
    target: str
    type: str = "CONSULT"
    status: str = "occurred"


@dataclass
class Story:
    id: str
    title: str
    published: str | None = "2026-05-04"
    source: str = "Test Wire"
    url: str | None = None
    said: list[Said] = field(default_factory=list)
    did: list[Did] = field(default_factory=list)


def record(story: Story) -> Record:
    """The record of ``story``: its sentences one after another, every span pointing into the text."""
    text = story.title + "\n\n"
    entities: dict[str, dict[str, Any]] = {}

    def put(s: str) -> tuple[int, int]:
        nonlocal text
        start = len(text)
        text += s
        return start, len(text)

    def entity(name: str, span: tuple[int, int], kind: str = "PERSON") -> str:
        if name not in entities:
            entities[name] = {"id": f"e{len(entities) + 1}", "name": name, "type": kind, "mentions": []}
        entities[name]["mentions"].append(list(span))
        return str(entities[name]["id"])

    statements = []
    for i, s in enumerate(story.said, 1):
        sp = put(s.speaker)
        put(" ")
        cue = put(s.cue)
        put(" ")
        content = put(s.content)
        put(". ")
        statements.append({
            "id": f"s{i}",
            "speaker": {"text": s.speaker, "span": list(sp), "entity": entity(s.speaker, sp), "name": s.speaker,
                        "anonymous": False},
            "cue": {"text": s.cue, "lemma": s.lemma, "span": list(cue)},
            "content": {"text": s.content, "spans": [list(content)]},
            "kind": "indirect", "stance": s.stance, "about": s.about,
        })
    events = []
    for i, d in enumerate(story.did, 1):
        src = put(d.source)
        put(" ")
        put(d.verb)
        put(" ")
        tgt = put(d.target)
        put(". ")
        ev_span = [src[0], tgt[1]]
        events.append({
            "id": f"v{i}", "type": d.type, "mode": None, "status": d.status,
            "source": {"text": d.source, "span": list(src), "entity": entity(d.source, src, "ORG")},
            "target": {"text": d.target, "span": list(tgt), "entity": entity(d.target, tgt, "ORG")},
            "evidence": {"text": text[ev_span[0]:ev_span[1]], "span": ev_span},
        })
    return Record.model_validate({
        "id": story.id, "title": story.title, "published": story.published, "source": story.source,
        "url": story.url, "text": text, "entities": list(entities.values()), "statements": statements,
        "events": events,
    })


def build(path: Path, stories: list[Story]) -> Path:
    """A ledger at ``path`` holding these stories, linked (actors, claims) as every ingest links."""
    with Ledger(path) as ledger:
        for story in stories:
            rec = record(story)
            ledger.add(rec, content_hash=Article(id=rec.id, text=rec.text, title=rec.title,
                                                 published=rec.published).content_hash)
    return path
