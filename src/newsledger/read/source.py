"""Where inputs come from: paths, directories, ``.gz`` files and standard input."""

from __future__ import annotations

import gzip
import io
import logging
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsledger.article import ReadFailure
from newsledger.read.sniff import Kind, is_gzip_name, kind_from_content, kind_from_name, strip_gz

log = logging.getLogger(__name__)

STDIN_ID = "stdin"
_SNIFF_BYTES = 8192

MISSING_REASON = "no such file or directory; check the path"
PERMISSION_REASON = "permission denied; make the file readable (chmod +r) or run as a user who can read it"
EMPTY_REASON = "file is empty; remove it or put the article text in it"


def not_regular_reason(mode: int) -> str:
    what = _SPECIAL_KINDS.get(stat.S_IFMT(mode), "a special file")
    return (
        f"not a regular file ({what}), so it is not opened: reading it could wait forever; "
        "give a regular file, or pipe the data to standard input with '-'"
    )


_SPECIAL_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


@dataclass(frozen=True)
class Options:
    """What every reader needs besides its input."""

    published: str | None = None
    max_bytes: int = 20_000_000


@dataclass(frozen=True)
class Input:
    """One input file (or stdin), its kind decided, not yet read."""

    origin: str
    stem: str
    kind: Kind
    open: Callable[[], BinaryIO]
    disk_size: int | None = None
    compressed: bool = False


def megabytes(size: int) -> str:
    """A size for a message: "52.4 MB", or bytes when tiny."""
    if size < 100_000:
        return f"{size:,} bytes"
    places = 2 if size < 10_000_000 else 1
    return f"{size / 1_000_000:.{places}f}".rstrip("0").rstrip(".") + " MB"


def too_big_reason(size: int | None, max_bytes: int, *, what: str = "file") -> str:
    told = f"is {megabytes(size)}" if size is not None else f"is more than {megabytes(max_bytes)}"
    return (
        f"{what} {told}, over the {megabytes(max_bytes)} limit; "
        "split it into smaller files or raise the limit with --max-bytes"
    )


def read_limited(inp: Input, max_bytes: int) -> bytes | ReadFailure:
    """The whole (decompressed) content, or a failure when it is over ``max_bytes``."""
    if inp.disk_size is not None and inp.disk_size > max_bytes:
        return ReadFailure(inp.origin, too_big_reason(inp.disk_size, max_bytes))
    with inp.open() as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        what = "file decompressed" if inp.compressed else "input"
        return ReadFailure(inp.origin, too_big_reason(None, max_bytes, what=what))
    return data


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Input | ReadFailure]:
    """Each path as inputs: ``-`` is stdin, a directory is walked, a file is one input."""
    for raw in paths:
        if str(raw) == "-":
            yield stdin_input(sys.stdin.buffer)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield file_input(path)


def file_input(path: Path, kind: Kind | None = None) -> Input | ReadFailure:
    """An input for one file; its kind from the name, else from its first bytes."""
    origin = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return ReadFailure(origin, not_regular_reason(info.st_mode))
        size = info.st_size
        if not os.access(path, os.R_OK):
            raise PermissionError(origin)
    except FileNotFoundError:
        return ReadFailure(origin, MISSING_REASON)
    except PermissionError:
        return ReadFailure(origin, PERMISSION_REASON)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        return ReadFailure(origin, f"cannot read it ({getattr(exc, 'strerror', None) or exc}); check the path")
    compressed = is_gzip_name(path.name)
    opener = _gzip_opener(path) if compressed else _file_opener(path)
    stem = Path(strip_gz(path.name)).stem
    inp = Input(origin, stem, "text", opener, None if compressed else size, compressed)
    if kind is None:
        kind = kind_from_name(path.name) or _sniff(inp)
    return Input(inp.origin, inp.stem, kind, inp.open, inp.disk_size, inp.compressed)


def _file_opener(path: Path) -> Callable[[], BinaryIO]:
    def opener() -> BinaryIO:
        return path.open("rb")

    return opener


def _gzip_opener(path: Path) -> Callable[[], BinaryIO]:
    def opener() -> BinaryIO:
        return gzip.open(path, "rb")  # type: ignore[return-value]

    return opener


def _sniff(inp: Input) -> Kind:
    try:
        with inp.open() as stream:
            head = stream.read(_SNIFF_BYTES)
    except (OSError, EOFError, zlib.error):
        return "text"  # the reader reports the real error
    return kind_from_content(head.decode("utf-8", errors="replace"))


def _walk(root: Path) -> Iterator[Input | ReadFailure]:
    """Files under ``root`` in sorted order, hidden ones and unknown kinds skipped."""
    for path in sorted(_visible_files(root)):
        kind = kind_from_name(path.name)
        if kind is None:
            log.debug("skipping %s: not a kind of input newsledger reads", path)
            continue
        yield file_input(path, kind)


def _visible_files(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                yield Path(folder) / name


def stdin_input(stream: BinaryIO) -> Input:
    """Standard input as an input whose kind is sniffed from its first bytes."""
    head = stream.read(_SNIFF_BYTES)
    kind = kind_from_content(head.decode("utf-8", errors="replace"))
    joined = io.BufferedReader(_Prepended(head, stream))

    def opener() -> BinaryIO:
        return joined

    return Input("<stdin>", STDIN_ID, kind, opener)


class _Prepended(io.RawIOBase):
    """A stream that gives back bytes already read, then the rest of another stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)
