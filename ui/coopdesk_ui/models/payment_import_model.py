"""The rows of a bank export as the import would treat them, as a Qt table.

Rows are the core's `ImportLine`s (coopdesk.dues.bank_import, from a dry run): the file's line,
date, amount, reference and payer's name, the member matched and how ("number", "name"), or why
none was ("no match", "ambiguous: ..."), and what the import does with it. The preview shows
the matched and the unmatched rows in two tables of this model. ID_ROLE is the file's line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum

from PySide6.QtCore import QObject

from coopdesk.dues.bank_import import ImportLine
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.code_labels import code_label
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn


class Column(IntEnum):
    LINE = 0
    DATE = 1
    AMOUNT = 2
    REFERENCE = 3
    NAME = 4
    MEMBER = 5
    HOW = 6
    ACTION = 7


#: Columns that say nothing for unmatched rows (the preview hides them there).
MATCHED_ONLY = frozenset({Column.MEMBER, Column.ACTION})

_HOW_LABELS = {"number": N_("member number"), "name": N_("name")}
_ACTION_LABELS = {
    "record": N_("will be recorded"),
    "recorded": N_("will be recorded"),
    "already recorded": N_("skipped: imported before"),
    "unmatched": N_("not recorded"),
}


def how_label(how: str) -> str:
    """How a row was matched, or why not, as the user reads it."""
    if how == "no match":
        return _("no member's number or name found in it")
    return code_label(_HOW_LABELS, how)


def action_label(action: str) -> str:
    """What the import does with a row, as the user reads it."""
    return code_label(_ACTION_LABELS, action)


class PaymentImportModel(RowTableModel):
    """Read-only table of a bank export's rows; `matched` says which table it is (the header
    of the "how" column reads "Why not matched" for the unmatched one)."""

    COLUMNS = (
        TableColumn(N_("Row"), lambda row, f: f.number(row.line), lambda row: row.line,
                    amount=True),
        TableColumn(N_("Date"), lambda row, f: f.date(row.date), lambda row: (row.date, row.line)),
        TableColumn(N_("Amount"), lambda row, f: f.money(row.amount, with_symbol=False),
                    lambda row: row.amount.amount, amount=True),
        TableColumn(N_("Reference"), lambda row, f: row.reference),
        TableColumn(N_("From (bank)"), lambda row, f: row.name or ""),
        TableColumn(N_("Member"), None),  # from the names handed in with the rows
        TableColumn(N_("Matched by"), lambda row, f: how_label(row.matched_by)),
        TableColumn(N_("Import"), lambda row, f: action_label(row.action)),
    )

    def __init__(self, formatter: Formatter, *, matched: bool, parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._matched = matched
        self._names: dict[str, str] = {}

    def set_rows(self, rows: Sequence[ImportLine], names: Mapping[str, str] | None = None) -> None:
        """Show `rows`; `names` (member number -> name) names the matched members."""
        self._names = dict(names or {})
        super().set_rows(rows)

    def rows(self) -> tuple[ImportLine, ...]:
        """The rows shown, in file order."""
        return self._rows

    def row_id(self, row: ImportLine) -> object:
        return row.line

    def header_text(self, section: int) -> str:
        if section == Column.HOW and not self._matched:
            return _("Why not matched")
        return super().header_text(section)

    def cell_text(self, row: ImportLine, column: int) -> str:
        if column != Column.MEMBER:
            return super().cell_text(row, column)
        if row.member_number is None:
            return ""
        return member_text(row.member_number, self._names.get(row.member_number, ""))

    def cell_tip(self, row: ImportLine, column: int, text: str) -> str | None:
        return (text or None) if column in (Column.REFERENCE, Column.HOW) else None
