"""The Payments screen's modal questions, behind one class that tests replace (as `Dialogs`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from coopdesk.i18n import _
from coopdesk_ui.widgets import file_dialogs
from coopdesk_ui.widgets.confirm_box import confirm


class PaymentDialogs:
    """Modal dialogs of the Payments screen; each classmethod shows one and returns the answer."""

    @classmethod
    def confirm_reverse(cls, parent: QWidget | None, description: str) -> bool:
        """Whether to reverse the payment `description` ("$30.00 from Ana Ruiz on …")."""
        return confirm(parent, _("Reverse the payment of {payment}?").format(payment=description),
                       _("Reverse payment"),
                       _("A reversal entry is posted: the payment stays in the books, "
                         "marked reversed, and the charges it paid are open again. "
                         "A payment can be reversed only once."))

    @classmethod
    def ask_bank_csv_path(cls, parent: QWidget | None, start: Path | None = None) -> Path | None:
        """The bank export (CSV) the user picks, or None if they cancel."""
        return file_dialogs.ask_open_path(parent, _("Choose the bank export"), start,
                                          _("Bank exports (*.csv *.txt);;All files (*)"))
