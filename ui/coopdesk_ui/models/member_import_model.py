"""The rows of a member list as the import would treat them, as a Qt table.

Rows are the preview's `PreviewRow`s (coopdesk_ui.forms.member_import_preview, from a dry run of
the import): the file's row, the member number (the one the import would give a row without
one), the name and a few fields to recognise the member by. The preview shows two tables of
this model: the new members, and the rows already in the book with the name the book has for
them (`existing=True`). ID_ROLE is the file's row.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.forms.member_import_preview import PreviewRow
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    LINE = 0
    NUMBER = 1
    NAME = 2
    CLASS = 3
    JOINED = 4
    EMAIL = 5
    CITY = 6
    IN_BOOK = 7


HEADERS = {
    Column.LINE: N_("Row"),
    Column.NUMBER: N_("Number"),
    Column.NAME: N_("Name"),
    Column.CLASS: N_("Class"),
    Column.JOINED: N_("Joined"),
    Column.EMAIL: N_("E-mail"),
    Column.CITY: N_("City"),
    Column.IN_BOOK: N_("In the book as"),
}
RIGHT_ALIGNED = frozenset({Column.LINE})
#: Columns that say something only for new members (the preview hides them for existing ones).
NEW_ONLY = frozenset({Column.CLASS, Column.EMAIL, Column.CITY})
#: Columns that say something only for rows already in the book.
EXISTING_ONLY = frozenset({Column.IN_BOOK})


class MemberImportModel(QAbstractTableModel):
    """Read-only table of a member list's rows; `existing` says which of the preview's tables
    it is (its Name header then reads "Name in the file")."""

    def __init__(self, formatter: Formatter, *, existing: bool,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._existing = existing
        self._rows: tuple[PreviewRow, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[PreviewRow]) -> None:
        """Show `rows`, in file order."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = [self._row_texts(row) for row in self._rows]
        self.endResetModel()

    def rows(self) -> tuple[PreviewRow, ...]:
        """The rows shown, in file order."""
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
        row, column = self._rows[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == SORT_ROLE:
            return _raw_value(row, column, self._texts[index.row()])
        if role == ID_ROLE:
            return row.line
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        if (role == Qt.ItemDataRole.ToolTipRole and column is Column.IN_BOOK
                and row.in_book not in (None, row.name)):
            return _("The book has member {number} as {name}; the file's row is not "
                     "imported.").format(number=row.number, name=row.in_book)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.NAME and self._existing:
                return _("Name in the file")
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        return None

    def _row_texts(self, row: PreviewRow) -> tuple[str, ...]:
        return (
            self._formatter.number(row.line),
            row.number,
            row.name,
            row.member_class or "",
            self._formatter.date(row.join_date) if row.join_date is not None else "",
            row.email or "",
            row.city or "",
            row.in_book or "",
        )


def _raw_value(row: PreviewRow, column: Column, texts: tuple[str, ...]) -> object:
    if column is Column.LINE:
        return row.line
    if column is Column.NUMBER:  # numbers as numbers: 9 before 10
        return (0, int(row.number), "") if row.number.isdigit() else (1, 0, row.number.casefold())
    if column is Column.JOINED:
        return row.join_date
    return texts[column]
