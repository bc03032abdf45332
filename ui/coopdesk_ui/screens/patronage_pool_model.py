"""The pools as a table: who shares, by what measure, what percentage, from what minimum
(`coopdesk.patronage.measures.PoolRow`)."""

from __future__ import annotations

from typing import Any

from coopdesk.i18n import N_
from coopdesk_ui.screens.patronage_labels import percent_text, pool_who, quantity_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class PoolModel(RowTableModel):
    """How the members' surplus divides between classes; ID_ROLE is the pool's id."""

    COLUMNS = (
        TableColumn(N_("Member class"), lambda row, f: pool_who(row), lambda row: pool_who(row)),
        TableColumn(N_("Measure"), lambda row, f: row.measure_name, lambda row: row.measure_name),
        TableColumn(N_("Share"), lambda row, f: percent_text(row.percent, f),
                    lambda row: row.percent, amount=True),
        TableColumn(N_("Minimum patronage"),
                    lambda row, f: quantity_text(row.min_quantity, row.unit, f)
                    if row.min_quantity else "", lambda row: row.min_quantity, amount=True,
                    tip=N_("Members with less patronage than this in the year do not share")),
    )

    def row_id(self, row: Any) -> object:
        return row.id
