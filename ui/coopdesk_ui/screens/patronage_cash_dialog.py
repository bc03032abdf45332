"""Paying the cash part of a posted allocation: on a day, from the bank or the cash box.

Before anything is posted the dialog says how many members are paid and how much in all,
worked out by the core in a transaction rolled back (`Book.dry_run`), so the figure is exactly
what "Pay" posts. Nothing owed means nothing to press.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

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
from coopdesk.dues.accounts import PAYMENT_METHODS
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.patronage.capital import PaidResult, pay_allocation_cash
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.payment_list_model import method_label
from coopdesk_ui.screens.patronage_labels import year_text
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError


def method_combo() -> QComboBox:
    """The payment methods, bank transfer first chosen."""
    combo = QComboBox()
    for method in PAYMENT_METHODS:
        combo.addItem(method_label(method), method)
    combo.setCurrentIndex(combo.findData("bank_transfer"))
    return combo


class CashDialog(QDialog):
    """Pays what is still owed of the cash part of the year from `year_start`; `changes` is
    set once paid."""

    def __init__(self, context: AppContext, year_start: dt.date, posted_on: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.year_start = year_start
        self.preview: PaidResult | None = None
        self.changes: ChangeSet | None = None
        self.setWindowTitle(_("Pay the cash part of {year}").format(year=year_text(year_start)))
        self.date_edit = DateEdit(max(clock.today(), posted_on), context.formatter.locale)
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
        date_label = QLabel(_("Paid &on:"))
        date_label.setBuddy(self.date_edit)
        from_label = QLabel(_("Paid &from:"))
        from_label.setBuddy(self.method_combo)
        form.addRow(date_label, self.date_edit)
        form.addRow(from_label, self.method_combo)
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
        return partial(pay_allocation_cash, year_start=self.year_start, date=self.date_edit.value(),
                       method=str(self.method_combo.currentData()))

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
        count = self.preview.payments
        self.what_label.setText(ngettext(
            "{count} member is paid {total} in all.", "{count} members are paid {total} in all.",
            count).format(count=count, total=self.context.formatter.money(self.preview.total))
            if count else _("Nothing is owed: the cash part of this year is paid."))
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
