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

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.ledger.register_page import PAGE_SIZE, RegisterCursor, RegisterLine
from coopdesk.money import Money
from coopdesk_ui.models.journal_postings_model import who
from coopdesk_ui.models.paged_rows import PagedRowsModel

#: Reads the next page of a register and returns it with the cursor after it.
PageReader = Callable[[RegisterCursor, int], tuple[list[RegisterLine], RegisterCursor]]

#: Account types whose balance is normally a credit.
CREDIT_NORMAL_TYPES = frozenset({"liability", "equity", "income"})

_ROOT = QModelIndex()


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


class RegisterModel(PagedRowsModel[RegisterLine]):
    """Read-only, lazily filled register of one account; ID_ROLE is the entry's number."""

    HEADERS = HEADERS
    RIGHT_ALIGNED = _RIGHT_ALIGNED
    MEMO_COLUMN = Column.MEMO

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._reader: PageReader | None = None
        self._cursor: RegisterCursor | None = None
        self._credit_normal = False

    def load(self, cursor: RegisterCursor | None, reader: PageReader | None, *,
             credit_normal: bool = False, formatter: Formatter | None = None) -> None:
        """Show the register `cursor` starts (None: nothing), read by `reader`."""
        self.beginResetModel()
        self._clear_rows(formatter)
        self._cursor, self._reader = cursor, reader
        self._credit_normal = credit_normal
        self.endResetModel()
        self.fetchMore(_ROOT)

    @property
    def cursor(self) -> RegisterCursor | None:
        """Where the next page starts (it knows the count and the closing balance)."""
        return self._cursor

    def shown_balance(self, balance: Money) -> Money:
        """`balance` (positive = debit) as the Balance column shows it."""
        return -balance if self._credit_normal else balance

    # -- lazy loading -------------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._cursor is not None and not self._cursor.exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if not self.canFetchMore(parent) or self._reader is None or self._cursor is None:
            return
        page, self._cursor = self._reader(self._cursor, PAGE_SIZE)
        self.pages_read += 1
        self._append_page(page)

    def _header_tip(self, section: int) -> str | None:
        if section != Column.BALANCE:
            return None
        if self._credit_normal:
            return _("The account's balance after each line; a credit balance shows as "
                     "positive, as this account normally has one")
        return _("The account's balance after each line; a debit balance shows as positive")

    # -- formatting ---------------------------------------------------------------------

    def _row_texts(self, line: RegisterLine) -> tuple[str, ...]:
        amount = line.amount
        return (
            self._date_text(line.date),
            str(line.entry_id),
            line.memo,
            who(line.member_number, line.member_name),
            self._money_text(amount) if amount.is_positive else "",
            self._money_text(-amount) if amount.is_negative else "",
            self._formatter.money(self.shown_balance(line.balance), with_symbol=False),
        )

    def _raw_value(self, line: RegisterLine, column: int) -> object:
        if column == Column.DATE:
            return line.date
        if column == Column.ENTRY:
            return line.entry_id
        if column == Column.MEMO:
            return line.memo
        if column == Column.MEMBER:
            return line.member_number
        if column == Column.DEBIT:
            return line.amount.amount if line.amount.is_positive else None
        if column == Column.CREDIT:
            return -line.amount.amount if line.amount.is_negative else None
        return self.shown_balance(line.balance).amount
