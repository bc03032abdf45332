"""The members with patronage who do not share in the draft, and why
(`coopdesk.patronage.run.ExcludedLine`)."""

from __future__ import annotations

from coopdesk.i18n import N_
from coopdesk_ui.screens.patronage_labels import quantity_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


class ExcludedModel(RowTableModel):
    """Left out of the allocation, with the reason; ID_ROLE is the member number."""

    COLUMNS = (
        TableColumn(N_("No."), lambda row, f: row.member_number,
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Member"), lambda row, f: row.member_name, lambda row: row.member_name),
        TableColumn(N_("Pool"), lambda row, f: row.pool, lambda row: row.pool),
        TableColumn(N_("Patronage"), lambda row, f: quantity_text(row.quantity, row.unit, f),
                    lambda row: row.quantity, amount=True),
        TableColumn(N_("Why not"), lambda row, f: row.why, lambda row: row.why),
    )
