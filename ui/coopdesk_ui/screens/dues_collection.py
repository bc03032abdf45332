"""The Dues screen's "Collection" tab: for each month of a year, the dues charged and how much
of it was collected, written off or is still outstanding (coopdesk.dues.summary)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from coopdesk import clock
from coopdesk.dues.summary import dues_summary
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.dues_collection_model import (
    AMOUNT_COLUMNS,
    Column,
    DuesCollectionModel,
    amounts_of,
)
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.dues_table import DuesTab, fit_columns, make_table
from coopdesk_ui.widgets.column_footer import ColumnFooter


class CollectionTab(DuesTab):
    """A year's collection per month, with the year's totals under the amounts."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = DuesCollectionModel(context.formatter, self)
        self.proxy = RawValueSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, Column.MONTH)
        self.table.sortByColumn(Column.MONTH, Qt.SortOrder.AscendingOrder)
        self.footer = ColumnFooter(self.table)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1900, 9999)
        self.year_spin.setGroupSeparatorShown(False)
        self.year_spin.setKeyboardTracking(False)  # query for 2027, not for 2, 20 and 202
        self.year_spin.setValue(clock.today().year)
        self.summary_label = QLabel()

        bar = QHBoxLayout()
        caption = QLabel(_("&Year"))
        caption.setBuddy(self.year_spin)
        bar.addWidget(caption)
        bar.addWidget(self.year_spin)
        bar.addSpacing(12)
        bar.addWidget(self.summary_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        tabled = QVBoxLayout()
        tabled.setSpacing(0)
        tabled.addWidget(self.table, 1)
        tabled.addWidget(self.footer)
        layout.addLayout(tabled, 1)
        self.year_spin.valueChanged.connect(self.reload)

    def reload(self) -> None:
        """Query the chosen year's collection and show it."""
        if self.context.host.book is None:
            return  # the year was changed with no book open
        formatter = self.context.formatter
        self.model.set_formatter(formatter)
        year = self.year_spin.value()
        rows = self.context.read(dues_summary, year)
        self.model.set_rows(rows)
        fit_columns(self.table)
        zero = Money.zero(self.context.currency)
        totals = [sum((amounts_of(row)[i] for row in rows), zero) for i in range(4)]
        self.footer.clear()
        self.footer.set_text(Column.MONTH, _("Year {year}").format(year=year),
                             Qt.AlignmentFlag.AlignLeft)
        for column, total in zip(AMOUNT_COLUMNS, totals, strict=True):
            self.footer.set_text(column, formatter.money(total, with_symbol=False))
        charged, collected = totals[0], totals[1]
        if charged.is_zero:
            self.summary_label.setText(_("No dues were charged for {year}.").format(year=year))
            return
        rate = (100 * collected.amount / charged.amount).quantize(Decimal("0.1"), ROUND_HALF_UP)
        self.footer.set_text(Column.RATE, formatter.number(rate))
        self.summary_label.setText(_("Collected {rate} of the dues charged for {year}.").format(
            rate=formatter.percent(collected.amount / charged.amount), year=year))

    def start_search(self) -> None:
        self.year_spin.setFocus()
        self.year_spin.selectAll()

    def clear(self) -> None:
        """Show nothing (no book is open)."""
        self.model.set_rows([])
        self.footer.clear()
        self.summary_label.clear()
