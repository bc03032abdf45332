"""The posted allocations as a table, a year a row: surplus, what went to the reserve, what was
allocated, its cash and retained parts, how many members, and the cash still owed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coopdesk.i18n import N_
from coopdesk.money import Money
from coopdesk.patronage.queries import AllocationRow
from coopdesk_ui.screens.patronage_labels import year_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


@dataclass(frozen=True, slots=True)
class PostedYear:
    """A posted allocation and what of its cash part is still to pay."""

    allocation: AllocationRow
    cash_owed: Money

    @property
    def to_reserve(self) -> Money:
        return self.allocation.non_member + self.allocation.reserve


def _money(pick: Any) -> tuple[Any, Any]:
    return (lambda row, f: f.money(pick(row), with_symbol=False),
            lambda row: pick(row).amount)


class AllocationModel(RowTableModel):
    """Posted allocations, oldest first; ID_ROLE is the year's first day."""

    COLUMNS = (
        TableColumn(N_("Year"), lambda row, f: year_text(row.allocation.year_start),
                    lambda row: row.allocation.year_start),
        TableColumn(N_("Posted"), lambda row, f: f.date(row.allocation.posted_on, "short"),
                    lambda row: row.allocation.posted_on),
        TableColumn(N_("Surplus"), *_money(lambda row: row.allocation.surplus), amount=True),
        TableColumn(N_("To the reserve"), *_money(lambda row: row.to_reserve), amount=True,
                    tip=N_("The non-member part, the reserve, and any pool no one shared in")),
        TableColumn(N_("Allocated"), *_money(lambda row: row.allocation.allocated), amount=True),
        TableColumn(N_("Cash"), *_money(lambda row: row.allocation.cash), amount=True),
        TableColumn(N_("Retained"), *_money(lambda row: row.allocation.retained), amount=True),
        TableColumn(N_("Members"), lambda row, f: f.number(row.allocation.members),
                    lambda row: row.allocation.members, amount=True),
        TableColumn(N_("Cash to pay"), *_money(lambda row: row.cash_owed), amount=True,
                    tip=N_("The cash part not paid to the members yet")),
    )

    def row_id(self, row: Any) -> object:
        return row.allocation.year_start
