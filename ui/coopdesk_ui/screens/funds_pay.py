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
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError
from coopdesk.funds.claims import PayoutResult, pay_claim, pay_due_claims
from coopdesk.funds.queries import ClaimRow
from coopdesk.i18n import _, ngettext
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.widgets.pay_fields import PayFields


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
        self.fields = PayFields(clock.today(), context.formatter.locale, _("What is due &by:"))
        self.fields.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.date_edit = self.fields.date_edit
        self.method_combo = self.fields.method_combo
        self.what_label = self.fields.what_label
        self.form_error = self.fields.form_error
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Pay"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.claim_radio)
        layout.addWidget(self.fund_radio)
        layout.addWidget(self.fields)
        layout.addWidget(self.buttons)

        for radio in (self.claim_radio, self.fund_radio):
            radio.toggled.connect(self.update_preview)
        self.fields.changed.connect(self.update_preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.update_preview()

    def method(self) -> str:
        return self.fields.method()

    def _service(self) -> Callable[[Session], PayoutResult]:
        """The payment as chosen, for the core to run (for real, or to say what it would do)."""
        if self.claim_radio.isChecked() and self.claim is not None:
            return partial(pay_claim, claim_id=self.claim.id, date=self.fields.day(),
                           method=self.method())
        return partial(pay_due_claims, date=self.fields.day(), method=self.method(),
                       fund_code=self.fund_code)

    def update_preview(self) -> None:
        """Say what "Pay" would post, as the core works it out (and rolls back)."""
        self.preview = self.fields.dry_run(self.context.host, self._service())
        if self.preview is None:
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
