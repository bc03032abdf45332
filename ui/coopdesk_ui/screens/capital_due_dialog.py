""""Pay what is due": every installment of former members' capital due by a day and not paid,
from the bank or the cash box; how many and how much said first (`Book.dry_run`)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.patronage.capital import PaidResult, pay_capital_due
from coopdesk_ui.context import AppContext
from coopdesk_ui.widgets.pay_fields import PayFields


class DueDialog(QDialog):
    """Pays the installments due by a day; `changes` is set once paid."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.preview: PaidResult | None = None
        self.changes: ChangeSet | None = None
        self.setWindowTitle(_("Pay former members what is due"))
        self.fields = PayFields(clock.today(), context.formatter.locale, _("What is due &by:"))
        self.date_edit = self.fields.date_edit
        self.method_combo = self.fields.method_combo
        self.what_label = self.fields.what_label
        self.form_error = self.fields.form_error
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Pay"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.buttons)
        self.fields.changed.connect(self.update_preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.update_preview()

    def _service(self) -> partial[PaidResult]:
        return partial(pay_capital_due, date=self.fields.day(), method=self.fields.method())

    def update_preview(self) -> None:
        self.preview = self.fields.dry_run(self.context.host, self._service())
        if self.preview is None:
            self.ok_button.setEnabled(False)
            return
        count = self.preview.payments
        self.what_label.setText(ngettext(
            "{count} installment, {total} in all, will be paid.",
            "{count} installments, {total} in all, will be paid.", count).format(
            count=count, total=self.context.formatter.money(self.preview.total))
            if count else _("Nothing is due by this day."))
        self.ok_button.setEnabled(count > 0)

    def accept(self) -> None:
        self.update_preview()
        if self.preview is None or not self.preview.payments:
            return
        try:
            self.changes = self.context.host.run(self._service())
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()
