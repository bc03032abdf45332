"""Who is on which dues plan, as a Qt table: member, plan, from, to, rate and why.

Rows are the core's frozen `AssignmentRow`s (coopdesk.dues.plans.list_assignments), with the
members' names beside them. ID_ROLE is the member number: the core ends a member's open
assignment by their number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import IntEnum

from PySide6.QtCore import QObject

from coopdesk.dues.plans import AssignmentRow
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    PLAN = 2
    START = 3
    END = 4
    RATE = 5
    REASON = 6


def is_current(row: AssignmentRow, day: dt.date) -> bool:
    """Whether the assignment covers `day`."""
    return row.start_date <= day and (row.end_date is None or row.end_date >= day)


def _rate_text(row: AssignmentRow, formatter: Formatter) -> str:
    if row.waived:
        return _("Waived")
    if row.amount is not None:
        return formatter.money(row.amount, with_symbol=False)
    return _("Full")


def _rate_key(row: AssignmentRow) -> object:
    """Waived (nothing) first, then reduced rates by amount, then the full rate."""
    if row.waived:
        return (0, 0)
    return (1, row.amount.amount) if row.amount is not None else (2, 0)


class AssignmentModel(RowTableModel):
    """Read-only table of plan assignments; see the module docstring for its roles."""

    COLUMNS = (
        TableColumn(N_("Member"), lambda row, f: row.member_number,
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Name"), None),  # from the names handed in with the rows
        TableColumn(N_("Plan"), lambda row, f: row.plan),
        TableColumn(N_("From"), lambda row, f: f.date(row.start_date), lambda row: row.start_date),
        TableColumn(N_("To"), lambda row, f: "" if row.end_date is None else f.date(row.end_date),
                    lambda row: row.end_date),
        TableColumn(N_("Rate"), _rate_text, _rate_key, amount=True),
        TableColumn(N_("Reason"), lambda row, f: row.reason),
    )

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._names: dict[str, str] = {}

    def set_rows(self, rows: Sequence[AssignmentRow],
                 names: Mapping[str, str] | None = None) -> None:
        """Show `rows`; `names[member number]` is each member's name."""
        self._names = dict(names or {})
        super().set_rows(rows)

    def rows(self) -> tuple[AssignmentRow, ...]:
        """The assignments shown, in the order they were given."""
        return self._rows

    def row_at(self, position: int) -> AssignmentRow:
        """The assignment of row `position` (a row of this model, not of a proxy)."""
        row: AssignmentRow = self._rows[position]
        return row

    def cell_text(self, row: AssignmentRow, column: int) -> str:
        if column == Column.NAME:
            return self._names.get(row.member_number, "")
        return super().cell_text(row, column)

    def cell_tip(self, row: AssignmentRow, column: int, text: str) -> str | None:
        return row.reason if column == Column.REASON and row.reason else None
