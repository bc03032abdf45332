"""Year-end refunds: who gets back what they hold in the fund above its cap, then posting it.

The preview is the core's own plan (`preview_refunds`) for the year end chosen, listed member
by member with the total; "Post refunds" posts exactly that (`post_refunds`), once per fund and
year end (the core refuses a second time, and says so).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.dues.periods import fiscal_year_start
from coopdesk.dues.accounts import PAYMENT_METHODS
from coopdesk.errors import CoopdeskError
from coopdesk.funds.queries import FundRow
from coopdesk.funds.refunds import RefundPlan, RefundResult, post_refunds, preview_refunds
from coopdesk.i18n import _, ngettext
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.fund_refund_model import Column, RefundModel
from coopdesk_ui.models.payment_list_model import method_label
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError
from coopdesk_ui.widgets.records_table import records_table


def last_year_end(today: dt.date, fiscal_year_start_month: int) -> dt.date:
    """The last day of the latest fiscal year that has ended by `today`."""
    return fiscal_year_start(today, fiscal_year_start_month) - dt.timedelta(days=1)


class RefundsDialog(QDialog):
    """Previews, then posts, `fund`'s refunds above its cap at a year end."""

    def __init__(self, context: AppContext, fund: FundRow, year_end: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.setWindowTitle(_("Year-end refunds of {fund}").format(fund=fund.name))
        self.context = context
        self.fund = fund
        self.plan: RefundPlan | None = None
        self.result_: RefundResult | None = None
        self.changes: ChangeSet | None = None
        formatter = context.formatter

        cap = fund.policy.balance_cap_months
        self.explanation = QLabel(ngettext(
            "A member's share of the fund above {months} month of their contribution is paid "
            "back to them at the year end.",
            "A member's share of the fund above {months} months of their contribution is paid "
            "back to them at the year end.", cap or 0).format(months=cap or 0))
        self.explanation.setWordWrap(True)
        self.year_end_edit = DateEdit(year_end, formatter.locale)
        self.method_combo = QComboBox()
        for method in PAYMENT_METHODS:
            self.method_combo.addItem(method_label(method), method)
        self.method_combo.setCurrentIndex(self.method_combo.findData("bank_transfer"))
        self.model = RefundModel(formatter, self)
        proxy = RawValueSortProxy(self)
        proxy.setSourceModel(self.model)
        self.table = records_table(proxy, Column.MEMBER, sortable=True)
        self.total_label = QLabel()
        font = self.total_label.font()
        font.setBold(True)
        self.total_label.setFont(font)
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Post refunds"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        year_label = QLabel(_("&Year ending on:"))
        year_label.setBuddy(self.year_end_edit)
        method_label_ = QLabel(_("Paid &from:"))
        method_label_.setBuddy(self.method_combo)
        form.addRow(year_label, self.year_end_edit)
        form.addRow(method_label_, self.method_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

        self.year_end_edit.dateChanged.connect(self.update_preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.update_preview()

    def method(self) -> str:
        return str(self.method_combo.currentData())

    def update_preview(self) -> None:
        """Read the plan for the year end chosen and show it."""
        self.form_error.say("")
        try:
            self.plan = self.context.read(preview_refunds, self.fund.code,
                                          self.year_end_edit.value())
        except CoopdeskError as exc:
            self.plan = None
            self.form_error.say(exc.message)
        rows = self.plan.rows if self.plan is not None else ()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        formatter = self.context.formatter
        if self.plan is None:
            self.total_label.clear()
        elif rows:
            self.total_label.setText(ngettext(
                "{count} member gets {total} back, of a fund of {balance}.",
                "{count} members get {total} back, of a fund of {balance}.", len(rows)).format(
                count=len(rows), total=formatter.money(self.plan.total),
                balance=formatter.money(self.plan.balance)))
        else:
            self.total_label.setText(_("No member holds more than the cap: nothing to refund."))
        writable = self.context.writable
        self.ok_button.setEnabled(writable and bool(rows))
        if not writable:
            self.form_error.say(_("This book is open for reading only."))
        if clock.today() < self.year_end_edit.value() and rows:
            self.form_error.say(_("This year has not ended yet: the shares may still change."))

    def accept(self) -> None:
        if self.plan is None or not self.plan.rows or not self.context.writable:
            return
        try:
            self.changes = self.context.host.run(post_refunds, self.fund.code,
                                                 self.year_end_edit.value(), self.method())
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        self.result_ = self.changes.result
        super().accept()
