"""Why rows of a member list cannot be imported, as a Qt table: row, column, reason.

Rows are `RowProblem`s (coopdesk.io.problems) from reading the file and from the dry run of the
import, in file order. The row is the file's line, as a spreadsheet numbers it with the header
on line 1, so the treasurer can go straight to the cell. ID_ROLE is that line.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.io.problems import RowProblem
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    LINE = 0
    COLUMN = 1
    REASON = 2


HEADERS = {Column.LINE: N_("Row"), Column.COLUMN: N_("Column"), Column.REASON: N_("Problem")}


class ImportProblemModel(QAbstractTableModel):
    """Read-only table of an import's problems; the reason's full text is also its tooltip."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[RowProblem, ...] = ()

    def set_rows(self, rows: Sequence[RowProblem]) -> None:
        """Show `rows` (already in file order)."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[RowProblem, ...]:
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
        problem, column = self._rows[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.LINE:
                return self._formatter.number(problem.line)
            if column is Column.COLUMN:
                return problem.column or _("(whole row)")
            return problem.message
        if role == SORT_ROLE:
            if column is Column.LINE:
                return problem.line
            return problem.column or "" if column is Column.COLUMN else problem.message
        if role == ID_ROLE:
            return problem.line
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.REASON:
            return problem.message
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column is Column.LINE else _LEFT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[Column(section)])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section == Column.LINE else _LEFT
        return None
