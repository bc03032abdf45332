"""How a long write reports progress and how the user cancels it.

A service that takes long (a dues run over thousands of members, an import) accepts a
`progress` callback and calls it now and then with how much is done out of how much. The
callback may raise `Cancelled`: the service does not catch it, so the write's one transaction
is rolled back and nothing is half-applied. The desktop app passes a callback that updates its
progress dialog from a worker thread; the command line passes nothing.
"""

from __future__ import annotations

from typing import Protocol

from coopdesk.errors import CoopdeskError


class Cancelled(CoopdeskError):
    """The user stopped a long operation before it finished; nothing was changed."""

    def __init__(self, message: str = "Cancelled: nothing was changed.") -> None:
        super().__init__(message)


class Progress(Protocol):
    """Told `done` of `total` steps are finished; may raise `Cancelled`."""

    def __call__(self, done: int, total: int) -> None: ...


def no_progress(done: int, total: int) -> None:
    """The default callback: report nothing, never cancel."""
