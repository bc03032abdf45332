"""The desktop app's entry point, called by `coopdesk` (no command) and `coopdesk gui`."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

from coopdesk.i18n import _
from coopdesk_ui.dialogs import APP_TITLE, Dialogs
from coopdesk_ui.language import app_language, apply_language
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.opening import open_startup_book

WINDOW_SIZE = (1180, 720)  # the members screen and its detail pane side by side


def run_app(book_path: Path | None) -> int:
    """Open `book_path` (else the default book, created on first run) in the main window and
    run the app until it is quit; returns the exit code."""
    existing = QApplication.instance()
    # Only the program name: the command line was already parsed by coopdesk's own parser.
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    # Before any widget: labels are translated as they are built. Needs the app's name (settings).
    apply_language(app, app_language())
    previous_hook, sys.excepthook = sys.excepthook, _report_bug
    window = MainWindow()
    window.resize(*WINDOW_SIZE)
    window.show()  # first, so screens hidden behind the dashboard wait to be looked at
    book = open_startup_book(Path(book_path) if book_path is not None else None)
    if book is not None:
        window.show_book(book)
    try:
        return app.exec()
    finally:
        window.host.close()
        sys.excepthook = previous_hook


def _report_bug(kind: type[BaseException], value: BaseException,
                tb: TracebackType | None) -> None:
    """Keep the app running after an unexpected error in a slot, and say it is a bug.

    The write that was going on, if any, was rolled back (one transaction per action), so the
    book is as it was; the details, for the person who will fix it, can be copied."""
    traceback.print_exception(kind, value, tb)
    details = "".join(traceback.format_exception(kind, value, tb))
    Dialogs.bug(
        QApplication.activeWindow(),
        _("Something went wrong inside coopdesk (this is a bug). Nothing was half-saved: the "
          "book is as it was before. Please copy the details below and send them to whoever "
          "looks after coopdesk for you.") + f"\n\n{kind.__name__}: {value}",
        details,
    )
