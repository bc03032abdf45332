"""The member import's modal question, behind one class that tests replace (as `Dialogs`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from coopdesk.i18n import _


class MemberImportDialogs:
    """Modal dialogs of the member import; each classmethod shows one and returns the answer."""

    @classmethod
    def ask_csv_path(cls, parent: QWidget | None, start: Path | None = None) -> Path | None:
        """The member list (CSV) the user picks, or None if they cancel."""
        name, _filter = QFileDialog.getOpenFileName(
            parent, _("Choose the member list"), str(start) if start is not None else "",
            _("Member lists (*.csv *.txt);;All files (*)"))
        return Path(name) if name else None
