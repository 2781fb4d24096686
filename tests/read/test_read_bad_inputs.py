"""No input stops a batch: each bad input gives failures naming it, and never a lone surrogate."""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _read_helpers import only_article, only_failure, read_all  # type: ignore[import-not-found]

import newsledger.read as read_pkg
from newsledger.article import Article, ReadFailure
from newsledger.read import read_text
from newsledger.read.guard import has_surrogates
from newsledger.read.source import Input, Options

Write = Callable[[str, str | bytes], Path]

RSS_ITEM = "<item><title>Pier</title><description>{body}</description></item>"


def rss(body: str, *, declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    item = RSS_ITEM.format(body=body)
    return f'{declaration}<rss version="2.0"><channel><title>Gazette</title>{item}</channel></rss>'


def gzip_cut_mid_stream(good: bytes) -> bytes:
    """``good`` gzipped and flushed, then a deflate block of an invalid type: zlib fails after ``good``."""
    packer = zlib.compressobj(wbits=31)
    return packer.compress(good) + packer.flush(zlib.Z_FULL_FLUSH) + b"\xff" * 64


# -- deeply nested JSON ------------------------------------------------------------


def test_deeply_nested_json_document_is_one_failure(write: Write) -> None:
    failure = only_failure(read_all(write("deep.json", "[" * 100_000 + "]" * 100_000)))
    assert failure.origin.endswith("deep.json") and "nested too deeply" in failure.reason


def test_deeply_nested_jsonl_line_fails_alone(write: Write) -> None:
    lines = ['{"text": "First article."}', '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", '{"text": "Third."}']
    items = read_all(write("deep.jsonl", "\n".join(lines) + "\n"))
    assert [type(i).__name__ for i in items] == ["Article", "ReadFailure", "Article"]
    assert isinstance(items[1], ReadFailure) and "record 2 (line 2)" in items[1].reason
    assert "nested too deeply" in items[1].reason


# -- lone surrogates ----------------------------------------------------------------


def test_json_lone_surrogate_escape_becomes_replacement_with_a_warning(
    write: Write, caplog: pytest.LogCaptureFixture
) -> None:
    path = write("surrogate.json", '{"text": "Prices rose \\ud83d today.", "title": "A \\udc00 title"}')
    with caplog.at_level(logging.WARNING, logger="newsledger.read"):
        article = only_article(read_all(path))
    assert article.text == "Prices rose \ufffd today." and article.title == "A \ufffd title"
    assert any(str(path) in r.getMessage() and "U+FFFD" in r.getMessage() for r in caplog.records)


def test_jsonl_lone_surrogate_keeps_offsets(write: Write) -> None:
    items = read_all(write("s.jsonl", '{"text": "a\\ud800b"}\n{"text": "fine"}\n'))
    texts = [i.text for i in items if isinstance(i, Article)]
    assert texts == ["a\ufffdb", "fine"]


def test_read_text_with_lone_surrogates_in_the_string() -> None:
    for fmt in ("txt", "json", "html", "rss", "csv"):
        for item in read_text("<p>Ana said \ud800 the pier opens.</p>", fmt=fmt):
            if isinstance(item, Article):
                assert not has_surrogates(item.text), fmt
            else:
                assert not has_surrogates(item.reason), fmt


# -- corrupt gzip ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["broken.txt.gz", "broken.json.gz", "broken.jsonl.gz", "broken.csv.gz",
                                  "broken.html.gz", "broken.xml.gz", "broken.gz"])
def test_gzip_corrupt_past_its_header_is_one_failure(write: Write, name: str) -> None:
    packed = gzip.compress(b"text\n" + b"The harbour council met on Monday and approved the pier.\n" * 200)
    corrupt = packed[:10] + bytes(b ^ 0x5A for b in packed[10:40]) + packed[40:]
    failure = only_failure(read_all(_raw(write, name, corrupt)))
    assert failure.origin.endswith(name) and "cannot decompress" in failure.reason


def _raw(write: Write, name: str, data: bytes) -> Path:
    """Write bytes under a ``.gz`` name without gzipping them again."""
    path = write(name + ".tmp", data)
    return path.rename(path.with_name(name))


