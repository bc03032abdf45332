"""A simple dues plan to add: its name, amount per period and how often it falls due.

The amount is read in the book's locale (or the one just chosen in the wizard). Plans made
here have fixed periods on the fiscal year; the Dues screen offers rolling periods, rollover
days and proration.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from coopdesk.book_setup import PlanDraft
from coopdesk.dues.schedule import Frequency
from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.money import Money
from coopdesk_ui.forms.plan_fields import plan_name_problem, read_plan_amount
from coopdesk_ui.widgets.field_error import FieldNote, with_note

FREQUENCY_LABELS = {
    Frequency.YEARLY: N_("Every year"),
    Frequency.QUARTERLY: N_("Every quarter"),
    Frequency.MONTHLY: N_("Every month"),
}


class PlanForm(QWidget):
    """Name, amount and frequency of one plan; `changed` on every edit."""

    changed = Signal()

    def __init__(self, formatter: Formatter, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._currency = currency
        self._taken: set[str] = set()
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(80)
        self.name_edit.setPlaceholderText(_("e.g. Annual dues"))
        self.amount_edit = QLineEdit()
        self.amount_edit.setMaxLength(30)
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_edit.setMaximumWidth(self.amount_edit.fontMetrics().horizontalAdvance("0") * 18)
        self.currency_label = QLabel(currency)
        self.frequency_combo = QComboBox()
        for frequency, label in FREQUENCY_LABELS.items():
            self.frequency_combo.addItem(_(label), frequency)
        self.name_note, self.amount_note = FieldNote(), FieldNote()
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("&Plan name:"), with_note(self.name_edit, self.name_note))
        form.addRow(_("&Amount:"), with_note(self._amount_cell(), self.amount_note))
        form.addRow(_("Fre&quency:"), self.frequency_combo)
        self.frequency_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for edit, note in ((self.name_edit, self.name_note), (self.amount_edit, self.amount_note)):
            edit.textChanged.connect(self._check)
            edit.textChanged.connect(self.changed)  # relayed by Qt: see ProfileForm._line
            edit.editingFinished.connect(note.touch)
        self.frequency_combo.currentIndexChanged.connect(self.changed)
        self._show_placeholder()
        self._check()

    def set_money(self, formatter: Formatter, currency: str) -> None:
        """Read amounts as `formatter`'s locale writes them, in `currency` (the caller asks
        `is_valid` again: this emits no `changed`)."""
        self._formatter, self._currency = formatter, currency
        self._show_placeholder()
        self._check()

    def set_taken_names(self, names: set[str]) -> None:
        """Names of the plans the book already has (a name may be used once)."""
        self._taken = set(names)
        self._check()

    def amount(self) -> Money | None:
        """The amount typed, or None when it is not one."""
        return read_plan_amount(self.amount_edit.text(), self._formatter, self._currency)[0]

    def draft(self) -> PlanDraft | None:
        """The plan as filled in, or None while a field is wrong."""
        amount = self.amount()
        if amount is None or not self.is_valid():
            return None
        return PlanDraft(self.name_edit.text().strip(), amount,
                         Frequency(self.frequency_combo.currentData()))

    def is_valid(self) -> bool:
        return not (self.name_note.problem or self.amount_note.problem)

    def has_input(self) -> bool:
        """Whether anything was typed (that OK must not silently drop)."""
        return bool(self.name_edit.text().strip() or self.amount_edit.text().strip())

    def touch(self) -> None:
        """Show every field's problem now (the user asked to go on)."""
        self.name_note.touch()
        self.amount_note.touch()

    def clear(self) -> None:
        """Empty the fields for the next plan (the notes wait until they are left again)."""
        self.name_edit.clear()
        self.amount_edit.clear()
        self.name_note.reset()
        self.amount_note.reset()

    def set_editable(self, editable: bool) -> None:
        self.name_edit.setReadOnly(not editable)
        self.amount_edit.setReadOnly(not editable)
        self.frequency_combo.setEnabled(editable)

    def _amount_cell(self) -> QWidget:
        cell = QWidget()
        cell.setFocusProxy(self.amount_edit)
        row = QHBoxLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount_edit)
        row.addWidget(self.currency_label)
        row.addStretch(1)
        return cell

    def _show_placeholder(self) -> None:
        self.currency_label.setText(self._currency)
        example = self._formatter.money(Money("60", self._currency))
        self.amount_edit.setPlaceholderText(_("e.g. {amount}").format(amount=example))

    def _check(self) -> None:
        self.name_note.set_problem(plan_name_problem(self.name_edit.text(), self._taken))
        self.amount_note.set_problem(
            read_plan_amount(self.amount_edit.text(), self._formatter, self._currency)[1])

