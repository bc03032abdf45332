"""A totals line under a table whose cells stay lined up with the table's columns.

Qt tables have no footer row; a totals row inside the model would be sorted with the data.
This strip of labels follows the header instead: it moves when a column is resized, moved or
scrolled, so a total always sits under the amounts it adds up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QTableView, QWidget


class ColumnFooter(QFrame):
    """Labels placed under columns of `table`; set them with `set_text`."""

    def __init__(self, table: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self._labels: dict[int, QLabel] = {}
        self.setObjectName("columnFooter")
        self.setStyleSheet(
            "QFrame#columnFooter { border-top: 2px solid palette(mid); }"
            "QFrame#columnFooter QLabel { font-weight: bold; }"
        )
        self.setFixedHeight(self.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.sectionResized.connect(self._place_labels)
        header.sectionMoved.connect(self._place_labels)
        header.geometriesChanged.connect(self._place_labels)
        table.horizontalScrollBar().valueChanged.connect(self._place_labels)

    def set_text(self, column: int, text: str,
                 alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignRight) -> QLabel:
        """Show `text` under `column` (replacing what was there); returns its label for styling."""
        label = self._labels.get(column)
        if label is None:
            label = QLabel(self)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._labels[column] = label
        label.setAlignment(alignment | Qt.AlignmentFlag.AlignVCenter)
        label.setText(text)
        label.setStyleSheet("")
        self._place_labels()
        label.show()
        return label

    def text(self, column: int) -> str:
        """The text shown under `column` ("" when none)."""
        label = self._labels.get(column)
        return label.text() if label is not None else ""

    def clear(self) -> None:
        """Empty every cell of the footer."""
        for label in self._labels.values():
            label.clear()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_labels()

    def _place_labels(self) -> None:
        header = self._table.horizontalHeader()
        # The footer spans the table's width, so viewport coordinates shift by the frame only.
        left = self._table.viewport().x()
        padding = 4  # as the table's own cell margin, so the digits line up
        for column, label in self._labels.items():
            hidden = header.isSectionHidden(column)
            label.setVisible(not hidden)
            if hidden:
                continue
            x = left + header.sectionViewportPosition(column)
            label.setGeometry(x + padding, 0, max(header.sectionSize(column) - 2 * padding, 0),
                              self.height())
