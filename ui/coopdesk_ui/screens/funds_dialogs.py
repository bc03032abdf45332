"""The Funds screen's modal windows, behind one class of classmethods that tests replace (the
pattern of coopdesk_ui.dialogs.Dialogs): showing a form, and confirming a payout's reversal."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from coopdesk.i18n import _
from coopdesk_ui.widgets.confirm_box import confirm


class FundsDialogs:
    """Modal windows of the Funds screen; each classmethod shows one and returns the answer."""

    @classmethod
    def run_form(cls, dialog: QDialog) -> bool:
        """Show a form until the user accepts or cancels it (the form does the writing);
        whether it was accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    @classmethod
    def confirm_reverse_payout(cls, parent: QWidget | None, description: str) -> bool:
        """Whether to reverse the payout `description` ("$60.00 to 12 — Ana Ruiz on …")."""
        return confirm(parent, _("Reverse the payout of {payout}?").format(payout=description),
                       _("Reverse payout"),
                       _("A reversal entry is posted: the money goes back into the fund, "
                         "the payout stays in the books marked reversed, and that "
                         "payment of the claim is due again."))
