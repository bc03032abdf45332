"""The postings of one journal entry as a Qt table: account, member, debit, credit, memo.

An entry has a handful of lines, read whole (`coopdesk.ledger.journal_page.entry_detail`) when
it is selected. A posting's amount shows in the debit or the credit column, the other one empty,
as on a printed journal.
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
from coopdesk.i18n import N_, _
from coopdesk.ledger.journal_page import EntryPostingRow
from coopdesk.money import Money
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_AMOUNT_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    ACCOUNT = 0
    MEMBER = 1
    DEBIT = 2
    CREDIT = 3
    MEMO = 4


HEADERS: dict[Column, str] = {
    Column.ACCOUNT: N_("Account"),
    Column.MEMBER: N_("Member"),
    Column.DEBIT: N_("Debit"),
    Column.CREDIT: N_("Credit"),
    Column.MEMO: N_("Line memo"),
}
AMOUNT_COLUMNS = frozenset({Column.DEBIT, Column.CREDIT})


def who(number: str | None, name: str | None) -> str:
    """A member as a person reads them: "M0012  Ana Ruiz"."""
    if number is None:
        return ""
    return f"{number}  {name}" if name else number


class EntryPostingsModel(QAbstractTableModel):
    """Read-only table of one entry's postings in line order; ID_ROLE is the account code."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[EntryPostingRow, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[EntryPostingRow], formatter: Formatter | None = None) -> None:
        """Show `rows` instead of the current ones."""
        self.beginResetModel()
        if formatter is not None:
            self._formatter = formatter
        self._rows = tuple(rows)
        self._texts = [self._row_texts(row) for row in self._rows]
        self.endResetModel()

    def rows(self) -> tuple[EntryPostingRow, ...]:
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
            return row.account_code
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _AMOUNT_ALIGNMENT if column in AMOUNT_COLUMNS else _TEXT_ALIGNMENT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _AMOUNT_ALIGNMENT if column in AMOUNT_COLUMNS else _TEXT_ALIGNMENT
        return None

    # -- formatting ---------------------------------------------------------------------

    def _row_texts(self, row: EntryPostingRow) -> tuple[str, ...]:
        debit = row.amount if row.amount.is_positive else None
        credit = -row.amount if row.amount.is_negative else None
        return (
            f"{row.account_code}  {row.account_name}",
            who(row.member_number, row.member_name),
            self._amount_text(debit),
            self._amount_text(credit),
            row.memo,
        )

    def _amount_text(self, amount: Money | None) -> str:
        return "" if amount is None else self._formatter.money(amount, with_symbol=False)


def _raw_value(row: EntryPostingRow, column: Column) -> object:
    if column is Column.ACCOUNT:
        return row.account_code
    if column is Column.MEMBER:
        return row.member_number
    if column is Column.DEBIT:
        return row.amount.amount if row.amount.is_positive else None
    if column is Column.CREDIT:
        return -row.amount.amount if row.amount.is_negative else None
    return row.memo
