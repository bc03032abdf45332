"""A member's dues account as a Qt table: date, what, charge, payment, running balance.

Rows are the core's frozen `AccountLine`s (coopdesk.dues.queries.member_account), oldest first
as a statement reads. A balance above zero is owed, below zero is credit. Amounts are written
without the currency symbol (the pane's summary line names it) and right-aligned; an empty
charge or payment cell means none. ID_ROLE is the journal entry's id.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.dues.queries import AccountLine
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.ledger.types import EntryKind
from coopdesk.money import Money
from coopdesk_ui.models.code_labels import code_label
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    DATE = 0
    WHAT = 1
    CHARGE = 2
    PAYMENT = 3
    BALANCE = 4


HEADERS = {
    Column.DATE: N_("Date"),
    Column.WHAT: N_("What"),
    Column.CHARGE: N_("Charge"),
    Column.PAYMENT: N_("Payment"),
    Column.BALANCE: N_("Balance"),
}
AMOUNT_COLUMNS = frozenset({Column.CHARGE, Column.PAYMENT, Column.BALANCE})
#: What a line is when its entry has no memo.
KIND_LABELS: dict[str, str] = {
    EntryKind.DUES: N_("Dues"),
    EntryKind.PAYMENT: N_("Payment"),
    EntryKind.WRITE_OFF: N_("Written off"),
    EntryKind.REVERSAL: N_("Reversal"),
    EntryKind.MANUAL: N_("Manual entry"),
    EntryKind.OPENING: N_("Opening balance"),
    EntryKind.REFUND: N_("Refund"),
}


class MemberAccountModel(QAbstractTableModel):
    """Read-only table of one member's account lines; see the module docstring."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[AccountLine, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[AccountLine]) -> None:
        """Show `rows` instead of the current ones."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = [self._row_texts(row) for row in self._rows]
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts and dates the way `formatter` does (the book's locale changed)."""
        self._formatter = formatter
        self.set_rows(self._rows)

    def rows(self) -> tuple[AccountLine, ...]:
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
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.WHAT:
            return self._texts[index.row()][column]  # memos are often wider than the pane
        if role == SORT_ROLE:
            return _raw_value(row, column)
        if role == ID_ROLE:
            return row.entry_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in AMOUNT_COLUMNS else _LEFT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in AMOUNT_COLUMNS else _LEFT
        return None

    # -- formatting ---------------------------------------------------------------------

    def _row_texts(self, row: AccountLine) -> tuple[str, ...]:
        what = row.memo or code_label(KIND_LABELS, row.kind)
        return (self._formatter.date(row.date), what, self._amount(row.charged),
                self._amount(row.paid), self._formatter.money(row.balance, with_symbol=False))

    def _amount(self, amount: Money) -> str:
        return "" if amount.is_zero else self._formatter.money(amount, with_symbol=False)


def _raw_value(row: AccountLine, column: Column) -> object:
    if column is Column.DATE:
        return row.date
    if column is Column.WHAT:
        return row.memo or row.kind
    if column is Column.CHARGE:
        return row.charged.amount
    if column is Column.PAYMENT:
        return row.paid.amount
    return row.balance.amount
