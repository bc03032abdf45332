"""The dues plans as a Qt table: each plan's terms in words, and how many members are on it.

Rows are the core's frozen `PlanRow`s (coopdesk.dues.plans.list_plans) with, beside them, the
number of members whose assignment to the plan covers today. ID_ROLE is the plan's name, which
is how the core names plans. The words for a plan's terms are here too, for the plan form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.dues.plans import PlanRow
from coopdesk.dues.schedule import Frequency, PeriodBasis, Proration
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.code_labels import code_label
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

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


HEADERS = {
    Column.NAME: N_("Plan"),
    Column.AMOUNT: N_("Amount"),
    Column.FREQUENCY: N_("Frequency"),
    Column.PERIODS: N_("Periods"),
    Column.PRORATION: N_("Proration"),
    Column.ASSIGNED: N_("Members on it"),
}
RIGHT_ALIGNED = frozenset({Column.AMOUNT, Column.ASSIGNED})


class PlanModel(QAbstractTableModel):
    """Read-only table of plans; see the module docstring for its roles."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[PlanRow, ...] = ()
        self._assigned: dict[str, int] = {}
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[PlanRow], assigned: Mapping[str, int]) -> None:
        """Show `rows`, with `assigned[plan name]` members on each today."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._assigned = dict(assigned)
        self._texts = [self._row_texts(row) for row in self._rows]
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts the way `formatter` does (the book's locale changed)."""
        self._formatter = formatter
        self.set_rows(self._rows, self._assigned)

    def rows(self) -> tuple[PlanRow, ...]:
        """The plans shown, in the order they were given."""
        return self._rows

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == SORT_ROLE:
            return self._raw_value(index.row(), column)
        if role == ID_ROLE:
            return row.name
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.PERIODS:
            return self._texts[index.row()][column]  # may be wider than the column
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        return None

    def _row_texts(self, row: PlanRow) -> tuple[str, ...]:
        return (
            row.name,
            self._formatter.money(row.amount, with_symbol=False),
            code_label(FREQUENCY_LABELS, row.frequency),
            periods_text(row, self._formatter),
            code_label(PRORATION_LABELS, row.proration),
            self._formatter.number(self._assigned.get(row.name, 0)),
        )

    def _raw_value(self, position: int, column: Column) -> object:
        row = self._rows[position]
        if column is Column.AMOUNT:
            return row.amount.amount
        if column is Column.ASSIGNED:
            return self._assigned.get(row.name, 0)
        if column is Column.FREQUENCY:
            return list(Frequency).index(Frequency(row.frequency))
        return self._texts[position][column]
