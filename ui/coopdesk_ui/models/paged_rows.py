"""The skeleton of coopdesk's tables read a page at a time (the journal, an account's register).

Such a table starts empty and appends pages as the view scrolls (`canFetchMore`/`fetchMore`,
each subclass saying how its next page is read). A row's texts are written once, when its page
is appended, each distinct date and amount formatted once (Babel is not cheap, and a page
repeats few of them). The rows are the ledger's postings or entries: ID_ROLE is the entry's
number and the memo is its own tooltip (it may be wider than its column). A header is the
translated `HEADERS` text, with the alignment of its column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE



class LedgerRow(Protocol):
    """What the model reads of every row: its entry's number and its memo."""

    @property
    def entry_id(self) -> int: ...
    @property
    def memo(self) -> str: ...


RowT = TypeVar("RowT", bound=LedgerRow)

_ROOT = QModelIndex()
_AMOUNT_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class PagedRowsModel(QAbstractTableModel, Generic[RowT]):
    """Read-only rows appended a page at a time; a subclass names its columns (`HEADERS`,
    `RIGHT_ALIGNED`, `MEMO_COLUMN`), writes a row (`_row_texts`), gives its raw values
    (`_raw_value`), and reads pages (`canFetchMore`, `fetchMore`, then `_append_page`)."""

    HEADERS: ClassVar[Mapping[Any, str]] = {}
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset()
    MEMO_COLUMN: ClassVar[int] = -1

    def __init__(self, formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._rows: list[RowT] = []
        self._texts: list[tuple[str, ...]] = []
        self._date_texts: dict[dt.date, str] = {}
        self._money_texts: dict[Money, str] = {}
        #: How many pages were read since the last reset (for tests and the benchmark).
        self.pages_read = 0

    def row_at(self, row: int) -> RowT:
        """The row shown on `row`."""
        return self._rows[row]

    def _clear_rows(self, formatter: Formatter | None) -> None:
        """Forget the rows read (inside a reset), writing with `formatter` from now if given."""
        if formatter is not None:
            self._formatter = formatter
        self._rows, self._texts, self._date_texts, self._money_texts = [], [], {}, {}
        self.pages_read = 0

    def _append_page(self, page: Sequence[RowT]) -> None:
        """Show the rows of `page` after those read so far."""
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(_ROOT, first, first + len(page) - 1)
        self._rows.extend(page)
        self._texts.extend(self._row_texts(row) for row in page)
        self.endInsertRows()

    def _date_text(self, date: dt.date) -> str:
        text = self._date_texts.get(date)
        if text is None:
            text = self._date_texts[date] = self._formatter.date(date)
        return text

    def _money_text(self, amount: Money) -> str:
        text = self._money_texts.get(amount)
        if text is None:
            text = self._money_texts[amount] = self._formatter.money(amount, with_symbol=False)
        return text

    # -- what a subclass says -----------------------------------------------------------

    def _row_texts(self, row: RowT) -> tuple[str, ...]:
        raise NotImplementedError

    def _raw_value(self, row: RowT, column: int) -> object:
        raise NotImplementedError

    def _header_tip(self, section: int) -> str | None:
        """The tooltip of column `section`'s header; none by default."""
        return None

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        row = self._rows[index.row()]
        if role == SORT_ROLE:
            return self._raw_value(row, column)
        if role == ID_ROLE:
            return row.entry_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _AMOUNT_ALIGNMENT if column in self.RIGHT_ALIGNED else _TEXT_ALIGNMENT
        if role == Qt.ItemDataRole.ToolTipRole and column == self.MEMO_COLUMN:
            return row.memo or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _AMOUNT_ALIGNMENT if section in self.RIGHT_ALIGNED else _TEXT_ALIGNMENT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(section)
        return None
