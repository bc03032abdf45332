"""The Payments screen: quick entry of a payment on top, the payments received below.

Recording is an undoable core action (`RecordPayment`): Edit > Undo posts the payment's
reversal, and the screen says so when it happens (it recognises the action's result in the
ChangeSet every view is given). A payment recorded in error can also be reversed from the list;
a bank export is imported through a preview (`BankImportDialog`). Nothing here writes on a
read-only book.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.dues.payment_actions import PaymentRedone, PaymentUndone, RecordPayment, reversal_date
from coopdesk.dues.payment_list import PaymentRow, list_payments
from coopdesk.dues.payments import reverse_payment
from coopdesk.formatting import Formatter
from coopdesk.i18n import _, ngettext
from coopdesk.members.queries import list_members
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.bank_import_dialog import BankImportDialog
from coopdesk_ui.forms.payment_dialogs import PaymentDialogs
from coopdesk_ui.forms.payment_entry_form import PaymentEntryForm
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.screens.payments_list import PaymentListPanel
from coopdesk_ui.targets import MemberTarget
from coopdesk_ui.widgets.member_finder import member_options

_NOTE_STYLE = "color: palette(dark);"
_MESSAGE_MS = 10000


class PaymentsScreen(Screen):
    """Record payments from the keyboard, see and reverse them, import a bank export."""

    key = "payments"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._formatter: Formatter | None = None
        self._names: dict[str, str] = {}
        self.import_dialog: BankImportDialog | None = None
        self.form = PaymentEntryForm(context)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setStyleSheet(_NOTE_STYLE)
        self.list_panel = PaymentListPanel(context.formatter, clock.today())
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.feedback)
        layout.addWidget(self.list_panel, 1)

        self.form.recorded.connect(self._on_recorded)
        self.list_panel.range_changed.connect(self._reload_list)
        self.list_panel.reverse_requested.connect(self.reverse)
        self.list_panel.import_requested.connect(self.import_bank_csv)
        context.host.changed.connect(self._tell_undo_redo)
        self.clear()

    @property
    def title(self) -> str:
        return _("Payments")

    # -- Screen -------------------------------------------------------------------------

    def reload(self) -> None:
        self._follow_formatter()
        writable = self.context.writable
        members = self.context.read(list_members)
        self._names = {m.number: m.display_name for m in members}
        self.form.set_members(member_options(members))
        self.form.set_writable(writable)
        self.list_panel.set_writable(writable)
        read_only_note = _("This book is open for reading only: payments cannot be recorded, "
                           "reversed or imported.")
        if not writable:
            self.feedback.setText(read_only_note)
        elif self.feedback.text() == read_only_note:
            self.feedback.clear()
        self._reload_list()

    def clear(self) -> None:
        self._names = {}
        self.form.set_members([])
        self.form.clear()
        self.form.set_writable(False)
        self.list_panel.set_writable(False)
        self.list_panel.model.set_rows([], {})
        self.list_panel.count_label.clear()
        self.feedback.clear()

    def is_affected(self, changes: ChangeSet) -> bool:
        # Payments, reversals (also of a payment's entry from the ledger), and member names.
        return bool("dues" in changes.areas or changes.members or changes.entries)

    def show_target(self, target: object) -> None:
        """A MemberTarget (or a member number) fills in the member to record a payment for."""
        number = target.number if isinstance(target, MemberTarget) else target
        if isinstance(number, str):
            self.form.choose_member(number)

    def start_search(self) -> None:
        self.list_panel.filter_edit.setFocus()
        self.list_panel.filter_edit.selectAll()

    # -- the list -----------------------------------------------------------------------

    def _reload_list(self) -> None:
        if self.context.host.book is None:
            return
        start, end = self.list_panel.date_range()
        rows = self.context.read(list_payments, date_from=start, date_to=end)
        self.list_panel.set_rows(rows, self._names, self.context.currency, self.context.formatter)

    def _follow_formatter(self) -> None:
        formatter = self.context.formatter
        if formatter is not self._formatter:
            self._formatter = formatter
            self.form.set_formatter_from_book()
            self.list_panel.set_formatter(formatter)

    # -- writing ------------------------------------------------------------------------

    def _on_recorded(self, action: RecordPayment) -> None:
        self.list_panel.include(action.date)
        if action.payment_id is not None:
            self.list_panel.select(action.payment_id)
        self.tell(_("Recorded the {label}. Edit \N{RIGHTWARDS ARROW} Undo takes it back "
                    "by posting a reversal.").format(label=action.label))

    def reverse(self, row: PaymentRow) -> bool:
        """Reverse payment `row` after asking; True if it was reversed."""
        if row.reversed or not self.context.writable:
            return False
        formatter = self.context.formatter
        description = _("{amount} by {member} on {date}").format(
            amount=formatter.money(row.amount), member=row.member_name, date=formatter.date(row.date))
        if not PaymentDialogs.confirm_reverse(self, description):
            return False
        changes = self.context.write(reverse_payment, row.payment_id, reversal_date(row.date))
        if changes is None:
            return False
        self.list_panel.select(row.payment_id)
        self.tell(_("Reversed the payment of {payment}: the charges it paid are open again.").format(
            payment=description))
        return True

    def import_bank_csv(self) -> BankImportDialog | None:
        """Open the bank import (window-modal); the list follows once it is applied."""
        if not self.context.writable:
            return None
        dialog = BankImportDialog(self.context, self._names, self)
        dialog.finished.connect(self._import_finished)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _import_finished(self) -> None:
        dialog, self.import_dialog = self.import_dialog, None
        if dialog is None:
            return
        if dialog.outcome is not None:
            count = dialog.recorded_count()
            self.tell(ngettext("Imported {count} payment from the bank export.",
                               "Imported {count} payments from the bank export.",
                               count).format(count=count))
        dialog.deleteLater()

    # -- saying what happened ------------------------------------------------------------

    def _tell_undo_redo(self, changes: ChangeSet) -> None:
        result = changes.result
        if isinstance(result, PaymentUndone):
            self.tell(_("Undone: the {label}. A reversal was posted; the charges it paid are "
                        "open again.").format(label=result.label))
        elif isinstance(result, PaymentRedone):
            self.tell(_("Redone: the {label} is recorded again.").format(label=result.label))

    def tell(self, message: str) -> None:
        """Say what was done, under the form and in the window's status bar."""
        self.feedback.setText(message)
        window = self.context.window
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, _MESSAGE_MS)
