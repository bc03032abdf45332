"""The redemption wizard: the board's amount, the plan it makes, then paying it out.

1. The amount to pay out of retained patronage (what members hold in all is shown).
2. The plan, as the core makes it (`preview_redemption`): the years paid in full, the year
   paid in part (pro rata to what each member holds of it), and every member's line.
3. The day and the method; "Pay out" asks first, then posts (`post_redemption`), which plans
   again as of that day: the plan shown is the one paid unless something changed meanwhile,
   and then the page shows the plan of that day before anything is posted.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk.patronage.redemption import RedemptionPlan, post_redemption, preview_redemption
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.amount_input import read_amount
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.capital_redemption_model import RedemptionModel
from coopdesk_ui.widgets.pay_fields import method_combo
from coopdesk_ui.screens.patronage_dialogs import PatronageDialogs
from coopdesk_ui.screens.patronage_labels import year_text
from coopdesk_ui.screens.patronage_tab import fit_columns
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError, with_error
from coopdesk_ui.widgets.records_table import records_table


def plan_text(plan: RedemptionPlan, context: AppContext) -> str:
    """What a plan does, in a sentence or two."""
    formatter = context.formatter
    parts = [_("{amount} of the {held} of retained patronage members hold is paid out.").format(
        amount=formatter.money(plan.total), held=formatter.money(plan.retained_before))]
    if plan.years_in_full:
        parts.append(_("Paid in full: {years}.").format(
            years=", ".join(year_text(start) for start in plan.years_in_full)))
    in_part = plan.year_in_part
    if in_part is not None:
        parts.append(_("Paid in part, pro rata to what each member holds of it: {year}.").format(
            year=year_text(in_part)))
    return " ".join(parts)


class AmountPage(QWizardPage):
    """Page 1: how much to pay out."""

    def __init__(self, context: AppContext, held: Money, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.held = held
        self.plan: RedemptionPlan | None = None
        self.setTitle(_("How much to pay out"))
        self.setSubTitle(_("Retained patronage is paid out oldest allocation year first. "
                           "Members hold {held} in all.").format(
            held=context.formatter.money(held)))
        self.amount_edit = QLineEdit()
        self.amount_edit.setFixedWidth(140)
        self.amount_error = FieldError()
        form = QFormLayout()
        caption = QLabel(_("&Amount:"))
        caption.setBuddy(self.amount_edit)
        form.addRow(caption, with_error(self.amount_edit, self.amount_error))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        self.amount_edit.textChanged.connect(self._changed)

    def amount(self) -> tuple[Money | None, str]:
        amount, problem = read_amount(self.amount_edit.text(), self.context.formatter,
                                      self.context.currency, missing=_("Type the amount."))
        if amount is None:
            return None, problem
        if not amount.is_positive:
            return None, _("The amount must be more than zero.")
        if amount > self.held:
            return None, _("Members hold {held} in all; no more can be paid out.").format(
                held=self.context.formatter.money(self.held))
        return amount, ""

    def _changed(self) -> None:
        amount, problem = self.amount()
        self.amount_error.say(problem if self.amount_edit.text().strip() else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.amount()[0] is not None

    def validatePage(self) -> bool:
        amount = self.amount()[0]
        if amount is None:
            return False
        try:
            self.plan = self.context.read(preview_redemption, amount, clock.today())
        except ValidationError as exc:
            self.amount_error.say("\n".join(p.partition(": ")[2] or p for p in exc.problems))
            return False
        return True


class PlanPage(QWizardPage):
    """Page 2 (and the table on page 3): the plan."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setTitle(_("The plan"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RedemptionModel(context.formatter, self)
        self.proxy = RawValueSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = records_table(self.proxy, 2, sortable=True)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_plan(self, plan: RedemptionPlan) -> None:
        self.summary.setText(plan_text(plan, self.context))
        self.model.set_rows(plan.lines)
        fit_columns(self.table, 2)


class PayPage(QWizardPage):
    """Page 3: the day and the method; the wizard's Finish ("Pay out") posts."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setTitle(_("Pay it out"))
        self.date_edit = DateEdit(clock.today(), context.formatter.locale)
        self.method_combo = method_combo()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.error = FieldError()
        form = QFormLayout()
        for text, field in ((_("Paid &on:"), self.date_edit), (_("Paid &from:"), self.method_combo)):
            caption = QLabel(text)
            caption.setBuddy(field)
            form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def day(self) -> dt.date:
        return self.date_edit.value()

    def method(self) -> str:
        return str(self.method_combo.currentData())


class RedeemWizard(QWizard):
    """Pays out retained patronage; `changes` is set once posted."""

    def __init__(self, context: AppContext, held: Money, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.changes: ChangeSet | None = None
        self.setWindowTitle(_("Redeem retained patronage"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.amount_page = AmountPage(context, held)
        self.plan_page = PlanPage(context)
        self.pay_page = PayPage(context)
        for page in (self.amount_page, self.plan_page, self.pay_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Pay out"))
        self.resize(820, 560)
        self.currentIdChanged.connect(self._entered)

    @property
    def plan(self) -> RedemptionPlan | None:
        return self.amount_page.plan

    def _entered(self, page_id: int) -> None:
        plan = self.amount_page.plan
        if self.page(page_id) is self.plan_page and plan is not None:
            self.plan_page.show_plan(plan)
        elif self.page(page_id) is self.pay_page and plan is not None:
            self.pay_page.note.setText(plan_text(plan, self.context))

    def accept(self) -> None:
        """"Pay out": ask, plan again as of the day chosen, post."""
        plan = self.amount_page.plan
        if plan is None or not self.context.writable:
            return
        day, formatter = self.pay_page.day(), self.context.formatter
        try:
            as_of_day = self.context.read(preview_redemption, plan.amount, day)
        except ValidationError as exc:
            self.pay_page.error.say("\n".join(p.partition(": ")[2] or p for p in exc.problems))
            return
        if as_of_day.lines != plan.lines:
            # What members hold on that day differs from today's: show that plan, then ask.
            self.amount_page.plan = as_of_day
            self.plan_page.show_plan(as_of_day)
            self.pay_page.note.setText(_("On that day members hold other amounts: ") +
                                       plan_text(as_of_day, self.context))
        if not PatronageDialogs.confirm(
                self, _("Pay out {amount} of retained patronage on {date}?").format(
                    amount=formatter.money(plan.amount), date=formatter.date(day)),
                _("An entry is posted for each of the {count} members paid; it cannot be "
                  "undone here.").format(count=len({line.member_number for line in as_of_day.lines})),
                _("Pay out")):
            return
        try:
            self.changes = self.context.host.run(post_redemption, plan.amount, day,
                                                 self.pay_page.method())
        except ValidationError as exc:
            self.pay_page.error.say("\n".join(p.partition(": ")[2] or p for p in exc.problems))
            return
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()
