"""The rows of a member list as the import would treat them, as a Qt table.

Rows are the preview's `PreviewRow`s (coopdesk_ui.forms.member_import_preview, from a dry run of
the import): the file's row, the member number (the one the import would give a row without
one), the name and a few fields to recognise the member by. The preview shows two tables of
this model: the new members, and the rows already in the book with the name the book has for
them (`existing=True`). ID_ROLE is the file's row.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.forms.member_import_preview import PreviewRow
from coopdesk_ui.models.row_table_model import RowTableModel, TableColumn, number_key


class Column(IntEnum):
    LINE = 0
    NUMBER = 1
    NAME = 2
    CLASS = 3
    JOINED = 4
    EMAIL = 5
    CITY = 6
    IN_BOOK = 7


#: Columns that say something only for new members (the preview hides them for existing ones).
NEW_ONLY = frozenset({Column.CLASS, Column.EMAIL, Column.CITY})
#: Columns that say something only for rows already in the book.
EXISTING_ONLY = frozenset({Column.IN_BOOK})


class MemberImportModel(RowTableModel):
    """Read-only table of a member list's rows; `existing` says which of the preview's tables
    it is (its Name header then reads "Name in the file")."""

    COLUMNS = (
        TableColumn(N_("Row"), lambda row, f: f.number(row.line), lambda row: row.line,
                    amount=True),
        TableColumn(N_("Number"), lambda row, f: row.number,
                    lambda row: number_key(row.number)),  # numbers as numbers: 9 before 10
        TableColumn(N_("Name"), lambda row, f: row.name),
        TableColumn(N_("Class"), lambda row, f: row.member_class or ""),
        TableColumn(N_("Joined"),
                    lambda row, f: f.date(row.join_date) if row.join_date is not None else "",
                    lambda row: row.join_date),
        TableColumn(N_("E-mail"), lambda row, f: row.email or ""),
        TableColumn(N_("City"), lambda row, f: row.city or ""),
        TableColumn(N_("In the book as"), lambda row, f: row.in_book or ""),
    )

    def __init__(self, formatter: Formatter, *, existing: bool,
                 parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._existing = existing

    def rows(self) -> tuple[PreviewRow, ...]:
        """The rows shown, in file order."""
        return self._rows

    def row_id(self, row: PreviewRow) -> object:
        return row.line

    def header_text(self, section: int) -> str:
        if section == Column.NAME and self._existing:
            return _("Name in the file")
        return super().header_text(section)

    def cell_tip(self, row: PreviewRow, column: int, text: str) -> str | None:
        if column == Column.IN_BOOK and row.in_book not in (None, row.name):
            return _("The book has member {number} as {name}; the file's row is not "
                     "imported.").format(number=row.number, name=row.in_book)
        return None
