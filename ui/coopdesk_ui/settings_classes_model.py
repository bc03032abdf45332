"""The member classes in the settings dialog: the book's, then those added but not saved."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QObject

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk_ui.models.row_table_model import TableColumn
from coopdesk_ui.settings_pending_model import PendingRowsModel


@dataclass(frozen=True, slots=True)
class ClassListRow:
    code: str
    name: str
    votes: bool
    #: Added in the dialog, not yet saved.
    pending: bool = False


class Column(IntEnum):
    NAME = 0
    CODE = 1
    VOTES = 2


class ClassesModel(PendingRowsModel):
    """Read-only table of member classes; ID_ROLE is the class code."""

    COLUMNS = (
        TableColumn(N_("Class"), lambda row, f: row.name, lambda row: row.name),
        TableColumn(N_("Code"), lambda row, f: row.code, lambda row: row.code),
        TableColumn(N_("Votes"), lambda row, f: _("Yes") if row.votes else _("No"),
                    lambda row: row.votes),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        # No column of a class is written by a formatter: any locale will do.
        super().__init__(Formatter("en_US"), parent)

    def rows(self) -> tuple[ClassListRow, ...]:
        return self._rows

    def row_id(self, row: ClassListRow) -> object:
        return row.code
