"""The allocation wizard: the year and terms, the draft, then posting (and paying the cash part).

Three pages (`patronage_terms_page`, `patronage_draft_page`, `patronage_post_page`); nothing is
written before the last page's "Post". The draft the board saw is the one posted: the terms
that made it are handed on, and `post_allocation` previews them again inside its transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget, QWizard

from coopdesk.i18n import _
from coopdesk.patronage.queries import AllocationRow
from coopdesk.patronage.run import AllocationPreview, PostedAllocation
from coopdesk.patronage.ui_queries import PatronageYear
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.patronage_draft_page import DraftPage
from coopdesk_ui.screens.patronage_post_page import PostPage
from coopdesk_ui.screens.patronage_terms_page import TermsPage


class AllocationWizard(QWizard):
    """Allocate a fiscal year's surplus; `posted` is set once the last page posted it."""

    def __init__(self, context: AppContext, years: Sequence[PatronageYear],
                 last: AllocationRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.setWindowTitle(_("Allocate a year's surplus"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.terms_page = TermsPage(context, years, last)
        self.draft_page = DraftPage(context)
        self.post_page = PostPage(context)
        for page in (self.terms_page, self.draft_page, self.post_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Close"))
        self.resize(980, 680)
        self.currentIdChanged.connect(self._entered)

    @property
    def preview(self) -> AllocationPreview | None:
        return self.terms_page.preview

    @property
    def posted(self) -> PostedAllocation | None:
        return self.post_page.posted

    def _entered(self, page_id: int) -> None:
        page = self.page(page_id)
        preview, terms = self.terms_page.preview, self.terms_page.terms
        if preview is None or terms is None:
            return
        if page is self.draft_page:
            self.draft_page.show_preview(preview)
        elif page is self.post_page and self.post_page.posted is None:
            self.post_page.prepare(terms, preview)

    def back(self) -> None:
        if self.post_page.posted is None:  # a posted draft is in the books: no going back
            super().back()
