"""A claim's payouts as a Qt table: installment, date, amount, and when it was reversed.

Rows are the core's frozen `PayoutRow`s (`coopdesk.funds.payout_list.claim_payouts`). A
reversed payout stays listed, greyed, as the ledger keeps it. ID_ROLE is the payout id.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from coopdesk.formatting import Formatter
from coopdesk.funds.payout_list import PayoutRow
from coopdesk.i18n import N_, _
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_REVERSED_BRUSH = QBrush(QColor("#8a8a8a"))


class Column(IntEnum):
    INSTALLMENT = 0
    DATE = 1
    AMOUNT = 2
    REVERSED = 3


HEADERS = {
    Column.INSTALLMENT: N_("Payment"),
    Column.DATE: N_("Paid on"),
    Column.AMOUNT: N_("Amount"),
    Column.REVERSED: N_("Reversed"),
}


class PayoutModel(QAbstractTableModel):
    """Read-only table of one claim's payouts; see the module docstring."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[PayoutRow, ...] = ()
        self._months = 1

    def set_rows(self, rows: Sequence[PayoutRow], months: int = 1) -> None:
        """Show `rows`, payments of a claim approved for `months` months."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._months = months
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        self.beginResetModel()
        self._formatter = formatter
        self.endResetModel()

    def rows(self) -> tuple[PayoutRow, ...]:
        return self._rows

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
            return self._text(row, column)
        if role == SORT_ROLE:
            return (row.installment, row.payout_id) if column is Column.INSTALLMENT else (
                row.date if column is Column.DATE else
                row.amount.amount if column is Column.AMOUNT else row.reversed_on)
        if role == ID_ROLE:
            return row.payout_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column is Column.AMOUNT else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and row.reversed:
            return _REVERSED_BRUSH
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

    def _text(self, row: PayoutRow, column: Column) -> str:
        if column is Column.INSTALLMENT:
            if self._months <= 1:
                return _("One-off")
            return _("{number} of {months}").format(number=row.installment, months=self._months)
        if column is Column.DATE:
            return self._formatter.date(row.date)
        if column is Column.AMOUNT:
            return self._formatter.money(row.amount, with_symbol=False)
        if row.reversed_on is None:
            return ""
        return _("on {date}").format(date=self._formatter.date(row.reversed_on))
