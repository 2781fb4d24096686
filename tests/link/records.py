"""Hand-built records for the link tests: invented sentences, no NLP."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from newsledger.record import Content, Cue, Entity, Event, EventActor, Evidence, Record, Speaker, Statement


@dataclass
class S:
    """One statement: speaker name (None = anonymous, described by ``anon``), stance, content, about."""

    speaker: str | None
    stance: str
    content: str
    about: int | None = None  # index of the answered statement in the same record
    anon: str = "a person familiar with the matter"
    entity_type: str = "PERSON"
    mentions: tuple[tuple[str, str], ...] = ()  # (name, type) of entities named in the content


@dataclass
class A:
    id: str
    published: str
    source: str
    statements: list[S] = field(default_factory=list)
    filler: str = ""
    events: list[tuple[str, str, str, int]] = field(default_factory=list)  # (type, source, target, statement)


def build(a: A) -> Record:
    parts: list[str] = [f"{a.filler or a.id} filler paragraph about the {a.source} article {a.id}.\n"]
    statements: list[Statement] = []
    entities: list[Entity] = []
    ent_ids: dict[str, str] = {}

    def ent(name: str, etype: str) -> str:
        if name not in ent_ids:
            ent_ids[name] = f"e{len(ent_ids) + 1}"
            entities.append(Entity(id=ent_ids[name], name=name, type=etype))
        return ent_ids[name]

    def mention(name: str, etype: str, start: int) -> None:
        eid = ent(name, etype)
        entity = next(e for e in entities if e.id == eid)
        entity.mentions.append((start, start + len(name)))

    for i, s in enumerate(a.statements):
        offset = sum(len(p) for p in parts)
        who = s.speaker or s.anon
        sentence = f"{who} said {s.content}.\n"
        parts.append(sentence)
        cue_start = offset + len(who) + 1
        content_start = cue_start + len("said ")
        for name, etype in s.mentions:
            mention(name, etype, content_start + s.content.index(name))
        speaker = Speaker(
            text=who, span=(offset, offset + len(who)), entity=ent(s.speaker, s.entity_type) if s.speaker else None,
            name=s.speaker, anonymous=s.speaker is None,
        )
        statements.append(
            Statement(
                id=f"s{i + 1}", speaker=speaker, cue=Cue(text="said", lemma="say", span=(cue_start, cue_start + 4)),
                content=Content(text=s.content, spans=[(content_start, content_start + len(s.content))]),
                kind="indirect", stance=s.stance,  # type: ignore[arg-type]
                about=f"s{s.about + 1}" if s.about is not None else None,
            )
        )
    text = "".join(parts)
    events = []
    for k, (etype, src, tgt, st_index) in enumerate(a.events):
        events.append(
            Event(
                id=f"v{k + 1}", type=etype, source=EventActor(text=src, entity=ent(src, "PERSON")),
                target=EventActor(text=tgt, entity=ent(tgt, "PERSON")), status="reported",
                evidence=Evidence(text=text[:10], span=(0, 10)), reported_by=[f"s{st_index + 1}"],
            )
        )
    return Record(id=a.id, published=a.published, source=a.source, text=text, entities=entities,
                  statements=statements, events=events)


def digest(record: Record) -> str:
    return hashlib.sha256(record.text.encode("utf-8")).hexdigest()


def statement_claims(store: Any) -> set[str]:
    """The claims that hold a statement.  The filler opening of a built record is a lead sentence no statement
    attributes, so it is linked as the outlet's own voice (``voice`` members, statement id "v1"); claims of that
    voice alone carry no statement."""
    return {str(r[0]) for r in store._query("SELECT DISTINCT claim_id FROM claim_members WHERE NOT voice")}
