"""The claims register as a Qt table: submitted, fund, member, event, description, asked,
status, approved, paid and still to pay.

Rows are the core's frozen `ClaimRow`s (`coopdesk.funds.queries.list_claims`), texts formatted
once per `set_rows`. An amount asked or approved each month reads "$25.00 × 3 months"; it
sorts by its total. ID_ROLE is the claim id. Claims that need a decision are in bold, and
denied ones greyed, so the eye finds the work to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from coopdesk.formatting import Formatter
from coopdesk.funds.queries import ClaimRow
from coopdesk.funds.types import ClaimStatus
from coopdesk.i18n import N_, _
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE
from coopdesk_ui.screens.funds_labels import STATUS_ORDER, asked_text, status_label, times_text

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_DENIED_BRUSH = QBrush(QColor("#8a8a8a"))


class Column(IntEnum):
    SUBMITTED = 0
    FUND = 1
    MEMBER = 2
    EVENT = 3
    DESCRIPTION = 4
    ASKED = 5
    STATUS = 6
    APPROVED = 7
    PAID = 8
    TO_PAY = 9


HEADERS = {
    Column.SUBMITTED: N_("Submitted"),
    Column.FUND: N_("Fund"),
    Column.MEMBER: N_("Member"),
    Column.EVENT: N_("Event"),
    Column.DESCRIPTION: N_("Description"),
    Column.ASKED: N_("Asked"),
    Column.STATUS: N_("Status"),
    Column.APPROVED: N_("Approved"),
    Column.PAID: N_("Paid"),
    Column.TO_PAY: N_("Still to pay"),
}
RIGHT_ALIGNED = frozenset({Column.ASKED, Column.APPROVED, Column.PAID, Column.TO_PAY})


class ClaimListModel(QAbstractTableModel):
    """Read-only table of claims; see the module docstring for its roles."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[ClaimRow, ...] = ()
        self._texts: list[tuple[str, ...]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[ClaimRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = [self._row_texts(row) for row in self._rows]
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        self._formatter = formatter
        self.set_rows(self._rows)

    def rows(self) -> tuple[ClaimRow, ...]:
        return self._rows

    def row_of(self, claim_id: int) -> int | None:
        for position, row in enumerate(self._rows):
            if row.id == claim_id:
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
            return self._texts[index.row()][column]
        if role == SORT_ROLE:
            return _raw_value(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        if role == Qt.ItemDataRole.FontRole and row.status is ClaimStatus.SUBMITTED:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and row.status is ClaimStatus.DENIED:
            return _DENIED_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.DESCRIPTION:
                return row.description
            if column is Column.ASKED and row.months > 1:
                return asked_text(row.amount, row.months, self._formatter)
            if column is Column.APPROVED and row.approved_amount is not None:
                return asked_text(row.approved_amount, row.approved_months or 1, self._formatter)
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

    def _row_texts(self, row: ClaimRow) -> tuple[str, ...]:
        formatter = self._formatter
        approved = ""
        if row.approved_amount is not None:
            approved = times_text(row.approved_amount, row.approved_months or 1, formatter)
        settled = row.status in (ClaimStatus.PAID, ClaimStatus.DENIED, ClaimStatus.SUBMITTED)
        return (
            formatter.date(row.submitted_date),
            row.fund_code,
            member_text(row.member_number, row.member_name),
            formatter.date(row.event_date),
            row.description,
            times_text(row.amount, row.months, formatter),
            status_label(row.status),
            approved,
            "" if row.paid.is_zero else formatter.money(row.paid, with_symbol=False),
            "" if settled and row.to_pay.is_zero else formatter.money(row.to_pay, with_symbol=False),
        )


def _raw_value(row: ClaimRow, column: Column) -> object:
    if column is Column.SUBMITTED:
        return (row.submitted_date, row.id)
    if column is Column.FUND:
        return row.fund_code
    if column is Column.MEMBER:
        number = row.member_number
        return (0, int(number), "") if number.isdigit() else (1, 0, number.casefold())
    if column is Column.EVENT:
        return (row.event_date, row.id)
    if column is Column.DESCRIPTION:
        return row.description
    if column is Column.ASKED:
        return row.asked_total.amount
    if column is Column.STATUS:
        return STATUS_ORDER[row.status]
    if column is Column.APPROVED:
        if row.approved_amount is None:
            return None
        return (row.approved_amount * (row.approved_months or 1)).amount
    if column is Column.PAID:
        return row.paid.amount
    return row.to_pay.amount
