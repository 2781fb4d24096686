"""Typed data passed between the extraction stages of one article."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from newsledger.article import Article


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of the Doc's sentences, as ``doc.sents`` gives them, read off the
    sentence-start array (``doc.sents`` builds a Token object for every token of the text)."""
    from spacy.attrs import SENT_START

    n = len(doc)
    if not n:
        return []
    flags = doc.to_array([SENT_START]).astype("int64").ravel()
    starts = [0, *(i for i in (flags == 1).nonzero()[0].tolist() if i > 0)]
    return list(zip(starts, [*starts[1:], n], strict=True))


@dataclass
class Mention:
    """One mention of an entity: character offsets into the record text."""

    start: int
    end: int
    text: str
    kind: str = "name"  # name | pronoun | nominal | metonym


@dataclass
class EntityInfo:
    """One entity of the in-document table, with its canonical name."""

    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class EntityTable:
    """The article's entities and a character-offset index of their mentions."""

    entities: list[EntityInfo] = field(default_factory=list)
    _by_start: dict[int, EntityInfo] = field(default_factory=dict, repr=False)

    def add_mention(self, entity: EntityInfo, mention: Mention) -> None:
        if mention.start in self._by_start:
            return
        entity.mentions.append(mention)
        self._by_start[mention.start] = entity

    def by_id(self, entity_id: str) -> EntityInfo | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def entity_in(self, start: int, end: int) -> EntityInfo | None:
        """The entity of a mention that lies inside ``[start, end)``; the last one wins (head)."""
        found: EntityInfo | None = None
        for ent in self.entities:
            for m in ent.mentions:
                inside = m.start >= start and m.end <= end
                if inside and (found is None or m.start > _last_start(found, start, end)):
                    found = ent
        return found


def _last_start(ent: EntityInfo, start: int, end: int) -> int:
    return max((m.start for m in ent.mentions if m.start >= start and m.end <= end), default=-1)


@dataclass
class ParsedArticle:
    """An article with its spaCy parse; the input of every extraction stage."""

    article: Article
    doc: Doc

    @property
    def text(self) -> str:
        return self.article.text

    def body_sents(self) -> list[Span]:
        return [s for s in self.doc.sents if s.start_char >= self.article.body_start]

    def headline_sents(self) -> list[Span]:
        return [s for s in self.doc.sents if s.end_char <= self.article.body_start]
