"""The journal as a Qt table: one row per entry, newest first, read a page at a time.

A book may hold a million entries. The model starts empty and reads one page (`PAGE_SIZE`
entries) through its loader when reset; the view asks for more (`canFetchMore`/`fetchMore`) as
the user scrolls near the end, and each page is read from where the last one ended
(`coopdesk.ledger.journal_page`, keyset paging). So opening the journal costs one page, whatever
the size of the book. Texts are formatted once per page, not on every paint.

Sorting by clicking a header is not offered: the rows not read yet could not take part in it.
The journal's order is the ledger's order (date, then number, newest first); filters are
applied by the query (JournalFilter), not by a proxy over the rows read so far.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.ledger.journal_page import JournalEntryRow, JournalKey
from coopdesk.ledger.types import EntryKind
from coopdesk_ui.models.code_labels import code_label
from coopdesk_ui.models.paged_rows import PagedRowsModel

PAGE_SIZE = 200

#: Reads the page of entries after a key (None: the newest), at most so many.
PageLoader = Callable[[JournalKey | None, int], list[JournalEntryRow]]

_ROOT = QModelIndex()

KIND_LABELS: dict[str, str] = {
    EntryKind.MANUAL: N_("Manual"),
    EntryKind.OPENING: N_("Opening balance"),
    EntryKind.DUES: N_("Dues charged"),
    EntryKind.PAYMENT: N_("Payment"),
    EntryKind.WRITE_OFF: N_("Write-off"),
    EntryKind.APPLICATION: N_("Credit applied"),
    EntryKind.CONTRIBUTION: N_("Contribution"),
    EntryKind.CLAIM: N_("Claim"),
    EntryKind.REFUND: N_("Refund"),
    EntryKind.ALLOCATION: N_("Allocation"),
    EntryKind.REDEMPTION: N_("Redemption"),
    EntryKind.REVERSAL: N_("Reversal"),
}


def kind_label(kind: str) -> str:
    """How an entry's kind reads for the user (the code itself when unknown)."""
    return code_label(KIND_LABELS, kind)


def reversal_note(row: JournalEntryRow) -> str:
    """"Reversed by 12" / "Reverses 9" / ""."""
    if row.reversed_by is not None:
        return _("Reversed by {number}").format(number=row.reversed_by)
    if row.reverses is not None:
        return _("Reverses {number}").format(number=row.reverses)
    return ""


class Column(IntEnum):
    DATE = 0
    NUMBER = 1
    KIND = 2
    MEMO = 3
    REVERSAL = 4
    TOTAL = 5


HEADERS: dict[Column, str] = {
    Column.DATE: N_("Date"),
    Column.NUMBER: N_("No."),
    Column.KIND: N_("Kind"),
    Column.MEMO: N_("Memo"),
    Column.REVERSAL: N_("Reversal"),
    Column.TOTAL: N_("Total"),
}
_RIGHT_ALIGNED = frozenset({Column.NUMBER, Column.TOTAL})


class JournalModel(PagedRowsModel[JournalEntryRow]):
    """Read-only, lazily filled table of journal entries; ID_ROLE is the entry's number."""

    HEADERS = HEADERS
    RIGHT_ALIGNED = _RIGHT_ALIGNED
    MEMO_COLUMN = Column.MEMO

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(formatter, parent)
        self._loader: PageLoader | None = None
        self._row_of: dict[int, int] = {}
        self._complete = True

    def load(self, loader: PageLoader | None, formatter: Formatter | None = None) -> None:
        """Show the entries `loader` reads, from the newest (None: show nothing)."""
        self.beginResetModel()
        self._clear_rows(formatter)
        self._loader = loader
        self._row_of = {}
        self._complete = loader is None
        self.endResetModel()
        if loader is not None:
            self.fetchMore(_ROOT)

    def row_of(self, entry_id: int) -> int | None:
        """The row showing entry `entry_id`, if it has been read."""
        return self._row_of.get(entry_id)

    @property
    def complete(self) -> bool:
        """Whether every matching entry has been read."""
        return self._complete

    @property
    def last_key(self) -> JournalKey | None:
        """The key of the oldest entry read so far."""
        return self._rows[-1].key if self._rows else None

    # -- lazy loading -------------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid() or self._complete or self._loader is None:
            return
        page = self._loader(self.last_key, PAGE_SIZE)
        self.pages_read += 1
        if len(page) < PAGE_SIZE:
            self._complete = True
        first = len(self._rows)
        self._row_of.update((row.entry_id, first + offset) for offset, row in enumerate(page))
        self._append_page(page)

    # -- formatting ---------------------------------------------------------------------

    def _row_texts(self, row: JournalEntryRow) -> tuple[str, ...]:
        return (self._date_text(row.date), str(row.entry_id), kind_label(row.kind), row.memo,
                reversal_note(row), self._money_text(row.total))

    def _raw_value(self, row: JournalEntryRow, column: int) -> object:
        return _entry_raw_value(row, Column(column))


def _entry_raw_value(row: JournalEntryRow, column: Column) -> object:
    if column is Column.DATE:
        return row.date
    if column is Column.NUMBER:
        return row.entry_id
    if column is Column.KIND:
        return row.kind
    if column is Column.MEMO:
        return row.memo
    if column is Column.REVERSAL:
        return row.reversed_by if row.reversed_by is not None else row.reverses
    return row.total.amount
