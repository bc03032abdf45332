"""The trial balance as a Qt table: one row per account, its balance as debit or credit.

Rows are the core's frozen `TrialBalanceRow`s, written by the book's `Formatter`. A zero amount
shows as an empty cell, as on a printed trial balance, while SORT_ROLE still gives its exact
Decimal. ID_ROLE is the account's code.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.ledger.queries import TrialBalanceRow
from coopdesk.money import Money
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class Column(IntEnum):
    CODE = 0
    NAME = 1
    TYPE = 2
    DEBIT = 3
    CREDIT = 4


AMOUNT_COLUMNS = frozenset({Column.DEBIT, Column.CREDIT})
ACCOUNT_TYPE_LABELS: dict[str, str] = {
    "asset": N_("Asset"),
    "liability": N_("Liability"),
    "equity": N_("Equity"),
    "income": N_("Income"),
    "expense": N_("Expense"),
}


def _amount_text(amount: Money, formatter: Formatter) -> str:
    return "" if amount.is_zero else formatter.money(amount, with_symbol=False)


class TrialBalanceModel(RowTableModel):
    """Read-only table of trial balance rows; see the module docstring for its roles."""

    COLUMNS = (
        TableColumn(N_("Code"), lambda row, f: row.code, lambda row: row.code),
        TableColumn(N_("Account"), lambda row, f: row.name, lambda row: row.name),
        TableColumn(N_("Type"), lambda row, f: _(ACCOUNT_TYPE_LABELS[row.type])
                    if row.type in ACCOUNT_TYPE_LABELS else row.type, lambda row: row.type),
        TableColumn(N_("Debit"), lambda row, f: _amount_text(row.debit, f),
                    lambda row: row.debit.amount, amount=True),
        TableColumn(N_("Credit"), lambda row, f: _amount_text(row.credit, f),
                    lambda row: row.credit.amount, amount=True),
    )

    def rows(self) -> tuple[TrialBalanceRow, ...]:
        """The rows shown, in the order they were given (not the view's sort order)."""
        return self._rows

    def row_id(self, row: Any) -> object:
        return row.code
