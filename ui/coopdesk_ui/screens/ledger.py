"""The Ledger screen (being built): for now the trial balance."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from coopdesk.i18n import _
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.screens.trial_balance import TrialBalanceScreen


class LedgerScreen(Screen):
    """The ledger's views of the book."""

    key = "ledger"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.trial_balance = TrialBalanceScreen(context.host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.trial_balance)

    @property
    def title(self) -> str:
        return _("Ledger")

    def reload(self) -> None:
        pass  # the trial balance follows the book itself

    def clear(self) -> None:
        pass
