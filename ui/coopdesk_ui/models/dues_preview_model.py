"""What a dues run would charge, as a Qt table: member, plan, period and amount of each charge.

Rows are the core's frozen `PlannedCharge`s (coopdesk.dues.run.preview_dues_run). A run over
thousands of members charges a handful of distinct amounts and periods, so their texts are
formatted once each. ID_ROLE is the member number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.dues.run import PlannedCharge
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.money import Money
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    PLAN = 2
    PERIOD = 3
    START = 4
    END = 5
    AMOUNT = 6


HEADERS = {
    Column.NUMBER: N_("Member"),
    Column.NAME: N_("Name"),
    Column.PLAN: N_("Plan"),
    Column.PERIOD: N_("Period"),
    Column.START: N_("From"),
    Column.END: N_("To"),
    Column.AMOUNT: N_("Amount"),
}


class DuesPreviewModel(QAbstractTableModel):
    """Read-only table of planned charges; see the module docstring for its roles."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[PlannedCharge, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[PlannedCharge]) -> None:
        """Show `rows` instead of the current ones."""
        self.beginResetModel()
        self._rows = tuple(rows)
        dates: dict[dt.date, str] = {}
        amounts: dict[Money, str] = {}
        self._texts = [self._row_texts(row, dates, amounts) for row in self._rows]
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts and dates the way `formatter` does."""
        self._formatter = formatter
        self.set_rows(self._rows)

    def rows(self) -> tuple[PlannedCharge, ...]:
        """The charges shown, in the order they were given."""
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
            return _raw_value(row, column)
        if role == ID_ROLE:
            return row.member_number
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column is Column.AMOUNT else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.AMOUNT and row.prorated:
            return _("Prorated: only part of the period is charged")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column is Column.AMOUNT else _LEFT
        return None

    def _row_texts(self, row: PlannedCharge, dates: dict[dt.date, str],
                   amounts: dict[Money, str]) -> tuple[str, ...]:
        for day in (row.period_start, row.period_end):
            if day not in dates:
                dates[day] = self._formatter.date(day)
        if row.amount not in amounts:
            amounts[row.amount] = self._formatter.money(row.amount, with_symbol=False)
        amount = amounts[row.amount]
        if row.prorated:
            amount = _("{amount} (prorated)").format(amount=amount)
        return (row.member_number, row.member_name, row.plan, row.period_key,
                dates[row.period_start], dates[row.period_end], amount)


def _raw_value(row: PlannedCharge, column: Column) -> object:
    if column is Column.NUMBER:
        number = row.member_number
        return (0, int(number), "") if number.isdigit() else (1, 0, number.casefold())
    if column is Column.NAME:
        return row.member_name
    if column is Column.PLAN:
        return row.plan
    if column in (Column.PERIOD, Column.START):
        return row.period_start
    if column is Column.END:
        return row.period_end
    return row.amount.amount
