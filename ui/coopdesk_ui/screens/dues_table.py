"""What the Dues screen's tabs share: the tab's interface, and how their tables look (read-only
rows, sortable by raw value, one column stretched, columns fitted to their contents)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from coopdesk_ui.widgets.records_table import records_table

MAX_FITTED_WIDTH = 320  # a long name or reason must not push the other columns out of sight


class DuesTab(QWidget):
    """A tab of the Dues screen, loaded only while on view (see screens/dues.py)."""

    def reload(self) -> None:
        """Query the open book and show it."""
        raise NotImplementedError

    def clear(self) -> None:
        """Show nothing: no book is open."""
        raise NotImplementedError

    def start_search(self) -> None:
        """Edit > Find: put the cursor in the tab's filter field."""


def make_table(model: QAbstractItemModel, stretch_column: int) -> QTableView:
    """A table over `model` (a sort proxy) with `stretch_column` taking the spare width."""
    table = records_table(model, stretch_column, sortable=True)
    table.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def fit_columns(table: QTableView) -> None:
    """Size the columns to their contents (the stretched one keeps stretching)."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            header.resizeSection(column, min(header.sectionSize(column) + 12, MAX_FITTED_WIDTH))


def heading(text: str) -> QLabel:
    """A section title over a table."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    return label