def test_gzip_truncated_is_one_failure(write: Write) -> None:
    packed = gzip.compress(b"The harbour council met on Monday. " * 300)
    failure = only_failure(read_all(_raw(write, "cut.txt.gz", packed[: len(packed) // 2])))
    assert "cannot decompress" in failure.reason and "complete gzip" in failure.reason


@pytest.mark.parametrize(
    ("name", "header", "line"),
    [("mid.jsonl.gz", "", '{{"text": "Article number {n} of the feed."}}\n'),
     ("mid.csv.gz", "id,text\n", 'a{n},"Article number {n} of the feed."\n')],
)
def test_gzip_failing_mid_stream_keeps_what_was_read(write: Write, name: str, header: str, line: str) -> None:
    good = header + "".join(line.format(n=n) for n in range(1, 3001))
    items = read_all(_raw(write, name, gzip_cut_mid_stream(good.encode())))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert len(failures) == 1 and items[-1] is failures[0], failures
    assert "cannot decompress" in failures[0].reason and failures[0].origin.endswith(name)
    assert articles and all(a.text == f"Article number {n} of the feed." for n, a in enumerate(articles, start=1))


# -- feeds ---------------------------------------------------------------------------------


def test_feed_surrogate_character_reference_is_replaced(write: Write) -> None:
    article = only_article(read_all(write("ref.xml", rss("Prices &#xD800; rose &#55296; and &#x110000; fell."))))
    assert article.text == "Prices \ufffd rose \ufffd and \ufffd fell."


def test_feed_reference_with_too_many_digits(write: Write) -> None:
    article = only_article(read_all(write("long.xml", rss("Prices &#" + "9" * 5000 + "; rose."))))
    assert article.text == "Prices \ufffd rose."


@pytest.mark.parametrize("encoding", ["x-no-such-encoding", "undefined", "unicode_escape", "rot13", "utf-8\\x"])
def test_feed_declaring_an_unknown_encoding_is_read_as_utf8(
    write: Write, caplog: pytest.LogCaptureFixture, encoding: str
) -> None:
    path = write("enc.xml", rss("Caf\u00e9 prices rose.", declaration=f'<?xml version="1.0" encoding="{encoding}"?>'))
    with caplog.at_level(logging.WARNING, logger="newsledger.read"):
        article = only_article(read_all(path))
    assert article.text == "Caf\u00e9 prices rose."
    assert any(str(path) in r.getMessage() and encoding in r.getMessage() for r in caplog.records)


def test_feed_in_its_declared_legacy_encoding(write: Write) -> None:
    document = rss("\u0426\u0435\u043d\u044b \u0432\u044b\u0440\u043e\u0441\u043b\u0438.",
                   declaration='<?xml version="1.0" encoding="iso-8859-5"?>')
    article = only_article(read_all(write("cyr.xml", document.encode("iso-8859-5"))))
    assert article.text == "\u0426\u0435\u043d\u044b \u0432\u044b\u0440\u043e\u0441\u043b\u0438."


# -- the safety net -----------------------------------------------------------------------


def _breaks_after_one(inp: Input, opts: Options) -> Iterator[Article | ReadFailure]:
    yield Article(id="first", text="Read before the fault.", origin=inp.origin)
    raise ValueError("a fault no reader foresaw")


def test_unexpected_exception_in_a_reader_is_one_failure_and_the_batch_goes_on(
    write: Write, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(read_pkg._READERS, "csv", _breaks_after_one)
    bad = write("a.csv", "text\nhello\n")
    good = write("b.txt", "The pier opened on Monday.")
    with caplog.at_level(logging.DEBUG, logger="newsledger.read"):
        items = read_all(bad, good)
    assert [type(i).__name__ for i in items] == ["Article", "ReadFailure", "Article"]
    failure = items[1]
    assert isinstance(failure, ReadFailure) and failure.origin == str(bad)
    assert "ValueError: a fault no reader foresaw" in failure.reason
    tracebacks = [r for r in caplog.records if r.exc_info]
    assert tracebacks and all(r.levelno == logging.DEBUG for r in tracebacks)


def test_unexpected_exception_in_read_text_is_one_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> Article:
        raise KeyError("deep inside")

    monkeypatch.setattr(read_pkg.html, "article_from_html", broken)
    failure = only_failure(list(read_text("<html><body><p>x</p></body></html>", id="upload", fmt="html")))
    assert failure.origin == "<upload>" and "KeyError" in failure.reason


def test_keyboard_interrupt_is_not_swallowed(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(inp: Input, opts: Options) -> Iterator[Article | ReadFailure]:
        raise KeyboardInterrupt
        yield  # pragma: no cover

    monkeypatch.setitem(read_pkg._READERS, "text", interrupted)
    with pytest.raises(KeyboardInterrupt):
        read_all(write("a.txt", "The pier opened."))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16"])
def test_feed_in_utf16_with_or_without_a_byte_order_mark(write: Write, codec: str) -> None:
    document = rss("Caf\u00e9 prices rose.", declaration='<?xml version="1.0" encoding="utf-16"?>')
    article = only_article(read_all(write("u16.xml", document.encode(codec))))
    assert article.text == "Caf\u00e9 prices rose."


def test_json_number_too_long_for_python_fails_its_record(write: Write) -> None:
    items = read_all(write("digits.jsonl", '{"text": "A.", "id": ' + "9" * 5000 + '}\n{"text": "B."}\n'))
    assert [type(i).__name__ for i in items] == ["ReadFailure", "Article"]
    assert isinstance(items[0], ReadFailure) and "record 1 (line 1) holds a value Python cannot read" in items[0].reason
    failure = only_failure(read_all(write("digits.json", '{"text": "A.", "id": ' + "9" * 5000 + "}")))
    assert "holds a value Python cannot read" in failure.reason
