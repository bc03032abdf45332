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

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.members.queries import ChangeRow
from coopdesk_ui.models.member_labels import field_label, kind_label, leave_reason_label, status_label
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_DATE_FIELDS = frozenset({"join_date", "leave_date"})


class Column(IntEnum):
    WHEN = 0
    FIELD = 1
    BEFORE = 2
    AFTER = 3


HEADERS = {
    Column.WHEN: N_("When"),
    Column.FIELD: N_("What changed"),
    Column.BEFORE: N_("Before"),
    Column.AFTER: N_("After"),
}


class MemberHistoryModel(QAbstractTableModel):
    """Read-only table of one member's recorded changes, oldest first."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._class_names: Mapping[str, str] = {}
        self._rows: tuple[ChangeRow, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[ChangeRow], class_names: Mapping[str, str] | None = None) -> None:
        """Show `rows` (oldest first); `class_names` names the class codes."""
        self.beginResetModel()
        self._class_names = dict(class_names or {})
        self._rows = tuple(rows)
        self._texts = [self._row_texts(row) for row in self._rows]
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        self._formatter = formatter
        self.set_rows(self._rows, self._class_names)

    def rows(self) -> tuple[ChangeRow, ...]:
        return self._rows

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[index.row()][column]
        if role == SORT_ROLE:
            return (row.changed_at, row.field, row.before, row.after)[column]
        if role == ID_ROLE:
            return index.row()  # the change's place in the history
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[Column(section)])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        return None

    # -- formatting ---------------------------------------------------------------------

    def _row_texts(self, row: ChangeRow) -> tuple[str, ...]:
        return (self._moment(row.changed_at), field_label(row.field),
                self._value(row.field, row.before), self._value(row.field, row.after))

    def _moment(self, stamp: str) -> str:
        try:
            moment = dt.datetime.fromisoformat(stamp).astimezone()
        except ValueError:
            return stamp
        return f"{self._formatter.date(moment.date())} {moment.strftime('%H:%M')}"

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
