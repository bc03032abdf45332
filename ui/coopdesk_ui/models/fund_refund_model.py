"""A year-end refund plan as a Qt table: who gets back what they hold above the fund's cap.

Rows are the core's frozen `RefundRow`s (`coopdesk.funds.refunds.preview_refunds`): member,
their share of the fund at the year end, the cap, and the refund (share less cap). ID_ROLE is
the member number.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.formatting import Formatter
from coopdesk.funds.refunds import RefundRow
from coopdesk.i18n import N_, _
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    NUMBER = 0
    MEMBER = 1
    SHARE = 2
    CAP = 3
    REFUND = 4


HEADERS = {
    Column.NUMBER: N_("No."),
    Column.MEMBER: N_("Member"),
    Column.SHARE: N_("Share of the fund"),
    Column.CAP: N_("Cap"),
    Column.REFUND: N_("Refund"),
}
AMOUNTS = frozenset({Column.SHARE, Column.CAP, Column.REFUND})


class RefundModel(QAbstractTableModel):
    """Read-only table of the members a year-end refund pays."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[RefundRow, ...] = ()

    def set_rows(self, rows: Sequence[RefundRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[RefundRow, ...]:
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
        amounts = {Column.SHARE: row.share, Column.CAP: row.cap, Column.REFUND: row.refund}
        if role == Qt.ItemDataRole.DisplayRole:
            if column in amounts:
                return self._formatter.money(amounts[column], with_symbol=False)
            return row.member_number if column is Column.NUMBER else row.member_name
        if role == SORT_ROLE:
            if column in amounts:
                return amounts[column].amount
            if column is Column.NUMBER:
                number = row.member_number
                return (0, int(number), "") if number.isdigit() else (1, 0, number.casefold())
            return row.member_name
        if role == ID_ROLE:
            return row.member_number
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in AMOUNTS else _LEFT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in AMOUNTS else _LEFT
        return None
