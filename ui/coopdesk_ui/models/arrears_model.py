"""The arrears list as a Qt table: who is behind with their dues, by how much and since when.

Rows are the core's frozen `ArrearsRow`s (coopdesk.dues.queries.arrears); texts are formatted
once per `set_rows` by the book's `Formatter`. ID_ROLE is the member number, which is how the
members screen is asked to show the member.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.dues.queries import ArrearsRow
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.member_labels import status_label
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    MONTHS = 2
    AMOUNT = 3
    OLDEST = 4
    SINCE = 5
    STATUS = 6


HEADERS = {
    Column.NUMBER: N_("Member"),
    Column.NAME: N_("Name"),
    Column.MONTHS: N_("Months behind"),
    Column.AMOUNT: N_("Amount owed"),
    Column.OLDEST: N_("Oldest unpaid period"),
    Column.SINCE: N_("Due since"),
    Column.STATUS: N_("Status"),
}
RIGHT_ALIGNED = frozenset({Column.MONTHS, Column.AMOUNT})


class ArrearsModel(QAbstractTableModel):
    """Read-only table of arrears rows; see the module docstring for its roles."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[ArrearsRow, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[ArrearsRow]) -> None:
        """Show `rows` instead of the current ones."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = [self._row_texts(row) for row in self._rows]
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts and dates the way `formatter` does (the book's locale changed)."""
        self._formatter = formatter
        self.set_rows(self._rows)

    def rows(self) -> tuple[ArrearsRow, ...]:
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
            return row.member_number
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
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

    def _row_texts(self, row: ArrearsRow) -> tuple[str, ...]:
        return (
            row.member_number,
            row.member_name,
            self._formatter.number(row.months),
            self._formatter.money(row.amount, with_symbol=False),
            row.oldest_period,
            self._formatter.date(row.oldest_since),
            status_label(row.status),
        )


def _raw_value(row: ArrearsRow, column: Column) -> object:
    if column is Column.NUMBER:
        return _number_key(row.member_number)
    if column is Column.NAME:
        return row.member_name
    if column is Column.MONTHS:
        return row.months
    if column is Column.AMOUNT:
        return row.amount.amount
    if column is Column.STATUS:
        return status_label(row.status)
    return row.oldest_since  # the period and its start sort alike


def _number_key(number: str) -> object:
    """Member numbers sort as numbers when they are ("9" before "10"), else as text."""
    return (0, int(number), "") if number.isdigit() else (1, 0, number.casefold())
