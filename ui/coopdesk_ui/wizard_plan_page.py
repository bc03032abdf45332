"""The new-book wizard's third page: the first dues plan, which may be left for later."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget, QWizardPage

from coopdesk.book_setup import PlanDraft
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk_ui.settings_plan_form import PlanForm


class PlanPage(QWizardPage):
    """Complete when the plan is filled in right, or when the user chose to skip it."""

    def __init__(self, locale: str, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("First dues plan"))
        self.setSubTitle(_("What members pay and how often. More plans, reduced rates and "
                           "waivers can be added later on the Dues screen."))
        self.wanted = QCheckBox(_("&Set up a dues plan now"))
        self.wanted.setChecked(True)
        self.form = PlanForm(Formatter(locale), currency)
        self.form.name_edit.setText(_("Annual dues"))
        self.wanted.toggled.connect(self._wanted_toggled)
        self.wanted.toggled.connect(self.completeChanged)
        self.form.changed.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.wanted)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def set_money(self, locale: str, currency: str) -> None:
        """Read the amount in the locale and currency chosen on the previous page."""
        self.form.set_money(Formatter(locale), currency)

    def draft(self) -> PlanDraft | None:
        """The plan to create, or None when skipped."""
        return self.form.draft() if self.wanted.isChecked() else None

    def isComplete(self) -> bool:
        return not self.wanted.isChecked() or self.form.draft() is not None

    def initializePage(self) -> None:
        target = self.form.amount_edit if self.wanted.isChecked() else self.wanted
        target.setFocus()

    def _wanted_toggled(self, wanted: bool) -> None:
        self.form.setEnabled(wanted)
