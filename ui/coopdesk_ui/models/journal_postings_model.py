"""The postings of one journal entry as a Qt table: account, member, debit, credit, memo.

An entry has a handful of lines, read whole (`coopdesk.ledger.journal_page.entry_detail`) when
it is selected. A posting's amount shows in the debit or the credit column, the other one empty,
as on a printed journal.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_
from coopdesk.ledger.journal_page import EntryPostingRow
from coopdesk.money import Money
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class Column(IntEnum):
    ACCOUNT = 0
    MEMBER = 1
    DEBIT = 2
    CREDIT = 3
    MEMO = 4


AMOUNT_COLUMNS = frozenset({Column.DEBIT, Column.CREDIT})


def who(number: str | None, name: str | None) -> str:
    """A member as a person reads them: "M0012  Ana Ruiz"."""
    if number is None:
        return ""
    return f"{number}  {name}" if name else number


def _debit(row: EntryPostingRow) -> Money | None:
    return row.amount if row.amount.is_positive else None


def _credit(row: EntryPostingRow) -> Money | None:
    return -row.amount if row.amount.is_negative else None


def _amount_text(amount: Money | None, formatter: Formatter) -> str:
    return "" if amount is None else formatter.money(amount, with_symbol=False)


def _amount_raw(amount: Money | None) -> object:
    return None if amount is None else amount.amount


class EntryPostingsModel(RowTableModel):
    """Read-only table of one entry's postings in line order; ID_ROLE is the account code."""

    COLUMNS = (
        TableColumn(N_("Account"), lambda row, f: f"{row.account_code}  {row.account_name}",
                    lambda row: row.account_code),
        TableColumn(N_("Member"), lambda row, f: who(row.member_number, row.member_name),
                    lambda row: row.member_number),
        TableColumn(N_("Debit"), lambda row, f: _amount_text(_debit(row), f),
                    lambda row: _amount_raw(_debit(row)), amount=True),
        TableColumn(N_("Credit"), lambda row, f: _amount_text(_credit(row), f),
                    lambda row: _amount_raw(_credit(row)), amount=True),
        TableColumn(N_("Line memo"), lambda row, f: row.memo, lambda row: row.memo),
    )

    def set_rows(self, rows: Sequence[EntryPostingRow], formatter: Formatter | None = None) -> None:
        """Show `rows` instead of the current ones (written by `formatter`, if given)."""
        if formatter is not None:
            self._formatter = formatter
        super().set_rows(rows)

    def rows(self) -> tuple[EntryPostingRow, ...]:
        return self._rows

    def row_id(self, row: Any) -> object:
        return row.account_code
