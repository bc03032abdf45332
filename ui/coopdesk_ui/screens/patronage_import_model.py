"""The records an import would add, as a table: line, member, date, measure, quantity,
reference (`coopdesk.patronage.importing.ImportedRecord`); lines the book already holds
exactly are grey (added all the same: two equal shifts are two records)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtCore import QObject

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_
from coopdesk_ui.screens.patronage_labels import quantity_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class ImportedRecordModel(RowTableModel):
    """The preview's records in file order; ID_ROLE is the file's line."""

    COLUMNS = (
        TableColumn(N_("Row"), lambda row, f: f.number(row.line), lambda row: row.line, amount=True),
        TableColumn(N_("No."), lambda row, f: row.member_number, lambda row: row.member_number),
        TableColumn(N_("Member"), lambda row, f: row.member_name, lambda row: row.member_name),
        TableColumn(N_("Date"), lambda row, f: f.date(row.date, "short"), lambda row: row.date),
        TableColumn(N_("Measure"), lambda row, f: row.measure, lambda row: row.measure),
        TableColumn(N_("Quantity"), lambda row, f: quantity_text(row.quantity, row.unit, f),
                    lambda row: row.quantity, amount=True),
        TableColumn(N_("Reference"), lambda row, f: row.reference, lambda row: row.reference),
    )

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._repeated: frozenset[int] = frozenset()

    def set_repeated(self, lines: Collection[int]) -> None:
        """The lines already in the book (drawn grey); call before `set_rows`."""
        self._repeated = frozenset(lines)

    def row_id(self, row: Any) -> object:
        return row.line

    def is_muted(self, row: Any) -> bool:
        return row.line in self._repeated
