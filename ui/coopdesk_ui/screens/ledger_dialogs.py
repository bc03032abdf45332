"""The Ledger screen's modal windows, behind one class of classmethods that tests replace.

The forms themselves (coopdesk_ui.forms.entry_form, period_close_dialog) are plain QDialogs that
tests fill and accept without running them; only showing them modally and asking the user to
confirm go through here (the pattern of coopdesk_ui.dialogs.Dialogs).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from coopdesk_ui.widgets.confirm_box import confirm


class LedgerDialogs:
    """Modal windows of the Ledger screen; each classmethod shows one and returns the answer."""

    @classmethod
    def run_form(cls, dialog: QDialog) -> bool:
        """Show a form until the user accepts or cancels it; whether it was accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    @classmethod
    def confirm(cls, parent: QWidget | None, text: str, action: str) -> bool:
        """Whether the user goes ahead with `action` (the button's text) after reading `text`;
        Cancel is the default, as every confirmation here is for something lasting."""
        return confirm(parent, text, action)
