"""The read-only lists of the settings dialog (plans, classes): one look for both."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

#: Room beside a column's widest text, so amounts do not touch the next column.
COLUMN_PADDING = 16


def list_table(model: QAbstractItemModel, stretch_column: int) -> QTableView:
    """A table of whole rows, not editable, sized to its contents, `stretch_column` taking the
    width left over; headers to the left unless the model says otherwise (amounts)."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    table.resizeColumnsToContents()
    for column in range(model.columnCount()):
        table.setColumnWidth(column, table.columnWidth(column) + COLUMN_PADDING)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return table
