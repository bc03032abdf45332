"""A member's capital account movement by movement, with the running balance
(`coopdesk.patronage.queries.CapitalLine`)."""

from __future__ import annotations

from typing import Any

from coopdesk.i18n import N_
from coopdesk_ui.screens.patronage_labels import kind_label, year_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class CapitalHistoryModel(RowTableModel):
    """The movements, oldest first; ID_ROLE is the movement's date (movements have no id)."""

    COLUMNS = (
        TableColumn(N_("Date"), lambda row, f: f.date(row.date, "short"), lambda row: row.date),
        TableColumn(N_("What"), lambda row, f: kind_label(row.kind), lambda row: kind_label(row.kind)),
        TableColumn(N_("Year"), lambda row, f: year_text(row.year_start) if row.year_start else "",
                    lambda row: row.year_start),
        TableColumn(N_("Amount"), lambda row, f: f.money(row.amount, with_symbol=False),
                    lambda row: row.amount.amount, amount=True),
        TableColumn(N_("Balance"), lambda row, f: f.money(row.balance, with_symbol=False),
                    lambda row: row.balance.amount, amount=True),
    )

    def row_id(self, row: Any) -> object:
        return row.date
