"""The dues plans in the settings dialog: those of the book, then those added but not saved.

Rows are frozen `PlanListRow`s; a plan added in the dialog is shown in italics (it is saved
with the other settings when the dialog's OK is clicked).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from coopdesk.dues.schedule import Frequency
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.money import Money
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE
from coopdesk_ui.settings_plan_form import FREQUENCY_LABELS

_ROOT = QModelIndex()
_AMOUNT_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class PlanListRow:
    name: str
    amount: Money
    frequency: str
    #: Added in the dialog, not yet saved.
    pending: bool = False


class Column(IntEnum):
    NAME = 0
    AMOUNT = 1
    FREQUENCY = 2


HEADERS = {Column.NAME: N_("Plan"), Column.AMOUNT: N_("Amount"), Column.FREQUENCY: N_("Due")}


class PlansModel(QAbstractTableModel):
    """Read-only table of plans; DisplayRole text, SORT_ROLE raw values, ID_ROLE the name."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[PlanListRow, ...] = ()
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, rows: Sequence[PlanListRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def add_row(self, row: PlanListRow) -> None:
        position = len(self._rows)
        self.beginInsertRows(_ROOT, position, position)
        self._rows += (row,)
        self.endInsertRows()

    def rows(self) -> tuple[PlanListRow, ...]:
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
            if column is Column.NAME:
                return row.name
            if column is Column.AMOUNT:
                return self._formatter.money(row.amount)
            return frequency_text(row.frequency)
        if role == SORT_ROLE:
            return (row.name, row.amount.amount, row.frequency)[column]
        if role == ID_ROLE:
            return row.name
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _AMOUNT_ALIGNMENT if column is Column.AMOUNT else _TEXT_ALIGNMENT
        if role == Qt.ItemDataRole.FontRole and row.pending:
            return self._italic
        if role == Qt.ItemDataRole.ToolTipRole and row.pending:
            return _("New: saved when you click OK")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[Column(section)])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _AMOUNT_ALIGNMENT if section == Column.AMOUNT else _TEXT_ALIGNMENT
        return None


def frequency_text(frequency: str) -> str:
    """"Every year" for "yearly"; an unknown frequency as stored."""
    try:
        return _(FREQUENCY_LABELS[Frequency(frequency)])
    except ValueError:
        return frequency
