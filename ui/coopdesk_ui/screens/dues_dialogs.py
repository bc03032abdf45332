"""The Dues screen's modal windows, behind one class of classmethods that tests replace.

The forms themselves (coopdesk_ui.forms) are plain QDialogs that tests fill and accept without
running them; only showing them modally, and asking where to save a file, go through here
(the same pattern as coopdesk_ui.dialogs.Dialogs).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from coopdesk.i18n import _
from coopdesk_ui.widgets import file_dialogs


class DuesDialogs:
    """Modal windows of the Dues screen; each classmethod shows one and returns the answer."""

    @classmethod
    def run_form(cls, dialog: QDialog) -> bool:
        """Show a form until the user accepts or cancels it; whether it was accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    @classmethod
    def ask_csv_path(cls, parent: QWidget | None, title: str, suggested: Path) -> Path | None:
        """Where the user wants a CSV file written, or None if they cancel."""
        return file_dialogs.ask_save_path(parent, title, suggested, _("CSV files (*.csv)"), ".csv")
