"""The one open book of a window, and the signals every view refreshes from.

Views never reach into each other to refresh: writes go through `BookHost.run`, which emits the
core's `ChangeSet`, and each view decides from it whether it must re-query (Anki's
`CollectionOp` -> `OpChanges`). Opening, replacing and closing the book are signalled the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from coopdesk.book import Book
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError
from coopdesk.session_backup import write_session_backup

P = ParamSpec("P")
T = TypeVar("T")


class NoBookOpen(RuntimeError):
    """A view asked for the book while none is open (a bug: views check `host.book` first)."""


class BookHost(QObject):
    """Owns the open `Book` (and so its lock) and announces what happens to it."""

    opened = Signal()
    closed = Signal()
    changed = Signal(object)  # ChangeSet
    #: The end-of-session backup could not be written: the reason, for the status bar.
    backup_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._book: Book | None = None
        self._changed_since_open = False

    @property
    def book(self) -> Book | None:
        """The open book, or None."""
        return self._book

    def require(self) -> Book:
        """The open book; raises NoBookOpen when there is none."""
        if self._book is None:
            raise NoBookOpen("no book is open")
        return self._book

    def replace(self, book: Book) -> None:
        """Take ownership of `book`, closing the book open until now."""
        self.close()
        self._book = book
        self._changed_since_open = False
        self.opened.emit()

    def close(self) -> None:
        """Close the open book, releasing its lock; does nothing when none is open."""
        if self._book is None:
            return
        book, self._book = self._book, None
        try:
            if self._changed_since_open and not book.read_only:
                self._back_up(book)
            book.close()
        finally:
            self.closed.emit()

    def read(self, query: Callable[Concatenate[Session, P], T], /, *args: P.args,
             **kwargs: P.kwargs) -> T:
        """Run a query on the open book."""
        return self.require().read(query, *args, **kwargs)

    def run(self, service: Callable[Concatenate[Session, P], object], /, *args: P.args,
            **kwargs: P.kwargs) -> ChangeSet:
        """Run one write on the open book in one transaction, then tell every view what changed."""
        changes = self.require().run(service, *args, **kwargs)
        self.announce(changes)
        return changes

    def announce(self, changes: ChangeSet) -> None:
        """Tell every view about a write that was committed elsewhere (a background job)."""
        self._changed_since_open = True
        self.changed.emit(changes)

    def _back_up(self, book: Book) -> None:
        """The end-of-session backup (DESIGN: rotated, verified); a failure never stops the
        book from closing, but is reported."""
        try:
            write_session_backup(book.path)
        except (CoopdeskError, OSError) as exc:
            self.backup_failed.emit(getattr(exc, "message", None) or str(exc))
