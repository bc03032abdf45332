"""The allocation wizard's last page: post the draft on a day after the year's end.

Posting asks first, saying that a year is allocated once and cannot be posted again. Once
posted, the page says what was posted and offers "Pay the cash part…"; the wizard's Close
button then just closes. A year already allocated (another window posted it meanwhile) is
refused by the core and said here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget, QWizardPage

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.i18n import _
from coopdesk.patronage.run import AllocationPreview, PostedAllocation, RunTerms, post_allocation
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.patronage_cash_dialog import CashDialog
from coopdesk_ui.screens.patronage_dialogs import PatronageDialogs
from coopdesk_ui.screens.patronage_labels import year_text
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


class PostPage(QWizardPage):
    """Page 3: the posting date, "Post", then "Pay the cash part…"."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.terms: RunTerms | None = None
        self.preview: AllocationPreview | None = None
        self.posted: PostedAllocation | None = None
        self.changes: ChangeSet | None = None
        self.setTitle(_("Post the allocation"))
        self.date_edit = DateEdit(clock.today(), context.formatter.locale)
        self.date_error = FieldError()
        self.post_button = QPushButton(_("P&ost the allocation"))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.pay_button = QPushButton(_("Pay the &cash part") + ELLIPSIS)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        caption = QLabel(_("Post &on:"))
        caption.setBuddy(self.date_edit)
        form.addRow(caption, self.date_edit)
        layout = QVBoxLayout(self)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.date_error)
        layout.addWidget(self.post_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(12)
        layout.addWidget(self.result_label)
        layout.addWidget(self.pay_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.date_edit.dateChanged.connect(self._check_date)
        self.post_button.clicked.connect(self.post)
        self.pay_button.clicked.connect(self.pay_cash)

    def prepare(self, terms: RunTerms, preview: AllocationPreview) -> None:
        """Show the posting of `preview` (made from `terms`)."""
        self.terms, self.preview = terms, preview
        formatter = self.context.formatter
        after = preview.year_end + dt.timedelta(days=1)
        self.date_edit.set_value(max(clock.today(), after))
        shared = preview.result.allocated - preview.result.unallocated_pools
        self.explain.setText(_(
            "Posting writes an entry for each member ({allocated} in all: {cash} payable in cash, "
            "{retained} retained in capital accounts) and one for the reserve. The year "
            "{year} is then allocated for good: it cannot be posted a second time.").format(
            allocated=formatter.money(shared), cash=formatter.money(preview.result.cash),
            retained=formatter.money(preview.result.retained), year=year_text(preview.year_start)))
        self.result_label.clear()
        self.pay_button.hide()
        self._check_date()

    def _check_date(self) -> None:
        preview = self.preview
        problem = ""
        if preview is not None and self.date_edit.value() <= preview.year_end:
            problem = _("An allocation is posted after its year ends ({end}).").format(
                end=self.context.formatter.date(preview.year_end))
        self.date_error.say(problem)
        self.post_button.setEnabled(not problem and self.posted is None and preview is not None
                                    and not preview.already_posted and self.context.writable)

    def post(self) -> PostedAllocation | None:
        """Ask, then post the draft; what was posted, or None."""
        if self.terms is None or self.preview is None or self.posted is not None:
            return None
        year = year_text(self.preview.year_start)
        day = self.date_edit.value()
        if not PatronageDialogs.confirm(
                self, _("Post the allocation of {year} on {date}?").format(
                    year=year, date=self.context.formatter.date(day)),
                _("A year is allocated once: once posted, this allocation cannot be posted again "
                  "or changed. Corrections are made with entries in the ledger."),
                _("Post")):
            return None
        try:
            self.changes = self.context.host.run(post_allocation, self.terms, day)
        except ValidationError as exc:
            self.date_error.say("\n".join(p.partition(": ")[2] or p for p in exc.problems))
            return None
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return None
        self.posted = self.changes.result
        assert self.posted is not None
        formatter = self.context.formatter
        self.result_label.setText(_(
            "Posted: {members} members were allocated {allocated}; {cash} is to be paid in cash "
            "and {retained} was retained. The reserve received {reserve}.").format(
            members=self.posted.members, allocated=formatter.money(self.posted.allocated),
            cash=formatter.money(self.posted.cash), retained=formatter.money(self.posted.retained),
            reserve=formatter.money(self.posted.to_reserve)))
        self.pay_button.setVisible(self.posted.cash.is_positive)
        self._check_date()
        self.date_edit.setEnabled(False)
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None:  # nothing to go back to: the draft is in the books now
            back = wizard.button(wizard.WizardButton.BackButton)
            back.setEnabled(False)
        return self.posted

    def pay_cash(self) -> CashDialog | None:
        """Open the payment of the cash part just posted."""
        if self.preview is None or self.posted is None:
            return None
        dialog = CashDialog(self.context, self.preview.year_start, self.date_edit.value(), self)
        PatronageDialogs.run_form(dialog)
        return dialog
