"""The dues plans as a Qt table: each plan's terms in words, and how many members are on it.

Rows are the core's frozen `PlanRow`s (coopdesk.dues.plans.list_plans) with, beside them, the
number of members whose assignment to the plan covers today. ID_ROLE is the plan's name, which
is how the core names plans. The words for a plan's terms are here too, for the plan form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import IntEnum

from PySide6.QtCore import QObject

from coopdesk.dues.plans import PlanRow
from coopdesk.dues.schedule import Frequency, PeriodBasis, Proration
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.code_labels import code_label
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn

FREQUENCY_LABELS: dict[str, str] = {
    Frequency.MONTHLY: N_("Monthly"),
    Frequency.QUARTERLY: N_("Quarterly"),
    Frequency.YEARLY: N_("Yearly"),
}
BASIS_LABELS: dict[str, str] = {
    PeriodBasis.FIXED: N_("Fixed: the same periods for everyone"),
    PeriodBasis.ROLLING: N_("Rolling: counted from each member's start"),
}
PRORATION_LABELS: dict[str, str] = {
    Proration.NONE: N_("None"),
    Proration.BY_MONTH: N_("By month"),
    Proration.BY_DAY: N_("By day"),
}


def month_name(formatter: Formatter, month: int) -> str:
    """The month's name standing alone ("July"), in the book's language."""
    return formatter.month(dt.date(2000, month, 1), "long")


def periods_text(plan: PlanRow, formatter: Formatter) -> str:
    """How the plan's periods run, in a few words ("Quarters of a year from July")."""
    if plan.basis == PeriodBasis.ROLLING:
        return _("From each member's start date")
    calendar_year = plan.year_start_month == 1
    if plan.frequency == Frequency.MONTHLY:
        text = _("Calendar months")
    elif plan.frequency == Frequency.QUARTERLY:
        text = _("Calendar quarters") if calendar_year else _("Quarters of a year from {month}")
    else:
        text = _("Calendar years") if calendar_year else _("Years from {month}")
    text = text.format(month=month_name(formatter, plan.year_start_month))
    if plan.rollover_day is not None:
        text += "; " + _("joining after day {day}: from the next period").format(
            day=plan.rollover_day)
    return text


class Column(IntEnum):
    NAME = 0
    AMOUNT = 1
    FREQUENCY = 2
    PERIODS = 3
    PRORATION = 4
    ASSIGNED = 5


class PlanModel(RowTableModel):
    """Read-only table of plans; see the module docstring for its roles."""

    COLUMNS = (
        TableColumn(N_("Plan"), lambda row, f: row.name),
        TableColumn(N_("Amount"), lambda row, f: f.money(row.amount, with_symbol=False),
                    lambda row: row.amount.amount, amount=True),
        TableColumn(N_("Frequency"), lambda row, f: code_label(FREQUENCY_LABELS, row.frequency),
                    lambda row: list(Frequency).index(Frequency(row.frequency))),
        TableColumn(N_("Periods"), periods_text),
        TableColumn(N_("Proration"), lambda row, f: code_label(PRORATION_LABELS, row.proration)),
        TableColumn(N_("Members on it"), None, amount=True),  # from the counts given with the rows
    )

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._assigned: dict[str, int] = {}

    def set_rows(self, rows: Sequence[PlanRow], assigned: Mapping[str, int] | None = None) -> None:
        """Show `rows`, with `assigned[plan name]` members on each today."""
        self._assigned = dict(assigned or {})
        super().set_rows(rows)

    def rows(self) -> tuple[PlanRow, ...]:
        """The plans shown, in the order they were given."""
        return self._rows

    def row_id(self, row: PlanRow) -> object:
        return row.name

    def cell_text(self, row: PlanRow, column: int) -> str:
        if column == Column.ASSIGNED:
            return self._formatter.number(self._assigned.get(row.name, 0))
        return super().cell_text(row, column)

    def cell_raw(self, position: int, column: int) -> object:
        if column == Column.ASSIGNED:
            return self._assigned.get(self._rows[position].name, 0)
        return super().cell_raw(position, column)

    def cell_tip(self, row: PlanRow, column: int, text: str) -> str | None:
        return text if column == Column.PERIODS else None  # may be wider than the column
