"""The draft allocation member by member (`coopdesk.patronage.run.PreviewLine`): patronage,
allocation, cash and retained; a cash part kept back below the minimum payout says so."""

from __future__ import annotations

from typing import Any

from coopdesk.i18n import N_, _
from coopdesk_ui.screens.patronage_labels import quantity_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


def _cash(row: Any, formatter: Any) -> str:
    text = formatter.money(row.cash, with_symbol=False)
    return _("{amount} (below the minimum: retained)").format(amount=text) \
        if row.cash_retained else text


class DraftLineModel(RowTableModel):
    """Each member's share of each pool in the draft; ID_ROLE is the member number."""

    COLUMNS = (
        TableColumn(N_("No."), lambda row, f: row.member_number,
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Member"), lambda row, f: row.member_name, lambda row: row.member_name),
        TableColumn(N_("Pool"), lambda row, f: row.pool, lambda row: row.pool),
        TableColumn(N_("Patronage"), lambda row, f: quantity_text(row.quantity, row.unit, f),
                    lambda row: row.quantity, amount=True),
        TableColumn(N_("Allocation"), lambda row, f: f.money(row.amount, with_symbol=False),
                    lambda row: row.amount.amount, amount=True),
        TableColumn(N_("Cash"), _cash, lambda row: row.cash.amount, amount=True),
        TableColumn(N_("Retained"), lambda row, f: f.money(row.retained, with_symbol=False),
                    lambda row: row.retained.amount, amount=True),
    )
