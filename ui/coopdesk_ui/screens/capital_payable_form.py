""""Make payable (left)": a former member's capital becomes a debt to them, paid back in
installments on the schedule the co-op's bylaws set.

The day it becomes payable (not before they left), how many installments, the first due date,
and the months between. Before anything is posted the form says the total and each
installment, as the core works them out in a transaction rolled back (`Book.dry_run`).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.i18n import _
from coopdesk.patronage.capital import PayableResult, make_capital_payable
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError


class PayableForm(QDialog):
    """Makes member `number`'s capital payable; `changes` is set once done."""

    def __init__(self, context: AppContext, number: str, name: str, left_on: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.number = number
        self.preview: PayableResult | None = None
        self.changes: ChangeSet | None = None
        self.setWindowTitle(_("Pay back the capital of {member}").format(
            member=member_text(number, name)))
        start = max(clock.today(), left_on)
        self.date_edit = DateEdit(start, context.formatter.locale)
        self.installments_spin = QSpinBox()
        self.installments_spin.setRange(1, 20)
        self.installments_spin.setValue(1)
        self.first_due_edit = DateEdit(start, context.formatter.locale)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, 60)
        self.interval_spin.setValue(12)
        self.interval_spin.setSuffix(_(" months"))
        self.schedule_label = QLabel()
        self.schedule_label.setWordWrap(True)
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Make payable"))
        form = QFormLayout()
        form.addRow(QLabel(_("Left the co-op on {date}.").format(
            date=context.formatter.date(left_on))))
        for text, field in ((_("Payable &from:"), self.date_edit),
                            (_("&Installments:"), self.installments_spin),
                            (_("&First due on:"), self.first_due_edit),
                            (_("&Every:"), self.interval_spin)):
            caption = QLabel(text)
            caption.setBuddy(field)
            form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.schedule_label)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.date_edit.dateChanged.connect(self.update_preview)
        self.first_due_edit.dateChanged.connect(self.update_preview)
        self.installments_spin.valueChanged.connect(self.update_preview)
        self.interval_spin.valueChanged.connect(self.update_preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.update_preview()

    def _service(self) -> partial[PayableResult]:
        return partial(make_capital_payable, member_number=self.number, date=self.date_edit.value(),
                       installments=self.installments_spin.value(),
                       first_due=self.first_due_edit.value(),
                       interval_months=self.interval_spin.value())

    def update_preview(self) -> None:
        """Say the total and the schedule, as the core works them out (and rolls back)."""
        self.preview = None
        self.form_error.say("")
        self.schedule_label.clear()
        book = self.context.host.book
        if book is None or book.read_only:
            self.ok_button.setEnabled(False)
            return
        try:
            self.preview = book.dry_run(self._service())
        except ValidationError as exc:
            self.form_error.say("\n".join(p[:1].upper() + p[1:] for p in exc.problems))
        except CoopdeskError as exc:
            self.form_error.say(exc.message)
        self.ok_button.setEnabled(self.preview is not None)
        if self.preview is None:
            return
        formatter = self.context.formatter
        lines = [_("{total} becomes payable, in these installments:").format(
            total=formatter.money(self.preview.total))]
        lines += [_("{date}: {amount}").format(date=formatter.date(due),
                                               amount=formatter.money(amount))
                  for due, amount in self.preview.installments]
        self.schedule_label.setText("\n".join(lines))

    def accept(self) -> None:
        self.update_preview()
        if self.preview is None:
            return
        try:
            self.changes = self.context.host.run(self._service())
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()
