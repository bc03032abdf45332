"""The "New plan" form: every term of a dues plan, checked at the field as it is typed.

A plan is never edited once members are charged under it (coopdesk.dues.plans), so this form
only adds plans. The terms that apply only to fixed periods (year start, rollover day,
proration) are disabled for rolling plans, and the year start for monthly ones, rather than
refused after the fact.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk.changes import ChangeSet
from coopdesk.dues.plans import add_plan
from coopdesk.dues.schedule import Frequency, PeriodBasis, Proration
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.plan_fields import plan_name_problem, read_plan_amount
from coopdesk_ui.models.code_labels import code_label
from coopdesk_ui.models.plan_model import (
    BASIS_LABELS,
    FREQUENCY_LABELS,
    PRORATION_LABELS,
    month_name,
)
from coopdesk_ui.widgets.field_error import FieldError, route_problems, with_error


class PlanForm(QDialog):
    """Adds one dues plan to the open book; `changes` holds the write's ChangeSet once accepted."""

    def __init__(self, context: AppContext, existing_names: Collection[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.setWindowTitle(_("New dues plan"))
        self.context = context
        self.changes: ChangeSet | None = None
        self._existing = tuple(existing_names)
        self._touched: set[QWidget] = set()
        currency = context.currency

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("e.g. Standard 2027"))
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(context.formatter.money(Money("12", currency),
                                                                    with_symbol=False))
        self.frequency_combo = QComboBox()
        for frequency in Frequency:
            self.frequency_combo.addItem(code_label(FREQUENCY_LABELS, frequency), frequency.value)
        self.basis_combo = QComboBox()
        for basis in PeriodBasis:
            self.basis_combo.addItem(code_label(BASIS_LABELS, basis), basis.value)
        self.year_start_combo = QComboBox()
        for month in range(1, 13):
            self.year_start_combo.addItem(month_name(context.formatter, month), month)
        book = context.host.book
        fiscal_start = book.settings.fiscal_year_start if book is not None else 1
        self.year_start_combo.setCurrentIndex(fiscal_start - 1)
        self.rollover_check = QCheckBox(_("Members joining after day"))
        self.rollover_spin = QSpinBox()
        self.rollover_spin.setRange(1, Frequency.MONTHLY.longest_days)
        self.rollover_spin.setValue(15)
        self.rollover_note = QLabel(_("of a period start paying with the next period"))
        self.proration_combo = QComboBox()
        for proration in Proration:
            self.proration_combo.addItem(code_label(PRORATION_LABELS, proration), proration.value)

        self.name_error = FieldError()
        self.amount_error = FieldError()
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Add plan"))
        self._lay_out(currency)

        self.name_edit.textEdited.connect(lambda: self._touch(self.name_edit))
        self.amount_edit.textEdited.connect(lambda: self._touch(self.amount_edit))
        for combo in (self.frequency_combo, self.basis_combo):
            combo.currentIndexChanged.connect(self._follow_terms)
        self.rollover_check.toggled.connect(self._follow_terms)
        self.rollover_spin.valueChanged.connect(self.validate)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._follow_terms()

    def _lay_out(self, currency: str) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount_edit, 1)
        amount_row.addWidget(QLabel(_("{currency} per period").format(currency=currency)))
        rollover_row = QHBoxLayout()
        rollover_row.addWidget(self.rollover_check)
        rollover_row.addWidget(self.rollover_spin)
        rollover_row.addWidget(self.rollover_note, 1)
        rows: list[tuple[str, QWidget, QWidget | QLayout]] = [
            (_("&Name:"), self.name_edit, with_error(self.name_edit, self.name_error)),
            (_("&Amount:"), self.amount_edit, with_error(amount_row, self.amount_error)),
            (_("&Frequency:"), self.frequency_combo, self.frequency_combo),
            (_("&Periods:"), self.basis_combo, self.basis_combo),
            (_("&Year starts in:"), self.year_start_combo, self.year_start_combo),
            (_("&Late joiners:"), self.rollover_check, rollover_row),
            (_("P&roration:"), self.proration_combo, self.proration_combo),
        ]
        for text, buddy, field in rows:
            caption = QLabel(text)
            caption.setBuddy(buddy)
            form.addRow(caption, field)
        self.proration_combo.setToolTip(_(
            "How a member who joins after a period has started pays for it: in full, or only "
            "for the months or days left"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

    # -- what the user chose --------------------------------------------------------------

    def frequency(self) -> Frequency:
        return Frequency(self.frequency_combo.currentData())

    def basis(self) -> PeriodBasis:
        return PeriodBasis(self.basis_combo.currentData())

    def proration(self) -> Proration:
        return Proration(self.proration_combo.currentData()) if self._fixed() else Proration.NONE

    def year_start(self) -> int:
        return int(self.year_start_combo.currentData())

    def rollover_day(self) -> int | None:
        if not self._fixed() or not self.rollover_check.isChecked():
            return None
        return self.rollover_spin.value()

    def _fixed(self) -> bool:
        return self.basis() is PeriodBasis.FIXED

    # -- checking -------------------------------------------------------------------------

    def _touch(self, field: QWidget) -> None:
        self._touched.add(field)
        self.validate()

    def _follow_terms(self) -> None:
        fixed = self._fixed()
        self.year_start_combo.setEnabled(fixed and self.frequency() is not Frequency.MONTHLY)
        self.rollover_check.setEnabled(fixed)
        self.rollover_spin.setEnabled(fixed and self.rollover_check.isChecked())
        self.rollover_note.setEnabled(fixed)
        self.proration_combo.setEnabled(fixed)
        self.rollover_spin.setMaximum(self.frequency().longest_days)
        self.validate()

    def _amount(self) -> tuple[Money | None, str]:
        return read_plan_amount(self.amount_edit.text(), self.context.formatter,
                                self.context.currency)

    def problems(self) -> dict[FieldError, str]:
        """What must change before the plan can be added, by the label that shows it."""
        found: dict[FieldError, str] = {}
        name_problem = plan_name_problem(self.name_edit.text(), self._existing)
        if name_problem:
            found[self.name_error] = name_problem
        _amount, amount_problem = self._amount()
        if amount_problem:
            found[self.amount_error] = amount_problem
        return found

    def validate(self) -> bool:
        """Show the problems of the fields the user has typed in; OK only when there are none."""
        found = self.problems()
        shown = {self.name_error: self.name_edit, self.amount_error: self.amount_edit}
        for error, field in shown.items():
            error.say(found.get(error, "") if field in self._touched else "")
        self.form_error.say("")
        self.ok_button.setEnabled(not found and self.context.writable)
        return not found

    # -- adding ---------------------------------------------------------------------------

    def accept(self) -> None:
        self._touched.update((self.name_edit, self.amount_edit))
        if not self.validate():
            return
        amount, _problem = self._amount()
        assert amount is not None
        try:
            self.changes = self.context.host.run(
                add_plan, self.name_edit.text().strip(), amount, self.frequency().value,
                self.basis().value, self.year_start(), self.rollover_day(), self.proration().value)
        except ValidationError as exc:
            route_problems(exc.problems, {"name": self.name_error, "amount": self.amount_error},
                           self.form_error)
            return
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()
