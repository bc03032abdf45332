"""The list half of the Payments screen: payments between two dates, filtered as you type.

It only shows what it is given and says what the user asked for (another date range, reverse
this payment, import a bank export); the screen reads the book and writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.dues.payment_list import PaymentRow
from coopdesk.formatting import Formatter
from coopdesk.i18n import _, ngettext
from coopdesk.money import Money
from coopdesk_ui.models.payment_list_model import Column, PaymentListModel
from coopdesk_ui.models.roles import ID_ROLE
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """This month and the two before it, and what is dated ahead this year: the payments a
    treasurer checks (a large co-op receives thousands a month; the dates widen on request)."""
    month = today.month - 2
    year = today.year + (month - 1) // 12
    return dt.date(year, (month - 1) % 12 + 1, 1), dt.date(today.year, 12, 31)


class PaymentListPanel(QWidget):
    """Date range, filter, actions and the table of payments."""

    #: The user changed the dates: the screen reads the payments between them.
    range_changed = Signal()
    #: "Reverse payment…" on the selected payment (its row).
    reverse_requested = Signal(object)
    #: "Import bank CSV…".
    import_requested = Signal()

    def __init__(self, formatter: Formatter, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._writable = False
        self.model = PaymentListModel(formatter, self)
        self.proxy = RawValueSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # any column: member, payer, reference, method...

        heading = QLabel(_("Payments received"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        heading.setFont(font)
        start, end = default_range(today)
        self.from_edit = DateEdit(start, formatter.locale)
        self.to_edit = DateEdit(end, formatter.locale)
        from_label = QLabel(_("&Between"))
        from_label.setBuddy(self.from_edit)
        to_label = QLabel(_("a&nd"))
        to_label.setBuddy(self.to_edit)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Filter: member, reference, method") + ELLIPSIS)
        self.filter_edit.setClearButtonEnabled(True)
        filter_label = QLabel(_("F&ilter"))
        filter_label.setBuddy(self.filter_edit)
        self.reverse_button = QPushButton(_("Rever&se payment") + ELLIPSIS)
        self.reverse_button.setToolTip(_("Post the reversal of the selected payment, recorded in error"))
        self.import_button = QPushButton(_("Im&port bank CSV") + ELLIPSIS)
        self.import_button.setToolTip(_("Record the payments of a bank export, after a preview"))
        self.table = self._make_table()
        self.count_label = QLabel()
        self.count_label.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.reverse_button)
        top.addWidget(self.import_button)
        choose = QHBoxLayout()
        choose.addWidget(from_label)
        choose.addWidget(self.from_edit)
        choose.addWidget(to_label)
        choose.addWidget(self.to_edit)
        choose.addSpacing(16)
        choose.addWidget(filter_label)
        choose.addWidget(self.filter_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(choose)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.from_edit.dateChanged.connect(self.range_changed)
        self.to_edit.dateChanged.connect(self.range_changed)
        self.filter_edit.textChanged.connect(self._filter)
        self.reverse_button.clicked.connect(self._ask_reverse)
        self.import_button.clicked.connect(self.import_requested)
        self.table.selectionModel().selectionChanged.connect(self._follow_selection)
        self._follow_selection()

    # -- what the screen tells the panel --------------------------------------------------

    def date_range(self) -> tuple[dt.date, dt.date]:
        """The dates the list covers, both included."""
        return self.from_edit.value(), self.to_edit.value()

    def include(self, day: dt.date) -> None:
        """Widen the dates so that `day` is in them (a payment just recorded)."""
        start, end = self.date_range()
        if day < start:
            self.from_edit.set_value(day)
        elif day > end:
            self.to_edit.set_value(day)

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts and dates the way `formatter` does."""
        self.model.set_formatter(formatter)
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(True)  # the same dates, written another way: nothing to re-read
            edit.set_locale_name(formatter.locale)
            edit.blockSignals(False)

    def set_rows(self, rows: Sequence[PaymentRow], names: Mapping[str, str], currency: str,
                 formatter: Formatter) -> None:
        """Show `rows`, keeping the selected payment selected."""
        selected = self.selected()
        self.model.set_rows(rows, names)
        self._fit_columns(formatter, currency)
        kept = [row for row in rows if not row.reversed]
        total = sum((row.amount for row in kept), Money.zero(currency))
        self.count_label.setText(
            ngettext("{count} payment, {total} received", "{count} payments, {total} received",
                     len(kept)).format(count=len(kept), total=formatter.money(total))
            + (" " + ngettext("(and {count} reversed)", "(and {count} reversed)",
                              len(rows) - len(kept)).format(count=len(rows) - len(kept))
               if len(rows) > len(kept) else ""))
        if selected is not None:
            self.select(selected.payment_id)
        self._follow_selection()

    def set_writable(self, writable: bool) -> None:
        """Allow reversing and importing, or not (a read-only book)."""
        self._writable = writable
        self.import_button.setEnabled(writable)
        self._follow_selection()

    def selected(self) -> PaymentRow | None:
        """The payment selected in the table, if one is."""
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        source = self.proxy.mapToSource(rows[0])
        return self.model.rows()[source.row()]

    def select(self, payment_id: int) -> bool:
        """Select payment `payment_id` and scroll to it; False if it is not shown."""
        row = self.model.row_of(payment_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False  # filtered out
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def shown_payment_ids(self) -> list[int]:
        """The ids of the payments shown, in the table's order (after filter and sort)."""
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]

    # -- inside ---------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = records_table(self.proxy, Column.REFERENCE, sortable=True)
        table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)  # the latest first
        return table

    def _fit_columns(self, formatter: Formatter, currency: str) -> None:
        # Fitting to every row of a long list costs; the first rows tell the widths well enough.
        self.table.horizontalHeader().setResizeContentsPrecision(200)
        for column in Column:
            if column is not Column.REFERENCE:
                self.table.resizeColumnToContents(column)
        widest = self.table.fontMetrics().horizontalAdvance(
            formatter.money(Money(88888, currency), with_symbol=False)) + 24
        if self.table.columnWidth(Column.AMOUNT) < widest:
            self.table.setColumnWidth(Column.AMOUNT, widest)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._follow_selection()

    def _follow_selection(self) -> None:
        row = self.selected()
        self.reverse_button.setEnabled(self._writable and row is not None and not row.reversed)
        if row is not None and row.reversed:
            self.reverse_button.setToolTip(_("This payment was reversed already"))
        else:
            self.reverse_button.setToolTip(
                _("Post the reversal of the selected payment, recorded in error"))

    def _ask_reverse(self) -> None:
        row = self.selected()
        if row is not None and not row.reversed and self._writable:
            self.reverse_requested.emit(row)
