"""The main window: menus, the open book's screen, its notices and its status.

The window owns the `BookHost`, so closing the window closes the book and releases its lock.
With no book open it shows a hint to open one instead of an empty table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk import paths
from coopdesk.book import Book
from coopdesk.changes import ChangeSet
from coopdesk_ui.book_host import BookHost
from coopdesk_ui.dialogs import APP_TITLE, Dialogs
from coopdesk_ui.opening import open_book
from coopdesk_ui.screens.trial_balance import TrialBalanceScreen
from coopdesk_ui.widgets.notice_banner import NoticeBanner

READ_ONLY_NOTICE = "This book is open for reading only: nothing in it can be changed."
ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
NO_BOOK_HINT = f"No book is open.\n\nChoose File \N{RIGHTWARDS ARROW} Open{ELLIPSIS} to open one."


class MainWindow(QMainWindow):
    """The app's window over one book at a time (or none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = BookHost(self)
        self.banner = NoticeBanner()
        self.trial_balance = TrialBalanceScreen(self.host)
        self.no_book_hint = QLabel(NO_BOOK_HINT)
        self.no_book_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_book_hint.setEnabled(False)  # drawn in the palette's muted text colour
        self._pages = QStackedWidget()
        self._pages.addWidget(self.no_book_hint)
        self._pages.addWidget(self.trial_balance)
        self.book_status = QLabel()
        self.book_status.setContentsMargins(6, 0, 0, 0)
        self.statusBar().addPermanentWidget(self.book_status, 1)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self._pages, 1)
        self.setCentralWidget(central)
        self._make_menus()

        self.host.opened.connect(self._show_book_state)
        self.host.closed.connect(self._show_book_state)
        self.host.changed.connect(self._on_changed)
        self._show_book_state()

    def show_book(self, book: Book) -> None:
        """Show `book`, taking ownership of it (the book shown until now is closed)."""
        self.host.replace(book)

    def open_path(self, path: Path) -> bool:
        """Open the book at `path` in place of the current one; False (after telling the user
        why) when it cannot be opened, in which case the current book stays open."""
        current = self.host.book
        if current is not None and _same_file(current.path, path):
            self.refresh()
            return True
        book = open_book(self, path)
        if book is None:
            return False
        self.show_book(book)
        return True

    def refresh(self) -> None:
        """Query everything shown again (View > Refresh)."""
        self.trial_balance.refresh()

    # -- menu actions -------------------------------------------------------------------

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = _action(self, f"&Open{ELLIPSIS}", QKeySequence("Ctrl+O"), self._ask_and_open)
        self.close_action = _action(self, "&Close", QKeySequence("Ctrl+W"), self.host.close)
        self.quit_action = _action(self, "&Quit", QKeySequence("Ctrl+Q"), self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu("&View")
        self.refresh_action = _action(self, "&Refresh", QKeySequence("F5"), self.refresh)
        view_menu.addAction(self.refresh_action)

    def _ask_and_open(self) -> None:
        current = self.host.book
        start = current.path.parent if current is not None else paths.default_book_path().parent
        path = Dialogs.ask_open_path(self, start)
        if path is not None:
            self.open_path(path)

    # -- reacting to the book -----------------------------------------------------------

    def _show_book_state(self) -> None:
        book = self.host.book
        has_book = book is not None
        self.close_action.setEnabled(has_book)
        self.refresh_action.setEnabled(has_book)
        self._pages.setCurrentWidget(self.trial_balance if has_book else self.no_book_hint)
        if book is None:
            self.setWindowTitle(APP_TITLE)
            self.book_status.setText("No book open")
            self.banner.show_notices([])
            return
        self._show_title(book)
        self.trial_balance.table.setFocus()
        access = "  \N{EM DASH}  read-only" if book.read_only else ""
        self.book_status.setText(f"{book.path}{access}")
        notices = list(book.notices)
        if book.read_only and not notices:
            notices.append(READ_ONLY_NOTICE)
        self.banner.show_notices(notices)

    def _show_title(self, book: Book) -> None:
        access = " (read-only)" if book.read_only else ""
        self.setWindowTitle(f"{book.settings.name}{access} \N{EM DASH} {APP_TITLE}")

    def _on_changed(self, changes: ChangeSet) -> None:
        book = self.host.book
        if changes.settings and book is not None:
            self._show_title(book)  # the co-op's name may have changed

    def closeEvent(self, event: QCloseEvent) -> None:
        self.host.close()
        super().closeEvent(event)


def _action(parent: QWidget, text: str, shortcut: QKeySequence,
            slot: Callable[[], object]) -> QAction:
    action = QAction(text, parent)
    action.setShortcut(shortcut)
    action.triggered.connect(slot)
    return action


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False
