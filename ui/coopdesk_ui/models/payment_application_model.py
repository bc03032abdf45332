"""How a payment being typed will be applied, as a Qt table: one row per open charge it pays.

Rows are the core's `AppliedCharge`s (coopdesk.dues.payment_preview.preview_payment): the
period, its plan, what is open of it, what this payment pays of it, and what stays open.
ID_ROLE is the charge id.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from coopdesk.dues.payment_preview import AppliedCharge
from coopdesk.i18n import N_
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class Column(IntEnum):
    PERIOD = 0
    PLAN = 1
    PAID = 2
    LEFT = 3


class PaymentApplicationModel(RowTableModel):
    """Read-only table of the charges a payment settles; see the module docstring."""

    COLUMNS = (
        TableColumn(N_("Period"), lambda row, f: row.period_key,
                    lambda row: (row.period_start, row.charge_id)),
        TableColumn(N_("Plan"), lambda row, f: row.plan, lambda row: row.plan),
        TableColumn(N_("Paid now"), lambda row, f: f.money(row.applied, with_symbol=False),
                    lambda row: row.applied.amount, amount=True),
        TableColumn(N_("Still open"),
                    lambda row, f: f.money(row.open - row.applied, with_symbol=False),
                    lambda row: (row.open - row.applied).amount, amount=True),
    )

    def rows(self) -> tuple[AppliedCharge, ...]:
        """The rows shown."""
        return self._rows

    def row_id(self, row: Any) -> object:
        return row.charge_id

    def cell_tip(self, row: AppliedCharge, column: int, text: str) -> str | None:
        return row.plan if column == Column.PLAN else None
