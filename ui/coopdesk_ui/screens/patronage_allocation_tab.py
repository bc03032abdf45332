"""The Patronage screen's allocation tab: the posted allocations with their totals, "Allocate
a year…" (the wizard) and "Pay the cash part…" of the selected year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from coopdesk.i18n import _
from coopdesk.patronage.queries import AllocationRow, list_allocations
from coopdesk.patronage.ui_queries import PatronageYear, cash_owed_by_year, patronage_years
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.dues_table import heading
from coopdesk_ui.screens.patronage_allocation_model import AllocationModel, PostedYear
from coopdesk_ui.screens.patronage_cash_dialog import CashDialog
from coopdesk_ui.screens.patronage_dialogs import PatronageDialogs
from coopdesk_ui.screens.patronage_tab import PatronageTab, fit_columns
from coopdesk_ui.screens.patronage_wizard import AllocationWizard
from coopdesk_ui.widgets.hint_label import hint_label
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
_LAST = len(AllocationModel.COLUMNS) - 1  # the cash still to pay takes the spare width


def read_allocations(session: Session) -> tuple[list[PostedYear], list[PatronageYear]]:
    """The posted years with the cash they still owe, and the years with patronage."""
    owed = cash_owed_by_year(session)
    posted = [PostedYear(row, owed[row.year_start]) for row in list_allocations(session)]
    return posted, patronage_years(session)


class AllocationTab(PatronageTab):
    """Posted allocations, the wizard, paying the cash part."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._years: list[PatronageYear] = []
        self.model = AllocationModel(context.formatter, self)
        self.proxy = RawValueSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = records_table(self.proxy, _LAST, sortable=True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.allocate_button = QPushButton(_("&Allocate a year") + ELLIPSIS)
        self.allocate_button.setToolTip(_("Work out a year's allocation, look at the draft, "
                                          "then post it"))
        self.pay_button = QPushButton(_("Pay the &cash part") + ELLIPSIS)
        self.empty_label = hint_label()
        bar = QHBoxLayout()
        bar.addWidget(heading(_("Posted allocations")))
        bar.addStretch(1)
        bar.addWidget(self.pay_button)
        bar.addWidget(self.allocate_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.allocate_button.clicked.connect(self.allocate)
        self.pay_button.clicked.connect(self.pay_cash)
        self.table.selectionModel().selectionChanged.connect(self.follow_writable)
        self.clear()

    def reload(self) -> None:
        posted, self._years = self.context.read(read_allocations)
        self.model.set_formatter(self.context.formatter)
        keep = self.selected()
        self.model.set_rows(posted)
        fit_columns(self.table, _LAST)
        if posted:
            wanted = keep.allocation.year_start if keep is not None else None
            row = self.model.row_of(wanted) if wanted is not None else None
            index = (self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None
                     else self.proxy.index(0, 0))
            self.table.selectRow(index.row())
        if not self._years:
            self.empty_label.setText(_("No patronage recorded yet: add the year's records "
                                       "(Records tab), then allocate the year."))
        elif not posted:
            self.empty_label.setText(_("No year is allocated yet: \N{LEFT DOUBLE QUOTATION MARK}"
                                       "Allocate a year\N{RIGHT DOUBLE QUOTATION MARK} shows the "
                                       "draft before anything is posted."))
        else:
            self.empty_label.setText("")
        self.empty_label.setVisible(bool(self.empty_label.text()))
        self.follow_writable()

    def clear(self) -> None:
        self._years = []
        self.model.set_rows([])
        self.empty_label.hide()
        self.follow_writable()

    def follow_writable(self) -> None:
        writable = self.context.writable
        self.allocate_button.setEnabled(writable and bool(self._years))
        chosen = self.selected()
        self.pay_button.setEnabled(writable and chosen is not None
                                   and chosen.cash_owed.is_positive)
        if not writable and self.context.host.book is not None:
            tip = _("This book is open for reading only.")
        elif chosen is not None and not chosen.cash_owed.is_positive:
            tip = _("The cash part of this year is paid.")
        else:
            tip = ""
        self.pay_button.setToolTip(tip)

    def selected(self) -> PostedYear | None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        row = self.proxy.mapToSource(rows[0]).row()
        found: PostedYear = self.model.rows()[row]
        return found

    def last_posted(self) -> AllocationRow | None:
        rows = self.model.rows()
        return max((r.allocation for r in rows), key=lambda a: a.year_start) if rows else None

    def make_wizard(self) -> AllocationWizard:
        """The allocation wizard over the years that have patronage."""
        return AllocationWizard(self.context, self._years, self.last_posted(), self)

    def allocate(self) -> AllocationWizard | None:
        """Open the allocation wizard."""
        if not self.context.writable or not self._years:
            return None
        wizard = self.make_wizard()
        PatronageDialogs.run_form(wizard)
        return wizard

    def pay_cash(self) -> CashDialog | None:
        """Open the payment of the selected year's cash part."""
        chosen = self.selected()
        if chosen is None or not self.context.writable:
            return None
        dialog = CashDialog(self.context, chosen.allocation.year_start,
                            chosen.allocation.posted_on, self)
        PatronageDialogs.run_form(dialog)
        return dialog
