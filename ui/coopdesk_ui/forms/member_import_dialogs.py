"""The member import's modal question, behind one class that tests replace (as `Dialogs`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from coopdesk.i18n import _
from coopdesk_ui.widgets import file_dialogs


class MemberImportDialogs:
    """Modal dialogs of the member import; each classmethod shows one and returns the answer."""

    @classmethod
    def ask_csv_path(cls, parent: QWidget | None, start: Path | None = None) -> Path | None:
        """The member list (CSV) the user picks, or None if they cancel."""
        return file_dialogs.ask_open_path(parent, _("Choose the member list"), start,
                                          _("Member lists (*.csv *.txt);;All files (*)"))
