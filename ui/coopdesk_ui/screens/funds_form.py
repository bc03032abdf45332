"""The fund form: a new fund, or a fund's settings (the same form, the code and start fixed).

Every field is checked as it is typed (a problem shown under its field once the user has typed
there, OK refused meanwhile); the core checks again when the fund is written, and its
problems ("floor: ...") go under the field they name. A limit of the claim policy may be "no
limit" (`funds_limit_field`). A fund's kind of contribution and its start cannot change once it
exists (`update_fund` keeps what was posted as it was), so the settings show them fixed.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal

import babel.numbers
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.funds.queries import FundRow
from coopdesk.funds.service import MAX_CODE_LENGTH, add_fund, update_fund
from coopdesk.funds.types import ContributionKind, FundDraft, FundPolicy
from coopdesk.i18n import _
from coopdesk.members.queries import ClassRow
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.amount_input import read_amount
from coopdesk_ui.screens.funds_limit_field import MoneyLimit, MonthsLimit
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError, route_problems, with_error
from coopdesk_ui.widgets.hint_label import hint_label

class FundForm(QDialog):
    """Adds a fund (`fund` None) or changes `fund`'s settings; `changes` holds the write's
    ChangeSet and `code` the fund's code once accepted."""

    def __init__(self, context: AppContext, classes: Sequence[ClassRow],
                 fund: FundRow | None = None, taken_codes: Collection[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.fund = fund
        self.changes: ChangeSet | None = None
        self.code = fund.code if fund is not None else ""
        self._taken = {code.upper() for code in taken_codes}
        self._touched: set[QWidget] = set()
        formatter, currency = context.formatter, context.currency
        self.setWindowTitle(_("New fund") if fund is None
                            else _("Settings of {fund}").format(fund=fund.name))

        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(MAX_CODE_LENGTH)
        self.code_edit.setPlaceholderText(_("e.g. SICK"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("e.g. Sick pay"))
        self.fixed_radio = QRadioButton(_("A &fixed amount a month:"))
        self.share_radio = QRadioButton(_("A &share of each dues payment:"))
        kinds = QButtonGroup(self)
        kinds.addButton(self.fixed_radio)
        kinds.addButton(self.share_radio)
        self.amount_edit = QLineEdit()
        self.amount_edit.setFixedWidth(110)
        self.amount_edit.setPlaceholderText(formatter.money(Money("10", currency), with_symbol=False))
        self.percent_edit = QLineEdit()
        self.percent_edit.setFixedWidth(110)
        self.percent_edit.setPlaceholderText(formatter.number(Decimal("7.5")))
        self.start_edit = DateEdit(clock.today(), formatter.locale)
        self.class_checks: dict[str, QCheckBox] = {}
        for klass in classes:
            self.class_checks[klass.code] = QCheckBox(klass.name or klass.code)
        self.waiting_spin = QSpinBox()
        self.waiting_spin.setRange(0, 120)
        self.waiting_spin.setSuffix(" " + _("months"))
        self.per_claim = MoneyLimit(_("at most"), _("{currency} a payment").format(currency=currency),
                                    formatter, currency)
        self.per_year = MoneyLimit(_("at most"), _("{currency} a year").format(currency=currency),
                                   formatter, currency)
        self.duration = MonthsLimit(_("at most"), _("months"), 120)
        self.floor = MoneyLimit(_("keep at least"), currency, formatter, currency, zero_allowed=True)
        self.cap = MonthsLimit(_("at most"), _("months of a member's contribution"), 240)
        self.notes_edit = QLineEdit()

        self.code_error = FieldError()
        self.name_error = FieldError()
        self.contribution_error = FieldError()
        self.classes_error = FieldError()
        self.per_claim_error = FieldError()
        self.per_year_error = FieldError()
        self.floor_error = FieldError()
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Add fund") if fund is None else _("Save settings"))
        self._lay_out()
        self._fill(fund)

        self.code_edit.textEdited.connect(lambda: self._touch(self.code_edit))
        self.name_edit.textEdited.connect(lambda: self._touch(self.name_edit))
        self.amount_edit.textEdited.connect(lambda: self._touch(self.amount_edit))
        self.percent_edit.textEdited.connect(lambda: self._touch(self.percent_edit))
        self.fixed_radio.toggled.connect(self._follow_kind)
        for money_limit in (self.per_claim, self.per_year, self.floor):
            money_limit.changed.connect(lambda field=money_limit: self._touch(field))
        for months_limit in (self.duration, self.cap):
            months_limit.changed.connect(self.validate)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._follow_kind()

    def _lay_out(self) -> None:
        contribution = QGridLayout()
        contribution.addWidget(self.fixed_radio, 0, 0)
        contribution.addWidget(self.amount_edit, 0, 1)
        contribution.addWidget(QLabel(_("{currency} from each member taking part").format(
            currency=self.context.currency)), 0, 2)
        contribution.addWidget(self.share_radio, 1, 0)
        contribution.addWidget(self.percent_edit, 1, 1)
        contribution.addWidget(QLabel("%"), 1, 2)
        contribution.setColumnStretch(3, 1)
        classes = QHBoxLayout()
        for check in self.class_checks.values():
            classes.addWidget(check)
        classes.addStretch(1)
        class_column = QVBoxLayout()
        class_column.addLayout(classes)
        class_column.addWidget(hint_label(
            _("None ticked: every member takes part.") if self.class_checks
            else _("The book has no member classes: every member takes part.")))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        code_field: QWidget = self.code_edit
        if self.fund is not None:
            code_field = QLabel(self.fund.code)
        rows: list[tuple[str, QWidget | None, QWidget | QLayout]] = [
            (_("&Code:") if self.fund is None else _("Code:"),
             self.code_edit if self.fund is None else None,
             with_error(code_field, self.code_error)),
            (_("&Name:"), self.name_edit, with_error(self.name_edit, self.name_error)),
            (_("Contribution:"), None, with_error(contribution, self.contribution_error)),
            (_("S&tarts on:"), self.start_edit, self.start_edit),
            (_("Classes taking part:"), None, with_error(class_column, self.classes_error)),
        ]
        policy = QFormLayout()
        policy.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        policy_rows: list[tuple[str, QWidget | None, QWidget | QLayout]] = [
            (_("&Waiting period:"), self.waiting_spin, self.waiting_spin),
            (_("Maximum per c&laim:"), self.per_claim,
             with_error(self.per_claim, self.per_claim_error)),
            (_("Per &member a year:"), self.per_year,
             with_error(self.per_year, self.per_year_error)),
            (_("Maximum &duration:"), self.duration, self.duration),
            (_("Floo&r:"), self.floor, with_error(self.floor, self.floor_error)),
            (_("&Balance cap:"), self.cap, self.cap),
        ]
        for fields, entries in ((form, rows), (policy, policy_rows)):
            for text, buddy, field in entries:
                caption = QLabel(text)
                if buddy is not None:
                    caption.setBuddy(buddy)
                if isinstance(field, QWidget):
                    fields.addRow(caption, field)
                else:
                    fields.addRow(caption, field)
        notes_caption = QLabel(_("N&otes:"))
        notes_caption.setBuddy(self.notes_edit)
        policy.addRow(notes_caption, self.notes_edit)
        self.cap.setToolTip(_("Above this many months of contribution, a member's share of the "
                              "fund is refunded at the year end"))
        self.floor.setToolTip(_("The fund may not go below this once approved claims are paid"))
        self.waiting_spin.setToolTip(_("Months after a member begins taking part before an "
                                       "event is covered"))

        policy_title = QLabel(_("Claim policy"))
        font = policy_title.font()
        font.setBold(True)
        policy_title.setFont(font)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(policy_title)
        layout.addLayout(policy)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

    def _fill(self, fund: FundRow | None) -> None:
        if fund is None:
            self.fixed_radio.setChecked(True)
            self.duration.set_limit(None)
            self.cap.set_limit(None)
            return
        self.name_edit.setText(fund.name)
        formatter = self.context.formatter
        fixed = fund.kind is ContributionKind.FIXED
        self.fixed_radio.setChecked(fixed)
        self.share_radio.setChecked(not fixed)
        if fund.contribution is not None:
            self.amount_edit.setText(formatter.money(fund.contribution, with_symbol=False))
        if fund.share_percent is not None:
            self.percent_edit.setText(formatter.number(fund.share_percent.normalize()))
        # What was posted stays as it was: the kind and the start are the fund's for good.
        for radio in (self.fixed_radio, self.share_radio):
            radio.setEnabled(radio.isChecked())
        self.start_edit.set_value(fund.start_date)
        self.start_edit.setEnabled(False)
        self.start_edit.setToolTip(_("A fund's start does not change once it exists"))
        for code, check in self.class_checks.items():
            check.setChecked(code in fund.classes)
        policy = fund.policy
        self.waiting_spin.setValue(policy.waiting_months)
        self.per_claim.set_limit(policy.max_per_claim)
        self.per_year.set_limit(policy.max_per_member_year)
        self.duration.set_limit(policy.max_months)
        floor = policy.floor if policy.floor is not None and not policy.floor.is_zero else None
        self.floor.set_limit(floor)
        self.cap.set_limit(policy.balance_cap_months)
        self.notes_edit.setText(fund.notes)

    # -- what the user chose --------------------------------------------------------------

    def kind(self) -> ContributionKind:
        return ContributionKind.FIXED if self.fixed_radio.isChecked() else ContributionKind.SHARE

    def classes(self) -> tuple[str, ...]:
        return tuple(code for code, check in self.class_checks.items() if check.isChecked())

    def _contribution(self) -> tuple[Money | None, str]:
        amount, problem = read_amount(self.amount_edit.text(), self.context.formatter,
                                      self.context.currency,
                                      missing=_("Say what each member puts in a month."))
        if amount is not None and not amount.is_positive:
            return None, _("The contribution must be more than zero.")
        return amount, problem

    def _share(self) -> tuple[Decimal | None, str]:
        text = self.percent_edit.text().strip().rstrip("%").strip()
        if not text:
            return None, _("Say what share of each dues payment goes to the fund.")
        try:
            share = babel.numbers.parse_decimal(text, locale=self.context.formatter.locale,
                                                strict=True)
        except babel.numbers.NumberFormatError:
            return None, _("\u201c{text}\u201d is not a percentage.").format(text=text)
        if not Decimal(0) < share <= Decimal(100) or share != share.quantize(Decimal("0.01")):
            return None, _("A percentage above 0 and at most 100, to two decimals at most.")
        return share, ""

    def policy(self) -> FundPolicy:
        """The claim policy as filled in (limits with a problem count as none)."""
        return FundPolicy(waiting_months=self.waiting_spin.value(),
                          max_per_claim=self.per_claim.value()[0],
                          max_per_member_year=self.per_year.value()[0],
                          max_months=self.duration.value(), floor=self.floor.value()[0],
                          balance_cap_months=self.cap.value())

    # -- checking -------------------------------------------------------------------------

    def _touch(self, field: QWidget) -> None:
        self._touched.add(field)
        self.validate()

    def _follow_kind(self) -> None:
        fixed = self.kind() is ContributionKind.FIXED
        self.amount_edit.setEnabled(fixed)
        self.percent_edit.setEnabled(not fixed)
        self.validate()

    def _code_problem(self) -> str:
        if self.fund is not None:
            return ""
        code = self.code_edit.text().strip().upper()
        if not code:
            return _("A fund needs a short code, such as SICK.")
        if not all(c.isalnum() or c in "-_" for c in code):
            return _("Letters, digits, - and _ only.")
        if code in self._taken:
            return _("There is already a fund {code}.").format(code=code)
        return ""

    def problems(self) -> dict[FieldError, str]:
        """What must change before the fund can be written, by the line that shows it."""
        found: dict[FieldError, str] = {}
        if problem := self._code_problem():
            found[self.code_error] = problem
        if not self.name_edit.text().strip():
            found[self.name_error] = _("A fund needs a name.")
        contribution_problem = (self._contribution()[1] if self.kind() is ContributionKind.FIXED
                                else self._share()[1])
        if contribution_problem:
            found[self.contribution_error] = contribution_problem
        for limit, error in ((self.per_claim, self.per_claim_error),
                             (self.per_year, self.per_year_error), (self.floor, self.floor_error)):
            if problem := limit.value()[1]:
                found[error] = problem
        return found

    def validate(self) -> bool:
        """Show the problems of the fields the user has typed in; OK only when there are none."""
        found = self.problems()
        shown = {self.code_error: self.code_edit, self.name_error: self.name_edit,
                 self.per_claim_error: self.per_claim, self.per_year_error: self.per_year,
                 self.floor_error: self.floor}
        for error, field in shown.items():
            error.say(found.get(error, "") if field in self._touched else "")
        contribution_field = (self.amount_edit if self.kind() is ContributionKind.FIXED
                              else self.percent_edit)
        self.contribution_error.say(found.get(self.contribution_error, "")
                                    if contribution_field in self._touched else "")
        for line in (self.classes_error, self.form_error):
            line.say("")
        self.ok_button.setEnabled(not found and self.context.writable)
        return not found

    # -- writing --------------------------------------------------------------------------

    def accept(self) -> None:
        self._touched.update((self.code_edit, self.name_edit, self.amount_edit, self.percent_edit,
                              self.per_claim, self.per_year, self.floor))
        if not self.validate():
            return
        fixed = self.kind() is ContributionKind.FIXED
        contribution = self._contribution()[0] if fixed else None
        share = None if fixed else self._share()[0]
        try:
            if self.fund is None:
                code = self.code_edit.text().strip().upper()
                self.changes = self.context.host.run(add_fund, FundDraft(
                    code, self.name_edit.text().strip(), self.kind(), self.start_edit.value(),
                    contribution=contribution, share_percent=share, classes=self.classes(),
                    policy=self.policy(), notes=self.notes_edit.text().strip()))
                self.code = code
            else:
                self.changes = self.context.host.run(
                    update_fund, self.fund.code, name=self.name_edit.text().strip(),
                    policy=self.policy(), classes=self.classes(), contribution=contribution,
                    share_percent=share, notes=self.notes_edit.text().strip())
        except ValidationError as exc:
            self._show_core_problems(exc.problems)
            return
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()

    def _show_core_problems(self, problems: Sequence[str]) -> None:
        # The durations are bounded by their spin boxes: their problems (and any other) go
        # whole, field name and all, under the form.
        lines = {"code": self.code_error, "name": self.name_error,
                 "contribution": self.contribution_error, "share": self.contribution_error,
                 "classes": self.classes_error, "maximum per claim": self.per_claim_error,
                 "maximum per member a year": self.per_year_error, "floor": self.floor_error}
        route_problems(problems, lines, self.form_error)
        self.ok_button.setEnabled(True)  # fixed or not, the user may try again
