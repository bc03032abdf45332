"""The settings dialog's dues plans: the book's plans, and a form to add simple new ones.

Plans added here are kept in the dialog (in italics) and saved with the other settings on OK.
The Dues screen is where members are put on plans and where the other terms are offered.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coopdesk.book_setup import PlanDraft
from coopdesk.dues.plans import PlanRow
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk_ui.settings_list_table import list_table
from coopdesk_ui.settings_plan_form import PlanForm
from coopdesk_ui.settings_plans_model import Column, PlanListRow, PlansModel
from coopdesk_ui.widgets.hint_label import hint_label


class PlansTab(QWidget):
    """`added` is emitted with each plan added to the list."""

    added = Signal(object)  # PlanDraft

    def __init__(self, plans: Sequence[PlanRow], formatter: Formatter, currency: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._drafts: list[PlanDraft] = []
        self.model = PlansModel(formatter, self)
        self.model.set_rows([PlanListRow(p.name, p.amount, p.frequency) for p in plans])
        self.table = list_table(self.model, Column.NAME)
        self.form = PlanForm(formatter, currency)
        self.form.set_taken_names({p.name for p in plans})
        self.add_button = QPushButton(_("Add p&lan"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.form.changed.connect(self._check)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        self.hint = hint_label(_("A new plan is saved with the other settings when you "
                                      "click OK. Members are put on plans on the Dues screen."))
        layout.addWidget(self.hint)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        self._check()

    def drafts(self) -> list[PlanDraft]:
        """The plans added in the dialog, in order."""
        return list(self._drafts)

    def add(self) -> bool:
        """Put the plan of the form on the list; False (its problems shown) if it is wrong."""
        draft = self.form.draft()
        if draft is None:
            self.form.touch()
            return False
        self._drafts.append(draft)
        self.model.add_row(PlanListRow(draft.name, draft.amount, draft.frequency.value,
                                       pending=True))
        self.form.set_taken_names({row.name for row in self.model.rows()})
        self.form.clear()
        self.added.emit(draft)
        return True

    def set_money(self, formatter: Formatter, currency: str) -> None:
        self.form.set_money(formatter, currency)
        self._check()

    def set_editable(self, editable: bool) -> None:
        """A read-only book shows only the list."""
        for widget in (self.hint, self.form, self.add_button):
            widget.setVisible(editable)
        self.form.set_editable(editable)

    def _check(self) -> None:
        self.add_button.setEnabled(self.form.is_valid())

