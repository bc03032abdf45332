""""Record a share payment": a member's membership share paid in, on a day, by a method.

The member is found by number or name; the amount is read in the book's locale. Problems are
said under their field and OK waits; the core checks again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk.patronage.capital import record_share_payment
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.amount_input import read_amount
from coopdesk_ui.widgets.pay_fields import method_combo
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError, route_problems, with_error
from coopdesk_ui.widgets.member_finder import MemberFinder, MemberOption


class ShareForm(QDialog):
    """Records a share payment; `changes` is set once recorded."""

    def __init__(self, context: AppContext, members: Sequence[MemberOption],
                 number: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.changes: ChangeSet | None = None
        self._touched: set[QWidget] = set()
        self.setWindowTitle(_("Record a share payment"))
        self.member_edit = MemberFinder(members)
        self.member_edit.setMinimumWidth(260)
        if number is not None:
            self.member_edit.choose(number)
        self.amount_edit = QLineEdit()
        self.amount_edit.setFixedWidth(130)
        self.amount_edit.setPlaceholderText(context.formatter.money(
            Money("100", context.currency), with_symbol=False))
        self.date_edit = DateEdit(clock.today(), context.formatter.locale)
        self.method_combo = method_combo()
        self.member_error, self.amount_error, self.form_error = (FieldError(), FieldError(),
                                                                 FieldError())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Record"))
        form = QFormLayout()
        for text, field, error in ((_("&Member:"), self.member_edit, self.member_error),
                                   (_("&Amount:"), self.amount_edit, self.amount_error),
                                   (_("Paid &on:"), self.date_edit, None),
                                   (_("Paid &by:"), self.method_combo, None)):
            caption = QLabel(text)
            caption.setBuddy(field)
            form.addRow(caption, with_error(field, error) if error is not None else field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.member_edit.textEdited.connect(lambda: self._touch(self.member_edit))
        self.amount_edit.textEdited.connect(lambda: self._touch(self.amount_edit))
        self.member_edit.member_changed.connect(lambda _m: self.validate())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.validate()

    def amount(self) -> tuple[Money | None, str]:
        amount, problem = read_amount(self.amount_edit.text(), self.context.formatter,
                                      self.context.currency, missing=_("Type the amount paid in."))
        if amount is not None and not amount.is_positive:
            return None, _("The amount must be more than zero.")
        return amount, problem

    def validate(self) -> bool:
        member_problem = self.member_edit.problem()
        amount_problem = self.amount()[1]
        self.member_error.say(member_problem if self.member_edit in self._touched else "")
        self.amount_error.say(amount_problem if self.amount_edit in self._touched else "")
        self.form_error.say("")
        fine = not member_problem and not amount_problem
        self.ok_button.setEnabled(fine and self.context.writable)
        return fine

    def _touch(self, field: QWidget) -> None:
        self._touched.add(field)
        self.validate()

    def accept(self) -> None:
        self._touched.update((self.member_edit, self.amount_edit))
        if not self.validate():
            return
        member, (amount, _problem) = self.member_edit.member(), self.amount()
        assert member is not None and amount is not None
        try:
            self.changes = self.context.host.run(record_share_payment, member.number, amount,
                                                 self.date_edit.value(),
                                                 str(self.method_combo.currentData()))
        except ValidationError as exc:
            route_problems(exc.problems, {"amount": self.amount_error}, self.form_error)
            return
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()
