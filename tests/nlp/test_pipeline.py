"""The pipeline: one parse per article, line boundaries, batching, the length cap, warm-up."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from newsledger.article import Article, ReadFailure
from newsledger.errors import ModelError
from newsledger.nlp import pipeline
from newsledger.nlp.pipeline import Extractor, load_model
from newsledger.record import Record

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


PARAGRAPHS = [
    "Councillor Ada Berg said the bridge would reopen in May.",
    "\u201cWe will not wait any longer,\u201d the mayor told reporters on Monday.",
    "The ministry denied that the contractor had been paid twice, according to officials.",
    "Omar Haddad confirmed that the council approved the budget for the harbour.",
]


def _long_text(n: int, sep: str = "\n") -> str:
    return sep.join(f"{PARAGRAPHS[i % len(PARAGRAPHS)]} Item {i}." for i in range(n))


@pytest.mark.parametrize("sep", ["\n", " ", "\n\n  "])
def test_split_parts_join_back_exactly_at_boundaries(sep: str) -> None:
    text = _long_text(60, sep)
    parts = pipeline.split_parts(text, limit=500)
    assert "".join(parts) == text
    assert len(parts) > 3 and all(0 < len(p) <= 500 for p in parts)
    for p in parts[:-1]:  # each ends after a line break or a sentence end, with the spaces after it
        assert p.endswith(("\n", ". ", "\n  ")), repr(p[-20:])


def test_split_parts_cuts_a_text_without_spaces_at_the_limit() -> None:
    assert pipeline.split_parts("x" * 25, limit=10) == ["x" * 10, "x" * 10, "x" * 5]


def test_a_split_article_keeps_global_offsets(monkeypatch: pytest.MonkeyPatch, extractor: Extractor,
                                              caplog: pytest.LogCaptureFixture) -> None:
    text = "Council news\n|\n" + _long_text(40)
    whole = extractor.extract(Article(id="long", text=text, published="2025-03-01"))
    monkeypatch.setattr(pipeline, "PART_CHARS", 400)
    monkeypatch.setattr(pipeline, "BATCH_CHARS", 1000)
    assert len(pipeline.split_parts(text, 400)) > 5
    doc = extractor.parse_many([text])[0]
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)
    with caplog.at_level(logging.WARNING):
        split = next(iter(extractor.extract_many([Article(id="long", text=text, published="2025-03-01")])))
    assert not caplog.text  # split, not cut
    assert not isinstance(split, ReadFailure)
    assert split.span_errors() == []  # every span's text is text[start:end]
    assert split.text == text
    late = [s for s in split.statements if s.cue.span[0] > len(text) // 2]
    assert late and all(text[s.cue.span[0] : s.cue.span[1]] == s.cue.text for s in late)
    # the same statements as one parse of the whole text: parts end where sentences end anyway
    assert [(s.cue.span, s.speaker.text, s.stance) for s in split.statements] == [
        (s.cue.span, s.speaker.text, s.stance) for s in whole.statements
    ]


def test_batches_are_capped_by_characters(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> None:
    monkeypatch.setattr(pipeline, "BATCH_CHARS", 300)
    calls: list[int] = []
    real = extractor._extract_batch

    def spy(batch: list[Article | ReadFailure]) -> Iterator[Record | ReadFailure]:
        calls.append(sum(len(a.text) for a in batch if isinstance(a, Article)))
        return real(batch)

    monkeypatch.setattr(extractor, "_extract_batch", spy)
    articles = [Article(id=f"a{i}", text=PARAGRAPHS[i % 4]) for i in range(12)]
    out = list(extractor.extract_many(articles))
    assert [getattr(r, "id", None) for r in out] == [a.id for a in articles]
    assert len(calls) > 1 and all(c <= 300 for c in calls)
