"""Ctrl-C between articles: a batch stops after the article it is on, never inside a write.

Python raises ``KeyboardInterrupt`` wherever the main thread happens to be when
SIGINT arrives.  Inside a DuckDB call that is lost: DuckDB's Python client
checks for pending signals while a query runs and turns one into its own
``RuntimeError("Query interrupted")`` (not a ``KeyboardInterrupt``), which a
handler for ordinary errors (the extractor's "one bad article must not stop the
batch", a caller's ``except Exception``) then swallows, so a Ctrl-C could do
nothing at all.

:func:`deferred_interrupt` replaces the SIGINT handler, while a batch runs in
the main thread, by one that only sets a flag; the batch calls
:meth:`InterruptGuard.check` between articles, which raises :class:`Interrupted`
once the flag is set.  A second Ctrl-C raises ``KeyboardInterrupt`` at once
(what a user who insists expects); the store's transactions still roll back
whatever was half-written.  In other threads, or where SIGINT is ignored, the
guard installs nothing and never fires.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

log = logging.getLogger(__name__)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped a batch between two articles; ``stored`` articles were written whole first."""

    def __init__(self, stored: int) -> None:
        self.stored = stored
        super().__init__(f"interrupted: stored {stored} articles, each whole; nothing half-written")


class InterruptGuard:
    """The flag a deferred Ctrl-C sets; :meth:`check` it between articles."""

    def __init__(self) -> None:
        self.requested = False

    def check(self, stored: int) -> None:
        """Raise :class:`Interrupted` if Ctrl-C was pressed since the guard was installed."""
        if self.requested:
            raise Interrupted(stored)


_active: InterruptGuard | None = None


@contextmanager
def deferred_interrupt() -> Iterator[InterruptGuard]:
    """Defer SIGINT to the next :meth:`InterruptGuard.check` while the block runs.

    Nested uses share the outer guard.  The previous handler is restored on exit.
    """
    global _active
    guard = InterruptGuard()
    if threading.current_thread() is not threading.main_thread():
        yield guard  # never the main thread's guard: Ctrl-C stops the main thread's batch, not this one
        return
    if _active is not None:
        yield _active
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous in (signal.SIG_IGN, None):
        yield guard
        return

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        if guard.requested:  # the second Ctrl-C: stop now (transactions roll back)
            raise KeyboardInterrupt
        guard.requested = True
        log.info("interrupt: stopping after the current article (press Ctrl-C again to stop at once)")

    signal.signal(signal.SIGINT, on_sigint)
    _active = guard
    try:
        yield guard
    finally:
        _active = None
        signal.signal(signal.SIGINT, previous)
