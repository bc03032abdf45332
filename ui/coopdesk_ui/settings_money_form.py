"""How the book writes money and dates, and when its year begins.

Used by the new-book wizard and the settings dialog. Choosing a language and region proposes
its currency (until the user picks one), and a sample line shows how amounts and dates will
look. Once a book holds amounts its currency is only shown: they are stored in its minor units.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QVBoxLayout, QWidget

from coopdesk import clock
from coopdesk.i18n import _
from coopdesk.settings import BookSettings
from coopdesk_ui.settings_choices import (
    currency_choices,
    currency_label,
    default_currency,
    locale_choices,
    locale_sample,
    month_choices,
)
from coopdesk_ui.widgets.hint_label import hint_label


class MoneyForm(QWidget):
    """Locale, currency and fiscal year start; `changed` when any of them changes."""

    changed = Signal()

    def __init__(self, settings: BookSettings, *extra_locales: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locale_combo = QComboBox()
        # Sized by a length rather than by measuring fifty names, each shaped in its own script.
        self.locale_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.locale_combo.setMinimumContentsLength(28)
        for label, name in locale_choices(settings.locale, *extra_locales):
            self.locale_combo.addItem(label, name)
        self.currency_combo = QComboBox()
        for label, code in currency_choices(settings.currency, *map(default_currency, extra_locales)):
            self.currency_combo.addItem(label, code)
        self.year_start_combo = QComboBox()
        for name, month in month_choices():
            self.year_start_combo.addItem(name, month)
        self.sample = hint_label()
        self.currency_note = hint_label()
        self.currency_note.hide()
        #: Whether choosing a locale also chooses its currency (until the user picks one).
        self.currency_follows_locale = False

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Lan&guage and region:"), self.locale_combo)
        form.addRow("", self.sample)
        currency_cell = QWidget()
        currency_cell.setFocusProxy(self.currency_combo)
        column = QVBoxLayout(currency_cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.currency_combo)
        column.addWidget(self.currency_note)
        form.addRow(_("C&urrency:"), currency_cell)
        form.addRow(_("Fiscal &year starts in:"), self.year_start_combo)

        self.set_settings(settings)
        self.locale_combo.currentIndexChanged.connect(self._locale_chosen)
        self.currency_combo.currentIndexChanged.connect(self._show_sample)
        self.currency_combo.activated.connect(self._currency_picked)
        # Relayed by Qt, after the reactions above (see ProfileForm._line on why not emit()).
        for combo in (self.locale_combo, self.currency_combo, self.year_start_combo):
            combo.currentIndexChanged.connect(self.changed)

    # -- values -------------------------------------------------------------------------

    @property
    def locale_name(self) -> str:
        return str(self.locale_combo.currentData())

    @property
    def currency_code(self) -> str:
        return str(self.currency_combo.currentData())

    def set_settings(self, settings: BookSettings) -> None:
        """Show the money part of `settings`."""
        _select(self.locale_combo, settings.locale)
        _select(self.currency_combo, settings.currency)
        _select(self.year_start_combo, settings.fiscal_year_start)
        self._show_sample()

    def applied_to(self, settings: BookSettings) -> BookSettings:
        """`settings` with this form's locale, currency and fiscal year start."""
        return dataclasses.replace(settings, locale=self.locale_name, currency=self.currency_code,
                                   fiscal_year_start=int(self.year_start_combo.currentData()))

    def set_currency_locked(self, reason: str) -> None:
        """Show the currency without letting it change, saying why ("" lets it change)."""
        self.currency_combo.setEnabled(not reason)
        self.currency_note.setText(reason)
        self.currency_note.setVisible(bool(reason))

    def set_editable(self, editable: bool) -> None:
        for combo in (self.locale_combo, self.currency_combo, self.year_start_combo):
            combo.setEnabled(editable)

    # -- reacting -----------------------------------------------------------------------

    def _locale_chosen(self) -> None:
        if self.currency_follows_locale and self.currency_combo.isEnabled():
            code = default_currency(self.locale_name)
            if self.currency_combo.findData(code) < 0:
                self.currency_combo.addItem(currency_label(code), code)
            _select(self.currency_combo, code)
        self._show_sample()

    def _currency_picked(self) -> None:
        self.currency_follows_locale = False

    def _show_sample(self) -> None:
        money, date = locale_sample(self.locale_name, self.currency_code, clock.today())
        self.sample.setText(_("Amounts will look like {money}, dates like {date}.").format(
            money=money, date=date))


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
