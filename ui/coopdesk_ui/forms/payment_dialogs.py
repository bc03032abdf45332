"""The Payments screen's modal questions, behind one class that tests replace (as `Dialogs`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from coopdesk.i18n import _
from coopdesk_ui.dialogs import APP_TITLE


class PaymentDialogs:
    """Modal dialogs of the Payments screen; each classmethod shows one and returns the answer."""

    @classmethod
    def confirm_reverse(cls, parent: QWidget | None, description: str) -> bool:
        """Whether to reverse the payment `description` ("$30.00 from Ana Ruiz on …")."""
        box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE,
                          _("Reverse the payment of {payment}?").format(payment=description),
                          QMessageBox.StandardButton.NoButton, parent)
        box.setInformativeText(_("A reversal entry is posted: the payment stays in the books, "
                                 "marked reversed, and the charges it paid are open again. "
                                 "A payment can be reversed only once."))
        reverse = box.addButton(_("Reverse payment"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is reverse

    @classmethod
    def ask_bank_csv_path(cls, parent: QWidget | None, start: Path | None = None) -> Path | None:
        """The bank export (CSV) the user picks, or None if they cancel."""
        name, _filter = QFileDialog.getOpenFileName(
            parent, _("Choose the bank export"), str(start) if start is not None else "",
            _("Bank exports (*.csv *.txt);;All files (*)"))
        return Path(name) if name else None
