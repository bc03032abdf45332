"""The lists of the settings dialog (plans, classes): the book's rows, then those added there.

A row added in the dialog is not saved yet (it is saved with the other settings when the
dialog's OK is clicked): its `pending` is true, and it is shown in italics with a tooltip saying
so. Rows are frozen dataclasses with a `pending` field; each list names its columns.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk_ui.models.row_table_model import RowTableModel


class PendingRowsModel(RowTableModel):
    """Read-only rows of `COLUMNS`, to which the dialog adds pending ones (`add_row`)."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._italic = QFont()
        self._italic.setItalic(True)

    def add_row(self, row: Any) -> None:
        """Show `row` after the others."""
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows += (row,)
        self._texts.append(None)
        self.endInsertRows()

    def cell_tip(self, row: Any, column: int, text: str) -> str | None:
        return _("New: saved when you click OK") if row.pending else None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.FontRole and index.isValid()
                and index.row() < len(self._rows) and self._rows[index.row()].pending):
            return self._italic
        return super().data(index, role)
