"""What every screen shares: the open book, the undo stack, the book's formatter, navigation.

Screens get one `AppContext` and never reach into each other. They write through
`context.write` (one transaction, errors shown as a dialog, every view told what changed),
run long writes through `context.run_long` (progress dialog, cancel), and ask for another
screen with `context.navigate("members", member_number)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError
from coopdesk.formatting import Formatter
from coopdesk_ui.book_host import BookHost
from coopdesk_ui.dialogs import Dialogs

P = ParamSpec("P")
T = TypeVar("T")

FALLBACK_LOCALE = "en_US"


class AppContext(QObject):
    """The services a screen may use; one per main window."""

    #: A screen asked to show another: (screen key, what to show there or None).
    navigate_requested = Signal(str, object)

    def __init__(self, host: BookHost, window: QWidget | None = None) -> None:
        super().__init__(host)
        self.host = host
        self.window = window
        self.undo_stack = QUndoStack(self)
        self.formatter = Formatter(FALLBACK_LOCALE)
        host.opened.connect(self._on_opened)
        host.closed.connect(self._on_closed)
        host.changed.connect(self._on_changed)

    # -- reading and writing ------------------------------------------------------------

    @property
    def writable(self) -> bool:
        """Whether a book is open and may be changed."""
        book = self.host.book
        return book is not None and not book.read_only

    @property
    def currency(self) -> str:
        """The open book's currency (USD when none is open)."""
        book = self.host.book
        return book.settings.currency if book is not None else "USD"

    def read(self, query: Callable[Concatenate[Session, P], T], /, *args: P.args,
             **kwargs: P.kwargs) -> T:
        """Run a query on the open book."""
        return self.host.read(query, *args, **kwargs)

    def write(self, service: Callable[Concatenate[Session, P], object], /, *args: P.args,
              **kwargs: P.kwargs) -> ChangeSet | None:
        """Run one write in one transaction; None (after a dialog saying why) if refused."""
        try:
            return self.host.run(service, *args, **kwargs)
        except CoopdeskError as exc:
            self.tell(exc.message)
            return None

    def run_long(self, title: str, service: Callable[..., object], /, *args: Any,
                 **kwargs: Any) -> ChangeSet | None:
        """Run a long write (it takes `progress=`) in the background behind a progress dialog
        that can cancel it; None if it was cancelled or refused (nothing was changed)."""
        from coopdesk_ui.jobs import run_with_progress  # jobs imports this module's siblings

        return run_with_progress(self, title, service, *args, **kwargs)

    def tell(self, message: str) -> None:
        """Show the user why something could not be done."""
        Dialogs.error(self.window, message)

    def navigate(self, screen: str, target: object = None) -> None:
        """Show `screen` ("members", "payments"...), focused on `target` if given."""
        self.navigate_requested.emit(screen, target)

    # -- following the book -------------------------------------------------------------

    def _on_opened(self) -> None:
        self.undo_stack.clear()
        self.formatter = Formatter(self.host.require().settings.locale)

    def _on_closed(self) -> None:
        self.undo_stack.clear()
        self.formatter = Formatter(FALLBACK_LOCALE)

    def _on_changed(self, changes: ChangeSet) -> None:
        book = self.host.book
        if changes.settings and book is not None:
            self.formatter = Formatter(book.settings.locale)
