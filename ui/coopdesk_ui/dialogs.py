"""Every modal message and question of the app, behind one class that tests replace.

Widgets never call QMessageBox or QFileDialog themselves: they call a `Dialogs` classmethod, so
a test monkeypatches that one method to answer instead of blocking on a modal window
(qutebrowser and Picard test their dialogs this way).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from coopdesk_ui.widgets import file_dialogs

APP_TITLE = "coopdesk"
BOOK_FILE_FILTER = "coopdesk books (*.coopdesk)"


class Dialogs:
    """Modal dialogs; each classmethod shows one and returns the user's answer."""

    @classmethod
    def error(cls, parent: QWidget | None, text: str) -> None:
        """Tell the user something could not be done, and why."""
        QMessageBox.critical(parent, APP_TITLE, text)

    @classmethod
    def bug(cls, parent: QWidget | None, text: str, details: str) -> None:
        """Say that something unexpected happened, with the technical details to copy."""
        box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, text, QMessageBox.StandardButton.Ok,
                          parent)
        box.setDetailedText(details)  # shown behind "Show Details...", selectable and copyable
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    @classmethod
    def ask_open_read_only(cls, parent: QWidget | None, text: str) -> bool:
        """Whether to open, for reading only, a book another program is writing to."""
        answer = QMessageBox.question(
            parent,
            APP_TITLE,
            f"{text}\n\nOpen it for reading only?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def ask_open_path(cls, parent: QWidget | None, start: Path | None = None) -> Path | None:
        """The book file the user picks to open, or None if they cancel."""
        return file_dialogs.ask_open_path(parent, "Open a book", start, BOOK_FILE_FILTER)

    @classmethod
    def ask_save_path(cls, parent: QWidget | None, title: str, suggested: Path) -> Path | None:
        """Where the user wants a new book file written, or None if they cancel."""
        return file_dialogs.ask_save_path(parent, title, suggested, BOOK_FILE_FILTER, ".coopdesk")
