"""The settings dialog's dues plans: the book's plans, and a form to add simple new ones.

Plans added here are kept in the dialog (in italics) and saved with the other settings on OK.
The Dues screen is where members are put on plans and where the other terms are offered.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from coopdesk.book_setup import PlanDraft
from coopdesk.dues.plans import PlanRow
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk_ui.settings_draft_tab import DraftListTab
from coopdesk_ui.settings_plan_form import PlanForm
from coopdesk_ui.settings_plans_model import PlanListRow, PlansModel


class PlansTab(DraftListTab[PlanDraft]):
    """`added` is emitted with each plan added to the list."""

    added = Signal(object)  # PlanDraft

    def __init__(self, plans: Sequence[PlanRow], formatter: Formatter, currency: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PlansModel(formatter, self)
        self.model.set_rows([PlanListRow(p.name, p.amount, p.frequency) for p in plans])
        self.form = PlanForm(formatter, currency)
        self.form.set_taken_names({p.name for p in plans})
        self._build(self.model, self.form, _("Add p&lan"),
                    _("A new plan is saved with the other settings when you "
                      "click OK. Members are put on plans on the Dues screen."))

    def add(self) -> bool:
        if not super().add():
            return False
        self.added.emit(self._drafts[-1])
        return True

    def set_money(self, formatter: Formatter, currency: str) -> None:
        self.form.set_money(formatter, currency)
        self._check()

    def _pending_row(self, draft: PlanDraft) -> PlanListRow:
        return PlanListRow(draft.name, draft.amount, draft.frequency.value, pending=True)

    def _rows_taken(self) -> None:
        self.form.set_taken_names({row.name for row in self.model.rows()})
