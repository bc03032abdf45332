"""The "New claim" form: a member's claim on a fund, as they put it to the treasurer.

The member is found by number or name (`MemberFinder`), the amount read in the book's locale,
once or each month for a number of months. It only records what is asked (`submit_claim`); the
policy is checked when the claim is decided (`funds_decision`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.funds.claims import MAX_MONTHS, ClaimDraft, submit_claim
from coopdesk.funds.queries import FundRow
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.amount_input import read_amount
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError, route_problems, with_error
from coopdesk_ui.widgets.member_finder import MemberFinder, MemberOption


class ClaimForm(QDialog):
    """Records one claim; `claim_id` and `changes` are set once accepted."""

    def __init__(self, context: AppContext, funds: Sequence[FundRow], fund_code: str | None,
                 members: Sequence[MemberOption], parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.setWindowTitle(_("New claim"))
        self.context = context
        self.claim_id: int | None = None
        self.changes: ChangeSet | None = None
        self._touched: set[QWidget] = set()
        formatter, currency = context.formatter, context.currency

        self.fund_combo = QComboBox()
        for fund in funds:
            self.fund_combo.addItem(fund.name, fund.code)
        if fund_code is not None:
            self.fund_combo.setCurrentIndex(max(self.fund_combo.findData(fund_code), 0))
        self.member_finder = MemberFinder(members)
        self.event_edit = DateEdit(clock.today(), formatter.locale)
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText(_("e.g. Off work after a fall"))
        self.amount_edit = QLineEdit()
        self.amount_edit.setMaximumWidth(130)
        self.amount_edit.setPlaceholderText(formatter.money(Money("100", currency),
                                                            with_symbol=False))
        self.once_radio = QRadioButton(_("&Once"))
        self.monthly_radio = QRadioButton(_("Each month &for"))
        group = QButtonGroup(self)
        group.addButton(self.once_radio)
        group.addButton(self.monthly_radio)
        self.once_radio.setChecked(True)
        self.months_spin = QSpinBox()
        self.months_spin.setRange(2, MAX_MONTHS)
        self.months_spin.setValue(3)
        self.months_spin.setSuffix(" " + _("months"))

        self.member_error = FieldError()
        self.event_error = FieldError()
        self.description_error = FieldError()
        self.amount_error = FieldError()
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Record claim"))
        self._lay_out(currency)

        self.member_finder.textEdited.connect(lambda: self._touch(self.member_finder))
        self.member_finder.member_changed.connect(lambda _m: self.validate())
        self.description_edit.textEdited.connect(lambda: self._touch(self.description_edit))
        self.amount_edit.textEdited.connect(lambda: self._touch(self.amount_edit))
        self.event_edit.dateChanged.connect(lambda: self._touch(self.event_edit))
        self.monthly_radio.toggled.connect(self._follow_months)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._follow_months()

    def _lay_out(self, currency: str) -> None:
        amount = QGridLayout()
        amount.addWidget(self.amount_edit, 0, 0)
        amount.addWidget(QLabel(currency), 0, 1)
        amount.addWidget(self.once_radio, 0, 2)
        amount.addWidget(self.monthly_radio, 0, 3)
        amount.addWidget(self.months_spin, 0, 4)
        amount.setColumnStretch(5, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        rows: list[tuple[str, QWidget, QWidget | QGridLayout]] = [
            (_("F&und:"), self.fund_combo, self.fund_combo),
            (_("&Member:"), self.member_finder, self.member_finder),
            (_("&Event on:"), self.event_edit, self.event_edit),
            (_("&Description:"), self.description_edit, self.description_edit),
            (_("&Amount:"), self.amount_edit, amount),
        ]
        errors = {self.member_finder: self.member_error, self.event_edit: self.event_error,
                  self.description_edit: self.description_error,
                  self.amount_edit: self.amount_error}
        for text, buddy, field in rows:
            caption = QLabel(text)
            caption.setBuddy(buddy)
            error = errors.get(buddy)
            form.addRow(caption, with_error(field, error) if error is not None else field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    # -- what the user chose --------------------------------------------------------------

    def fund_code(self) -> str | None:
        data = self.fund_combo.currentData()
        return data if isinstance(data, str) else None

    def months(self) -> int:
        return self.months_spin.value() if self.monthly_radio.isChecked() else 1

    def _amount(self) -> tuple[Money | None, str]:
        amount, problem = read_amount(self.amount_edit.text(), self.context.formatter,
                                      self.context.currency,
                                      missing=_("Say how much the member asks for."))
        if amount is not None and not amount.is_positive:
            return None, _("The amount must be more than zero.")
        return amount, problem

    # -- checking -------------------------------------------------------------------------

    def _touch(self, field: QWidget) -> None:
        self._touched.add(field)
        self.validate()

    def _follow_months(self) -> None:
        self.months_spin.setEnabled(self.monthly_radio.isChecked())
        self.validate()

    def problems(self) -> dict[FieldError, str]:
        found: dict[FieldError, str] = {}
        if problem := self.member_finder.problem():
            found[self.member_error] = problem
        if self.event_edit.value() > clock.today():
            found[self.event_error] = _("A claim is for something that has happened: the event "
                                        "cannot be after today.")
        if not self.description_edit.text().strip():
            found[self.description_error] = _("Say what happened.")
        if problem := self._amount()[1]:
            found[self.amount_error] = problem
        if self.fund_code() is None:
            found[self.form_error] = _("The book has no fund to claim on.")
        return found

    def validate(self) -> bool:
        found = self.problems()
        shown = {self.member_error: self.member_finder, self.event_error: self.event_edit,
                 self.description_error: self.description_edit,
                 self.amount_error: self.amount_edit}
        for error, field in shown.items():
            error.say(found.get(error, "") if field in self._touched else "")
        self.form_error.say(found.get(self.form_error, ""))
        self.ok_button.setEnabled(not found and self.context.writable)
        return not found

    # -- writing --------------------------------------------------------------------------

    def accept(self) -> None:
        self._touched.update((self.member_finder, self.event_edit, self.description_edit,
                              self.amount_edit))
        if not self.validate():
            return
        member = self.member_finder.member()
        amount = self._amount()[0]
        code = self.fund_code()
        assert member is not None and amount is not None and code is not None
        draft = ClaimDraft(code, member.number, self.event_edit.value(),
                           self.description_edit.text().strip(), amount, self.months())
        try:
            self.changes = self.context.host.run(submit_claim, draft)
        except ValidationError as exc:
            route_problems(exc.problems, {"member": self.member_error,
                                          "event date": self.event_error,
                                          "description": self.description_error,
                                          "amount": self.amount_error,
                                          "months": self.amount_error}, self.form_error)
            return
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        self.claim_id = self.changes.result
        super().accept()
