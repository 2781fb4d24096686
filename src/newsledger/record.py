"""The ledger record: the JSON contract of one article (see ``docs/record.md``).

Every span is ``[start, end]``: 0-based, end-exclusive ``str`` indices into the
record's ``text``.  The models are pydantic so that the record has one
machine-checked schema (:func:`record_json_schema`) and one JSON form
(:meth:`Record.to_json`).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Span = tuple[int, int]

Kind = Literal["direct", "indirect", "mixed", "according_to"]
Stance = Literal["assert", "deny", "confirm", "neither", "hedge", "intend", "demand", "question"]
EventStatus = Literal["occurred", "reported", "planned", "possible", "denied", "negated"]

STANCES: tuple[str, ...] = ("assert", "deny", "confirm", "neither", "hedge", "intend", "demand", "question")
EVENT_STATUSES: tuple[str, ...] = ("occurred", "reported", "planned", "possible", "denied", "negated")
KINDS: tuple[str, ...] = ("direct", "indirect", "mixed", "according_to")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Entity(_Model):
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class Speaker(_Model):
    text: str | None = None
    span: Span | None = None
    entity: str | None = None
    name: str | None = None
    anonymous: bool = False


class Cue(_Model):
    text: str
    lemma: str
    span: Span


class Content(_Model):
    text: str
    spans: list[Span] = Field(default_factory=list)


class Statement(_Model):
    id: str
    speaker: Speaker
    cue: Cue
    content: Content
    kind: Kind
    stance: Stance | None = None
    about: str | None = None


class EventActor(_Model):
    text: str | None = None
    span: Span | None = None
    entity: str | None = None
    country: str | None = None
    sector: str | None = None


class When(_Model):
    text: str
    span: Span | None = None
    start: str | None = None
    end: str | None = None


class Evidence(_Model):
    text: str
    span: Span


class Event(_Model):
    id: str
    type: str
    mode: str | None = None
    contexts: list[str] = Field(default_factory=list)
    source: EventActor
    target: EventActor | None = None
    status: EventStatus
    when: When | None = None
    evidence: Evidence
    reported_by: list[str] = Field(default_factory=list)


class Record(_Model):
    """One article of the ledger."""

    id: str
    title: str | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    url: str | None = None
    source: str | None = None
    text: str
    entities: list[Entity] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_references(self) -> Record:
        entity_ids = {e.id for e in self.entities}
        statement_ids = {s.id for s in self.statements}
        for st in self.statements:
            if st.speaker.entity is not None and st.speaker.entity not in entity_ids:
                raise ValueError(f"statement {st.id}: speaker entity {st.speaker.entity} is not in entities")
            if st.about is not None and st.about not in statement_ids:
                raise ValueError(f"statement {st.id}: about {st.about} is not a statement id")
        for ev in self.events:
            for sid in ev.reported_by:
                if sid not in statement_ids:
                    raise ValueError(f"event {ev.id}: reported_by {sid} is not a statement id")
        return self

    def span_errors(self) -> list[str]:
        """Every span whose slice of ``text`` differs from the text it reports."""
        errors: list[str] = []

        def check(where: str, span: Span | None, expected: str | None) -> None:
            if span is None:
                return
            start, end = span
            if not (0 <= start <= end <= len(self.text)):
                errors.append(f"{where}: span {span} outside text of length {len(self.text)}")
            elif expected is not None and self.text[start:end] != expected:
                errors.append(f"{where}: text[{start}:{end}] is {self.text[start:end]!r}, not {expected!r}")

        for ent in self.entities:
            for m in ent.mentions:
                check(f"entity {ent.id} mention", m, None)
        for st in self.statements:
            check(f"statement {st.id} speaker", st.speaker.span, st.speaker.text)
            check(f"statement {st.id} cue", st.cue.span, st.cue.text)
            for sp in st.content.spans:
                check(f"statement {st.id} content", sp, None)
            if st.content.spans:
                joined = " … ".join(self.text[s:e] for s, e in st.content.spans)
                if len(st.content.spans) == 1 and joined != st.content.text:
                    errors.append(f"statement {st.id}: content text differs from its span")
        for ev in self.events:
            check(f"event {ev.id} evidence", ev.evidence.span, ev.evidence.text)
            check(f"event {ev.id} source", ev.source.span, ev.source.text)
            if ev.target is not None:
                check(f"event {ev.id} target", ev.target.span, ev.target.text)
            if ev.when is not None:
                check(f"event {ev.id} when", ev.when.span, ev.when.text)
        return errors

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes | dict[str, Any]) -> Record:
        if isinstance(data, dict):
            return cls.model_validate(data)
        return cls.model_validate_json(data)


def join_content(text: str, spans: list[Span]) -> str:
    """The content text of several spans, joined the way the record reports it."""
    return " … ".join(text[s:e] for s, e in spans)


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema of one record (what ``newsledger schema`` prints)."""
    return Record.model_json_schema()
