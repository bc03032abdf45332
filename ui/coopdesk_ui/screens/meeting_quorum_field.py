"""The quorum as bylaws write it, in one field of the meeting form: a percentage of the eligible
voters, a number of members, or both, and then whether the greater or the lesser applies.

Each part has a check box, so a bylaw of "ten members" is one tick and one number; the choice
of greater or lesser is offered only when both parts are ticked, since it means nothing
otherwise. `rule()` gives the rule as typed, or what is wrong with it.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.meetings.quorum import Combine, QuorumRule
from coopdesk_ui.screens.patronage_pools_form import parse_decimal

#: The largest fixed quorum the field takes (no co-op of this app is larger).
MAX_NUMBER = 100_000


class QuorumField(QWidget):
    """Percentage and/or number, greater or lesser; `changed` on every edit."""

    changed = Signal()

    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self.percent_check = QCheckBox(_("&Percentage of the eligible voters:"))
        self.percent_edit = QLineEdit()
        self.percent_edit.setFixedWidth(70)
        self.percent_edit.setPlaceholderText(formatter.number(10))
        self.number_check = QCheckBox(_("N&umber of members:"))
        self.number_spin = QSpinBox()
        self.number_spin.setRange(1, MAX_NUMBER)
        self.number_spin.setFixedWidth(90)
        self.greater_radio = QRadioButton(_("whichever is &greater"))
        self.lesser_radio = QRadioButton(_("whichever is &lesser"))
        group = QButtonGroup(self)
        group.addButton(self.greater_radio)
        group.addButton(self.lesser_radio)
        self.greater_radio.setChecked(True)
        self.both_label = QLabel(_("When both:"))
        percent = QHBoxLayout()
        percent.addWidget(self.percent_check)
        percent.addWidget(self.percent_edit)
        percent.addWidget(QLabel("%"))
        percent.addStretch(1)
        number = QHBoxLayout()
        number.addWidget(self.number_check)
        number.addWidget(self.number_spin)
        number.addStretch(1)
        both = QHBoxLayout()
        both.addWidget(self.both_label)
        both.addWidget(self.greater_radio)
        both.addWidget(self.lesser_radio)
        both.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for row in (percent, number, both):
            layout.addLayout(row)
        self.setFocusProxy(self.percent_check)
        for check in (self.percent_check, self.number_check):
            check.toggled.connect(self._follow_checks)
        self.percent_edit.textEdited.connect(lambda _text: self.changed.emit())
        self.number_spin.valueChanged.connect(lambda _value: self.changed.emit())
        self.greater_radio.toggled.connect(lambda _on: self.changed.emit())
        self.set_rule(QuorumRule(percent=Decimal(10)))

    def set_rule(self, rule: QuorumRule) -> None:
        """Show `rule`."""
        self.percent_check.setChecked(rule.percent is not None)
        self.percent_edit.setText("" if rule.percent is None
                                  else self._formatter.number(rule.percent.normalize()))
        self.number_check.setChecked(rule.number is not None)
        self.number_spin.setValue(rule.number if rule.number is not None else 1)
        greater = rule.combine is Combine.GREATER
        (self.greater_radio if greater else self.lesser_radio).setChecked(True)
        self._follow_checks()

    def rule(self) -> tuple[QuorumRule | None, str]:
        """The rule as filled in, or None and what is wrong."""
        percent = number = None
        if self.percent_check.isChecked():
            percent = parse_decimal(self.percent_edit.text(), self._formatter)
            if percent is None:
                return None, _("Type the percentage, such as 10.")
            if not Decimal(0) < percent <= Decimal(100):
                return None, _("A percentage above 0 and at most 100.")
        if self.number_check.isChecked():
            number = self.number_spin.value()
        if percent is None and number is None:
            return None, _("Tick a percentage, a number of members, or both.")
        combine = Combine.GREATER if self.greater_radio.isChecked() else Combine.LESSER
        return QuorumRule(percent, number, combine), ""

    def _follow_checks(self) -> None:
        self.percent_edit.setEnabled(self.percent_check.isChecked())
        self.number_spin.setEnabled(self.number_check.isChecked())
        both = self.percent_check.isChecked() and self.number_check.isChecked()
        for widget in (self.both_label, self.greater_radio, self.lesser_radio):
            widget.setEnabled(both)
        self.changed.emit()
