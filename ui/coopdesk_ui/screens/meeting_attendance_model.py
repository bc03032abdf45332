"""Who is recorded at the meeting: present in person, or by whose proxy, and when
(`coopdesk.meetings.queries.AttendanceRow`)."""

from __future__ import annotations

import datetime as dt

import babel.dates

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_
from coopdesk.meetings.queries import AttendanceRow
from coopdesk_ui.screens.meeting_labels import attends_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


def arrival_text(row: AttendanceRow, formatter: Formatter) -> str:
    """When the member was recorded, as this computer's clock reads it ("7:04 PM")."""
    try:
        moment = dt.datetime.fromisoformat(row.recorded_at)
    except ValueError:
        return row.recorded_at
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return babel.dates.format_time(local, "short", locale=formatter.locale)


def sample_time(formatter: Formatter) -> str:
    """A time as wide as the column's will be (for sizing it before anyone arrives)."""
    return babel.dates.format_time(dt.time(12, 59), "short", locale=formatter.locale)


class AttendanceModel(RowTableModel):
    """Number, name, how they attend, when recorded; ID_ROLE is the member number."""

    COLUMNS = (
        TableColumn(N_("No."), lambda row, f: row.member_number,
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Member"), lambda row, f: row.member_name, lambda row: row.sort_name),
        TableColumn(N_("Attends"), lambda row, f: attends_text(row.proxy_holder_number,
                                                               row.proxy_holder_name),
                    lambda row: (row.proxy_holder_number is not None, row.proxy_holder_name or "")),
        TableColumn(N_("Recorded at"), arrival_text, lambda row: row.recorded_at),
    )
