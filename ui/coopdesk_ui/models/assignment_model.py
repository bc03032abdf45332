"""Who is on which dues plan, as a Qt table: member, plan, from, to, rate and why.

Rows are the core's frozen `AssignmentRow`s (coopdesk.dues.plans.list_assignments), with the
members' names beside them. ID_ROLE is the member number: the core ends a member's open
assignment by their number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.dues.plans import AssignmentRow
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    PLAN = 2
    START = 3
    END = 4
    RATE = 5
    REASON = 6


HEADERS = {
    Column.NUMBER: N_("Member"),
    Column.NAME: N_("Name"),
    Column.PLAN: N_("Plan"),
    Column.START: N_("From"),
    Column.END: N_("To"),
    Column.RATE: N_("Rate"),
    Column.REASON: N_("Reason"),
}


def is_current(row: AssignmentRow, day: dt.date) -> bool:
    """Whether the assignment covers `day`."""
    return row.start_date <= day and (row.end_date is None or row.end_date >= day)


class AssignmentModel(QAbstractTableModel):
    """Read-only table of plan assignments; see the module docstring for its roles."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[AssignmentRow, ...] = ()
        self._names: dict[str, str] = {}
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[AssignmentRow], names: Mapping[str, str]) -> None:
        """Show `rows`; `names[member number]` is each member's name."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._names = dict(names)
        dates: dict[dt.date, str] = {}  # a few hundred distinct dates for thousands of rows
        self._texts = [self._row_texts(row, dates) for row in self._rows]
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts and dates the way `formatter` does (the book's locale changed)."""
        self._formatter = formatter
        self.set_rows(self._rows, self._names)

    def rows(self) -> tuple[AssignmentRow, ...]:
        """The assignments shown, in the order they were given."""
        return self._rows

    def row_at(self, position: int) -> AssignmentRow:
        """The assignment of row `position` (a row of this model, not of a proxy)."""
        return self._rows[position]

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
            return _raw_value(row, column, self._texts[index.row()])
        if role == ID_ROLE:
            return row.member_number
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column is Column.RATE else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.REASON and row.reason:
            return row.reason
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column is Column.RATE else _LEFT
        return None

    def _row_texts(self, row: AssignmentRow, dates: dict[dt.date, str]) -> tuple[str, ...]:
        def date(day: dt.date | None) -> str:
            if day is None:
                return ""
            if day not in dates:
                dates[day] = self._formatter.date(day)
            return dates[day]

        if row.waived:
            rate = _("Waived")
        elif row.amount is not None:
            rate = self._formatter.money(row.amount, with_symbol=False)
        else:
            rate = _("Full")
        return (row.member_number, self._names.get(row.member_number, ""), row.plan,
                date(row.start_date), date(row.end_date), rate, row.reason)


def _raw_value(row: AssignmentRow, column: Column, texts: tuple[str, ...]) -> object:
    if column is Column.NUMBER:
        number = row.member_number
        return (0, int(number), "") if number.isdigit() else (1, 0, number.casefold())
    if column is Column.START:
        return row.start_date
    if column is Column.END:
        return row.end_date
    if column is Column.RATE:
        # Waived (nothing) first, then reduced rates by amount, then the full rate.
        if row.waived:
            return (0, 0)
        return (1, row.amount.amount) if row.amount is not None else (2, 0)
    return texts[column]
