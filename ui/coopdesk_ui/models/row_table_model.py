"""The one skeleton of coopdesk's read-only tables: frozen rows of the core, columns as data.

Every such table shows frozen rows of the core, one column per `TableColumn` (its header, how
its cell is written, its raw value for sorting, whether it is right-aligned). DisplayRole is
the cell's text, SORT_ROLE the raw value, ID_ROLE the row's id (`row_id`), amounts
right-aligned and everything else left-aligned. A row's texts are written the first time the
row is asked for, then kept: a long list costs only what is seen (sorting reads raw values).
Each table is a subclass naming its columns (one per file), so each passes the model tester on
its own.

What some tables need besides, each a method a subclass overrides (the defaults do nothing):
grey rows (`is_muted`), bold rows (`is_bold`), a cell's tooltip (`cell_tip`), a header that
depends on the table (`header_text`), and texts or raw values made of more than the row and
the formatter (`cell_text`, `cell_raw`: names handed in with the rows, say). `refresh`
redraws a row whose texts changed, without a reset (an outlook computed later, say).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_MUTED = QBrush(QColor("#8a8a8a"))


@dataclass(frozen=True, slots=True)
class TableColumn:
    """A column: `header` marked with N_ (translated when shown); `text(row, formatter)` the
    cell (None: the model's `cell_text` writes it); `raw(row)` what it sorts by (None: its
    text); `amount` columns (and counts) are right-aligned; `tip` explains the header."""

    header: str
    text: Callable[[Any, Formatter], str] | None
    raw: Callable[[Any], object] | None = None
    amount: bool = False
    tip: str = ""


def number_key(number: str) -> tuple[int, int, str]:
    """A member number as it sorts: 2 before 10, numbers before codes."""
    return (0, int(number), "") if number.isdigit() else (1, 0, number.casefold())


class RowTableModel(QAbstractTableModel):
    """Read-only rows in the columns `COLUMNS` of the subclass; see the module docstring."""

    COLUMNS: ClassVar[tuple[TableColumn, ...]] = ()

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[Any, ...] = ()
        self._texts: list[tuple[str, ...] | None] = []

    # -- what it shows ------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show `rows` instead of the current ones."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = [None] * len(self._rows)
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts and dates the way `formatter` does (the book's locale changed)."""
        self.beginResetModel()
        self._formatter = formatter
        self._texts = [None] * len(self._rows)
        self.endResetModel()

    def refresh(self, position: int, first: int = 0, last: int | None = None) -> None:
        """Write row `position` again (columns `first` to `last`, all by default): what its
        texts are made of changed."""
        self._texts[position] = None
        last = len(self.COLUMNS) - 1 if last is None else last
        self.dataChanged.emit(self.index(position, first), self.index(position, last))

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

    def text_at(self, position: int, column: int) -> str:
        """The text of the cell at row `position`, column `column` (of this model)."""
        texts = self._texts[position]
        if texts is None:
            row = self._rows[position]
            texts = self._texts[position] = tuple(
                self.cell_text(row, index) for index in range(len(self.COLUMNS)))
        return texts[column]

    # -- what a subclass may say --------------------------------------------------------

    def cell_text(self, row: Any, column: int) -> str:
        """The text of `row` in column `column`: by default the column's `text`. A subclass
        overrides it for columns written from more than the row and the formatter."""
        text = self.COLUMNS[column].text
        assert text is not None, "a column without text is written by the model's cell_text"
        return text(row, self._formatter)

    def cell_raw(self, position: int, column: int) -> object:
        """What row `position` sorts by in column `column`: by default the column's `raw`, or
        its text. A subclass overrides it for raw values made of more than the row."""
        raw = self.COLUMNS[column].raw
        return self.text_at(position, column) if raw is None else raw(self._rows[position])

    def cell_tip(self, row: Any, column: int, text: str) -> str | None:
        """The tooltip of `row`'s cell in column `column`, whose text is `text`; none by default."""
        return None

    def header_text(self, section: int) -> str:
        """The header of column `section`: by default its `header`, translated."""
        return _(self.COLUMNS[section].header)

    def is_muted(self, row: Any) -> bool:
        """Whether `row` is drawn in grey (a subclass says when: paid, excluded...)."""
        return False

    def is_bold(self, row: Any) -> bool:
        """Whether `row` is drawn in bold (a subclass says when: waiting for a decision...)."""
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
            return self.text_at(index.row(), index.column())
        if role == SORT_ROLE:
            return self.cell_raw(index.row(), index.column())
        if role == ID_ROLE:
            return self.row_id(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.amount else LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_tip(row, index.column(), self.text_at(index.row(), index.column()))
        if role == Qt.ItemDataRole.ForegroundRole and self.is_muted(row):
            return _MUTED
        if role == Qt.ItemDataRole.FontRole and self.is_bold(row):
            return _bold_font()
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_text(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.amount else LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return _(column.tip)
        return None


_BOLD: list[QFont] = []


def _bold_font() -> QFont:
    """One bold font for every table, made when first needed (a QFont wants the application)."""
    if not _BOLD:
        font = QFont()
        font.setBold(True)
        _BOLD.append(font)
    return _BOLD[0]
