"""The new-book wizard's second page: language and region, currency, fiscal year start."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizardPage

from coopdesk.i18n import _
from coopdesk.settings import BookSettings
from coopdesk_ui.settings_money_form import MoneyForm


class MoneyPage(QWizardPage):
    """Always complete: every field is a choice from a list, preset from the computer."""

    def __init__(self, settings: BookSettings, system_locale: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Money and language"))
        self.setSubTitle(_("How amounts and dates are written, which currency the books are "
                           "kept in (it cannot change once money is recorded), and the month "
                           "the co-op's year begins."))
        self.form = MoneyForm(settings, system_locale)
        self.form.currency_follows_locale = True
        QVBoxLayout(self).addWidget(self.form)

    def initializePage(self) -> None:
        self.form.locale_combo.setFocus()
