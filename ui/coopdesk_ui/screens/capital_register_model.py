"""The capital accounts register as a table, a member a row: shares paid in, retained
patronage, what is payable to a former member, and the total
(`coopdesk.patronage.queries.CapitalRow`)."""

from __future__ import annotations

from typing import Any

from coopdesk.i18n import N_
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


def _money(name: str) -> tuple[Any, Any]:
    return (lambda row, f: f.money(getattr(row, name), with_symbol=False),
            lambda row: getattr(row, name).amount)


class CapitalRegisterModel(RowTableModel):
    """Every member with capital; ID_ROLE is the member number. Accounts at zero are grey."""

    COLUMNS = (
        TableColumn(N_("No."), lambda row, f: row.member_number,
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Member"), lambda row, f: row.member_name, lambda row: row.member_name),
        TableColumn(N_("Shares"), *_money("shares"), amount=True),
        TableColumn(N_("Retained"), *_money("retained"), amount=True),
        TableColumn(N_("Payable"), *_money("payable"), amount=True,
                    tip=N_("Owed to a member who left, paid on a schedule")),
        TableColumn(N_("Total"), *_money("total"), amount=True),
    )

    def is_muted(self, row: Any) -> bool:
        return bool(row.total.is_zero)
