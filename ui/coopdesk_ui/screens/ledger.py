"""The Ledger screen: the journal, an account's register and the trial balance, as tabs, with
the ledger's writing actions (new entry, reverse entry, close period) above them.

Only the tab on view is read: when the book changes, the others are marked stale and read when
they are next shown, so opening the ledger costs one page of the journal. (The trial balance
follows the book by itself, as the main window expects.) Writing actions are disabled on a
read-only book; every write goes through the core in one transaction, and this screen refreshes
from the change set like every other view.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.i18n import _
from coopdesk.ledger.entry_choices import entry_choices
from coopdesk.ledger.journal_page import JournalEntryRow
from coopdesk.ledger.service import closed_through, reverse_entry
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.entry_form import EntryForm
from coopdesk_ui.forms.period_close_dialog import PeriodCloseDialog
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.screens.ledger_dialogs import LedgerDialogs
from coopdesk_ui.screens.ledger_journal import JournalTab
from coopdesk_ui.screens.ledger_register import RegisterTab
from coopdesk_ui.screens.trial_balance import TrialBalanceScreen
from coopdesk_ui.targets import EntryTarget

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


class LedgerScreen(Screen):
    """The ledger's views of the book and its writing actions."""

    key = "ledger"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.journal = JournalTab(context)
        self.register = RegisterTab(context)
        self.trial_balance = TrialBalanceScreen(context.host, self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.journal, _("&Journal"))
        self.tabs.addTab(self.register, _("Account &register"))
        self.tabs.addTab(self.trial_balance, _("&Trial balance"))
        self._stale_tabs: set[QWidget] = set()
        self._closed_through: dt.date | None = None

        self.new_entry_button = QPushButton(_("&New entry") + ELLIPSIS)
        self.reverse_button = QPushButton(_("Re&verse entry") + ELLIPSIS)
        self.close_period_button = QPushButton(_("&Close period") + ELLIPSIS)
        self.closed_label = QLabel()
        self.closed_label.setEnabled(False)  # muted: a note

        actions = QHBoxLayout()
        actions.addWidget(self.new_entry_button)
        actions.addWidget(self.reverse_button)
        actions.addWidget(self.close_period_button)
        actions.addStretch(1)
        actions.addWidget(self.closed_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)

        self.new_entry_button.clicked.connect(self.new_entry)
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.close_period_button.clicked.connect(self.close_period)
        self.tabs.currentChanged.connect(self._on_tab)
        self.journal.entry_selected.connect(self._show_reversible)
        self.register.entry_requested.connect(self.show_entry)
        self._show_actions()

    @property
    def title(self) -> str:
        return _("Ledger")

    # -- Screen -------------------------------------------------------------------------

    def reload(self) -> None:
        self._closed_through = self.context.read(closed_through)
        self._stale_tabs = {self.journal, self.register}
        self._load_current_tab()
        self._show_actions()

    def refresh(self) -> None:
        """View > Refresh: the trial balance too, when it is the tab on view."""
        super().refresh()
        if self.isVisible() and self.tabs.currentWidget() is self.trial_balance:
            self.trial_balance.refresh()

    def clear(self) -> None:
        self._stale_tabs = set()
        self._closed_through = None
        self.journal.clear()
        self.register.clear()
        self._show_actions()

    def is_affected(self, changes: ChangeSet) -> bool:
        return bool(changes.entries or changes.accounts or "periods" in changes.areas)

    def show_target(self, target: object) -> None:
        if isinstance(target, EntryTarget):
            self.show_entry(target.entry_id)

    def start_search(self) -> None:
        self.tabs.setCurrentWidget(self.journal)
        self.journal.focus_search()

    # -- actions ------------------------------------------------------------------------

    def show_entry(self, entry_id: int) -> None:
        """The journal tab, with entry `entry_id` selected."""
        if self.context.host.book is None:
            return
        if self._stale:
            self._load()
        self.tabs.setCurrentWidget(self.journal)
        self.journal.show_entry(entry_id)

    def new_entry(self) -> None:
        """The manual entry form; the journal shows the entry once posted."""
        if not self.context.writable:
            return
        form = EntryForm(self.context, self.context.read(entry_choices), self)
        if LedgerDialogs.run_form(form) and form.posted_entry_id is not None:
            self.show_entry(form.posted_entry_id)

    def reverse_selected(self) -> None:
        """Reverse the entry selected in the journal, once the user confirms."""
        entry = self.journal.selected_entry()
        if entry is None or not self.context.writable or not entry.reversible:
            return
        formatter = self.context.formatter
        today = formatter.date(clock.today())
        question = _(
            "Reverse entry {number} ({memo}, {total})?\n\nA reversing entry dated {today} will "
            "post the opposite of each of its lines, so together they cancel out. The original "
            "stays in the journal, marked as reversed. An entry can be reversed only once."
        ).format(number=entry.entry_id, memo=entry.memo or _("no memo"),
                 total=formatter.money(entry.total), today=today)
        if not LedgerDialogs.confirm(self, question, _("Reverse entry")):
            return
        changes = self.context.write(reverse_entry, entry.entry_id)
        if changes is not None:
            self.show_entry(int(changes.result))

    def close_period(self) -> None:
        """The close-period dialog."""
        if not self.context.writable:
            return
        dialog = PeriodCloseDialog(self.context, self.context.read(closed_through), self)
        LedgerDialogs.run_form(dialog)

    # -- following the tabs and the book ----------------------------------------------------

    def _on_tab(self) -> None:
        self._load_current_tab()
        self._show_actions()

    def _load_current_tab(self) -> None:
        tab = self.tabs.currentWidget()
        if tab in self._stale_tabs and self.context.host.book is not None:
            self._stale_tabs.discard(tab)
            if tab is self.journal:
                self.journal.reload()
            elif tab is self.register:
                self.register.reload()

    def _show_reversible(self, _entry: object) -> None:
        self._show_actions()

    def _show_actions(self) -> None:
        writable = self.context.writable
        read_only_tip = _("The book is open for reading only")
        self.new_entry_button.setEnabled(writable)
        self.close_period_button.setEnabled(writable)
        entry: JournalEntryRow | None = (self.journal.selected_entry()
                                         if self.tabs.currentWidget() is self.journal else None)
        self.reverse_button.setEnabled(writable and entry is not None and entry.reversible)
        if not writable:
            tip = read_only_tip
        elif entry is None:
            tip = _("Select an entry in the journal to reverse it")
        elif entry.reversed_by is not None:
            tip = _("Entry {number} was reversed already, by entry {by}").format(
                number=entry.entry_id, by=entry.reversed_by)
        elif entry.reverses is not None:
            tip = _("Entry {number} is itself a reversal (of entry {of})").format(
                number=entry.entry_id, of=entry.reverses)
        else:
            tip = _("Post the opposite of entry {number}, cancelling it").format(
                number=entry.entry_id)
        self.reverse_button.setToolTip(tip)
        self.new_entry_button.setToolTip(
            _("Type a journal entry by hand") if writable else read_only_tip)
        self.close_period_button.setToolTip(
            _("Lock every date up to a day: no entry can be posted on or before it any more")
            if writable else read_only_tip)
        if self._closed_through is not None:
            self.closed_label.setText(_("Books closed through {date}").format(
                date=self.context.formatter.date(self._closed_through)))
        else:
            self.closed_label.setText("")
