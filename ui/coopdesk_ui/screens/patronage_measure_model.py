"""The patronage measures as a table: code, name, unit (`coopdesk.patronage.measures.MeasureRow`)."""

from __future__ import annotations

from typing import Any

from coopdesk.i18n import N_
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class MeasureModel(RowTableModel):
    """What patronage is counted in; ID_ROLE is the measure's code."""

    COLUMNS = (
        TableColumn(N_("Code"), lambda row, f: row.code, lambda row: row.code),
        TableColumn(N_("Measure"), lambda row, f: row.name, lambda row: row.name),
        TableColumn(N_("Unit"), lambda row, f: row.unit, lambda row: row.unit),
    )

    def row_id(self, row: Any) -> object:
        return row.code
