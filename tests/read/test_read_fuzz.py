"""Fuzzing every reader (bounded, derandomized, no example database): reading never raises.

Arbitrary bytes and byte mutations of valid seed files, under every extension (plain
and gzipped), and arbitrary strings (lone surrogates included) through ``read_text``.
The property: only ``Article`` and ``ReadFailure`` come out; every article's strings are
free of lone surrogates, its text is non-empty and ``body_start`` lies within it; and no
failure is the safety net's "the reader failed on it" (a bug the fuzzing found).
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.article import Article, ReadFailure
from newsledger.read import read_paths, read_text
from newsledger.read.csvfile import RawRow, Unclosed, raw_rows

# More examples for a deeper search: NEWSLEDGER_FUZZ_EXAMPLES=2000 pytest tests/read/test_read_fuzz.py
FUZZ = settings(
    max_examples=int(os.environ.get("NEWSLEDGER_FUZZ_EXAMPLES", "40")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SEEDS: dict[str, bytes] = {
    ".txt": b"Pier approved\n\nThe harbour council approved a new pier on Monday, its chair said.\n",
    ".json": (
        b'[{"id": "a1", "title": "Pier", "text": "The council approved the pier.", "published": "2026-03-02",'
        b' "url": "https://e.com/a1", "source": "Gazette"}, {"text": "Second \\u00e9 article.", "date": "9 Feb 2025"}]'
    ),
    ".jsonl": b'{"text": "First article.", "title": "One"}\n{"body": "Second article.", "date": "2026/03/02"}\n',
    ".csv": b'id,title,text,published\n1,One,"First, quoted ""text"".\nSecond line.",2026-03-02\n2,Two,Plain.,\n',
    ".html": (
        b"<!doctype html><html><head><title>Pier approved</title>"
        b'<meta property="article:published_time" content="2026-03-02"></head><body><nav>Home</nav>'
        b"<article><h1>Pier approved</h1><p>The Velmora harbour council approved a new pier on Monday, "
        b"and its chair, Mira Holt, said it would open in May &amp; cost less.</p></article></body></html>"
    ),
    ".xml": (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Gazette</title>'
        b"<item><title>Pier</title><link>https://e.com/p</link><guid>https://e.com/p</guid>"
        b"<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate>"
        b"<description>&lt;p&gt;The council approved the pier &#233;.&lt;/p&gt;</description></item>"
        b"<item><title>Two</title><description><![CDATA[<b>Second</b> entry.]]></description></item>"
        b"</channel></rss>"
    ),
}
EXTENSIONS = sorted(SEEDS)
# Bytes that have broken readers before: quotes, escapes, references, brackets, NULs, bad UTF-8, BOMs.
TOKENS = [
    b'"', b"\\ud83d", b"\\udc00", b"&#xD800;", b"&#1114112;", b"&#99999999999;", b"<", b">", b"]]>", b"[" * 64,
    b"{" * 64, b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\r", b"\n", b",", b";", b"\t",
    b'<?xml version="1.0" encoding="bogus"?>', b"<![CDATA[", b"<!--", b"&amp;", b"\\", b"\xe9", b"9" * 4400,
]

mutation = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "repeat", "token"]),
    st.floats(min_value=0, max_value=1),
    st.binary(min_size=1, max_size=8),
    st.sampled_from(TOKENS),
)


def mutate(seed: bytes, ops: Iterable[tuple[str, float, bytes, bytes]]) -> bytes:
    data = bytearray(seed)
    for op, where, payload, token in ops:
        pos = int(where * len(data))
        if op == "flip" and data:
            data[min(pos, len(data) - 1)] ^= payload[0] or 1
        elif op == "insert":
            data[pos:pos] = payload
        elif op == "delete":
            del data[pos : pos + len(payload)]
        elif op == "repeat":
            data[pos:pos] = data[pos : pos + 16] * 4
        else:
            data[pos:pos] = token
    return bytes(data)


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def check(items: list[Article | ReadFailure]) -> None:
    assert items, "no item: every input gives an article or a failure"
    for item in items:
        assert isinstance(item, (Article, ReadFailure)), item
        if isinstance(item, ReadFailure):
            assert isinstance(item.reason, str) and item.reason and not has_surrogates(item.reason)
            assert "the reader failed on it" not in item.reason, item.reason
            continue
        assert isinstance(item.text, str) and item.text.strip()
        for value in (item.text, item.id, item.title, item.url, item.source, item.published, item.origin):
            assert value is None or (isinstance(value, str) and not has_surrogates(value)), value
        assert 0 <= item.body_start <= len(item.text)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def read_bytes_as(folder: Path, name: str, data: bytes) -> list[Article | ReadFailure]:
    path = folder / name
    path.write_bytes(data)
    return list(read_paths([path], max_bytes=200_000))


@pytest.mark.parametrize("ext", EXTENSIONS)
@FUZZ
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes(fuzz_dir: Path, ext: str, data: bytes) -> None:
    check(read_bytes_as(fuzz_dir, "any" + ext, data))


@pytest.mark.parametrize("ext", EXTENSIONS)
@FUZZ
@given(ops=st.lists(mutation, min_size=1, max_size=6))
def test_mutated_seed(fuzz_dir: Path, ext: str, ops: list[tuple[str, float, bytes, bytes]]) -> None:
    check(read_bytes_as(fuzz_dir, "seed" + ext, mutate(SEEDS[ext], ops)))


@pytest.mark.parametrize("ext", EXTENSIONS)
@FUZZ
@given(ops=st.lists(mutation, max_size=4), cut=st.floats(min_value=0, max_value=1), raw=st.booleans())
def test_gzip(fuzz_dir: Path, ext: str, ops: list[tuple[str, float, bytes, bytes]], cut: float, raw: bool) -> None:
    """A gzip of a mutated seed, itself mutated (``raw``) or cut short."""
    packed = gzip.compress(mutate(SEEDS[ext], ops), mtime=0)
    data = mutate(packed, ops) if raw else packed[: max(1, int(cut * len(packed)))] if cut < 1 else packed
    check(read_bytes_as(fuzz_dir, "seed" + ext + ".gz", data))


@FUZZ
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_with_an_unknown_extension_are_sniffed(fuzz_dir: Path, data: bytes) -> None:
    check(read_bytes_as(fuzz_dir, "noext", data))


ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())


@pytest.mark.parametrize("fmt", [None, "txt", "json", "jsonl", "csv", "html", "rss"])
@FUZZ
@given(text=st.text(alphabet=ANY_CHAR, max_size=300), seed=st.sampled_from(EXTENSIONS))
def test_read_text_any_string(fmt: str | None, text: str, seed: str) -> None:
    base = SEEDS[seed].decode("utf-8")
    at = len(text) % (len(base) + 1)
    for source in (text, base[:at] + text + base[at:]):
        if source.strip():
            check(list(read_text(source, id="fuzz", fmt=fmt)))
        else:
            items = list(read_text(source, id="fuzz", fmt=fmt))
            assert all(isinstance(i, ReadFailure) for i in items)


@FUZZ
@given(text=st.text(alphabet='ab ,;"\n\r', max_size=80), delimiter=st.sampled_from([",", ";"]))
def test_csv_rows_split_where_the_csv_module_splits_them(text: str, delimiter: str) -> None:
    """The CSV reader splits rows itself (to name an unclosed quote's line): it must agree with the csv module."""
    lines = list(enumerate(io.StringIO(text, newline=""), start=1))
    rows = list(raw_rows(lines, delimiter, max_bytes=10_000))
    expected = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    unclosed = [n for n, row in enumerate(rows) if isinstance(row, Unclosed)]
    before = rows[: unclosed[0]] if unclosed else rows  # after an unclosed quote the csv module swallows all
    got = [cells for row in before if isinstance(row, RawRow) and row.lines
           for cells in csv.reader(row.lines, delimiter=delimiter)]
    assert got == (expected[: len(got)] if unclosed else expected)
    if unclosed:  # the csv module's last row is the one that swallowed the rest
        assert len(expected) == len(got) + 1
