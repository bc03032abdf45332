"""A redemption's plan as a table: for each allocation year and member, what they held of it
and what is paid out (`coopdesk.patronage.redemption.RedemptionLine`)."""

from __future__ import annotations

from typing import Any

from coopdesk.i18n import N_
from coopdesk_ui.screens.patronage_labels import year_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


class RedemptionModel(RowTableModel):
    """The plan's lines, oldest year first; ID_ROLE is the member number."""

    COLUMNS = (
        TableColumn(N_("Year"), lambda row, f: year_text(row.year_start), lambda row: row.year_start),
        TableColumn(N_("No."), lambda row, f: row.member_number,
                    lambda row: number_key(row.member_number)),
        TableColumn(N_("Member"), lambda row, f: row.member_name, lambda row: row.member_name),
        TableColumn(N_("Held"), lambda row, f: f.money(row.held, with_symbol=False),
                    lambda row: row.held.amount, amount=True),
        TableColumn(N_("Paid out"), lambda row, f: f.money(row.redeemed, with_symbol=False),
                    lambda row: row.redeemed.amount, amount=True),
    )
