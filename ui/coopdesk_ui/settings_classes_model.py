"""The member classes in the settings dialog: the book's, then those added but not saved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from coopdesk.i18n import N_, _
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()


@dataclass(frozen=True, slots=True)
class ClassListRow:
    code: str
    name: str
    votes: bool
    #: Added in the dialog, not yet saved.
    pending: bool = False


class Column(IntEnum):
    NAME = 0
    CODE = 1
    VOTES = 2


HEADERS = {Column.NAME: N_("Class"), Column.CODE: N_("Code"), Column.VOTES: N_("Votes")}


class ClassesModel(QAbstractTableModel):
    """Read-only table of member classes; ID_ROLE is the class code."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ClassListRow, ...] = ()
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, rows: Sequence[ClassListRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def add_row(self, row: ClassListRow) -> None:
        position = len(self._rows)
        self.beginInsertRows(_ROOT, position, position)
        self._rows += (row,)
        self.endInsertRows()

    def rows(self) -> tuple[ClassListRow, ...]:
        return self._rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.VOTES:
                return _("Yes") if row.votes else _("No")
            return row.name if column is Column.NAME else row.code
        if role == SORT_ROLE:
            return (row.name, row.code, row.votes)[column]
        if role == ID_ROLE:
            return row.code
        if role == Qt.ItemDataRole.FontRole and row.pending:
            return self._italic
        if role == Qt.ItemDataRole.ToolTipRole and row.pending:
            return _("New: saved when you click OK")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(Column)):
            return _(HEADERS[Column(section)])
        return None
