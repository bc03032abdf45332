"""Why rows of a member list cannot be imported, as a Qt table: row, column, reason.

Rows are `RowProblem`s (coopdesk.io.problems) from reading the file and from the dry run of the
import, in file order. The row is the file's line, as a spreadsheet numbers it with the header
on line 1, so the treasurer can go straight to the cell. ID_ROLE is that line.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from coopdesk.i18n import N_, _
from coopdesk.io.problems import RowProblem
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class Column(IntEnum):
    LINE = 0
    COLUMN = 1
    REASON = 2


class ImportProblemModel(RowTableModel):
    """Read-only table of an import's problems; the reason's full text is also its tooltip."""

    COLUMNS = (
        TableColumn(N_("Row"), lambda row, f: f.number(row.line), lambda row: row.line,
                    amount=True),
        TableColumn(N_("Column"), lambda row, f: row.column or _("(whole row)"),
                    lambda row: row.column or ""),
        TableColumn(N_("Problem"), lambda row, f: row.message, lambda row: row.message),
    )

    def rows(self) -> tuple[RowProblem, ...]:
        return self._rows

    def row_id(self, row: Any) -> object:
        return row.line

    def cell_tip(self, row: Any, column: int, text: str) -> str | None:
        return row.message if column == Column.REASON else None
