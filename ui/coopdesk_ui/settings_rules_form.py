"""The book's rules: how many months of dues a member may owe and still be in good standing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QSizePolicy, QSpinBox, QWidget

from coopdesk.i18n import _, ngettext
from coopdesk.settings import MAX_GRACE_MONTHS
from coopdesk_ui.widgets.hint_label import hint_label


class RulesForm(QWidget):
    """The grace allowance, with what it means for a member's status."""

    changed = Signal()

    def __init__(self, grace_months: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grace_spin = QSpinBox()
        self.grace_spin.setRange(0, MAX_GRACE_MONTHS)
        self.grace_spin.valueChanged.connect(self._show_unit)
        self.grace_spin.setValue(grace_months)
        self._show_unit(grace_months)
        self.grace_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.grace_spin.valueChanged.connect(self.changed)
        form = QFormLayout(self)
        form.addRow(_("&Grace allowance:"), self.grace_spin)
        form.addRow("", hint_label(_(
            "A member who owes dues for up to this many months is \N{LEFT DOUBLE QUOTATION MARK}in "
            "grace\N{RIGHT DOUBLE QUOTATION MARK} and still in good standing; one who owes for "
            "longer has lapsed. With 0, any dues unpaid after they fall due lapse the member.")))

    @property
    def grace_months(self) -> int:
        return self.grace_spin.value()

    def _show_unit(self, months: int) -> None:
        self.grace_spin.setSuffix(" " + ngettext("month", "months", months))

    def set_editable(self, editable: bool) -> None:
        self.grace_spin.setReadOnly(not editable)
