"""The trial balance as a Qt table: one row per account, its balance as debit or credit.

Rows are the core's frozen `TrialBalanceRow`s; the display text is formatted once per
`set_rows` (not on every paint) by the book's `Formatter`. A zero amount shows as an empty
cell, as on a printed trial balance, while SORT_ROLE still gives its exact Decimal.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from coopdesk.formatting import Formatter
from coopdesk.ledger.queries import TrialBalanceRow
from coopdesk.money import Money
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_AMOUNT_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    CODE = 0
    NAME = 1
    TYPE = 2
    DEBIT = 3
    CREDIT = 4


HEADERS: dict[Column, str] = {
    Column.CODE: "Code",
    Column.NAME: "Account",
    Column.TYPE: "Type",
    Column.DEBIT: "Debit",
    Column.CREDIT: "Credit",
}
AMOUNT_COLUMNS = frozenset({Column.DEBIT, Column.CREDIT})
ACCOUNT_TYPE_LABELS: dict[str, str] = {
    "asset": "Asset",
    "liability": "Liability",
    "equity": "Equity",
    "income": "Income",
    "expense": "Expense",
}


class TrialBalanceModel(QAbstractTableModel):
    """Read-only table of trial balance rows; see the module docstring for its roles."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[TrialBalanceRow, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[TrialBalanceRow]) -> None:
        """Show `rows` instead of the current ones."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = [self._row_texts(row) for row in self._rows]
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts the way `formatter` does (the book's locale changed)."""
        self._formatter = formatter
        self.set_rows(self._rows)

    def rows(self) -> tuple[TrialBalanceRow, ...]:
        """The rows shown, in the order they were given (not the view's sort order)."""
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
            return row.code
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _AMOUNT_ALIGNMENT if column in AMOUNT_COLUMNS else _TEXT_ALIGNMENT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _AMOUNT_ALIGNMENT if column in AMOUNT_COLUMNS else _TEXT_ALIGNMENT
        return None

    # -- formatting ---------------------------------------------------------------------

    def _row_texts(self, row: TrialBalanceRow) -> tuple[str, ...]:
        return (
            row.code,
            row.name,
            ACCOUNT_TYPE_LABELS.get(row.type, row.type),
            self._amount_text(row.debit),
            self._amount_text(row.credit),
        )

    def _amount_text(self, amount: Money) -> str:
        return "" if amount.is_zero else self._formatter.money(amount, with_symbol=False)


def _raw_value(row: TrialBalanceRow, column: Column) -> object:
    if column is Column.DEBIT:
        return row.debit.amount
    if column is Column.CREDIT:
        return row.credit.amount
    if column is Column.TYPE:
        return row.type
    return row.code if column is Column.CODE else row.name
