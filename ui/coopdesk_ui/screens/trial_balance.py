"""The trial balance screen: every account's balance as of a date, and the two column totals.

It re-queries when the date changes, when a book is opened, and when a write touched entries,
accounts or settings (the ChangeSet says so); it never reads another widget's state.

On a large book the query takes a noticeable moment, so while it sits on a tab that is not on
view in a window on screen, it only notes that it is stale and queries when shown: recording a
payment does not pay for a trial balance nobody is looking at. When its window is not on screen
at all (being set up, or under test) it follows the book at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.ledger.queries import TrialBalanceRow, trial_balance
from coopdesk.money import Money
from coopdesk_ui.book_host import BookHost
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.models.trial_balance_model import AMOUNT_COLUMNS, Column, TrialBalanceModel
from coopdesk_ui.widgets.column_footer import ColumnFooter
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.records_table import records_table

_FALLBACK_LOCALE = "en_US"
_OUT_OF_BALANCE_STYLE = "color: #b00020;"


class TrialBalanceScreen(QWidget):
    """Heading, "As of" date, the trial balance table and its totals under its amount columns."""

    def __init__(self, host: BookHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._host = host
        self._formatter = Formatter(_FALLBACK_LOCALE)
        self._stale = False
        self.model = TrialBalanceModel(self._formatter, self)
        self.proxy = RawValueSortProxy(self)
        self.proxy.setSourceModel(self.model)

        heading = QLabel(_("Trial balance"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.as_of_edit = DateEdit(clock.today())
        self.as_of_edit.setToolTip(_("Balances include every entry dated on or before this day"))
        as_of_label = QLabel(_("As &of"))
        as_of_label.setBuddy(self.as_of_edit)
        self.table = self._make_table()
        self.totals = ColumnFooter(self.table)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(as_of_label)
        top.addWidget(self.as_of_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        tabled = QVBoxLayout()
        tabled.setSpacing(0)  # the totals line sits right under the last row
        tabled.addWidget(self.table)
        tabled.addWidget(self.totals)
        layout.addLayout(tabled)
        layout.addStretch(1)

        self.as_of_edit.dateChanged.connect(self.refresh)
        host.opened.connect(self._on_opened)
        host.closed.connect(self.refresh)  # clearing is cheap: never keep a closed book on view
        host.changed.connect(self._on_changed)
        if host.book is not None:
            self._on_opened()

    def refresh(self) -> None:
        """Query the trial balance again as of the date shown."""
        self._stale = False
        book = self._host.book
        if book is None:
            self.model.set_rows([])
            self.totals.clear()
            return
        rows = self._host.read(trial_balance, self.as_of_edit.value())
        self.model.set_rows(rows)
        self._show_totals(rows, book.settings.currency)
        self._fit_columns(book.settings.currency)

    def _make_table(self) -> QTableView:
        table = records_table(self.proxy, Column.NAME, sortable=True,
                              selection=QAbstractItemView.SelectionMode.ExtendedSelection)
        table.sortByColumn(Column.CODE, Qt.SortOrder.AscendingOrder)
        # As tall as its rows and no taller, so the totals follow the last row (scrolls if short).
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        return table

    def _fit_columns(self, currency: str) -> None:
        """Size columns to their contents, amounts at least wide enough for millions."""
        self.table.resizeColumnsToContents()
        millions = self._formatter.money(Money(8888888, currency), with_symbol=False)
        widest = self.table.fontMetrics().horizontalAdvance(millions) + 24
        for column in AMOUNT_COLUMNS:
            if self.table.columnWidth(column) < widest:
                self.table.setColumnWidth(column, widest)

    def _follow(self) -> None:
        """Query now if the table is on view; otherwise when it is next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_opened(self) -> None:
        self._formatter = Formatter(self._host.require().settings.locale)
        self.model.set_formatter(self._formatter)
        self.as_of_edit.set_locale_name(self._formatter.locale)
        self._follow()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.settings:
            self._on_opened()
        elif changes.entries or changes.accounts:
            self._follow()

    def _show_totals(self, rows: Sequence[TrialBalanceRow], currency: str) -> None:
        debits = sum((row.debit for row in rows), Money.zero(currency))
        credits = sum((row.credit for row in rows), Money.zero(currency))
        money = self._formatter.money
        self.totals.set_text(Column.DEBIT, money(debits, with_symbol=False))
        self.totals.set_text(Column.CREDIT, money(credits, with_symbol=False))
        total = _("Total {currency}").format(currency=currency)
        caption = self.totals.set_text(Column.NAME, total)
        if debits != credits:
            # The core keeps entries balanced: this means the book needs `coopdesk check`.
            caption.setText(_("Out of balance by {difference}").format(
                difference=money(abs(debits - credits))) + "    " + total)
            caption.setStyleSheet(_OUT_OF_BALANCE_STYLE)
