"""The one skeleton of the Patronage and Capital accounts screens' tables: columns as data.

Every table of these screens shows frozen rows of the core, one column per `TableColumn`
(its header, how its cell is written, its raw value for sorting, whether it is an amount).
Texts are written once per `set_rows`, not at every paint; DisplayRole is that text, SORT_ROLE
the raw value, ID_ROLE the row's id (`row_id`), amounts right-aligned. Each screen's table is a
subclass naming its columns (one per file), so each passes the model tester on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_MUTED = QBrush(QColor("#8a8a8a"))


@dataclass(frozen=True, slots=True)
class TableColumn:
    """A column: `header` marked with N_ (translated when shown), `text(row, formatter)` the
    cell, `raw(row)` what it sorts by; `amount` columns are right-aligned."""

    header: str
    text: Callable[[Any, Formatter], str]
    raw: Callable[[Any], object]
    amount: bool = False
    tip: str = ""


def number_key(number: str) -> tuple[int, int, str]:
    """A member number as it sorts: 2 before 10, numbers before codes."""
    return (0, int(number), "") if number.isdigit() else (1, 0, number.casefold())


class RowTableModel(QAbstractTableModel):
    """Read-only rows in the columns `COLUMNS` of the subclass; see the module docstring."""

    COLUMNS: tuple[TableColumn, ...] = ()

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[Any, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    # -- what it shows ------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show `rows` instead of the current ones."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = [tuple(c.text(row, self._formatter) for c in self.COLUMNS)
                       for row in self._rows]
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts and dates the way `formatter` does (the book's locale changed)."""
        self._formatter = formatter
        self.set_rows(self._rows)

    def rows(self) -> tuple[Any, ...]:
        """The rows, in the order given (not the view's)."""
        return self._rows

    def row_id(self, row: Any) -> object:
        """What ID_ROLE gives for `row`; by default its member number, if it has one."""
        return getattr(row, "member_number", None)

    def row_of(self, row_id: object) -> int | None:
        """The index of the first row whose id is `row_id`, or None."""
        for index, row in enumerate(self._rows):
            if self.row_id(row) == row_id:
                return index
        return None

    def is_muted(self, row: Any) -> bool:
        """Whether `row` is drawn in grey (a subclass says when: paid, excluded...)."""
        return False

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) \
                or index.column() >= len(self.COLUMNS):
            return None
        row, column = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][index.column()]
        if role == SORT_ROLE:
            return column.raw(row)
        if role == ID_ROLE:
            return self.row_id(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.amount else LEFT
        if role == Qt.ItemDataRole.ForegroundRole and self.is_muted(row):
            return _MUTED
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(column.header)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.amount else LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return _(column.tip)
        return None
