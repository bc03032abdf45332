"""Dues collection per month of a year, as a Qt table: charged, collected, written off,
outstanding and the collection rate.

Rows are the core's frozen `SummaryRow`s (coopdesk.dues.summary.dues_summary), one per month,
whose three parts add back to what was charged. ID_ROLE is the month ("2026-03").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.dues.summary import SummaryRow
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.money import Money
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    MONTH = 0
    CHARGED = 1
    COLLECTED = 2
    WRITTEN_OFF = 3
    OUTSTANDING = 4
    RATE = 5


HEADERS = {
    Column.MONTH: N_("Month"),
    Column.CHARGED: N_("Charged"),
    Column.COLLECTED: N_("Collected"),
    Column.WRITTEN_OFF: N_("Written off"),
    Column.OUTSTANDING: N_("Outstanding"),
    Column.RATE: N_("Collected %"),
}
AMOUNT_COLUMNS = (Column.CHARGED, Column.COLLECTED, Column.WRITTEN_OFF, Column.OUTSTANDING)


def amounts_of(row: SummaryRow) -> tuple[Money, Money, Money, Money]:
    """The row's four amounts, in the order of AMOUNT_COLUMNS."""
    return row.charged, row.collected, row.written_off, row.outstanding


class DuesCollectionModel(QAbstractTableModel):
    """Read-only table of a year's collection per month; see the module docstring."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[SummaryRow, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[SummaryRow]) -> None:
        """Show `rows` instead of the current ones."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = [self._row_texts(row) for row in self._rows]
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts the way `formatter` does."""
        self._formatter = formatter
        self.set_rows(self._rows)

    def rows(self) -> tuple[SummaryRow, ...]:
        """The months shown, in order."""
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
            return row.month
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if column is Column.MONTH else _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if column is Column.MONTH else _RIGHT
        return None

    def _row_texts(self, row: SummaryRow) -> tuple[str, ...]:
        year, month = (int(part) for part in row.month.split("-"))
        charged = not row.charged.is_zero
        amounts = tuple(self._formatter.money(amount, with_symbol=False) if charged else ""
                        for amount in amounts_of(row))
        rate = self._formatter.number(Decimal(row.rate)) if row.rate else ""
        return (self._formatter.month(dt.date(year, month, 1), "long_year"), *amounts, rate)


def _raw_value(row: SummaryRow, column: Column) -> object:
    if column is Column.MONTH:
        return row.month
    if column is Column.RATE:
        return Decimal(row.rate) if row.rate else None
    return amounts_of(row)[AMOUNT_COLUMNS.index(column)].amount
