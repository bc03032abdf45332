"""A limit of a fund's claim policy that may also be "no limit": a check box turning the field
on, the field, and its unit ("at most [ 500.00 ] USD a payment").

The core keeps "no limit" as None; a treasurer reads it as an empty, disabled field saying
"no limit", and turns the limit on by ticking the box (which puts the cursor in the field).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk_ui.forms.amount_input import read_amount


class _Limit(QWidget):
    """The check box and unit around an editor; subclasses give the editor and its value."""

    #: The limit was turned on or off, or its value changed.
    changed = Signal()

    def __init__(self, check_text: str, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.unit = QLabel(unit)
        self.setFocusProxy(self.check)

    def _lay_out(self, editor: QWidget) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(editor)
        row.addWidget(self.unit)
        row.addStretch(1)
        self.check.toggled.connect(self._toggled)

    def is_limited(self) -> bool:
        return self.check.isChecked()

    def _toggled(self, on: bool) -> None:
        editor = self._editor()
        editor.setEnabled(on)
        if on and self.check.hasFocus():
            editor.setFocus()
        self.changed.emit()

    def _editor(self) -> QWidget:
        raise NotImplementedError


class MoneyLimit(_Limit):
    """A limit in money (maximum per claim, a year, the floor)."""

    def __init__(self, check_text: str, unit: str, formatter: Formatter, currency: str, *,
                 zero_allowed: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(check_text, unit, parent)
        self._formatter = formatter
        self._currency = currency
        self._zero_allowed = zero_allowed
        self.edit = QLineEdit()
        self.edit.setMaximumWidth(130)
        self.edit.setPlaceholderText(_("no limit"))
        self.edit.setEnabled(False)
        self._lay_out(self.edit)
        self.edit.textChanged.connect(self.changed)

    def _editor(self) -> QWidget:
        return self.edit

    def _toggled(self, on: bool) -> None:
        self.edit.setPlaceholderText("" if on else _("no limit"))
        super()._toggled(on)

    def set_limit(self, amount: Money | None) -> None:
        """Show `amount`, or no limit (None)."""
        self.check.setChecked(amount is not None)
        self.edit.setText("" if amount is None
                          else self._formatter.money(amount, with_symbol=False))

    def value(self) -> tuple[Money | None, str]:
        """The limit (None: no limit), or None and why the text is not one."""
        if not self.is_limited():
            return None, ""
        amount, problem = read_amount(self.edit.text(), self._formatter, self._currency,
                                      missing=_("Type the limit, or untick the box for none."))
        if amount is None:
            return None, problem
        if amount.is_negative or (amount.is_zero and not self._zero_allowed):
            return None, _("The limit must be more than zero.")
        return amount, ""


class MonthsLimit(_Limit):
    """A limit in months (maximum duration, balance cap)."""

    def __init__(self, check_text: str, unit: str, maximum: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(check_text, unit, parent)
        self.spin = QSpinBox()
        self.spin.setRange(1, maximum)
        self.spin.setEnabled(False)
        self._lay_out(self.spin)
        self.spin.valueChanged.connect(self.changed)

    def _editor(self) -> QWidget:
        return self.spin

    def set_limit(self, months: int | None, default: int = 12) -> None:
        """Show `months`, or no limit (None; the field keeps `default` ready)."""
        self.check.setChecked(months is not None)
        self.spin.setValue(months if months is not None else default)

    def value(self) -> int | None:
        return self.spin.value() if self.is_limited() else None
