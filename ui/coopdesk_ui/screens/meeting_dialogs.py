"""The Annual meeting screen's modal windows, behind one class of classmethods that tests
replace (the pattern of coopdesk_ui.dialogs.Dialogs): showing a form, confirming a removal,
choosing where the voter roll and the meeting pack are written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from coopdesk.i18n import _
from coopdesk_ui.widgets import file_dialogs
from coopdesk_ui.widgets.confirm_box import confirm


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
        return confirm(parent, question, action, details)

    @classmethod
    def ask_csv_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to save the voter roll as CSV, or None if the user cancels."""
        return file_dialogs.ask_save_path(parent, _("Export the voter roll"), suggested,
                                          _("CSV files (*.csv)"), ".csv")

    @classmethod
    def ask_folder(cls, parent: QWidget | None, start: Path) -> Path | None:
        """The folder the meeting pack is written to, or None if the user cancels."""
        return file_dialogs.ask_folder(parent, _("Choose a folder for the meeting pack"), start)
