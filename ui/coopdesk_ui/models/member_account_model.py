"""A member's dues account as a Qt table: date, what, charge, payment, running balance.

Rows are the core's frozen `AccountLine`s (coopdesk.dues.queries.member_account), oldest first
as a statement reads. A balance above zero is owed, below zero is credit. Amounts are written
without the currency symbol (the pane's summary line names it) and right-aligned; an empty
charge or payment cell means none. ID_ROLE is the journal entry's id.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from coopdesk.dues.queries import AccountLine
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_
from coopdesk.ledger.types import EntryKind
from coopdesk.money import Money
from coopdesk_ui.models.code_labels import code_label
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class Column(IntEnum):
    DATE = 0
    WHAT = 1
    CHARGE = 2
    PAYMENT = 3
    BALANCE = 4


AMOUNT_COLUMNS = frozenset({Column.CHARGE, Column.PAYMENT, Column.BALANCE})
#: What a line is when its entry has no memo.
KIND_LABELS: dict[str, str] = {
    EntryKind.DUES: N_("Dues"),
    EntryKind.PAYMENT: N_("Payment"),
    EntryKind.WRITE_OFF: N_("Written off"),
    EntryKind.REVERSAL: N_("Reversal"),
    EntryKind.MANUAL: N_("Manual entry"),
    EntryKind.OPENING: N_("Opening balance"),
    EntryKind.REFUND: N_("Refund"),
}


def _amount(amount: Money, formatter: Formatter) -> str:
    return "" if amount.is_zero else formatter.money(amount, with_symbol=False)


class MemberAccountModel(RowTableModel):
    """Read-only table of one member's account lines; see the module docstring."""

    COLUMNS = (
        TableColumn(N_("Date"), lambda row, f: f.date(row.date), lambda row: row.date),
        TableColumn(N_("What"), lambda row, f: row.memo or code_label(KIND_LABELS, row.kind),
                    lambda row: row.memo or row.kind),
        TableColumn(N_("Charge"), lambda row, f: _amount(row.charged, f),
                    lambda row: row.charged.amount, amount=True),
        TableColumn(N_("Payment"), lambda row, f: _amount(row.paid, f),
                    lambda row: row.paid.amount, amount=True),
        TableColumn(N_("Balance"), lambda row, f: f.money(row.balance, with_symbol=False),
                    lambda row: row.balance.amount, amount=True),
    )

    def rows(self) -> tuple[AccountLine, ...]:
        return self._rows

    def row_id(self, row: Any) -> object:
        return row.entry_id

    def cell_tip(self, row: Any, column: int, text: str) -> str | None:
        return text if column == Column.WHAT else None  # memos are often wider than the pane
