"""The member register as a Qt table: number, name, class, status, balance owed, last payment.

Rows are the core's frozen `MemberListRow`s (coopdesk.dues.member_list). Everything the view
asks for repeatedly is worked out once per `set_rows`: display texts (each distinct amount and
date formatted once: a register repeats the same few), the raw sort key of every cell, and a
folded search text per row, so sorting and type-to-filter over thousands of members never
format or fold anything. ID_ROLE is the member number, how treasurers name members.

The model sorts itself (`sort`), by the raw values SORT_ROLE gives, with Python's `sorted`:
a proxy sorting 5,000 rows calls a Python `lessThan` some 60,000 times, about a second, where
`sorted` takes milliseconds. `MemberFilterProxy` hands its sorting here and only filters.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from coopdesk.dues.member_list import MemberListRow
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.money import Money
from coopdesk_ui.models.member_labels import STATUS_ORDER, status_label
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_OWING_COLOUR = QColor("#b00020")
_CREDIT_COLOUR = QColor("#1b6e20")


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    CLASS = 2
    STATUS = 3
    BALANCE = 4
    LAST_PAYMENT = 5


HEADERS = {
    Column.NUMBER: N_("No."),
    Column.NAME: N_("Name"),
    Column.CLASS: N_("Class"),
    Column.STATUS: N_("Status"),
    Column.BALANCE: N_("Owed"),
    Column.LAST_PAYMENT: N_("Last payment"),
}
RIGHT_ALIGNED = frozenset({Column.NUMBER, Column.BALANCE, Column.LAST_PAYMENT})


def fold(text: str) -> str:
    """`text` for matching what people type: case and accents ignored ("Bérenger" ~ "berenger")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def number_key(number: str) -> tuple[int, int, str]:
    """Member numbers in the order people expect: 2 before 10, numbers before "A-1"."""
    return (0, int(number), "") if number.isdigit() else (1, 0, number.casefold())


class MemberListModel(QAbstractTableModel):
    """Read-only table of the register's rows; see the module docstring for its roles."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        # Per row in the order given (the core's: by sort name), and the order shown:
        # `_order[shown row]` is the given row it shows.
        self._rows: tuple[MemberListRow, ...] = ()
        self._texts: list[tuple[str, ...]] = []
        self._keys: list[tuple[Any, ...]] = []
        self._column_keys: list[list[tuple[bool, Any]]] = []
        self._search: list[str] = []
        self._order: list[int] = []
        self._row_of: dict[str, int] = {}
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None
        #: Moves on whenever rows or their order change, so caches over shown rows can tell.
        self.generation = 0

    def set_rows(self, rows: Sequence[MemberListRow]) -> None:
        """Show `rows` instead of the current ones (in the order the model is sorted by)."""
        self.beginResetModel()
        self._rows = tuple(rows)
        money: dict[Money, str] = {}
        dates: dict[dt.date | None, str] = {None: ""}
        self._texts = [self._row_texts(row, money, dates) for row in self._rows]
        self._keys = [_sort_keys(row) for row in self._rows]
        # Column by column, each key ready for `sorted` (missing values first going up, last
        # going down, as RawValueSortProxy), so sorting calls no Python function per row.
        self._column_keys = [[(key[column] is not None, key[column]) for key in self._keys]
                             for column in Column]
        self._search = [fold(f"{row.number} {row.display_name}") for row in self._rows]
        self._set_order(self._sorted_order())
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts and dates the way `formatter` does (the book's locale changed)."""
        self._formatter = formatter
        self.set_rows(self._rows)

    def rows(self) -> tuple[MemberListRow, ...]:
        """The rows, in the order they were given (not the order shown)."""
        return self._rows

    def member(self, row: int) -> MemberListRow:
        """The member shown on row `row`."""
        return self._rows[self._order[row]]

    def row_of(self, number: str) -> int | None:
        """The row showing member `number`, or None if they are not listed."""
        return self._row_of.get(number)

    def search_texts(self) -> list[str]:
        """Number and name of each row shown, folded (see `fold`) for type-to-filter."""
        return [self._search[given] for given in self._order]

    def members(self) -> list[MemberListRow]:
        """The member of each row shown, top to bottom."""
        return [self._rows[given] for given in self._order]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Show the rows ordered by `column`'s raw values; equal values in sort-name order."""
        self._sorted_by = (column, order)
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        numbers = [self.member(index.row()).number for index in before]
        self._set_order(self._sorted_order())
        self.changePersistentIndexList(
            before, [self.index(self._row_of[number], index.column())
                     for number, index in zip(numbers, before, strict=True)])
        self.layoutChanged.emit()

    def _sorted_order(self) -> list[int]:
        given = range(len(self._rows))
        if self._sorted_by is None:
            return list(given)
        column, order = self._sorted_by
        return sorted(given, key=self._column_keys[column].__getitem__,
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def _set_order(self, order: list[int]) -> None:
        self._order = order
        self._row_of = {self._rows[given].number: shown for shown, given in enumerate(order)}
        self.generation += 1

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._order[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][column]
        if role == SORT_ROLE:
            return self._keys[row][column]
        if role == ID_ROLE:
            return self._rows[row].number
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        if column is Column.BALANCE and role in (Qt.ItemDataRole.ForegroundRole,
                                                 Qt.ItemDataRole.ToolTipRole):
            return self._balance_hint(self._rows[row], role)
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

    # -- formatting ---------------------------------------------------------------------

    def _row_texts(self, row: MemberListRow, money: dict[Money, str],
                   dates: dict[dt.date | None, str]) -> tuple[str, ...]:
        balance = money.get(row.balance)
        if balance is None:
            balance = money[row.balance] = ("" if row.balance.is_zero else
                                             self._formatter.money(row.balance, with_symbol=False))
        paid = dates.get(row.last_payment)
        if paid is None and row.last_payment is not None:
            paid = dates[row.last_payment] = self._formatter.date(row.last_payment)
        return (row.number, row.display_name, row.class_name or "", status_label(row.status),
                balance, paid or "")

    def _balance_hint(self, row: MemberListRow, role: int) -> Any:
        if row.balance.is_zero:
            return None
        owing = row.balance.is_positive
        if role == Qt.ItemDataRole.ForegroundRole:
            return _OWING_COLOUR if owing else _CREDIT_COLOUR
        amount = self._formatter.money(row.balance if owing else -row.balance)
        return (_("Owes {amount}").format(amount=amount) if owing
                else _("In credit by {amount} (paid ahead)").format(amount=amount))


def _sort_keys(row: MemberListRow) -> tuple[Any, ...]:
    return (number_key(row.number), row.sort_name.casefold(),
            row.class_name.casefold() if row.class_name else None,
            STATUS_ORDER.get(row.status, len(STATUS_ORDER)), row.balance.amount, row.last_payment)
