"""Shared helpers for the statement tests: parse a sentence once, run the stages under test."""

from __future__ import annotations

from functools import lru_cache

from newsledger.article import Article
from newsledger.nlp.entities import build_entity_table
from newsledger.nlp.pipeline import load_model
from newsledger.nlp.statements import find_statements
from newsledger.nlp.types import EntityTable, ParsedArticle
from newsledger.record import Statement


@lru_cache(maxsize=256)
def parse(text: str, body_start: int = 0) -> ParsedArticle:
    return ParsedArticle(Article(id="t", text=text, body_start=body_start), load_model()(text))


def run(text: str, body_start: int = 0) -> tuple[list[Statement], EntityTable]:
    parsed = parse(text, body_start)
    table = build_entity_table(parsed)
    return find_statements(parsed, table), table


def statements(text: str, body_start: int = 0) -> list[Statement]:
    return run(text, body_start)[0]


def by_cue(sts: list[Statement], cue: str) -> Statement:
    for st in sts:
        if st.cue.text == cue:
            return st
    raise AssertionError(f"no statement with cue {cue!r} in {[s.cue.text for s in sts]}")


def contents(text: str, st: Statement) -> list[str]:
    return [text[s:e] for s, e in st.content.spans]


def check_spans(text: str, sts: list[Statement]) -> None:
    for st in sts:
        if st.speaker.span is not None:
            assert text[st.speaker.span[0] : st.speaker.span[1]] == st.speaker.text
        assert text[st.cue.span[0] : st.cue.span[1]] == st.cue.text
        assert st.content.spans
        if len(st.content.spans) == 1:
            s, e = st.content.spans[0]
            assert text[s:e] == st.content.text
