"""A claim's payouts as a Qt table: installment, date, amount, and when it was reversed.

Rows are the core's frozen `PayoutRow`s (`coopdesk.funds.payout_list.claim_payouts`). A
reversed payout stays listed, greyed, as the ledger keeps it. ID_ROLE is the payout id.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject

from coopdesk.formatting import Formatter
from coopdesk.funds.payout_list import PayoutRow
from coopdesk.i18n import N_, _
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class Column(IntEnum):
    INSTALLMENT = 0
    DATE = 1
    AMOUNT = 2
    REVERSED = 3


class PayoutModel(RowTableModel):
    """Read-only table of one claim's payouts; see the module docstring."""

    COLUMNS = (
        TableColumn(N_("Payment"), None, lambda row: (row.installment, row.payout_id)),
        TableColumn(N_("Paid on"), lambda row, f: f.date(row.date), lambda row: row.date),
        TableColumn(N_("Amount"), lambda row, f: f.money(row.amount, with_symbol=False),
                    lambda row: row.amount.amount, amount=True),
        TableColumn(N_("Reversed"),
                    lambda row, f: "" if row.reversed_on is None else
                    _("on {date}").format(date=f.date(row.reversed_on)),
                    lambda row: row.reversed_on),
    )

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._months = 1

    def set_rows(self, rows: Sequence[PayoutRow], months: int = 1) -> None:
        """Show `rows`, payments of a claim approved for `months` months."""
        self._months = months
        super().set_rows(rows)

    def rows(self) -> tuple[PayoutRow, ...]:
        return self._rows

    def row_id(self, row: Any) -> object:
        return row.payout_id

    def is_muted(self, row: PayoutRow) -> bool:
        return row.reversed

    def cell_text(self, row: PayoutRow, column: int) -> str:
        if column != Column.INSTALLMENT:
            return super().cell_text(row, column)
        if self._months <= 1:
            return _("One-off")
        return _("{number} of {months}").format(number=row.installment, months=self._months)
