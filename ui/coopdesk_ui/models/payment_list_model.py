"""The payments received as a Qt table: date, member, payer, method, reference, amount, reversed.

Rows are the core's frozen `PaymentRow`s (coopdesk.dues.payment_list.list_payments); a row's
texts are formatted the first time it is shown, then kept: a long list costs only what is seen
(sorting uses the raw values). The core names a payer by number only, so the screen hands in the
members' names with the rows. ID_ROLE is the payment id. A reversed payment stays in the list
(the ledger keeps it) but is greyed, and says so in its last column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum

from PySide6.QtCore import QObject

from coopdesk.dues.payment_list import PaymentRow
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.code_labels import code_label
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key

#: Payment methods as the core names them -> as the user reads them (in the core's order).
METHOD_LABELS: dict[str, str] = {
    "cash": N_("Cash"),
    "cheque": N_("Cheque"),
    "bank_transfer": N_("Bank transfer"),
    "card": N_("Card"),
    "other": N_("Other"),
}


def method_label(method: str) -> str:
    """A payment method as the user reads it ("Bank transfer" for "bank_transfer")."""
    return code_label(METHOD_LABELS, method)


class Column(IntEnum):
    DATE = 0
    NUMBER = 1
    MEMBER = 2
    PAYER = 3
    METHOD = 4
    REFERENCE = 5
    AMOUNT = 6
    REVERSED = 7


class PaymentListModel(RowTableModel):
    """Read-only table of payments; see the module docstring for its roles."""

    COLUMNS = (
        TableColumn(N_("Date"), lambda row, f: f.date(row.date),
                    lambda row: (row.date, row.payment_id)),
        TableColumn(N_("No."), lambda row, f: row.member_number,
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Member"), lambda row, f: row.member_name),
        TableColumn(N_("Paid by"), None),  # from the names handed in with the rows
        TableColumn(N_("Method"), lambda row, f: method_label(row.method)),
        TableColumn(N_("Reference"), lambda row, f: row.reference),
        TableColumn(N_("Amount"), lambda row, f: f.money(row.amount, with_symbol=False),
                    lambda row: row.amount.amount, amount=True),
        TableColumn(N_("Reversed"), lambda row, f: _("Reversed") if row.reversed else "",
                    lambda row: row.reversed),
    )

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._names: dict[str, str] = {}

    def set_rows(self, rows: Sequence[PaymentRow], names: Mapping[str, str] | None = None) -> None:
        """Show `rows`; `names` (member number -> name) names the payers."""
        if names is not None:
            self._names = dict(names)
        super().set_rows(rows)

    def rows(self) -> tuple[PaymentRow, ...]:
        """The rows shown, in the order they were given (not the view's sort order)."""
        return self._rows

    def row_id(self, row: PaymentRow) -> object:
        return row.payment_id

    def is_muted(self, row: PaymentRow) -> bool:
        return row.reversed

    def cell_text(self, row: PaymentRow, column: int) -> str:
        if column != Column.PAYER:
            return super().cell_text(row, column)
        if row.payer_number is None:
            return ""
        return member_text(row.payer_number, self._names.get(row.payer_number, ""))

    def cell_tip(self, row: PaymentRow, column: int, text: str) -> str | None:
        return row.memo or None
