"""The members who may vote at the meeting (`VoterRow`s that are eligible), by name."""

from __future__ import annotations

from typing import Any

from coopdesk.i18n import N_
from coopdesk_ui.screens.meeting_labels import class_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


class VoterModel(RowTableModel):
    """Number, name, class; ID_ROLE is the member number."""

    COLUMNS = (
        TableColumn(N_("No."), lambda row, f: row.number, lambda row: number_key(row.number)),
        TableColumn(N_("Member"), lambda row, f: row.name, lambda row: row.sort_name),
        TableColumn(N_("Class"), lambda row, f: class_text(row), lambda row: class_text(row)),
    )

    def row_id(self, row: Any) -> object:
        return row.number
