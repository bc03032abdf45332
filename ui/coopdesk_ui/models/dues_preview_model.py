"""What a dues run would charge, as a Qt table: member, plan, period and amount of each charge.

Rows are the core's frozen `PlannedCharge`s (coopdesk.dues.run.preview_dues_run). A run over
thousands of members is written only as far as it is seen. ID_ROLE is the member number.
"""

from __future__ import annotations

from enum import IntEnum

from coopdesk.dues.run import PlannedCharge
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    PLAN = 2
    PERIOD = 3
    START = 4
    END = 5
    AMOUNT = 6


def _amount_text(row: PlannedCharge, formatter: Formatter) -> str:
    amount = formatter.money(row.amount, with_symbol=False)
    return _("{amount} (prorated)").format(amount=amount) if row.prorated else amount


class DuesPreviewModel(RowTableModel):
    """Read-only table of planned charges; see the module docstring for its roles."""

    COLUMNS = (
        TableColumn(N_("Member"), lambda row, f: row.member_number,
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Name"), lambda row, f: row.member_name, lambda row: row.member_name),
        TableColumn(N_("Plan"), lambda row, f: row.plan, lambda row: row.plan),
        TableColumn(N_("Period"), lambda row, f: row.period_key, lambda row: row.period_start),
        TableColumn(N_("From"), lambda row, f: f.date(row.period_start),
                    lambda row: row.period_start),
        TableColumn(N_("To"), lambda row, f: f.date(row.period_end), lambda row: row.period_end),
        TableColumn(N_("Amount"), _amount_text, lambda row: row.amount.amount, amount=True),
    )

    def rows(self) -> tuple[PlannedCharge, ...]:
        """The charges shown, in the order they were given."""
        return self._rows

    def cell_tip(self, row: PlannedCharge, column: int, text: str) -> str | None:
        if column == Column.AMOUNT and row.prorated:
            return _("Prorated: only part of the period is charged")
        return None
