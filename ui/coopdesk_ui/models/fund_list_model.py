"""The funds as a Qt table: name, contribution, members taking part, balance, open claims and
the solvency outlook (how long the fund lasts, the chance it stays above its floor).

Rows are the core's frozen `FundRow`s. The outlook comes later than the rows (it is a
simulation, computed off the UI thread): until it arrives its cells say so, and a fund whose
outlook cannot be computed says that instead of a figure. ID_ROLE is the fund's code.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum, IntEnum
from fractions import Fraction
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.formatting import Formatter
from coopdesk.funds.queries import FundRow
from coopdesk.i18n import N_, _
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE
from coopdesk_ui.screens.funds_labels import (
    chance_text,
    contribution_text,
    fraction_decimal,
    lasts_short,
    lasts_text,
)

_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
#: Sorts a fund with no figure after every fund with one.
_NO_FIGURE = 10**9


class OutlookFigures(Protocol):
    """What the table shows of a `coopdesk.funds.outlook.SolvencyOutlook`."""

    @property
    def months_lasting(self) -> int | None: ...

    @property
    def p_above_floor_12(self) -> Fraction: ...


class OutlookState(Enum):
    """A fund's outlook when there is no figure to show (yet)."""

    PENDING = "pending"          # being computed
    UNAVAILABLE = "unavailable"  # this coopdesk cannot project (no solvency module)
    FAILED = "failed"            # the projection refused (the reason is its tooltip)


class Column(IntEnum):
    NAME = 0
    CONTRIBUTION = 1
    TAKING_PART = 2
    BALANCE = 3
    OPEN_CLAIMS = 4
    LASTS = 5
    ABOVE_FLOOR = 6


HEADERS = {
    Column.NAME: N_("Fund"),
    Column.CONTRIBUTION: N_("Contribution"),
    Column.TAKING_PART: N_("Members"),
    Column.BALANCE: N_("Balance"),
    Column.OPEN_CLAIMS: N_("Open claims"),
    Column.LASTS: N_("Lasts"),
    Column.ABOVE_FLOOR: N_("Above floor"),
}
HEADER_TIPS = {
    Column.TAKING_PART: N_("Members taking part in the fund today"),
    Column.OPEN_CLAIMS: N_("Claims approved and not paid in full yet"),
    Column.LASTS: N_("How long the fund lasts at the expected rate of claims"),
    Column.ABOVE_FLOOR: N_("The chance that the fund stays above its floor over the next 12 "
                           "months (a simulation of claims like those of the past)"),
}
RIGHT_ALIGNED = frozenset({Column.TAKING_PART, Column.BALANCE, Column.OPEN_CLAIMS,
                           Column.LASTS, Column.ABOVE_FLOOR})
OUTLOOK_COLUMNS = (Column.LASTS, Column.ABOVE_FLOOR)

Outlook = OutlookFigures | OutlookState


class FundListModel(QAbstractTableModel):
    """Read-only table of funds; see the module docstring for its roles."""

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: tuple[FundRow, ...] = ()
        self._outlooks: dict[str, Outlook] = {}
        self._failures: dict[str, str] = {}

    def set_rows(self, rows: Sequence[FundRow]) -> None:
        """Show `rows`; their outlooks are pending until `set_outlook` gives them."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._outlooks = {row.code: OutlookState.PENDING for row in self._rows}
        self._failures = {}
        self.endResetModel()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts the way `formatter` does (the book's locale changed)."""
        self.beginResetModel()
        self._formatter = formatter
        self.endResetModel()

    def set_outlook(self, code: str, outlook: Outlook, failure: str = "") -> None:
        """Show fund `code`'s outlook (`failure`: why it could not be computed)."""
        row = self.row_of(code)
        if row is None:
            return  # a fund of a list read before this one
        self._outlooks[code] = outlook
        if failure:
            self._failures[code] = failure
        self.dataChanged.emit(self.index(row, Column.LASTS), self.index(row, Column.ABOVE_FLOOR))

    def outlook(self, code: str) -> Outlook | None:
        return self._outlooks.get(code)

    def failure(self, code: str) -> str:
        """Why fund `code`'s outlook could not be computed ("" when it was, or is pending)."""
        return self._failures.get(code, "")

    def rows(self) -> tuple[FundRow, ...]:
        return self._rows

    def row_of(self, code: str) -> int | None:
        for position, row in enumerate(self._rows):
            if row.code == code:
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
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._raw(row, column)
        if role == ID_ROLE:
            return row.code
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in RIGHT_ALIGNED else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
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
        if role == Qt.ItemDataRole.ToolTipRole and column in HEADER_TIPS:
            return _(HEADER_TIPS[column])
        return None

    # -- texts ----------------------------------------------------------------------------

    def _text(self, row: FundRow, column: Column) -> str:
        formatter = self._formatter
        if column is Column.NAME:
            return row.name
        if column is Column.CONTRIBUTION:
            return contribution_text(row, formatter)
        if column is Column.TAKING_PART:
            return formatter.number(row.members_taking_part)
        if column is Column.BALANCE:
            return formatter.money(row.balance, with_symbol=False)
        if column is Column.OPEN_CLAIMS:
            return formatter.number(row.open_claims)
        outlook = self._outlooks.get(row.code, OutlookState.PENDING)
        if outlook is OutlookState.PENDING:
            return _("projecting\N{HORIZONTAL ELLIPSIS}")
        if isinstance(outlook, OutlookState):
            return "\N{EM DASH}"
        if column is Column.LASTS:
            return lasts_short(outlook.months_lasting)
        return formatter.percent(fraction_decimal(outlook.p_above_floor_12))

    def _raw(self, row: FundRow, column: Column) -> object:
        if column is Column.NAME:
            return row.name
        if column is Column.CONTRIBUTION:
            return (row.kind.value, row.contribution.amount if row.contribution is not None
                    else row.share_percent)
        if column is Column.TAKING_PART:
            return row.members_taking_part
        if column is Column.BALANCE:
            return row.balance.amount
        if column is Column.OPEN_CLAIMS:
            return row.open_claims
        outlook = self._outlooks.get(row.code, OutlookState.PENDING)
        if isinstance(outlook, OutlookState):
            return _NO_FIGURE
        if column is Column.LASTS:
            return _NO_FIGURE - 1 if outlook.months_lasting is None else outlook.months_lasting
        return outlook.p_above_floor_12

    def _tooltip(self, row: FundRow, column: Column) -> str | None:
        if column is Column.NAME:
            return _("Fund {code}, account {account}").format(code=row.code,
                                                              account=row.account_code)
        if column not in OUTLOOK_COLUMNS:
            return None
        outlook = self._outlooks.get(row.code, OutlookState.PENDING)
        if outlook is OutlookState.UNAVAILABLE:
            return _("This version of coopdesk cannot project the fund's solvency.")
        if outlook is OutlookState.FAILED:
            return _("The projection could not be made: {reason}").format(
                reason=self._failures.get(row.code, ""))
        if isinstance(outlook, OutlookState):
            return None
        return "\n".join((lasts_text(outlook.months_lasting),
                          chance_text(outlook.p_above_floor_12, self._formatter)))
