"""The Ledger screen's Journal tab: the entries, newest first, and the selected entry's postings.

The entries are read a page at a time (JournalModel), so the tab opens in the time of one page
on any book. Selecting an entry reads its postings. `show_entry` brings any entry into view:
pages are read down to it when it is near the top, otherwise the dates are narrowed to end on
its day, so it is found without reading the whole journal.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.ledger.journal_page import (
    EntryDetail,
    JournalEntryRow,
    JournalFilter,
    JournalKey,
    count_listed_before,
    entry_detail,
    first_entry_date,
    is_listed,
    journal_key,
    journal_page,
)
from coopdesk.ledger.types import EntryKind
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.journal_model import (
    PAGE_SIZE,
    Column,
    JournalModel,
    PageLoader,
    kind_label,
)
from coopdesk_ui.models.journal_postings_model import Column as PostingColumn
from coopdesk_ui.models.journal_postings_model import EntryPostingsModel
from coopdesk_ui.screens.ledger_journal_filter import JournalFilterBar
from coopdesk_ui.widgets.records_table import records_table

#: show_entry reads pages down to an entry at most this far from the top; farther, it narrows
#: the dates instead.
PAGE_DOWN_LIMIT = PAGE_SIZE * 10


class JournalTab(QWidget):
    """Filter bar, entries table, and the selected entry's summary and postings."""

    #: The selected entry changed (the JournalEntryRow, or None).
    entry_selected = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.filter_bar = JournalFilterBar()
        self.model = JournalModel(context.formatter, self)
        self.table = self._make_entries_table()
        self.count_label = QLabel()
        self.count_label.setEnabled(False)  # muted: a note, not data
        self.entry_summary = QLabel()
        self.entry_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.entry_summary.setWordWrap(True)
        self.postings_model = EntryPostingsModel(context.formatter, self)
        self.postings_table = self._make_postings_table()
        self._detail: EntryDetail | None = None

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.entry_summary)
        lower_layout.addWidget(self.postings_table, 1)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        self.filter_bar.changed.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.model.rowsInserted.connect(self._show_count)
        self.model.modelReset.connect(self._show_count)

    # -- what the screen asks ----------------------------------------------------------

    def reload(self) -> None:
        """Read the journal again from the newest entry, keeping the selected entry selected
        when it is still listed among the first page."""
        selected = self.selected_entry()
        formatter = self.context.formatter
        self.filter_bar.set_locale_name(formatter.locale)
        criteria = self.filter_bar.criteria()
        self.model.load(self._loader(criteria), formatter)
        self.postings_model.set_rows([], formatter)
        row = self.model.row_of(selected.entry_id) if selected is not None else None
        self._select_row(row if row is not None else 0)
        self._fit_columns()

    def clear(self) -> None:
        """No book: nothing listed."""
        self.model.load(None)
        self.postings_model.set_rows([])
        self._detail = None
        self.entry_summary.clear()
        self.entry_selected.emit(None)

    def selected_entry(self) -> JournalEntryRow | None:
        """The entry selected in the table, if any."""
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def show_entry(self, entry_id: int) -> bool:
        """Select entry `entry_id`, reading or re-filtering as needed; False (after telling the
        user) when the book has no such entry."""
        if self.model.row_of(entry_id) is None:
            try:
                key = self.context.read(journal_key, entry_id)
            except CoopdeskError as exc:
                self.context.tell(exc.message)
                return False
            self._bring_into_list(entry_id, key)
        row = self.model.row_of(entry_id)
        if row is None:  # the book changed under us; nothing sensible to select
            return False
        self._select_row(row, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def focus_search(self) -> None:
        """Put the cursor in the search field (Edit > Find)."""
        self.filter_bar.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search_edit.selectAll()

    # -- reading --------------------------------------------------------------------------

    def _loader(self, criteria: JournalFilter) -> PageLoader:
        read = self.context.read

        def load(after: JournalKey | None, limit: int) -> list[JournalEntryRow]:
            return read(journal_page, criteria, after, limit)

        return load

    def _bring_into_list(self, entry_id: int, key: JournalKey) -> None:
        criteria = self.filter_bar.criteria()
        if not self.context.read(is_listed, criteria, entry_id):
            self.filter_bar.show_everything()
            criteria = self.filter_bar.criteria()
            self.model.load(self._loader(criteria), self.context.formatter)
        newer = self.context.read(count_listed_before, criteria, key, PAGE_DOWN_LIMIT)
        if newer >= PAGE_DOWN_LIMIT:
            first = self.context.read(first_entry_date)
            self.filter_bar.show_range(first if first is not None else key.date, key.date)
            self.model.load(self._loader(self.filter_bar.criteria()), self.context.formatter)
        while self.model.row_of(entry_id) is None and self.model.canFetchMore():
            self.model.fetchMore()

    # -- showing ----------------------------------------------------------------------

    def _select_row(self, row: int, scroll: QAbstractItemView.ScrollHint
                    = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        if not 0 <= row < self.model.rowCount():
            self._show_detail(None)
            return
        index = self.model.index(row, Column.DATE)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index, scroll)
        self._show_detail(self.model.row_at(row))

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail(self.model.row_at(current.row()) if current.isValid() else None)

    def _show_detail(self, row: JournalEntryRow | None) -> None:
        if row is not None and self._detail is not None and self._detail.entry == row:
            return
        self._detail = self.context.read(entry_detail, row.entry_id) if row is not None else None
        detail = self._detail
        self.postings_model.set_rows(detail.postings if detail else [], self.context.formatter)
        self.entry_summary.setText(self._summary(detail) if detail else "")
        self.postings_table.resizeColumnToContents(PostingColumn.ACCOUNT)
        self.postings_table.resizeColumnToContents(PostingColumn.MEMBER)
        self.entry_selected.emit(detail.entry if detail else None)

    def _summary(self, detail: EntryDetail) -> str:
        entry = detail.entry
        formatter = self.context.formatter
        parts = [_("Entry {number}").format(number=entry.entry_id), formatter.date(entry.date),
                 kind_label(entry.kind)]
        if entry.memo:
            parts.append(entry.memo)
        text = "  \N{MIDDLE DOT}  ".join(parts)
        if entry.reversed_by is not None:
            text += "  \N{EM DASH}  " + _("reversed by entry {number}").format(
                number=entry.reversed_by)
        elif entry.reverses is not None:
            text += "  \N{EM DASH}  " + _("reverses entry {number}").format(number=entry.reverses)
        return text

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if self.model.complete:
            text = ngettext("{count} entry", "{count} entries", shown).format(
                count=self.context.formatter.number(shown))
        else:
            text = _("Newest {count} entries shown; more are read as you scroll").format(
                count=self.context.formatter.number(shown))
        self.count_label.setText(text)

    def _make_entries_table(self) -> QTableView:
        return records_table(self.model, Column.MEMO)

    def _make_postings_table(self) -> QTableView:
        return records_table(self.postings_model, PostingColumn.MEMO, alternating=False,
                             selection=QAbstractItemView.SelectionMode.ExtendedSelection)

    def _fit_columns(self) -> None:
        """Size columns once per load from sample texts, not by measuring every row read."""
        metrics = self.table.fontMetrics()
        formatter = self.context.formatter
        samples = {
            Column.DATE: formatter.date(dt.date(2026, 12, 28)),
            Column.NUMBER: "8888888",
            Column.KIND: max((kind_label(kind) for kind in EntryKind),
                             key=metrics.horizontalAdvance),
            Column.REVERSAL: _("Reversed by {number}").format(number=88888),
            Column.TOTAL: formatter.money(Money(8888888, self.context.currency), with_symbol=False),
        }
        for column, text in samples.items():
            self.table.setColumnWidth(column, metrics.horizontalAdvance(text) + 24)
        amount = samples[Column.TOTAL]
        for amount_column in (PostingColumn.DEBIT, PostingColumn.CREDIT):
            self.postings_table.setColumnWidth(amount_column, metrics.horizontalAdvance(amount) + 24)
