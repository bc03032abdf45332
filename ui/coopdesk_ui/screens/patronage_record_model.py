"""Patronage records as a table: date, member, measure, quantity, reference
(`coopdesk.patronage.records.RecordRow`)."""

from __future__ import annotations

from typing import Any

from coopdesk.i18n import N_
from coopdesk_ui.screens.patronage_labels import quantity_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


class RecordModel(RowTableModel):
    """Records, as the book lists them (newest first); ID_ROLE is the record's id."""

    COLUMNS = (
        TableColumn(N_("Date"), lambda row, f: f.date(row.date, "short"), lambda row: row.date),
        TableColumn(N_("No."), lambda row, f: row.member_number,
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Member"), lambda row, f: row.member_name, lambda row: row.member_name),
        TableColumn(N_("Measure"), lambda row, f: row.measure_code, lambda row: row.measure_code),
        TableColumn(N_("Quantity"), lambda row, f: quantity_text(row.quantity, row.unit, f),
                    lambda row: row.quantity, amount=True),
        TableColumn(N_("Reference"), lambda row, f: row.reference, lambda row: row.reference),
    )

    def row_id(self, row: Any) -> object:
        return row.id
