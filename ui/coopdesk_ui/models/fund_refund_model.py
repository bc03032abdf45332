"""A year-end refund plan as a Qt table: who gets back what they hold above the fund's cap.

Rows are the core's frozen `RefundRow`s (`coopdesk.funds.refunds.preview_refunds`): member,
their share of the fund at the year end, the cap, and the refund (share less cap). ID_ROLE is
the member number.
"""

from __future__ import annotations

from enum import IntEnum

from coopdesk.funds.refunds import RefundRow
from coopdesk.i18n import N_
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


class Column(IntEnum):
    NUMBER = 0
    MEMBER = 1
    SHARE = 2
    CAP = 3
    REFUND = 4


class RefundModel(RowTableModel):
    """Read-only table of the members a year-end refund pays."""

    COLUMNS = (
        TableColumn(N_("No."), lambda row, f: row.member_number,
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Member"), lambda row, f: row.member_name, lambda row: row.member_name),
        TableColumn(N_("Share of the fund"), lambda row, f: f.money(row.share, with_symbol=False),
                    lambda row: row.share.amount, amount=True),
        TableColumn(N_("Cap"), lambda row, f: f.money(row.cap, with_symbol=False),
                    lambda row: row.cap.amount, amount=True),
        TableColumn(N_("Refund"), lambda row, f: f.money(row.refund, with_symbol=False),
                    lambda row: row.refund.amount, amount=True),
    )

    def rows(self) -> tuple[RefundRow, ...]:
        return self._rows
