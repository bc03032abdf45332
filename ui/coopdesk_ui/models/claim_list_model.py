"""The claims register as a Qt table: submitted, fund, member, event, description, asked,
status, approved, paid and still to pay.

Rows are the core's frozen `ClaimRow`s (`coopdesk.funds.queries.list_claims`). An amount asked
or approved each month reads "$25.00 × 3 months"; it sorts by its total. ID_ROLE is the claim
id. Claims that need a decision are in bold, and denied ones greyed, so the eye finds the work
to do.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from coopdesk.formatting import Formatter
from coopdesk.funds.queries import ClaimRow
from coopdesk.funds.types import ClaimStatus
from coopdesk.i18n import N_
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key
from coopdesk_ui.screens.funds_labels import STATUS_ORDER, asked_text, status_label, times_text


class Column(IntEnum):
    SUBMITTED = 0
    FUND = 1
    MEMBER = 2
    EVENT = 3
    DESCRIPTION = 4
    ASKED = 5
    STATUS = 6
    APPROVED = 7
    PAID = 8
    TO_PAY = 9


def _approved_text(row: ClaimRow, formatter: Formatter) -> str:
    if row.approved_amount is None:
        return ""
    return times_text(row.approved_amount, row.approved_months or 1, formatter)


def _approved_total(row: ClaimRow) -> object:
    if row.approved_amount is None:
        return None
    return (row.approved_amount * (row.approved_months or 1)).amount


def _to_pay_text(row: ClaimRow, formatter: Formatter) -> str:
    settled = row.status in (ClaimStatus.PAID, ClaimStatus.DENIED, ClaimStatus.SUBMITTED)
    return "" if settled and row.to_pay.is_zero else formatter.money(row.to_pay, with_symbol=False)


class ClaimListModel(RowTableModel):
    """Read-only table of claims; see the module docstring for its roles."""

    COLUMNS = (
        TableColumn(N_("Submitted"), lambda row, f: f.date(row.submitted_date),
                    lambda row: (row.submitted_date, row.id)),
        TableColumn(N_("Fund"), lambda row, f: row.fund_code, lambda row: row.fund_code),
        TableColumn(N_("Member"), lambda row, f: member_text(row.member_number, row.member_name),
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Event"), lambda row, f: f.date(row.event_date),
                    lambda row: (row.event_date, row.id)),
        TableColumn(N_("Description"), lambda row, f: row.description,
                    lambda row: row.description),
        TableColumn(N_("Asked"), lambda row, f: times_text(row.amount, row.months, f),
                    lambda row: row.asked_total.amount, amount=True),
        TableColumn(N_("Status"), lambda row, f: status_label(row.status),
                    lambda row: STATUS_ORDER[row.status]),
        TableColumn(N_("Approved"), _approved_text, _approved_total, amount=True),
        TableColumn(N_("Paid"),
                    lambda row, f: "" if row.paid.is_zero else f.money(row.paid, with_symbol=False),
                    lambda row: row.paid.amount, amount=True),
        TableColumn(N_("Still to pay"), _to_pay_text, lambda row: row.to_pay.amount, amount=True),
    )

    def rows(self) -> tuple[ClaimRow, ...]:
        return self._rows

    def row_id(self, row: Any) -> object:
        return row.id

    def is_bold(self, row: ClaimRow) -> bool:
        return row.status is ClaimStatus.SUBMITTED

    def is_muted(self, row: ClaimRow) -> bool:
        return row.status is ClaimStatus.DENIED

    def cell_tip(self, row: ClaimRow, column: int, text: str) -> str | None:
        if column == Column.DESCRIPTION:
            return row.description
        if column == Column.ASKED and row.months > 1:
            return asked_text(row.amount, row.months, self._formatter)
        if column == Column.APPROVED and row.approved_amount is not None:
            return asked_text(row.approved_amount, row.approved_months or 1, self._formatter)
        return None
