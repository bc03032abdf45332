"""Asking the user to confirm something lasting: a question box whose button says what it
does, with Cancel the default."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from coopdesk_ui.dialogs import APP_TITLE


def confirm(parent: QWidget | None, question: str, action: str, details: str | None = None) -> bool:
    """Whether the user goes ahead: `question`, `details` (if any) saying what follows, a
    button reading `action` and Cancel, the default."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE, question,
                      QMessageBox.StandardButton.NoButton, parent)
    if details is not None:
        box.setInformativeText(details)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go
