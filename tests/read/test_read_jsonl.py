from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from _read_helpers import only_article, only_failure, read_all
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.article import Article, ReadFailure
from newsledger.read import read_paths, read_text

Write = Callable[..., Path]


def _jsonl(*records: object) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def test_jsonl_fields_and_ids(write: Write) -> None:
    content = _jsonl(
        {
            "id": "w-7",
            "title": " Port reopens ",
            "text": "The port reopened, officials said.",
            "published": "2025-02-09",
            "url": "https://example.com/p",
            "source": "Wire",
        },
        {"body": "A second story.", "date": "9 Feb 2025", "outlet": "Gazette"},
        {"content": "A third.", "pubDate": "Sun, 09 Feb 2025 10:00:00 GMT"},
    )
    first, second, third = read_all(write("batch.jsonl", content))
    assert isinstance(first, Article) and isinstance(second, Article) and isinstance(third, Article)
    assert (first.id, first.title, first.url, first.source) == ("w-7", "Port reopens", "https://example.com/p", "Wire")
    assert first.published == second.published == third.published == "2025-02-09"
    assert (second.id, second.text, second.source, second.body_start) == ("batch#2", "A second story.", "Gazette", 0)
    assert third.id == "batch#3"


def test_one_record_file_gets_the_stem(write: Write) -> None:
    article = only_article(read_all(write("single.jsonl", _jsonl({"text": "Only one."}))))
    assert article.id == "single"


def test_missing_text_fails_that_record_only(write: Write) -> None:
    path = write("mixed.jsonl", _jsonl({"text": "Fine."}, {"title": "No body here"}, {"text": "Also fine."}))
    items = read_all(path)
    assert [type(item).__name__ for item in items] == ["Article", "ReadFailure", "Article"]
    failure = items[1]
    assert isinstance(failure, ReadFailure)
    assert failure.origin == str(path)
    assert "record 2" in failure.reason and "add a 'text' or 'body' field" in failure.reason
    assert isinstance(items[2], Article) and items[2].id == "mixed#3"


def test_empty_or_non_string_text_fails(write: Write) -> None:
    items = read_all(write("bad.jsonl", _jsonl({"text": "  "}, {"text": 12}, [1, 2], {"body": ""})))
    reasons = [item.reason for item in items if isinstance(item, ReadFailure)]
    assert len(reasons) == 4
    assert "empty text" in reasons[0] and "not a string" in reasons[1] and "not an object" in reasons[2]
    assert "record 4" in reasons[3] and "empty text" in reasons[3]


def test_truncated_jsonl_names_the_line(write: Write) -> None:
    content = _jsonl({"text": "One."}) + "\n" + '{"text": "Two is cut sh'
    items = read_all(write("cut.jsonl", content))
    assert isinstance(items[0], Article)
    failure = items[1]
    assert isinstance(failure, ReadFailure)
    assert "line 3" in failure.reason and "truncated" in failure.reason


def test_json_array_object_and_container(write: Write) -> None:
    array = read_all(write("arr.json", json.dumps([{"text": "A."}, {"text": "B."}])))
    assert [a.id for a in array if isinstance(a, Article)] == ["arr#1", "arr#2"]
    single = only_article(read_all(write("obj.json", json.dumps({"title": "T", "text": "Solo."}))))
    assert (single.id, single.title) == ("obj", "T")
    for key in ("articles", "items", "records"):
        items = read_all(write(f"c-{key}.json", json.dumps({"feed": "x", key: [{"text": "X."}, {"body": "Y."}]})))
        assert [a.text for a in items if isinstance(a, Article)] == ["X.", "Y."]


def test_truncated_json_gives_line_and_column(write: Write) -> None:
    failure = only_failure(read_all(write("cut.json", '[\n  {"text": "A."},\n  {"text": "B')))
    assert "invalid JSON at line 3" in failure.reason and "truncated" in failure.reason


def test_json_that_is_really_json_lines(write: Write) -> None:
    items = read_all(write("lines.json", _jsonl({"text": "A."}, {"text": "B."})))
    assert [a.id for a in items if isinstance(a, Article)] == ["lines#1", "lines#2"]


def test_json_scalar_fails(write: Write) -> None:
    assert "neither an object" in only_failure(read_all(write("num.json", "42"))).reason


def test_jsonl_record_over_limit_fails_alone(write: Write) -> None:
    content = _jsonl({"text": "short"}, {"text": "x" * 500}, {"text": "short again"})
    items = read_all(write("big.jsonl", content), max_bytes=100)
    assert [type(item).__name__ for item in items] == ["Article", "ReadFailure", "Article"]
    failure = items[1]
    assert isinstance(failure, ReadFailure)
    assert "record 2" in failure.reason and "--max-bytes" in failure.reason


def test_jsonl_is_streamed_past_the_file_limit(write: Write) -> None:
    content = _jsonl(*({"text": f"Story number {n}."} for n in range(200)))
    items = read_all(write("many.jsonl", content), max_bytes=200)
    assert len(items) == 200 and all(isinstance(item, Article) for item in items)


def test_whole_json_over_limit_fails(write: Write) -> None:
    failure = only_failure(read_all(write("big.json", json.dumps([{"text": "y" * 300}])), max_bytes=100))
    assert "over the 100 bytes limit" in failure.reason and "--max-bytes" in failure.reason


def test_gz_jsonl(write: Write) -> None:
    items = read_all(write("packed.jsonl.gz", _jsonl({"text": "Zipped one."}, {"text": "Zipped two."})))
    assert [a.id for a in items if isinstance(a, Article)] == ["packed#1", "packed#2"]


def test_empty_jsonl(write: Write) -> None:
    assert "empty" in only_failure(read_all(write("none.jsonl", "\n\n"))).reason


def test_binary_jsonl_is_one_failure(write: Write) -> None:
    assert "binary" in only_failure(read_all(write("blob.jsonl", b"\x00\x01\x02\n\x00\x00\n"))).reason


def test_read_text_jsonl_and_json() -> None:
    items = list(read_text(_jsonl({"text": "A."}, {"text": "B."}), id="pasted"))
    assert [a.id for a in items if isinstance(a, Article)] == ["pasted#1", "pasted#2"]
    pretty = json.dumps({"text": "Pretty\r\nprinted."}, indent=2)
    assert only_article(list(read_text(pretty))).text == "Pretty\r\nprinted."


_any_text = st.text(st.characters(codec="utf-8"), min_size=1).filter(lambda s: bool(s.strip()))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_any_text, min_size=1, max_size=4), ascii_only=st.booleans())
def test_jsonl_round_trip_preserves_text(tmp_path: Path, texts: list[str], ascii_only: bool) -> None:
    samples = [*texts, 'She said "no" \\ then\r\nleft 🎉']
    path = tmp_path / "round.jsonl"
    lines = [json.dumps({"text": text}, ensure_ascii=ascii_only) for text in samples]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    articles = list(read_paths([path]))
    assert [a.text for a in articles if isinstance(a, Article)] == samples
