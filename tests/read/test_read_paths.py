from __future__ import annotations

import gzip
import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from _read_helpers import only_article, only_failure, read_all

from newsledger.article import Article, ReadFailure
from newsledger.errors import InputError
from newsledger.read import read_paths, read_text
from newsledger.read import source as source_module

Write = Callable[..., Path]


def test_directory_is_read_recursively_sorted_and_filtered(write: Write, tmp_path: Path) -> None:
    write("b.txt", "Second file\n|\nBody b.\n")
    write("a.txt", "First file\n|\nBody a.\n")
    write("sub/c.jsonl.gz", '{"text": "Body c."}\n')
    write("sub/d.md", "Body d.")
    write("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write("notes", "no extension")
    write(".hidden.txt", "Hidden.")
    write(".git/e.txt", "Inside a hidden folder.")
    write("broken.json", '{"text": ')
    items = read_all(tmp_path)
    ids = [item.id for item in items if isinstance(item, Article)]
    assert ids == ["a", "b", "c", "d"]
    failures = [item for item in items if isinstance(item, ReadFailure)]
    assert len(failures) == 1 and failures[0].origin.endswith("broken.json")


def test_missing_path_and_batch_goes_on(write: Write, tmp_path: Path) -> None:
    good = write("ok.txt", "Fine text.")
    items = read_all(tmp_path / "nowhere.txt", good)
    failure, article = items
    assert isinstance(failure, ReadFailure) and "no such file" in failure.reason
    assert failure.origin.endswith("nowhere.txt")
    assert isinstance(article, Article)


def test_unreadable_file(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("locked.txt", "Secret.")
    monkeypatch.setattr(source_module.os, "access", lambda *_args: False)
    failure = only_failure(read_all(path))
    assert "permission denied" in failure.reason and failure.origin == str(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_mode(write: Write) -> None:
    path = write("locked.txt", "Secret.")
    path.chmod(0)
    try:
        assert "permission denied" in only_failure(read_all(path)).reason
    finally:
        path.chmod(0o644)


def test_permission_error_on_open(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("racy.txt", "Text.")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError("denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert "permission denied" in only_failure(read_all(path)).reason


def test_over_limit_says_size_limit_and_fix(write: Write) -> None:
    path = write("long.txt", "x" * 150_000)
    failure = only_failure(read_all(path, max_bytes=100_000))
    assert failure.reason.startswith("file is 0.15 MB, over the 0.1 MB limit")
    assert "split" in failure.reason and "--max-bytes" in failure.reason


def test_fifty_megabyte_sparse_file_fails_on_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    failure = only_failure(read_all(path))
    assert "file is 50 MB, over the 20 MB limit" in failure.reason


def test_real_file_over_twenty_megabytes_fails_quickly(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"a" * 21_000_000 + b"</p>")
    started = time.perf_counter()
    failure = only_failure(read_all(path))
    assert time.perf_counter() - started < 1.0
    assert "21 MB" in failure.reason and "20 MB" in failure.reason


def test_gz_over_limit_when_decompressed(write: Write) -> None:
    path = write("big.txt.gz", "y" * 5_000)
    failure = only_failure(read_all(path, max_bytes=1_000))
    assert "decompressed" in failure.reason and "--max-bytes" in failure.reason


def test_corrupt_gz(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(gzip.compress(b"Some words here.")[:15])
    assert "gzip" in only_failure(read_all(path)).reason


def test_explicit_unknown_extension_is_sniffed(write: Write) -> None:
    article = only_article(read_all(write("story.dat", '[{"text": "From a .dat file."}]')))
    assert article.text == "From a .dat file." and article.id == "story"


def test_published_argument_wins_everywhere(write: Write) -> None:
    path = write("dated.jsonl", '{"text": "A.", "date": "2020-01-01"}\n')
    assert only_article(read_all(path, published="9 Feb 2025")).published == "2025-02-09"
    assert only_article(read_all(path)).published == "2020-01-01"


def test_bad_published_argument_raises_at_once() -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read_paths(["whatever.txt"], published="someday")


class _FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    content = "Pasted headline\r\n|\r\nPasted body said.\r\n"
    monkeypatch.setattr(sys, "stdin", _FakeStdin(content.encode("utf-8")))
    article = only_article(list(read_paths(["-"])))
    assert article.text == content and article.id == "stdin" and article.title == "Pasted headline"


def test_stdin_jsonl_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "".join(f'{{"text": "Line {n} body."}}\n' for n in range(3000)).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", _FakeStdin(data))
    items = list(read_paths(["-"], max_bytes=1_000))
    assert len(items) == 3000 and all(isinstance(item, Article) for item in items)
    last = items[-1]
    assert isinstance(last, Article) and last.id == "stdin#3000"


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    page = (
        "<!doctype html><html><body><article><p>Stdin page text here: the harbour council approved "
        "the new pier on Monday, its chair said.</p></article></body></html>"
    )
    monkeypatch.setattr(sys, "stdin", _FakeStdin(page.encode("utf-8")))
    assert "Stdin page text here:" in only_article(list(read_paths(["-"]))).text


def test_read_text_formats() -> None:
    assert only_article(list(read_text("Just words.", id="x"))).text == "Just words."
    assert only_article(list(read_text('{"text": "j"}', fmt="txt"))).text == '{"text": "j"}'
    assert only_article(list(read_text('{"text": "j"}', fmt="json"))).text == "j"
    assert only_article(list(read_text("Day one.", published="2025-02-09"))).published == "2025-02-09"
    assert "empty" in only_failure(list(read_text(""))).reason
    with pytest.raises(InputError, match="unknown format"):
        read_text("x", fmt="docx")
