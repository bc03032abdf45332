"""The change history of a member's record as a Qt table: when, what, before, after.

Rows are the core's frozen `ChangeRow`s (coopdesk.members.queries.member_history), oldest first
as the core records them (the fields of one edit in the form's order); the pane scrolls to the
latest. The core stores values as text
(ISO dates, codes); they are shown as the rest of the app shows them: dates in the book's
locale, classes and leave reasons by name, address lines on one line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_
from coopdesk.members.queries import ChangeRow
from coopdesk_ui.models.member_labels import field_label, kind_label, leave_reason_label, status_label
from coopdesk_ui.models.roles import ID_ROLE
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn
_DATE_FIELDS = frozenset({"join_date", "leave_date"})


class Column(IntEnum):
    WHEN = 0
    FIELD = 1
    BEFORE = 2
    AFTER = 3


def _moment(stamp: str, formatter: Formatter) -> str:
    try:
        moment = dt.datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    return f"{formatter.date(moment.date())} {moment.strftime('%H:%M')}"


class MemberHistoryModel(RowTableModel):
    """Read-only table of one member's recorded changes, oldest first; each cell's text is
    also its tooltip."""

    COLUMNS = (
        TableColumn(N_("When"), lambda row, f: _moment(row.changed_at, f),
                    lambda row: row.changed_at),
        TableColumn(N_("What changed"), lambda row, f: field_label(row.field),
                    lambda row: row.field),
        # the values are written with the class names handed in with the rows
        TableColumn(N_("Before"), None, lambda row: row.before),
        TableColumn(N_("After"), None, lambda row: row.after),
    )

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._class_names: Mapping[str, str] = {}

    def set_rows(self, rows: Sequence[ChangeRow], class_names: Mapping[str, str] | None = None) -> None:
        """Show `rows` (oldest first); `class_names` names the class codes."""
        self._class_names = dict(class_names or {})
        super().set_rows(rows)

    def rows(self) -> tuple[ChangeRow, ...]:
        return self._rows

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == ID_ROLE and index.isValid() and index.row() < len(self._rows):
            return index.row()  # the change's place in the history
        return super().data(index, role)

    def cell_text(self, row: ChangeRow, column: int) -> str:
        if column == Column.BEFORE:
            return self._value(row.field, row.before)
        if column == Column.AFTER:
            return self._value(row.field, row.after)
        return super().cell_text(row, column)

    def cell_tip(self, row: ChangeRow, column: int, text: str) -> str | None:
        return text

    def _value(self, field: str, value: str | None) -> str:
        if value is None or value == "":
            return ""
        if field in _DATE_FIELDS:
            try:
                return self._formatter.date(dt.date.fromisoformat(value))
            except ValueError:
                return value
        if field == "leave_reason":
            return leave_reason_label(value)
        if field == "kind":
            return kind_label(value)
        if field == "status_override":
            return status_label(value)
        if field == "class_code":
            return self._class_names.get(value, value)
        return value.replace("\n", ", ")
