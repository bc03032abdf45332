"""The funds as a Qt table: name, contribution, members taking part, balance, open claims and
the solvency outlook (how long the fund lasts, the chance it stays above its floor).

Rows are the core's frozen `FundRow`s. The outlook comes later than the rows (it is a
simulation, computed off the UI thread): until it arrives its cells say so, and a fund whose
outlook cannot be computed says that instead of a figure. ID_ROLE is the fund's code.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum, IntEnum

from PySide6.QtCore import QObject

from coopdesk.formatting import Formatter
from coopdesk.funds.queries import FundRow
from coopdesk.funds.solvency import SolvencyOutlook
from coopdesk.i18n import N_, _
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn
from coopdesk_ui.screens.funds_labels import (
    chance_text,
    contribution_text,
    fraction_decimal,
    lasts_short,
    lasts_text,
)

#: Sorts a fund with no figure after every fund with one.
_NO_FIGURE = 10**9


class OutlookState(Enum):
    """A fund's outlook when there is no figure to show (yet)."""

    PENDING = "pending"          # being computed
    FAILED = "failed"            # the projection refused (the reason is its tooltip)


class Column(IntEnum):
    NAME = 0
    CONTRIBUTION = 1
    TAKING_PART = 2
    BALANCE = 3
    OPEN_CLAIMS = 4
    LASTS = 5
    ABOVE_FLOOR = 6


OUTLOOK_COLUMNS = (Column.LASTS, Column.ABOVE_FLOOR)

Outlook = SolvencyOutlook | OutlookState


class FundListModel(RowTableModel):
    """Read-only table of funds; see the module docstring for its roles."""

    COLUMNS = (
        TableColumn(N_("Fund"), lambda row, f: row.name, lambda row: row.name),
        TableColumn(N_("Contribution"), contribution_text,
                    lambda row: (row.kind.value, row.contribution.amount
                                 if row.contribution is not None else row.share_percent)),
        TableColumn(N_("Members"), lambda row, f: f.number(row.members_taking_part),
                    lambda row: row.members_taking_part, amount=True,
                    tip=N_("Members taking part in the fund today")),
        TableColumn(N_("Balance"), lambda row, f: f.money(row.balance, with_symbol=False),
                    lambda row: row.balance.amount, amount=True),
        TableColumn(N_("Open claims"), lambda row, f: f.number(row.open_claims),
                    lambda row: row.open_claims, amount=True,
                    tip=N_("Claims approved and not paid in full yet")),
        # the outlook's columns are written from the outlooks given after the rows
        TableColumn(N_("Lasts"), None, amount=True,
                    tip=N_("How long the fund lasts at the expected rate of claims")),
        TableColumn(N_("Above floor"), None, amount=True,
                    tip=N_("The chance that the fund stays above its floor over the next 12 "
                           "months (a simulation of claims like those of the past)")),
    )

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._outlooks: dict[str, Outlook] = {}
        self._failures: dict[str, str] = {}

    def set_rows(self, rows: Sequence[FundRow]) -> None:
        """Show `rows`; their outlooks are pending until `set_outlook` gives them."""
        self._outlooks = {row.code: OutlookState.PENDING for row in rows}
        self._failures = {}
        super().set_rows(rows)

    def set_outlook(self, code: str, outlook: Outlook, failure: str = "") -> None:
        """Show fund `code`'s outlook (`failure`: why it could not be computed)."""
        row = self.row_of(code)
        if row is None:
            return  # a fund of a list read before this one
        self._outlooks[code] = outlook
        if failure:
            self._failures[code] = failure
        self.refresh(row, Column.LASTS, Column.ABOVE_FLOOR)

    def outlook(self, code: str) -> Outlook | None:
        return self._outlooks.get(code)

    def failure(self, code: str) -> str:
        """Why fund `code`'s outlook could not be computed ("" when it was, or is pending)."""
        return self._failures.get(code, "")

    def rows(self) -> tuple[FundRow, ...]:
        return self._rows

    def row_id(self, row: FundRow) -> object:
        return row.code

    # -- the outlook's cells --------------------------------------------------------------

    def cell_text(self, row: FundRow, column: int) -> str:
        if column not in OUTLOOK_COLUMNS:
            return super().cell_text(row, column)
        outlook = self._outlooks.get(row.code, OutlookState.PENDING)
        if outlook is OutlookState.PENDING:
            return _("projecting\N{HORIZONTAL ELLIPSIS}")
        if isinstance(outlook, OutlookState):
            return "\N{EM DASH}"
        if column == Column.LASTS:
            return lasts_short(outlook.months_lasting)
        return self._formatter.percent(fraction_decimal(outlook.p_above_floor_12))

    def cell_raw(self, position: int, column: int) -> object:
        if column not in OUTLOOK_COLUMNS:
            return super().cell_raw(position, column)
        outlook = self._outlooks.get(self._rows[position].code, OutlookState.PENDING)
        if isinstance(outlook, OutlookState):
            return _NO_FIGURE
        if column == Column.LASTS:
            return _NO_FIGURE - 1 if outlook.months_lasting is None else outlook.months_lasting
        return outlook.p_above_floor_12

    def cell_tip(self, row: FundRow, column: int, text: str) -> str | None:
        if column == Column.NAME:
            return _("Fund {code}, account {account}").format(code=row.code,
                                                              account=row.account_code)
        if column not in OUTLOOK_COLUMNS:
            return None
        outlook = self._outlooks.get(row.code, OutlookState.PENDING)
        if outlook is OutlookState.FAILED:
            return _("The projection could not be made: {reason}").format(
                reason=self._failures.get(row.code, ""))
        if isinstance(outlook, OutlookState):
            return None
        return "\n".join((lasts_text(outlook.months_lasting),
                          chance_text(outlook.p_above_floor_12, self._formatter)))
