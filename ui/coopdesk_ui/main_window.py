"""The main window: a sidebar of screens over the open book, its menus, toolbar and status bar.

The window owns the `BookHost` (closing the window closes the book and releases its lock) and
the `AppContext` the screens share. With no book open it shows the welcome page instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from coopdesk import paths
from coopdesk.backup import write_backup
from coopdesk.book import Book
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.session_backup import last_backup_time
from coopdesk_ui.actions import make_action
from coopdesk_ui.book_host import BookHost
from coopdesk_ui.context import AppContext
from coopdesk_ui.dialogs import APP_TITLE, Dialogs
from coopdesk_ui.opening import open_book, open_demo_book
from coopdesk_ui.language import language_menu
from coopdesk_ui.recent_books import RecentBooks
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.screens.registry import ScreenRegistry

if TYPE_CHECKING:
    from coopdesk_ui.screens.trial_balance import TrialBalanceScreen
from coopdesk_ui.settings_dialog import edit_settings
from coopdesk_ui.welcome import WelcomePage
from coopdesk_ui.widgets.notice_banner import NoticeBanner
from coopdesk_ui.wizard import create_book_with_wizard

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
SIDEBAR_WIDTH = 170


def read_only_notice() -> str:
    return _("This book is open for reading only: nothing in it can be changed.")


class MainWindow(QMainWindow):
    """The app's window over one book at a time (or none)."""

    def __init__(self, parent: QWidget | None = None, recent: RecentBooks | None = None) -> None:
        super().__init__(parent)
        self.host = BookHost(self)
        self.context = AppContext(self.host, self)
        self.recent = recent if recent is not None else RecentBooks()
        self.banner = NoticeBanner()
        self.welcome = WelcomePage()
        self.screen_stack = QStackedWidget()
        self.screens = ScreenRegistry(self.context, self.screen_stack)
        self.sidebar = self._make_sidebar()

        workspace = QWidget()
        row = QHBoxLayout(workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sidebar)
        row.addWidget(self.screen_stack, 1)
        self._pages = QStackedWidget()
        self._pages.addWidget(self.welcome)
        self._pages.addWidget(workspace)
        self._workspace = workspace

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self._pages, 1)
        self.setCentralWidget(central)

        self.book_status = QLabel()
        self.book_status.setContentsMargins(6, 0, 0, 0)
        self.backup_status = QLabel()
        self.statusBar().addWidget(self.book_status, 1)  # hidden while a message shows
        self.statusBar().addPermanentWidget(self.backup_status)
        self._make_actions()
        self._make_menus()
        self._make_toolbar()

        self.welcome.create_requested.connect(self.create_book)
        self.welcome.open_requested.connect(self._ask_and_open)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.recent_requested.connect(self.open_path)
        self.context.navigate_requested.connect(self.show_screen)
        self.host.opened.connect(self._show_book_state)
        self.host.closed.connect(self._show_book_state)
        self.host.changed.connect(self._on_changed)
        self.host.backup_failed.connect(self._on_backup_failed)
        self._show_book_state()

    # -- what is shown ------------------------------------------------------------------

    @property
    def trial_balance(self) -> TrialBalanceScreen:
        """The ledger's trial balance (kept for the tests and the screenshots)."""
        from coopdesk_ui.screens.ledger import LedgerScreen

        ledger = self.screens["ledger"]
        assert isinstance(ledger, LedgerScreen)
        return ledger.trial_balance

    def current_screen(self) -> Screen | None:
        """The screen on view, or None when the welcome page is shown."""
        if self._pages.currentWidget() is not self._workspace:
            return None
        widget = self.screen_stack.currentWidget()
        return widget if isinstance(widget, Screen) else None

    def show_screen(self, key: str, target: object = None) -> None:
        """Show the screen named `key`, focused on `target` if given."""
        screen = self.screens[key]
        self.sidebar.setCurrentRow(list(self.screens).index(key))
        self.screen_stack.setCurrentWidget(screen)
        if target is not None:
            screen.show_target(target)

    # -- books --------------------------------------------------------------------------

    def show_book(self, book: Book) -> None:
        """Show `book`, taking ownership of it (the book shown until now is closed)."""
        self.host.replace(book)
        self.recent.add(book.path)

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

    def create_book(self) -> None:
        """File > New: the new-book wizard, then the new book."""
        book = create_book_with_wizard(self)
        if book is not None:
            self.show_book(book)

    def open_demo(self) -> None:
        """Open the demo co-op, writing it first if this computer has none yet."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            book = open_demo_book(self)
        finally:
            QApplication.restoreOverrideCursor()
        if book is not None:
            self.show_book(book)

    def save_copy(self) -> None:
        """File > Save a copy: a verified copy of the book where the user says."""
        book = self.host.book
        if book is None:
            return
        target = Dialogs.ask_save_path(self, _("Save a copy of the book"),
                                       book.path.with_name(f"{book.path.stem} copy{book.path.suffix}"))
        if target is None:
            return
        try:
            written = write_backup(book.path, target)
        except CoopdeskError as exc:
            self.context.tell(_("The copy could not be saved.") + "\n\n" + exc.message)
            return
        self.statusBar().showMessage(_("Saved a copy to {path}").format(path=written), 8000)

    def refresh(self) -> None:
        """Query everything on view again (View > Refresh)."""
        for screen in self.screens.created():
            screen.refresh()

    # -- menus and toolbar --------------------------------------------------------------

    def _make_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_action = make_action(self, _("&New book") + ELLIPSIS, self.create_book,
                                      shortcut=std.New, icon="document-new")
        self.open_action = make_action(self, _("&Open") + ELLIPSIS, self._ask_and_open,
                                       shortcut=std.Open, icon="document-open")
        self.save_copy_action = make_action(self, _("Save a cop&y") + ELLIPSIS, self.save_copy,
                                            shortcut=std.SaveAs, icon="document-save-as")
        self.close_action = make_action(self, _("&Close book"), self.host.close, shortcut=std.Close)
        self.quit_action = make_action(self, _("&Quit"), self.close, shortcut=QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        stack = self.context.undo_stack
        self.undo_action = stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence(std.Undo))
        self.redo_action = stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcuts(QKeySequence.keyBindings(std.Redo) + [QKeySequence("Ctrl+Y")])
        self.find_action = make_action(self, _("&Find") + ELLIPSIS, self._find, shortcut=std.Find,
                                       icon="edit-find")
        self.settings_action = make_action(self, _("&Settings") + ELLIPSIS, self._edit_settings,
                                           shortcut=std.Preferences)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.refresh_action = make_action(self, _("&Refresh"), self.refresh, shortcut=std.Refresh)
        self.screen_actions = [
            make_action(self, self.screens.title(key), lambda _c=False, k=key: self.show_screen(k),
                        shortcut=QKeySequence(f"Ctrl+{n}"))
            for n, key in enumerate(self.screens, start=1)
        ]

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(_("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.save_copy_action)
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(_("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        view_menu = bar.addMenu(_("&View"))
        for action in self.screen_actions:
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        view_menu.addMenu(language_menu(self))

    def _make_toolbar(self) -> None:
        toolbar = QToolBar(_("Main toolbar"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.open_action, self.undo_action, self.redo_action,
                       self.find_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    def _make_sidebar(self) -> QListWidget:
        sidebar = QListWidget()
        sidebar.setFixedWidth(SIDEBAR_WIDTH)
        sidebar.setObjectName("sidebar")
        font = sidebar.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        sidebar.setFont(font)
        sidebar.setSpacing(2)
        for key in self.screens:
            QListWidgetItem(self.screens.title(key), sidebar)
        # As wide as its longest title in the app's language ("Assemblée générale annuelle"),
        # never narrower than the English layout expects.
        needed = sidebar.sizeHintForColumn(0) + 2 * sidebar.frameWidth() + 12
        sidebar.setFixedWidth(max(SIDEBAR_WIDTH, needed))
        sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        sidebar.currentRowChanged.connect(self._on_sidebar_row)
        return sidebar

    def _on_sidebar_row(self, row: int) -> None:
        if row >= 0:
            self.screen_stack.setCurrentWidget(self.screens[list(self.screens)[row]])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        books = self.recent.paths()
        for path in books:
            self.recent_menu.addAction(
                make_action(self.recent_menu, str(path), lambda _c=False, p=path: self.open_path(p)))
        if not books:
            none = self.recent_menu.addAction(_("No books opened yet"))
            none.setEnabled(False)

    def _ask_and_open(self) -> None:
        current = self.host.book
        start = current.path.parent if current is not None else paths.default_book_path().parent
        path = Dialogs.ask_open_path(self, start)
        if path is not None:
            self.open_path(path)

    def _find(self) -> None:
        screen = self.current_screen()
        if screen is not None:
            screen.start_search()

    def _edit_settings(self) -> None:
        if self.host.book is not None:
            edit_settings(self.context)

    # -- reacting to the book -----------------------------------------------------------

    def _show_book_state(self) -> None:
        book = self.host.book
        has_book = book is not None
        for action in (self.close_action, self.refresh_action, self.save_copy_action,
                       self.find_action, *self.screen_actions):
            action.setEnabled(has_book)
        self.settings_action.setEnabled(has_book)  # a read-only book shows them locked
        self.sidebar.setEnabled(has_book)
        if book is None:
            self._pages.setCurrentWidget(self.welcome)
            self.welcome.show_recent(self.recent.paths())
            self.setWindowTitle(APP_TITLE)
            self.book_status.setText(_("No book open"))
            self.backup_status.clear()
            self.banner.show_notices([])
            return
        self._pages.setCurrentWidget(self._workspace)
        if self.sidebar.currentRow() < 0:
            self.sidebar.setCurrentRow(0)
        self._show_title()
        access = "  \N{EM DASH}  " + _("read-only") if book.read_only else ""
        self.book_status.setText(f"{book.path}{access}")
        self._show_last_backup(book)
        notices = list(book.notices)
        if book.read_only and not notices:
            notices.append(read_only_notice())
        self.banner.show_notices(notices)

    def _show_title(self) -> None:
        book = self.host.book
        if book is None:
            return
        access = " " + _("(read-only)") if book.read_only else ""
        self.setWindowTitle(f"{book.settings.name}{access} \N{EM DASH} {APP_TITLE}")

    def _show_last_backup(self, book: Book) -> None:
        moment = last_backup_time(book.path)
        if moment is None:
            self.backup_status.setText(_("Not backed up yet"))
        else:
            local = moment.astimezone()
            when = self.context.formatter.date(local.date())
            self.backup_status.setText(
                _("Last backup: {when} {time}").format(when=when, time=local.strftime("%H:%M")))

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.settings:
            self._show_title()  # the co-op's name may have changed

    def _on_backup_failed(self, reason: str) -> None:
        Dialogs.error(self, _("The end-of-session backup could not be written.") + "\n\n" + reason)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.host.close()
        super().closeEvent(event)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False
