"""The meetings of the book, latest first (`coopdesk.meetings.queries.MeetingRow`)."""

from __future__ import annotations

from typing import Any

from coopdesk.i18n import N_
from coopdesk_ui.screens.meeting_labels import kind_label
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class MeetingListModel(RowTableModel):
    """Date, title, kind, record date; ID_ROLE is the meeting's id."""

    COLUMNS = (
        TableColumn(N_("Date"), lambda row, f: f.date(row.meeting_date),
                    lambda row: row.meeting_date),
        TableColumn(N_("Title"), lambda row, f: row.title, lambda row: row.title),
        TableColumn(N_("Kind"), lambda row, f: kind_label(row.kind), lambda row: row.kind),
        TableColumn(N_("Record date"), lambda row, f: f.date(row.record_date),
                    lambda row: row.record_date,
                    tip=N_("Who may vote is decided by the members' standing on this day")),
    )

    def row_id(self, row: Any) -> object:
        return row.id
