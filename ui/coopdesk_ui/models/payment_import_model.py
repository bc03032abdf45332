"""The rows of a bank export as the import would treat them, as a Qt table.

Rows are the core's `ImportLine`s (coopdesk.dues.bank_import, from a dry run): the file's line,
date, amount, reference and payer's name, the member matched and how ("number", "name"), or why
none was ("no match", "ambiguous: ..."), and what the import does with it. The preview shows
the matched and the unmatched rows in two tables of this model. ID_ROLE is the file's line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.dues.bank_import import ImportLine
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.code_labels import code_label
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    LINE = 0
    DATE = 1
    AMOUNT = 2
    REFERENCE = 3
    NAME = 4
    MEMBER = 5
    HOW = 6
    ACTION = 7


HEADERS = {
    Column.LINE: N_("Row"),
    Column.DATE: N_("Date"),
    Column.AMOUNT: N_("Amount"),
    Column.REFERENCE: N_("Reference"),
    Column.NAME: N_("From (bank)"),
    Column.MEMBER: N_("Member"),
    Column.HOW: N_("Matched by"),
    Column.ACTION: N_("Import"),
}
RIGHT_ALIGNED = frozenset({Column.LINE, Column.AMOUNT})
#: Columns that say nothing for unmatched rows (the preview hides them there).
MATCHED_ONLY = frozenset({Column.MEMBER, Column.ACTION})

_HOW_LABELS = {"number": N_("member number"), "name": N_("name")}
_ACTION_LABELS = {
    "record": N_("will be recorded"),
    "recorded": N_("will be recorded"),
    "already recorded": N_("skipped: imported before"),
    "unmatched": N_("not recorded"),
}


def how_label(how: str) -> str:
    """How a row was matched, or why not, as the user reads it."""
    if how == "no match":
        return _("no member's number or name found in it")
    return code_label(_HOW_LABELS, how)


def action_label(action: str) -> str:
    """What the import does with a row, as the user reads it."""
    return code_label(_ACTION_LABELS, action)


class PaymentImportModel(QAbstractTableModel):
    """Read-only table of a bank export's rows; `matched` says which table it is (the header
    of the "how" column reads "Why not matched" for the unmatched one)."""

    def __init__(self, formatter: Formatter, *, matched: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._matched = matched
        self._rows: tuple[ImportLine, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[ImportLine], names: Mapping[str, str] | None = None) -> None:
        """Show `rows`; `names` (member number -> name) names the matched members."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = [self._row_texts(row, names or {}) for row in self._rows]
        self.endResetModel()

    def rows(self) -> tuple[ImportLine, ...]:
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
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.REFERENCE, Column.HOW):
            return self._texts[index.row()][column] or None
        if role == SORT_ROLE:
            return _raw_value(row, column, self._texts[index.row()])
        if role == ID_ROLE:
            return row.line
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.HOW and not self._matched:
                return _("Why not matched")
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        return None

    def _row_texts(self, row: ImportLine, names: Mapping[str, str]) -> tuple[str, ...]:
        member = ""
        if row.member_number is not None:
            member = member_text(row.member_number, names.get(row.member_number, ""))
        return (
            self._formatter.number(row.line),
            self._formatter.date(row.date),
            self._formatter.money(row.amount, with_symbol=False),
            row.reference,
            row.name or "",
            member,
            how_label(row.matched_by),
            action_label(row.action),
        )


def _raw_value(row: ImportLine, column: Column, texts: tuple[str, ...]) -> object:
    if column is Column.LINE:
        return row.line
    if column is Column.DATE:
        return (row.date, row.line)
    if column is Column.AMOUNT:
        return row.amount.amount
    return texts[column]
