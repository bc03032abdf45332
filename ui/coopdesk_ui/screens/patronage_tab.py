"""What the Patronage screen's tabs share: loaded only while on view (as the Dues screen's)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from coopdesk_ui.context import AppContext


class PatronageTab(QWidget):
    """A tab of the Patronage screen; the screen calls `reload` when it is on view and stale."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def reload(self) -> None:
        """Query the open book and show it."""
        raise NotImplementedError

    def clear(self) -> None:
        """Show nothing: no book is open."""
        raise NotImplementedError

    def follow_writable(self) -> None:
        """Enable the actions a writable book allows (after a reload or a clear)."""

    def start_search(self) -> None:
        """Edit > Find: put the cursor in the tab's filter field, if it has one."""


def fit_height(table: QTableView, min_rows: int = 2, max_rows: int = 8) -> None:
    """As tall as its rows (between `min_rows` and `max_rows`), so a short list sits right
    above what follows instead of over a screenful of empty rows; a long one scrolls."""
    rows = min(max(table.model().rowCount(), min_rows), max_rows)
    height = (table.horizontalHeader().sizeHint().height()
              + rows * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth())
    table.setFixedHeight(height)


def fit_columns(table: QTableView, stretch: int, widest: int = 320) -> None:
    """Columns as wide as their contents (at most `widest`), `stretch` taking the rest."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count()):
        if column != stretch:
            header.resizeSection(column, min(header.sectionSize(column) + 12, widest))
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
