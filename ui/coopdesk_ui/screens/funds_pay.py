"""Paying claims: what is due by a day, from the bank or the cash box, said before it is posted.

The dialog pays one claim (`pay_claim`) or every approved claim of a fund (`pay_due_claims`).
Before anything is posted it says how many payments and how much that makes, worked out by the
core itself in a transaction rolled back (`Book.dry_run`), so the figure is exactly what
"Pay" will post; nothing due means nothing to press.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.dues.accounts import PAYMENT_METHODS
from coopdesk.errors import CoopdeskError
from coopdesk.funds.claims import PayoutResult, pay_claim, pay_due_claims
from coopdesk.funds.queries import ClaimRow
from coopdesk.i18n import _, ngettext
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.models.payment_list_model import method_label
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError


class PayDialog(QDialog):
    """Pays `claim` (or, when chosen, every claim of `fund_code`) what is due by a day;
    `result` and `changes` are set once paid."""

    def __init__(self, context: AppContext, fund_code: str, fund_name: str,
                 claim: ClaimRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.setWindowTitle(_("Pay claims"))
        self.context = context
        self.fund_code = fund_code
        self.claim = claim
        self.result_: PayoutResult | None = None
        self.changes: ChangeSet | None = None
        self.preview: PayoutResult | None = None

        self.claim_radio = QRadioButton()
        self.fund_radio = QRadioButton(_("Every approved claim of {fund}").format(fund=fund_name))
        group = QButtonGroup(self)
        group.addButton(self.claim_radio)
        group.addButton(self.fund_radio)
        if claim is not None and claim.status.is_open:
            self.claim_radio.setText(_("Claim {number}: {member}, {description}").format(
                number=claim.id, member=member_text(claim.member_number, claim.member_name),
                description=claim.description))
            self.claim_radio.setChecked(True)
        else:
            self.claim_radio.hide()
            self.fund_radio.setChecked(True)
        self.date_edit = DateEdit(clock.today(), context.formatter.locale)
        self.method_combo = QComboBox()
        for method in PAYMENT_METHODS:
            self.method_combo.addItem(method_label(method), method)
        self.method_combo.setCurrentIndex(self.method_combo.findData("bank_transfer"))
        self.what_label = QLabel()
        self.what_label.setWordWrap(True)
        font = self.what_label.font()
        font.setBold(True)
        self.what_label.setFont(font)
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Pay"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        date_label = QLabel(_("What is due &by:"))
        date_label.setBuddy(self.date_edit)
        method_label_ = QLabel(_("Paid &from:"))
        method_label_.setBuddy(self.method_combo)
        form.addRow(date_label, self.date_edit)
        form.addRow(method_label_, self.method_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.claim_radio)
        layout.addWidget(self.fund_radio)
        layout.addLayout(form)
        layout.addWidget(self.what_label)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

        for radio in (self.claim_radio, self.fund_radio):
            radio.toggled.connect(self.update_preview)
        self.date_edit.dateChanged.connect(self.update_preview)
        self.method_combo.currentIndexChanged.connect(self.update_preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.update_preview()

    def method(self) -> str:
        return str(self.method_combo.currentData())

    def _service(self) -> Callable[[Session], PayoutResult]:
        """The payment as chosen, for the core to run (for real, or to say what it would do)."""
        if self.claim_radio.isChecked() and self.claim is not None:
            return partial(pay_claim, claim_id=self.claim.id, date=self.date_edit.value(),
                           method=self.method())
        return partial(pay_due_claims, date=self.date_edit.value(), method=self.method(),
                       fund_code=self.fund_code)

    def update_preview(self) -> None:
        """Say what "Pay" would post, as the core works it out (and rolls back)."""
        self.preview = None
        self.form_error.say("")
        book = self.context.host.book
        if book is None or book.read_only:
            self.what_label.setText(_("This book is open for reading only."))
            self.ok_button.setEnabled(False)
            return
        try:
            self.preview = book.dry_run(self._service())
        except CoopdeskError as exc:
            self.form_error.say(exc.message)
            self.what_label.clear()
            self.ok_button.setEnabled(False)
            return
        count = self.preview.payouts
        if count:
            self.what_label.setText(ngettext(
                "{count} payment, {total} in all, will be paid.",
                "{count} payments, {total} in all, will be paid.", count).format(
                count=count, total=self.context.formatter.money(self.preview.total)))
        else:
            self.what_label.setText(_("Nothing is due by this day."))
        self.ok_button.setEnabled(count > 0)

    def accept(self) -> None:
        self.update_preview()
        if self.preview is None or not self.preview.payouts:
            return
        try:
            self.changes = self.context.host.run(self._service())
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        self.result_ = self.changes.result
        super().accept()
