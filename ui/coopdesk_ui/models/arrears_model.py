"""The arrears list as a Qt table: who is behind with their dues, by how much and since when.

Rows are the core's frozen `ArrearsRow`s (coopdesk.dues.queries.arrears), written by the
book's `Formatter`. ID_ROLE is the member number, which is how the members screen is asked to
show the member.
"""

from __future__ import annotations

from enum import IntEnum

from coopdesk.dues.queries import ArrearsRow
from coopdesk.i18n import N_
from coopdesk_ui.models.member_labels import status_label
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    MONTHS = 2
    AMOUNT = 3
    OLDEST = 4
    SINCE = 5
    STATUS = 6


class ArrearsModel(RowTableModel):
    """Read-only table of arrears rows; see the module docstring for its roles."""

    COLUMNS = (
        TableColumn(N_("Member"), lambda row, f: row.member_number,
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Name"), lambda row, f: row.member_name, lambda row: row.member_name),
        TableColumn(N_("Months behind"), lambda row, f: f.number(row.months),
                    lambda row: row.months, amount=True),
        TableColumn(N_("Amount owed"), lambda row, f: f.money(row.amount, with_symbol=False),
                    lambda row: row.amount.amount, amount=True),
        # the period and its start sort alike
        TableColumn(N_("Oldest unpaid period"), lambda row, f: row.oldest_period,
                    lambda row: row.oldest_since),
        TableColumn(N_("Due since"), lambda row, f: f.date(row.oldest_since),
                    lambda row: row.oldest_since),
        TableColumn(N_("Status"), lambda row, f: status_label(row.status),
                    lambda row: status_label(row.status)),
    )

    def rows(self) -> tuple[ArrearsRow, ...]:
        """The rows shown, in the order they were given (not the view's sort order)."""
        return self._rows
