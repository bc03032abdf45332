"""How a payment being typed will be applied, as a Qt table: one row per open charge it pays.

Rows are the core's `AppliedCharge`s (coopdesk.dues.payment_preview.preview_payment): the
period, its plan, what is open of it, what this payment pays of it, and what stays open.
ID_ROLE is the charge id.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.dues.payment_preview import AppliedCharge
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    PERIOD = 0
    PLAN = 1
    PAID = 2
    LEFT = 3


HEADERS = {
    Column.PERIOD: N_("Period"),
    Column.PLAN: N_("Plan"),
    Column.PAID: N_("Paid now"),
    Column.LEFT: N_("Still open"),
}
RIGHT_ALIGNED = frozenset({Column.PAID, Column.LEFT})


class PaymentApplicationModel(QAbstractTableModel):
    """Read-only table of the charges a payment settles; see the module docstring."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[AppliedCharge, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[AppliedCharge]) -> None:
        """Show `rows` instead of the current ones."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = [self._row_texts(row) for row in self._rows]
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts the way `formatter` does (the book's locale changed)."""
        self._formatter = formatter
        self.set_rows(self._rows)

    def rows(self) -> tuple[AppliedCharge, ...]:
        """The rows shown."""
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
            return row.charge_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.PLAN:
            return row.plan
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

    def _row_texts(self, row: AppliedCharge) -> tuple[str, ...]:
        money = self._formatter.money
        return (
            row.period_key,
            row.plan,
            money(row.applied, with_symbol=False),
            money(row.open - row.applied, with_symbol=False),
        )


def _raw_value(row: AppliedCharge, column: Column) -> object:
    if column is Column.PERIOD:
        return (row.period_start, row.charge_id)
    if column is Column.PLAN:
        return row.plan
    if column is Column.PAID:
        return row.applied.amount
    return (row.open - row.applied).amount
