"""The one place every reader's output goes through: no exception and no lone surrogate gets out.

A reader that raises an exception nobody foresaw gives one ``ReadFailure`` naming the
input (the traceback is logged at DEBUG), and the batch goes on with the next input.
Every article leaves with its strings free of lone surrogates (U+D800..U+DFFF, which a
JSON ``"\\ud83d"`` escape or a feed's ``&#xD800;`` can produce and which cannot be
encoded as UTF-8 later in the pipeline): each is replaced by U+FFFD, one code point for
one, so every offset into the text stays valid.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import zlib
from collections.abc import Iterator

from newsledger.article import Article, ReadFailure
from newsledger.read.source import PERMISSION_REASON

log = logging.getLogger(__name__)

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def scrub(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (same length, same offsets)."""
    return _SURROGATE.sub(REPLACEMENT, text)


def guarded(origin: str, items: Iterator[Article | ReadFailure], *, compressed: bool = False) -> Iterator[
    Article | ReadFailure
]:
    """The items of one reader, checked; an exception inside it ends them with one failure naming ``origin``."""
    try:
        for item in items:
            yield checked(item, origin)
    except PermissionError:
        yield ReadFailure(origin, PERMISSION_REASON)
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
        yield ReadFailure(origin, decompress_reason(exc) if compressed else read_error_reason(exc))
    except RecursionError:
        log.debug("%s: nested too deeply", origin, exc_info=True)
        yield ReadFailure(origin, NESTED_REASON)
    except Exception as exc:  # the safety net: one bad input never stops a batch
        log.debug("%s: unexpected error in the reader", origin, exc_info=True)
        yield ReadFailure(origin, unexpected_reason(exc))


NESTED_REASON = "is nested too deeply to read (over a thousand levels); no article is nested like that: check the file"


def decompress_reason(exc: BaseException) -> str:
    return f"cannot decompress it ({exc or type(exc).__name__}); check that it is a complete gzip file"


def read_error_reason(exc: BaseException) -> str:
    return f"cannot read it ({exc or type(exc).__name__}); check the file and try again"


def unexpected_reason(exc: BaseException) -> str:
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    told = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return (
        f"cannot be read: the reader failed on it ({told}); check that the file is what its extension says "
        "and is not damaged (the traceback is logged at DEBUG level)"
    )


def checked(item: Article | ReadFailure, origin: str) -> Article | ReadFailure:
    """``item`` with lone surrogates replaced in every string (a warning names the file)."""
    if isinstance(item, ReadFailure):
        return ReadFailure(item.origin or origin, scrub(item.reason)) if has_surrogates(item.reason) else item
    changes: dict[str, object] = {}
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        if isinstance(value, str) and has_surrogates(value):
            changes[field.name] = scrub(value)
    if item.extra and any(has_surrogates(k) or has_surrogates(v) for k, v in item.extra.items()):
        changes["extra"] = {scrub(k): scrub(v) for k, v in item.extra.items()}
    if not changes:
        return item
    log.warning(
        "%s: article %r holds invalid characters (lone UTF-16 surrogates, as from a bad \\u or &# escape) "
        "in its %s; each is replaced by U+FFFD",
        item.origin or origin, scrub(item.id), ", ".join(sorted(changes)),
    )
    return dataclasses.replace(item, **changes)  # type: ignore[arg-type]
