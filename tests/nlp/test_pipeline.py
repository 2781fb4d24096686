"""The pipeline: one parse per article, line boundaries, batching, the length cap, warm-up."""

from __future__ import annotations

import logging

import pytest

from newsledger.article import Article, ReadFailure
from newsledger.errors import ModelError
from newsledger.nlp import pipeline
from newsledger.nlp.pipeline import Extractor, load_model

TEXT = (
    "Union leader says strike will go ahead\n|\n"
    "The rail union said on Friday that its members would strike next week.\n"
    "Transport Secretary Priya Shah urged both sides to return to talks"
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_every_line_break_starts_a_sentence() -> None:
    nlp = load_model()
    doc = nlp(TEXT)
    starts = {s.start_char for s in doc.sents}
    for line_start in (0, TEXT.index("|"), TEXT.index("The rail"), TEXT.index("Transport")):
        assert line_start in starts
    headline = next(s for s in doc.sents if s.start_char == 0)
    assert headline.end_char <= TEXT.index("|")


def test_batched_and_single_extraction_agree(extractor: Extractor) -> None:
    articles = [Article(id=f"a{i}", text=TEXT + f" in round {i}.", body_start=TEXT.index("The rail"))
                for i in range(5)]
    single = [extractor.extract(a) for a in articles]
    batched = list(Extractor(batch_size=2).extract_many(articles))
    assert batched == single


def test_failures_pass_through_in_order(extractor: Extractor) -> None:
    items: list[Article | ReadFailure] = [Article(id="x", text=TEXT), ReadFailure("bad.txt", "empty"),
                                          Article(id="y", text=TEXT)]
    out = list(extractor.extract_many(items))
    assert [getattr(r, "id", None) for r in out] == ["x", None, "y"]
    assert out[1] == items[1]


def test_long_article_is_capped_with_a_warning(monkeypatch: pytest.MonkeyPatch, extractor: Extractor,
                                               caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(pipeline, "MAX_PARSE_CHARS", 200)
    text = ("The mayor said the park would reopen. " * 20).strip()
    with caplog.at_level(logging.WARNING):
        record = extractor.extract(Article(id="long", text=text, origin="long.txt"))
    assert record.text == text
    assert "only the first 200" in caplog.text and "long.txt" in caplog.text
    assert all(s.cue.span[1] <= 200 for s in record.statements)
    assert record.span_errors() == []


def test_memory_zone_keeps_matchers_working_across_batches() -> None:
    ex = Extractor(batch_size=1)
    articles = [Article(id=str(i), text=f"The minister said {i} schools would close.") for i in range(3)]
    records = list(ex.extract_many(articles))
    assert all(isinstance(r, type(records[0])) and r.statements for r in records)


def test_unknown_model() -> None:
    with pytest.raises(ModelError, match="not installed"):
        load_model("surely_not_a_pipeline")
