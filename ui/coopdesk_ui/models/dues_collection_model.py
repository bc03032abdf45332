"""Dues collection per month of a year, as a Qt table: charged, collected, written off,
outstanding and the collection rate.

Rows are the core's frozen `SummaryRow`s (coopdesk.dues.summary.dues_summary), one per month,
whose three parts add back to what was charged. ID_ROLE is the month ("2026-03"). A month
nothing was charged in shows no amounts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import IntEnum
from typing import Any

from coopdesk.dues.summary import SummaryRow
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_
from coopdesk.money import Money
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class Column(IntEnum):
    MONTH = 0
    CHARGED = 1
    COLLECTED = 2
    WRITTEN_OFF = 3
    OUTSTANDING = 4
    RATE = 5


AMOUNT_COLUMNS = (Column.CHARGED, Column.COLLECTED, Column.WRITTEN_OFF, Column.OUTSTANDING)


def amounts_of(row: SummaryRow) -> tuple[Money, Money, Money, Money]:
    """The row's four amounts, in the order of AMOUNT_COLUMNS."""
    return row.charged, row.collected, row.written_off, row.outstanding


def _month_text(row: SummaryRow, formatter: Formatter) -> str:
    year, month = (int(part) for part in row.month.split("-"))
    return formatter.month(dt.date(year, month, 1), "long_year")


def _amount_column(header: str, amount: int) -> TableColumn:
    """The column of the row's `amount`th amount (of `amounts_of`)."""
    def text(row: SummaryRow, formatter: Formatter) -> str:
        if row.charged.is_zero:
            return ""
        return formatter.money(amounts_of(row)[amount], with_symbol=False)
    return TableColumn(header, text, lambda row: amounts_of(row)[amount].amount, amount=True)


class DuesCollectionModel(RowTableModel):
    """Read-only table of a year's collection per month; see the module docstring."""

    COLUMNS = (
        TableColumn(N_("Month"), _month_text, lambda row: row.month),
        _amount_column(N_("Charged"), 0),
        _amount_column(N_("Collected"), 1),
        _amount_column(N_("Written off"), 2),
        _amount_column(N_("Outstanding"), 3),
        TableColumn(N_("Collected %"),
                    lambda row, f: f.number(Decimal(row.rate)) if row.rate else "",
                    lambda row: Decimal(row.rate) if row.rate else None, amount=True),
    )

    def rows(self) -> tuple[SummaryRow, ...]:
        """The months shown, in order."""
        return self._rows

    def row_id(self, row: Any) -> object:
        return row.month
