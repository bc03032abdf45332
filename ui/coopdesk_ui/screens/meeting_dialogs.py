"""The Annual meeting screen's modal windows, behind one class of classmethods that tests
replace (the pattern of coopdesk_ui.dialogs.Dialogs): showing a form, confirming a removal,
choosing where the voter roll and the meeting pack are written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from coopdesk.i18n import _
from coopdesk_ui.dialogs import APP_TITLE


class MeetingDialogs:
    """Modal windows of the Annual meeting screen; each classmethod shows one and returns the
    answer."""

    @classmethod
    def run_form(cls, dialog: QDialog) -> bool:
        """Show a form until the user accepts or cancels it (the form does the writing);
        whether it was accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    @classmethod
    def confirm(cls, parent: QWidget | None, question: str, details: str, action: str) -> bool:
        """Whether to do what `question` asks, `details` saying what follows; the button that
        does it reads `action`, Cancel is the default."""
        box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE, question,
                          QMessageBox.StandardButton.NoButton, parent)
        box.setInformativeText(details)
        go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go

    @classmethod
    def ask_csv_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to save the voter roll as CSV, or None if the user cancels."""
        name, _filter = QFileDialog.getSaveFileName(parent, _("Export the voter roll"),
                                                    str(suggested), _("CSV files (*.csv)"))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".csv")

    @classmethod
    def ask_folder(cls, parent: QWidget | None, start: Path) -> Path | None:
        """The folder the meeting pack is written to, or None if the user cancels."""
        name = QFileDialog.getExistingDirectory(parent, _("Choose a folder for the meeting pack"),
                                                str(start))
        return Path(name) if name else None
