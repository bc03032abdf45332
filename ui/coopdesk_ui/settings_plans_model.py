"""The dues plans in the settings dialog: those of the book, then those added but not saved.

Rows are frozen `PlanListRow`s; a plan added in the dialog is shown in italics (it is saved
with the other settings when the dialog's OK is clicked).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from coopdesk.dues.schedule import Frequency
from coopdesk.i18n import N_, _
from coopdesk.money import Money
from coopdesk_ui.models.row_table_model import TableColumn
from coopdesk_ui.settings_pending_model import PendingRowsModel
from coopdesk_ui.settings_plan_form import FREQUENCY_LABELS


@dataclass(frozen=True, slots=True)
class PlanListRow:
    name: str
    amount: Money
    frequency: str
    #: Added in the dialog, not yet saved.
    pending: bool = False


class Column(IntEnum):
    NAME = 0
    AMOUNT = 1
    FREQUENCY = 2


def frequency_text(frequency: str) -> str:
    """"Every year" for "yearly"; an unknown frequency as stored."""
    try:
        return _(FREQUENCY_LABELS[Frequency(frequency)])
    except ValueError:
        return frequency


class PlansModel(PendingRowsModel):
    """Read-only table of plans; DisplayRole text, SORT_ROLE raw values, ID_ROLE the name."""

    COLUMNS = (
        TableColumn(N_("Plan"), lambda row, f: row.name, lambda row: row.name),
        TableColumn(N_("Amount"), lambda row, f: f.money(row.amount),
                    lambda row: row.amount.amount, amount=True),
        TableColumn(N_("Due"), lambda row, f: frequency_text(row.frequency),
                    lambda row: row.frequency),
    )

    def rows(self) -> tuple[PlanListRow, ...]:
        return self._rows

    def row_id(self, row: PlanListRow) -> object:
        return row.name
