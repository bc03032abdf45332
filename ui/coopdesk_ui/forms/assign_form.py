"""The "Assign a plan" form: put a member on a dues plan from a date, at the full rate, a
reduced rate or waived (with the reason), checked at the field as it is typed.

A member is on one plan at a time: the form says so at the start date when the member's current
assignment would overlap, before the core refuses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.dues.plans import AssignmentRow, PlanRow, assign_plan, list_assignments, list_plans
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.i18n import _
from coopdesk.members.queries import list_members
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.plan_fields import read_plan_amount
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError, route_problems, with_error
from coopdesk_ui.widgets.member_finder import MemberFinder, member_options


class AssignForm(QDialog):
    """Assigns a plan to a member; `changes` holds the write's ChangeSet once accepted."""

    def __init__(self, context: AppContext, member_number: str | None = None,
                 plan: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.setWindowTitle(_("Assign a dues plan"))
        self.context = context
        self.changes: ChangeSet | None = None
        self._touched: set[QWidget] = set()
        members = member_options(context.read(list_members))
        self._plans: Sequence[PlanRow] = context.read(list_plans)
        self._assignments: Sequence[AssignmentRow] = context.read(list_assignments)
        locale = context.formatter.locale
        today = clock.today()

        self.member_finder = MemberFinder(members)
        self.member_info = QLabel()
        self.member_info.setEnabled(False)  # muted: what we know, not a problem
        self.plan_combo = QComboBox()
        for row in self._plans:
            self.plan_combo.addItem(_("{plan} ({amount} per period)").format(
                plan=row.name, amount=context.formatter.money(row.amount)), row.name)
        if plan is not None and self.plan_combo.findData(plan) >= 0:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan))
        self.start_edit = DateEdit(today, locale)
        self.until_check = QCheckBox(_("&Until"))
        self.until_edit = DateEdit(today, locale)
        self.full_radio = QRadioButton(_("Full r&ate"))
        self.reduced_radio = QRadioButton(_("Re&duced rate:"))
        self.waived_radio = QRadioButton(_("&Waived"))
        self.rate_group = QButtonGroup(self)
        for radio in (self.full_radio, self.reduced_radio, self.waived_radio):
            self.rate_group.addButton(radio)
        self.full_radio.setChecked(True)
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(_("per period"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(_("e.g. student, hardship, board decision"))

        self.member_error = FieldError()
        self.start_error = FieldError()
        self.amount_error = FieldError()
        self.reason_error = FieldError()
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Assign"))
        self._lay_out()

        # Changed, not edited: picking from the completer's list also sets the text.
        self.member_finder.textChanged.connect(lambda: self._touch(self.member_finder))
        self.amount_edit.textEdited.connect(lambda: self._touch(self.amount_edit))
        self.reason_edit.textEdited.connect(lambda: self._touch(self.reason_edit))
        self.plan_combo.currentIndexChanged.connect(self.validate)
        for date_edit in (self.start_edit, self.until_edit):
            date_edit.dateChanged.connect(self.validate)
        self.until_check.toggled.connect(self._follow_choices)
        self.rate_group.buttonToggled.connect(self._follow_choices)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if member_number is not None:
            self.member_finder.choose(member_number)
        self._follow_choices()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        member_column = with_error(self.member_finder, self.member_error)
        member_column.addWidget(self.member_info)
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addSpacing(12)
        dates.addWidget(self.until_check)
        dates.addWidget(self.until_edit)
        dates.addStretch(1)
        rate = QHBoxLayout()
        rate.addWidget(self.full_radio)
        rate.addWidget(self.reduced_radio)
        rate.addWidget(self.amount_edit)
        rate.addWidget(self.waived_radio)
        rate.addStretch(1)
        rows: list[tuple[str, QWidget, QWidget | QVBoxLayout]] = [
            (_("&Member:"), self.member_finder, member_column),
            (_("&Plan:"), self.plan_combo, self.plan_combo),
            (_("&From:"), self.start_edit, with_error(dates, self.start_error)),
            (_("Rate:"), self.full_radio, with_error(rate, self.amount_error)),
            (_("&Reason:"), self.reason_edit, with_error(self.reason_edit, self.reason_error)),
        ]
        for text, buddy, field in rows:
            caption = QLabel(text)
            caption.setBuddy(buddy)
            form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    # -- what the user chose --------------------------------------------------------------

    def plan(self) -> str | None:
        data = self.plan_combo.currentData()
        return str(data) if data is not None else None

    def start(self) -> dt.date:
        return self.start_edit.value()

    def until(self) -> dt.date | None:
        return self.until_edit.value() if self.until_check.isChecked() else None

    def _reduced_amount(self) -> tuple[Money | None, str]:
        return read_plan_amount(self.amount_edit.text(), self.context.formatter,
                                self.context.currency)

    # -- checking -------------------------------------------------------------------------

    def _touch(self, field: QWidget) -> None:
        self._touched.add(field)
        self.validate()

    def _follow_choices(self) -> None:
        self.until_edit.setEnabled(self.until_check.isChecked())
        self.amount_edit.setEnabled(self.reduced_radio.isChecked())
        self.reason_edit.setEnabled(not self.full_radio.isChecked())
        self.validate()

    def _overlapping(self, number: str) -> AssignmentRow | None:
        """The member's assignment that covers part of the dates chosen, if any."""
        start, until = self.start(), self.until()
        for row in self._assignments:
            if (row.member_number == number and (row.end_date is None or row.end_date >= start)
                    and (until is None or row.start_date <= until)):
                return row
        return None

    def problems(self) -> dict[FieldError, str]:
        """What must change before the plan can be assigned, by the label that shows it."""
        found: dict[FieldError, str] = {}
        member = self.member_finder.member()
        if member is None:
            found[self.member_error] = self.member_finder.problem()
        if self.plan() is None:
            found[self.form_error] = _("Add a dues plan first")
        until = self.until()
        if until is not None and until < self.start():
            found[self.start_error] = _("The assignment cannot end before it starts")
        elif member is not None and (current := self._overlapping(member.number)) is not None:
            found[self.start_error] = self._overlap_text(current)
        if self.reduced_radio.isChecked():
            _amount, problem = self._reduced_amount()
            if problem:
                found[self.amount_error] = problem
        if not self.full_radio.isChecked() and not self.reason_edit.text().strip():
            found[self.reason_error] = _("Say why the rate is reduced or waived")
        return found

    def _overlap_text(self, current: AssignmentRow) -> str:
        since = self.context.formatter.date(current.start_date)
        if current.end_date is None:
            return _("The member is on {plan} since {since}: end that assignment first").format(
                plan=current.plan, since=since)
        return _("The member is on {plan} from {since} to {until} then").format(
            plan=current.plan, since=since, until=self.context.formatter.date(current.end_date))

    def validate(self) -> bool:
        """Show the problems of the fields the user has typed in; OK only when there are none."""
        found = self.problems()
        member = self.member_finder.member()
        self.member_info.setText(member.name if member is not None else "")
        self.member_info.setVisible(member is not None)
        touched = {self.member_error: self.member_finder, self.amount_error: self.amount_edit,
                   self.reason_error: self.reason_edit}
        for error in (self.member_error, self.start_error, self.amount_error, self.reason_error,
                      self.form_error):
            field = touched.get(error)
            error.say(found.get(error, "") if field is None or field in self._touched else "")
        self.ok_button.setEnabled(not found and self.context.writable)
        return not found

    # -- assigning ------------------------------------------------------------------------

    def accept(self) -> None:
        self._touched.update((self.member_finder, self.amount_edit, self.reason_edit))
        if not self.validate():
            return
        member, plan = self.member_finder.member(), self.plan()
        assert member is not None and plan is not None
        amount = self._reduced_amount()[0] if self.reduced_radio.isChecked() else None
        reason = "" if self.full_radio.isChecked() else self.reason_edit.text().strip()
        try:
            self.changes = self.context.host.run(
                assign_plan, member.number, plan, self.start(), self.until(), amount,
                self.waived_radio.isChecked(), reason)
        except ValidationError as exc:
            route_problems(exc.problems, {"end": self.start_error, "dates": self.start_error,
                                          "amount": self.amount_error,
                                          "reason": self.reason_error}, self.form_error)
            return
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()
