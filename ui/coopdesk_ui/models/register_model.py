"""One account's register as a Qt table, newest first, read a page at a time.

Each row is a posting to the account: date, entry, memo, member, debit, credit and the account's
balance after it. The model reads the first page when given a register cursor
(`coopdesk.ledger.register_page.open_register`) and more as the view scrolls to the end
(`canFetchMore`/`fetchMore`), so the busiest account's ten-year register opens with one page.

The balance shows in the account's normal sense: for accounts whose balance is normally a
credit (liabilities, equity, income) a credit balance shows as a positive amount, as treasurers
read "what we owe members" or "dues earned", and a debit balance as negative. SORT_ROLE gives
the value shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
from coopdesk.ledger.register_page import PAGE_SIZE, RegisterCursor, RegisterLine
from coopdesk.money import Money
from coopdesk_ui.models.journal_postings_model import who
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

#: Reads the next page of a register and returns it with the cursor after it.
PageReader = Callable[[RegisterCursor, int], tuple[list[RegisterLine], RegisterCursor]]

#: Account types whose balance is normally a credit.
CREDIT_NORMAL_TYPES = frozenset({"liability", "equity", "income"})

_ROOT = QModelIndex()
_AMOUNT_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    DATE = 0
    ENTRY = 1
    MEMO = 2
    MEMBER = 3
    DEBIT = 4
    CREDIT = 5
    BALANCE = 6


HEADERS: dict[Column, str] = {
    Column.DATE: N_("Date"),
    Column.ENTRY: N_("Entry"),
    Column.MEMO: N_("Memo"),
    Column.MEMBER: N_("Member"),
    Column.DEBIT: N_("Debit"),
    Column.CREDIT: N_("Credit"),
    Column.BALANCE: N_("Balance"),
}
AMOUNT_COLUMNS = frozenset({Column.DEBIT, Column.CREDIT, Column.BALANCE})
_RIGHT_ALIGNED = AMOUNT_COLUMNS | {Column.ENTRY}


class RegisterModel(QAbstractTableModel):
    """Read-only, lazily filled register of one account; ID_ROLE is the entry's number."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._reader: PageReader | None = None
        self._cursor: RegisterCursor | None = None
        self._credit_normal = False
        self._rows: list[RegisterLine] = []
        self._texts: list[tuple[str, ...]] = []
        # Dates and amounts repeat down a register: each is formatted once (Babel is not cheap).
        self._date_texts: dict[dt.date, str] = {}
        self._money_texts: dict[Money, str] = {}
        #: How many pages were read since the last reset.
        self.pages_read = 0

    def load(self, cursor: RegisterCursor | None, reader: PageReader | None, *,
             credit_normal: bool = False, formatter: Formatter | None = None) -> None:
        """Show the register `cursor` starts (None: nothing), read by `reader`."""
        self.beginResetModel()
        if formatter is not None:
            self._formatter = formatter
        self._cursor, self._reader = cursor, reader
        self._credit_normal = credit_normal
        self._rows, self._texts, self._date_texts, self._money_texts = [], [], {}, {}
        self.pages_read = 0
        self.endResetModel()
        self.fetchMore(_ROOT)

    @property
    def cursor(self) -> RegisterCursor | None:
        """Where the next page starts (it knows the count and the closing balance)."""
        return self._cursor

    def shown_balance(self, balance: Money) -> Money:
        """`balance` (positive = debit) as the Balance column shows it."""
        return -balance if self._credit_normal else balance

    def row_at(self, row: int) -> RegisterLine:
        return self._rows[row]

    # -- lazy loading -------------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._cursor is not None and not self._cursor.exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if not self.canFetchMore(parent) or self._reader is None or self._cursor is None:
            return
        page, self._cursor = self._reader(self._cursor, PAGE_SIZE)
        self.pages_read += 1
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(_ROOT, first, first + len(page) - 1)
        self._rows.extend(page)
        self._texts.extend(self._row_texts(line) for line in page)
        self.endInsertRows()

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        line = self._rows[index.row()]
        if role == SORT_ROLE:
            return self._raw_value(line, column)
        if role == ID_ROLE:
            return line.entry_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _AMOUNT_ALIGNMENT if column in _RIGHT_ALIGNED else _TEXT_ALIGNMENT
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.MEMO:
            return line.memo or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _AMOUNT_ALIGNMENT if column in _RIGHT_ALIGNED else _TEXT_ALIGNMENT
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.BALANCE:
            if self._credit_normal:
                return _("The account's balance after each line; a credit balance shows as "
                         "positive, as this account normally has one")
            return _("The account's balance after each line; a debit balance shows as positive")
        return None

    # -- formatting ---------------------------------------------------------------------

    def _row_texts(self, line: RegisterLine) -> tuple[str, ...]:
        date = self._date_texts.get(line.date)
        if date is None:
            date = self._date_texts[line.date] = self._formatter.date(line.date)
        amount = line.amount
        return (
            date,
            str(line.entry_id),
            line.memo,
            who(line.member_number, line.member_name),
            self._money(amount) if amount.is_positive else "",
            self._money(-amount) if amount.is_negative else "",
            self._formatter.money(self.shown_balance(line.balance), with_symbol=False),
        )

    def _money(self, amount: Money) -> str:
        text = self._money_texts.get(amount)
        if text is None:
            text = self._money_texts[amount] = self._formatter.money(amount, with_symbol=False)
        return text

    def _raw_value(self, line: RegisterLine, column: Column) -> object:
        if column is Column.DATE:
            return line.date
        if column is Column.ENTRY:
            return line.entry_id
        if column is Column.MEMO:
            return line.memo
        if column is Column.MEMBER:
            return line.member_number
        if column is Column.DEBIT:
            return line.amount.amount if line.amount.is_positive else None
        if column is Column.CREDIT:
            return -line.amount.amount if line.amount.is_negative else None
        return self.shown_balance(line.balance).amount
