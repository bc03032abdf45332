"""The new-book wizard's last page: everything chosen, for a last look before the book is made."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget, QWizardPage

from coopdesk.book_setup import PlanDraft
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.settings import BookSettings
from coopdesk_ui.settings_choices import address_text, currency_label, locale_label, month_choices
from coopdesk_ui.settings_plan_form import FREQUENCY_LABELS


class SummaryPage(QWizardPage):
    """Shows the choices; Finish (validatePage) is where the wizard creates the book."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Ready to create the book"))
        self.setSubTitle(_("Check what you chose. Everything but the currency can be changed "
                           "later in Edit \N{RIGHTWARDS ARROW} Settings."))
        self.values: dict[str, QLabel] = {}
        # A grid rather than a form: labels stay level with the first line of a long value.
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(8)
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        for row, (key, label) in enumerate( (("name", _("Co-op:")), ("address", _("Address:")),
                           ("contact", _("Contact:")), ("locale", _("Language and region:")),
                           ("currency", _("Currency:")), ("year", _("Fiscal year starts in:")),
                           ("plan", _("First dues plan:")), ("path", _("File:")))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            grid.addWidget(QLabel(label), row, 0, top)
            value.setAlignment(top)
            grid.addWidget(value, row, 1)
        grid.setRowStretch(len(self.values), 1)

    def show_choices(self, settings: BookSettings, plan: PlanDraft | None, path: Path) -> None:
        """Fill the page with what the wizard will create."""
        months = dict((month, name) for name, month in month_choices())
        none = _("(not given)")
        contact = "\n".join(part for part in (settings.email, settings.phone) if part)
        texts = {
            "name": settings.name,
            "address": address_text(settings.address) or none,
            "contact": contact or none,
            "locale": locale_label(settings.locale),
            "currency": currency_label(settings.currency),
            "year": months[settings.fiscal_year_start],
            "plan": _plan_text(plan, Formatter(settings.locale)),
            "path": str(path),
        }
        for key, text in texts.items():
            self.values[key].setText(text)


def _plan_text(plan: PlanDraft | None, formatter: Formatter) -> str:
    if plan is None:
        return _("None for now")
    return _("{name}: {amount}, {frequency}").format(
        name=plan.name, amount=formatter.money(plan.amount),
        frequency=_(FREQUENCY_LABELS[plan.frequency]).lower())
