"""The new-book wizard: the co-op, money and language, a first dues plan, the file, a summary.

Nothing is written until Finish; then `coopdesk.new_book.create_new_book` makes the whole book
in one go (settings, address, plan) or, on any failure, leaves no file behind and the wizard
stays open on its last page with the reason shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget, QWizard

from coopdesk import paths
from coopdesk.book import Book
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.new_book import create_new_book
from coopdesk.settings import BookSettings
from coopdesk_ui.dialogs import Dialogs
from coopdesk_ui.opening import system_locale
from coopdesk_ui.settings_choices import default_currency
from coopdesk_ui.wizard_file_page import FilePage
from coopdesk_ui.wizard_money_page import MoneyPage
from coopdesk_ui.wizard_plan_page import PlanPage
from coopdesk_ui.wizard_profile_page import ProfilePage
from coopdesk_ui.wizard_summary_page import SummaryPage

WIZARD_SIZE = (640, 560)


class WizardDialogs:
    """The wizard's modal run, behind a classmethod that tests replace."""

    @classmethod
    def run(cls, wizard: QWizard) -> bool:
        """Show `wizard` until it is finished (True) or cancelled (False)."""
        return wizard.exec() == QDialog.DialogCode.Accepted


class NewBookWizard(QWizard):
    """Collects a new book's settings page by page; `book` is the created book once accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Create a new co-op book"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Create the boo&k"))
        self.resize(*WIZARD_SIZE)
        self.book: Book | None = None
        locale = system_locale()
        start = BookSettings(name="", currency=default_currency(locale), locale=locale,
                             fiscal_year_start=1)
        self.profile_page = ProfilePage(start)
        self.money_page = MoneyPage(start, locale)
        self.plan_page = PlanPage(locale, start.currency)
        self.file_page = FilePage()
        self.summary_page = SummaryPage()
        for page in (self.profile_page, self.money_page, self.plan_page, self.file_page,
                     self.summary_page):
            self.addPage(page)
        self._start = start

    def chosen_settings(self) -> BookSettings:
        """The settings as chosen so far."""
        return self.money_page.form.applied_to(self.profile_page.form.applied_to(self._start))

    def validateCurrentPage(self) -> bool:
        if self.currentPage() is self.summary_page:
            return self.create_book()
        return super().validateCurrentPage()

    def create_book(self) -> bool:
        """Make the book as chosen; False (after saying why) when it could not be made."""
        path = self.file_page.path()
        try:
            if path.parent == paths.data_folder():
                path.parent.mkdir(parents=True, exist_ok=True)
            self.book = create_new_book(path, self.chosen_settings(),
                                        [plan] if (plan := self.plan_page.draft()) else [])
        except CoopdeskError as exc:
            self._tell(exc.message)
            return False
        except OSError as exc:
            self._tell(exc.strerror or str(exc))
            return False
        return True

    def _tell(self, reason: str) -> None:
        reason = reason[:1].upper() + reason[1:]
        Dialogs.error(self, _("The book could not be created.") + "\n\n"
                      + reason)

    def initializePage(self, page_id: int) -> None:
        """Pass what earlier pages chose to the page Next is about to show."""
        page = self.page(page_id)
        settings = self.chosen_settings()
        if page is self.plan_page:
            self.plan_page.set_money(settings.locale, settings.currency)
        elif page is self.file_page:
            self.file_page.suggest(settings.name)
        elif page is self.summary_page:
            self.summary_page.show_choices(settings, self.plan_page.draft(), self.file_page.path())
        super().initializePage(page_id)


def create_book_with_wizard(parent: QWidget | None) -> Book | None:
    """Run the new-book wizard; the new book (open), or None if the user cancelled."""
    wizard = NewBookWizard(parent)
    try:
        return wizard.book if WizardDialogs.run(wizard) else None
    finally:
        wizard.deleteLater()
