"""The Statements screen's modal windows, behind one class of classmethods that tests replace
(the pattern of coopdesk_ui.dialogs.Dialogs): where to save, the system's print dialog, and
showing the page setup form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from coopdesk.i18n import _
from coopdesk_ui.widgets import file_dialogs


class StatementsDialogs:
    """Modal windows of the Statements screen; each classmethod shows one and returns the answer."""

    @classmethod
    def ask_pdf_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where the user wants the combined PDF written, or None if they cancel."""
        return file_dialogs.ask_save_path(parent, _("Save the statements as one PDF"), suggested,
                                          _("PDF files (*.pdf)"), ".pdf", always_suffix=True)

    @classmethod
    def ask_folder(cls, parent: QWidget | None, start: Path) -> Path | None:
        """The folder the user picks for one PDF per member, or None if they cancel."""
        return file_dialogs.ask_folder(parent, _("Choose a folder for one PDF per member"), start)

    @classmethod
    def ask_printer(cls, parent: QWidget | None, printer: QPrinter) -> bool:
        """Show the system's print dialog for `printer`; whether the user chose to print."""
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(_("Print the statements"))
        return dialog.exec() == QDialog.DialogCode.Accepted

    @classmethod
    def run_form(cls, dialog: QDialog) -> bool:
        """Show a form until the user accepts or cancels it; whether it was accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted
