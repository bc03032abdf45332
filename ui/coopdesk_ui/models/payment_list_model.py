"""The payments received as a Qt table: date, member, payer, method, reference, amount, reversed.

Rows are the core's frozen `PaymentRow`s (coopdesk.dues.payment_list.list_payments); a row's
texts are formatted the first time it is shown, then kept: a long list costs only what is seen
(sorting uses the raw values). The core names a payer by number only, so the screen hands in the
members' names with the rows. ID_ROLE is the payment id. A reversed payment stays in the list
(the ledger keeps it) but is greyed, and says so in its last column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from coopdesk.dues.payment_list import PaymentRow
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.code_labels import code_label
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_REVERSED_BRUSH = QBrush(QColor("#8a8a8a"))

#: Payment methods as the core names them -> as the user reads them (in the core's order).
METHOD_LABELS: dict[str, str] = {
    "cash": N_("Cash"),
    "cheque": N_("Cheque"),
    "bank_transfer": N_("Bank transfer"),
    "card": N_("Card"),
    "other": N_("Other"),
}


def method_label(method: str) -> str:
    """A payment method as the user reads it ("Bank transfer" for "bank_transfer")."""
    return code_label(METHOD_LABELS, method)


class Column(IntEnum):
    DATE = 0
    NUMBER = 1
    MEMBER = 2
    PAYER = 3
    METHOD = 4
    REFERENCE = 5
    AMOUNT = 6
    REVERSED = 7


HEADERS = {
    Column.DATE: N_("Date"),
    Column.NUMBER: N_("No."),
    Column.MEMBER: N_("Member"),
    Column.PAYER: N_("Paid by"),
    Column.METHOD: N_("Method"),
    Column.REFERENCE: N_("Reference"),
    Column.AMOUNT: N_("Amount"),
    Column.REVERSED: N_("Reversed"),
}
RIGHT_ALIGNED = frozenset({Column.AMOUNT})


class PaymentListModel(QAbstractTableModel):
    """Read-only table of payments; see the module docstring for its roles."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[PaymentRow, ...] = ()
        self._names: dict[str, str] = {}
        self._texts: list[tuple[str, ...] | None] = []

    def set_rows(self, rows: Sequence[PaymentRow], names: Mapping[str, str] | None = None) -> None:
        """Show `rows`; `names` (member number -> name) names the payers."""
        self.beginResetModel()
        self._rows = tuple(rows)
        if names is not None:
            self._names = dict(names)
        self._texts = [None] * len(self._rows)
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts and dates the way `formatter` does (the book's locale changed)."""
        self._formatter = formatter
        self.set_rows(self._rows)

    def rows(self) -> tuple[PaymentRow, ...]:
        """The rows shown, in the order they were given (not the view's sort order)."""
        return self._rows

    def row_of(self, payment_id: int) -> int | None:
        """The model row showing payment `payment_id`, if shown."""
        for position, row in enumerate(self._rows):
            if row.payment_id == payment_id:
                return position
        return None

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
            return self._texts_of(index.row())[column]
        if role == SORT_ROLE:
            return _raw_value(row, column, self._texts_of(index.row()))
        if role == ID_ROLE:
            return row.payment_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and row.reversed:
            return _REVERSED_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and row.memo:
            return row.memo
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        return None

    def _texts_of(self, position: int) -> tuple[str, ...]:
        texts = self._texts[position]
        if texts is None:
            texts = self._texts[position] = self._row_texts(self._rows[position])
        return texts

    def _row_texts(self, row: PaymentRow) -> tuple[str, ...]:
        payer = ""
        if row.payer_number is not None:
            payer = member_text(row.payer_number, self._names.get(row.payer_number, ""))
        return (
            self._formatter.date(row.date),
            row.member_number,
            row.member_name,
            payer,
            method_label(row.method),
            row.reference,
            self._formatter.money(row.amount, with_symbol=False),
            _("Reversed") if row.reversed else "",
        )


def _raw_value(row: PaymentRow, column: Column, texts: tuple[str, ...]) -> object:
    if column is Column.DATE:
        return (row.date, row.payment_id)
    if column is Column.NUMBER:
        return _number_key(row.member_number)
    if column is Column.AMOUNT:
        return row.amount.amount
    if column is Column.REVERSED:
        return row.reversed
    return texts[column]


def _number_key(number: str) -> object:
    """Member numbers sort as numbers when they are ("9" before "10"), else as text."""
    return (0, int(number), "") if number.isdigit() else (1, 0, number.casefold())
