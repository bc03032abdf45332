"""The allocation wizard's first page: the year and the board's terms.

The fiscal years that have patronage (those already allocated said so, and refused); the
surplus, from the ledger (shown) or entered; the part earned from non-members, an amount or a
percentage; the reserve and cash percentages (below 20 % cash, a warning: the notices would not
be qualified under US tax law); the minimum payout. The terms start as the last posted year's.
Each problem is said under its field and "Next" waits; "Next" then asks the core for the draft
(`preview_allocation`), whose own refusals ("pools: ...") are said here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from coopdesk.errors import ValidationError
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk.patronage.allocation import QUALIFIED_CASH_PERCENT
from coopdesk.patronage.queries import AllocationRow
from coopdesk.patronage.run import AllocationPreview, RunTerms, ledger_surplus, preview_allocation
from coopdesk.patronage.ui_queries import PatronageYear
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.amount_input import read_amount
from coopdesk_ui.screens.patronage_labels import plain_number, year_text
from coopdesk_ui.screens.patronage_pools_form import HUNDRED, parse_decimal
from coopdesk_ui.widgets.field_error import FieldError, route_problems, with_error
from coopdesk_ui.widgets.hint_label import hint_label

_WARNING_STYLE = "color: #8a5a00;"


class TermsPage(QWizardPage):
    """Page 1: the year and the terms; `preview` is the core's draft once "Next" is pressed."""

    def __init__(self, context: AppContext, years: Sequence[PatronageYear],
                 last: AllocationRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.preview: AllocationPreview | None = None
        self.terms: RunTerms | None = None
        self._years = {year.year_start: year for year in years}
        formatter, currency = context.formatter, context.currency
        self.setTitle(_("The year and the board's terms"))
        self.setSubTitle(_("Nothing is posted until the last page."))

        self.year_combo = QComboBox()
        for year in years:
            text = year_text(year.year_start)
            if year.allocated:
                text = _("{year} (already allocated)").format(year=text)
            self.year_combo.addItem(text, year.year_start.isoformat())  # findData cannot match dates
        # The newest year not yet allocated, the one a board usually meets about.
        for index, year in enumerate(years):
            if not year.allocated:
                self.year_combo.setCurrentIndex(index)
                break
        self.ledger_radio = QRadioButton()
        self.entered_radio = QRadioButton(_("&Entered:"))
        self.ledger_radio.setChecked(True)
        surplus_group = QButtonGroup(self)
        surplus_group.addButton(self.ledger_radio)
        surplus_group.addButton(self.entered_radio)
        self.surplus_edit = QLineEdit()
        self.surplus_edit.setFixedWidth(130)
        self.non_member_amount = QRadioButton(_("An a&mount:"))
        self.non_member_percent = QRadioButton(_("A percenta&ge:"))
        non_member_group = QButtonGroup(self)
        non_member_group.addButton(self.non_member_amount)
        non_member_group.addButton(self.non_member_percent)
        self.non_member_amount.setChecked(True)
        self.non_member_edit = QLineEdit()
        self.non_member_edit.setFixedWidth(130)
        self.non_member_edit.setPlaceholderText(formatter.money(Money.zero(currency),
                                                                with_symbol=False))
        self.reserve_edit = QLineEdit()
        self.cash_edit = QLineEdit()
        self.min_payout_edit = QLineEdit()
        for edit in (self.reserve_edit, self.cash_edit, self.min_payout_edit):
            edit.setFixedWidth(130)
        reserve, cash, minimum = ((last.reserve_percent, last.cash_percent, last.min_payout)
                                  if last is not None else
                                  (Decimal(0), QUALIFIED_CASH_PERCENT, Money.zero(currency)))
        self.reserve_edit.setText(formatter.number(plain_number(reserve)))
        self.cash_edit.setText(formatter.number(plain_number(cash)))
        self.min_payout_edit.setText(formatter.money(minimum, with_symbol=False))
        self.cash_warning = QLabel(_("Below 20 percent in cash, the notices are not qualified written "
                                     "notices of allocation under US tax law: members are taxed "
                                     "on the retained part only when it is paid out."))
        self.cash_warning.setWordWrap(True)
        self.cash_warning.setStyleSheet(_WARNING_STYLE)
        self.year_error, self.surplus_error, self.non_member_error = (
            FieldError(), FieldError(), FieldError())
        self.reserve_error, self.cash_error, self.min_payout_error = (
            FieldError(), FieldError(), FieldError())
        self.form_error = FieldError()
        self._lay_out()

        self.year_combo.currentIndexChanged.connect(self._follow_year)
        for radio in (self.ledger_radio, self.entered_radio, self.non_member_amount,
                      self.non_member_percent):
            radio.toggled.connect(self._changed)
        for edit in (self.surplus_edit, self.non_member_edit, self.reserve_edit, self.cash_edit,
                     self.min_payout_edit):
            edit.textChanged.connect(self._changed)
        self._follow_year()

    def _lay_out(self) -> None:
        surplus = QHBoxLayout()
        surplus.addWidget(self.ledger_radio)
        surplus.addSpacing(12)
        surplus.addWidget(self.entered_radio)
        surplus.addWidget(self.surplus_edit)
        surplus.addStretch(1)
        non_member = QHBoxLayout()
        non_member.addWidget(self.non_member_amount)
        non_member.addWidget(self.non_member_percent)
        non_member.addWidget(self.non_member_edit)
        non_member.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        rows = ((_("Fiscal &year:"), self.year_combo, self.year_combo, self.year_error),
                (_("&Surplus:"), surplus, self.ledger_radio, self.surplus_error),
                (_("Earned from &non-members:"), non_member, self.non_member_amount,
                 self.non_member_error),
                (_("&Reserve (%):"), self.reserve_edit, self.reserve_edit, self.reserve_error),
                (_("&Cash part (%):"), self.cash_edit, self.cash_edit, self.cash_error),
                (_("Minimum &payout:"), self.min_payout_edit, self.min_payout_edit,
                 self.min_payout_error))
        for text, field, buddy, error in rows:
            caption = QLabel(text)
            caption.setBuddy(buddy)
            form.addRow(caption, with_error(field, error))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.cash_warning)
        layout.addWidget(hint_label(_(
            "The non-member part and the reserve stay with the co-op. The rest is shared between "
            "the pools, and each pool between its members by patronage. Of each member's share "
            "the cash part is paid; the rest is retained in their capital account. A cash part "
            "below the minimum payout is retained instead.")))
        layout.addWidget(self.form_error)
        layout.addStretch(1)

    # -- what was chosen --------------------------------------------------------------------

    def year_start(self) -> dt.date | None:
        data = self.year_combo.currentData()
        return dt.date.fromisoformat(data) if isinstance(data, str) else None

    def choose_year(self, year_start: dt.date) -> bool:
        """Choose the year from `year_start`, if offered."""
        index = self.year_combo.findData(year_start.isoformat())
        if index >= 0:
            self.year_combo.setCurrentIndex(index)
        return index >= 0

    def _follow_year(self) -> None:
        start = self.year_start()
        book = self.context.host.book
        if start is not None and book is not None:
            end = dt.date(start.year + 1, start.month, 1) - dt.timedelta(days=1)
            surplus = self.context.read(ledger_surplus, start, end)
            self.ledger_radio.setText(_("From the &ledger: {amount}").format(
                amount=self.context.formatter.money(surplus)))
        else:
            self.ledger_radio.setText(_("From the &ledger"))
        self._changed()

    def _changed(self) -> None:
        self.surplus_edit.setEnabled(self.entered_radio.isChecked())
        self.preview = None
        self.validate()
        self.completeChanged.emit()

    def read_terms(self) -> tuple[RunTerms | None, dict[FieldError, str]]:
        """The terms as typed, or None and what is wrong, by the line that says it."""
        formatter, currency = self.context.formatter, self.context.currency
        found: dict[FieldError, str] = {}
        start = self.year_start()
        if start is None:
            found[self.year_error] = _("No year has patronage records yet: enter or import "
                                       "them first.")
        elif self._years[start].allocated:
            found[self.year_error] = _("This year is already allocated; a year is allocated once.")
        surplus = None
        if self.entered_radio.isChecked():
            surplus, problem = read_amount(self.surplus_edit.text(), formatter, currency,
                                           missing=_("Type the surplus to allocate."))
            if problem:
                found[self.surplus_error] = problem
            elif surplus is not None and not surplus.is_positive:
                found[self.surplus_error] = _("The surplus must be more than zero.")
        non_member: Money | None = None
        non_member_percent: Decimal | None = None
        text = self.non_member_edit.text().strip()
        if self.non_member_percent.isChecked():
            non_member_percent = parse_decimal(text, formatter) if text else Decimal(0)
            if non_member_percent is None or not 0 <= non_member_percent <= HUNDRED:
                found[self.non_member_error] = _("A percentage from 0 to 100.")
        elif text:
            non_member, problem = read_amount(text, formatter, currency, missing="")
            if problem:
                found[self.non_member_error] = problem
            elif non_member is not None and non_member.is_negative:
                found[self.non_member_error] = _("Zero or more.")
        percents: dict[FieldError, Decimal | None] = {}
        for edit, error in ((self.reserve_edit, self.reserve_error),
                            (self.cash_edit, self.cash_error)):
            value = parse_decimal(edit.text(), formatter)
            if value is None or not 0 <= value <= HUNDRED:
                found[error] = _("A percentage from 0 to 100.")
            percents[error] = value
        minimum, problem = read_amount(self.min_payout_edit.text() or "0", formatter, currency,
                                       missing="")
        if problem:
            found[self.min_payout_error] = problem
        elif minimum is not None and minimum.is_negative:
            found[self.min_payout_error] = _("Zero or more.")
        if found or start is None or minimum is None:
            return None, found
        reserve, cash = percents[self.reserve_error], percents[self.cash_error]
        assert reserve is not None and cash is not None
        return RunTerms(start, reserve, cash, minimum, surplus=surplus, non_member=non_member,
                        non_member_percent=non_member_percent), found

    def validate(self) -> bool:
        terms, found = self.read_terms()
        for error in (self.year_error, self.surplus_error, self.non_member_error,
                      self.reserve_error, self.cash_error, self.min_payout_error):
            error.say(found.get(error, ""))
        self.form_error.say("")
        cash = parse_decimal(self.cash_edit.text(), self.context.formatter)
        self.cash_warning.setVisible(cash is not None and cash < QUALIFIED_CASH_PERCENT)
        return terms is not None

    # -- QWizardPage ----------------------------------------------------------------------

    def isComplete(self) -> bool:
        return self.read_terms()[0] is not None

    def validatePage(self) -> bool:
        """Ask the core for the draft; stay (its problems said here) if it refuses."""
        terms, _found = self.read_terms()
        if terms is None:
            return False
        try:
            self.preview = self.context.read(preview_allocation, terms)
        except ValidationError as exc:
            route_problems(exc.problems, {
                "year": self.year_error, "surplus": self.surplus_error,
                "non-member part": self.non_member_error, "reserve": self.reserve_error,
                "cash": self.cash_error, "minimum payout": self.min_payout_error},
                self.form_error)
            return False
        self.terms = terms
        return True
