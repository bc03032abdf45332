"""A member's retained patronage by allocation year: (year's first day, amount) pairs, as
`CapitalRow.by_year` holds them."""

from __future__ import annotations

from typing import Any

from coopdesk.i18n import N_
from coopdesk_ui.screens.patronage_labels import year_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class CapitalYearModel(RowTableModel):
    """Retained patronage still held, oldest year first (redeemed first); ID_ROLE the year."""

    COLUMNS = (
        TableColumn(N_("Year"), lambda row, f: year_text(row[0]), lambda row: row[0]),
        TableColumn(N_("Retained"), lambda row, f: f.money(row[1], with_symbol=False),
                    lambda row: row[1].amount, amount=True),
    )

    def row_id(self, row: Any) -> object:
        return row[0]
