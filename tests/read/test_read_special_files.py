"""A FIFO, socket or device given as input is one failure, never opened (opening a FIFO blocks)."""

from __future__ import annotations

import io
import os
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _read_helpers import only_article, only_failure, read_all  # type: ignore[import-not-found]

from newsledger.article import Article, ReadFailure

Write = Callable[[str, str | bytes], Path]

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")


def read_without_blocking(*paths: Path) -> list[Article | ReadFailure]:
    """``read_all`` in a thread; if it blocks on a FIFO, the FIFO is opened for writing to free it; the test fails."""
    result: list[Article | ReadFailure] = []
    done = threading.Event()

    def run() -> None:
        result.extend(read_all(*paths))
        done.set()

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    if not done.wait(60):  # only reached when the reader blocks: unblock it, then fail
        for path in paths:
            for fifo in _fifos(path):
                with open(fifo, "wb"):
                    pass
        worker.join()
        pytest.fail("reading blocked on a FIFO")
    worker.join()
    return result


def _fifos(path: Path) -> Iterator[Path]:
    candidates = path.rglob("*") if path.is_dir() else [path]
    yield from (p for p in candidates if p.exists() and not p.is_file() and not p.is_dir())


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def test_fifo_is_one_failure_without_opening_it(fifo: Path) -> None:
    failure = only_failure(read_without_blocking(fifo))
    assert failure.origin == str(fifo)
    assert "not a regular file (a FIFO (named pipe))" in failure.reason and "'-'" in failure.reason


def test_fifo_without_a_known_extension_is_not_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    assert "not a regular file" in only_failure(read_without_blocking(path)).reason


def test_socket_and_device_are_failures(tmp_path: Path) -> None:
    sock_path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(sock_path))
        items = read_all(sock_path, Path(os.devnull))
    assert [type(i).__name__ for i in items] == ["ReadFailure", "ReadFailure"]
    assert isinstance(items[0], ReadFailure) and "(a socket)" in items[0].reason
    assert isinstance(items[1], ReadFailure) and "(a character device)" in items[1].reason


def test_directory_walk_reports_a_fifo_once_and_reads_the_rest(tmp_path: Path, write: Write) -> None:
    write("folder/a.txt", "The pier opened on Monday.")
    os.mkfifo(tmp_path / "folder" / "b.jsonl")
    os.mkfifo(tmp_path / "folder" / "unknown-kind.bin")
    write("folder/c.txt", "The council met on Tuesday.")
    items = read_without_blocking(tmp_path / "folder")
    assert [type(i).__name__ for i in items] == ["Article", "ReadFailure", "Article"]
    failure = items[1]
    assert isinstance(failure, ReadFailure) and failure.origin.endswith("b.jsonl")
    assert "not a regular file" in failure.reason


class _FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin_dash_still_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeStdin(b"The pier opened on Monday."))
    assert only_article(read_all("-")).text == "The pier opened on Monday."
