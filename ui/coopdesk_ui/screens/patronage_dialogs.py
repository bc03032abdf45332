"""The Patronage and Capital accounts screens' modal windows, behind one class of classmethods
that tests replace (the pattern of coopdesk_ui.dialogs.Dialogs): showing a form or wizard,
confirming what cannot be undone, and choosing files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from coopdesk.i18n import _
from coopdesk_ui.dialogs import APP_TITLE


class PatronageDialogs:
    """Modal windows of the patronage screens; each classmethod shows one and returns the answer."""

    @classmethod
    def run_form(cls, dialog: QDialog) -> bool:
        """Show a form or wizard until the user accepts or cancels it (it does the writing);
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
    def ask_pdf_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to save a PDF, or None if the user cancels."""
        name, _filter = QFileDialog.getSaveFileName(parent, _("Save the draft as PDF"),
                                                    str(suggested), _("PDF files (*.pdf)"))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    @classmethod
    def ask_csv_path(cls, parent: QWidget | None, start: Path | None) -> Path | None:
        """The CSV file of patronage records to import, or None if the user cancels."""
        name, _filter = QFileDialog.getOpenFileName(
            parent, _("Import patronage records"), str(start or Path.home()),
            _("CSV files (*.csv *.txt);;All files (*)"))
        return Path(name) if name else None
