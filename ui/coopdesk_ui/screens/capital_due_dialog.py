""""Pay what is due": every installment of former members' capital due by a day and not paid,
from the bank or the cash box; how many and how much said first (`Book.dry_run`)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.patronage.capital import PaidResult, pay_capital_due
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.patronage_cash_dialog import method_combo
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError


class DueDialog(QDialog):
    """Pays the installments due by a day; `changes` is set once paid."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.preview: PaidResult | None = None
        self.changes: ChangeSet | None = None
        self.setWindowTitle(_("Pay former members what is due"))
        self.date_edit = DateEdit(clock.today(), context.formatter.locale)
        self.method_combo = method_combo()
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
        for text, field in ((_("What is due &by:"), self.date_edit),
                            (_("Paid &from:"), self.method_combo)):
            caption = QLabel(text)
            caption.setBuddy(field)
            form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.what_label)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.date_edit.dateChanged.connect(self.update_preview)
        self.method_combo.currentIndexChanged.connect(self.update_preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.update_preview()

    def _service(self) -> partial[PaidResult]:
        return partial(pay_capital_due, date=self.date_edit.value(),
                       method=str(self.method_combo.currentData()))

    def update_preview(self) -> None:
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
