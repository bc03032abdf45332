"""The Patronage and Capital accounts screens' modal windows, behind one class of classmethods
that tests replace (the pattern of coopdesk_ui.dialogs.Dialogs): showing a form or wizard,
confirming what cannot be undone, and choosing files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from coopdesk.i18n import _
from coopdesk_ui.widgets import file_dialogs
from coopdesk_ui.widgets.confirm_box import confirm


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
        return confirm(parent, question, action, details)

    @classmethod
    def ask_pdf_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to save a PDF, or None if the user cancels."""
        return file_dialogs.ask_save_path(parent, _("Save the draft as PDF"), suggested,
                                          _("PDF files (*.pdf)"), ".pdf", always_suffix=True)

    @classmethod
    def ask_csv_path(cls, parent: QWidget | None, start: Path | None) -> Path | None:
        """The CSV file of patronage records to import, or None if the user cancels."""
        return file_dialogs.ask_open_path(parent, _("Import patronage records"),
                                          start or Path.home(),
                                          _("CSV files (*.csv *.txt);;All files (*)"))
