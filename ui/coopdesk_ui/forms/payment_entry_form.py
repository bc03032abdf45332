"""Quick entry of a payment at the top of the Payments screen, from the keyboard alone.

Member (found by number or name), date (today unless changed), amount (as the book's locale
writes it), method, reference and memo; Enter records. What is wrong is said under the field and
nothing is recorded until it is fixed; the core checks again when recording. The payment is
recorded as an undoable `RecordPayment`, so Edit > Undo posts its reversal. The preview beside
the form follows every keystroke.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.dues.payment_actions import RecordPayment
from coopdesk.dues.queries import member_account, open_charges
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.amount_input import read_amount
from coopdesk_ui.forms.payment_preview_panel import PaymentPreviewPanel
from coopdesk_ui.models.payment_list_model import METHOD_LABELS, method_label
from coopdesk_ui.undo import perform
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError
from coopdesk_ui.widgets.member_finder import MemberFinder, MemberOption


class _QuickDateEdit(DateEdit):
    """A date field that Tab leaves at once (a QDateEdit tabs through day, month and year
    first); the arrow keys and typing still move between its parts."""

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt names the parameter `next`
        return QWidget.focusNextPrevChild(self, next)


class PaymentEntryForm(QWidget):
    """The quick entry form and, beside it, the preview of how the payment is applied."""

    #: A payment was recorded: the `RecordPayment` action (on the undo stack).
    recorded = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.member_edit = MemberFinder()
        self.date_edit = _QuickDateEdit(clock.today(), context.formatter.locale)
        self.amount_edit = QLineEdit()
        self.method_combo = QComboBox()
        for method in METHOD_LABELS:
            self.method_combo.addItem(method_label(method), method)
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(_("Cheque or receipt number, bank reference"))
        self.memo_edit = QLineEdit()
        self.memo_edit.setPlaceholderText(_("Optional note"))
        self.record_button = QPushButton(_("Re&cord payment"))
        self.record_button.setToolTip(_("Record the payment (Enter)"))
        # The lines keep their height while empty: the grid's rows stay evenly apart.
        self.member_error = FieldError(keep_height=True)
        self.amount_error = FieldError(keep_height=True)
        self.preview = PaymentPreviewPanel(context.formatter)
        self._lay_out()

        self.member_edit.member_changed.connect(self._on_member_changed)
        self.member_edit.editingFinished.connect(self._check_member)
        self.amount_edit.textChanged.connect(self._on_amount_typed)
        self.amount_edit.editingFinished.connect(self._check_amount)
        self.record_button.clicked.connect(self.record)
        for edit in (self.member_edit, self.amount_edit, self.reference_edit, self.memo_edit):
            edit.installEventFilter(self)
        self.set_formatter_from_book()

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.setVerticalSpacing(0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        def label(text: str, buddy: QWidget) -> QLabel:
            made = QLabel(text)
            made.setBuddy(buddy)
            return made

        grid.addWidget(label(_("&Member"), self.member_edit), 0, 0)
        grid.addWidget(self.member_edit, 0, 1, 1, 3)
        grid.addWidget(self.member_error, 1, 1, 1, 3)
        grid.addWidget(label(_("Da&te"), self.date_edit), 2, 0)
        grid.addWidget(self.date_edit, 2, 1)
        grid.addWidget(label(_("&Amount"), self.amount_edit), 2, 2)
        grid.addWidget(self.amount_edit, 2, 3)
        grid.addWidget(self.amount_error, 3, 1, 1, 3)
        grid.addWidget(label(_("Met&hod"), self.method_combo), 4, 0)
        grid.addWidget(self.method_combo, 4, 1)
        grid.addWidget(label(_("&Reference"), self.reference_edit), 4, 2)
        grid.addWidget(self.reference_edit, 4, 3)
        grid.setRowMinimumHeight(5, self.amount_error.minimumHeight())  # rows evenly apart
        grid.addWidget(label(_("Mem&o"), self.memo_edit), 6, 0)
        grid.addWidget(self.memo_edit, 6, 1, 1, 3)
        grid.setRowMinimumHeight(7, 8)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        grid.addLayout(buttons, 8, 0, 1, 4)
        fields = QGroupBox(_("Record a payment"))
        fields.setLayout(grid)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(fields, 3)
        row.addWidget(self.preview, 2)
        for first, second in ((self.member_edit, self.date_edit), (self.date_edit, self.amount_edit),
                              (self.amount_edit, self.method_combo),
                              (self.method_combo, self.reference_edit),
                              (self.reference_edit, self.memo_edit),
                              (self.memo_edit, self.record_button)):
            QWidget.setTabOrder(first, second)

    # -- what the screen tells the form --------------------------------------------------

    def set_members(self, members: Sequence[MemberOption]) -> None:
        """The members the field can find (the register was read again)."""
        self.member_edit.set_members(members)
        self.reload_member()

    def set_formatter_from_book(self) -> None:
        """Follow the book's locale: dates, the amount's example, the preview's amounts."""
        formatter = self.context.formatter
        self.date_edit.set_locale_name(formatter.locale)
        self.preview.set_formatter(formatter)
        example = formatter.money(Money("25", self.context.currency), with_symbol=False)
        self.amount_edit.setPlaceholderText(example)

    def set_writable(self, writable: bool) -> None:
        """Let the user record payments, or not (no book, or a read-only one)."""
        for widget in (self.member_edit, self.date_edit, self.amount_edit, self.method_combo,
                       self.reference_edit, self.memo_edit, self.record_button):
            widget.setEnabled(writable)

    def choose_member(self, number: str) -> None:
        """Fill in the member numbered `number` and put the cursor in the amount."""
        self.member_edit.choose(number)
        self.member_error.say("")
        self.amount_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload_member(self) -> None:
        """Read the found member's open charges and balance again (the book changed)."""
        self._on_member_changed(self.member_edit.member())

    def clear(self) -> None:
        """Empty the fields (the date and the method stay: payments come in batches)."""
        for edit in (self.member_edit, self.amount_edit, self.reference_edit, self.memo_edit):
            edit.setText("")  # unlike clear(), leaves nothing for the field's own Ctrl+Z
        self.member_error.say("")
        self.amount_error.say("")

    # -- recording ----------------------------------------------------------------------

    def record(self) -> ChangeSet | None:
        """Record the payment typed, if every field is right; else say what is wrong at the
        fields and put the cursor in the first one. None when nothing was recorded."""
        if not self.record_button.isEnabled():
            return None
        member = self.member_edit.member()
        amount, amount_problem = self._amount()
        self.member_error.say(self.member_edit.problem())
        self.amount_error.say(amount_problem)
        if member is None or amount is None:
            (self.member_edit if member is None else self.amount_edit).setFocus(
                Qt.FocusReason.OtherFocusReason)
            return None
        action = RecordPayment(
            member.number, self.date_edit.value(), amount, str(self.method_combo.currentData()),
            reference=self.reference_edit.text().strip(), memo=self.memo_edit.text().strip(),
            payer_number=member.payer_number, member_name=member.name,
            formatter=self.context.formatter)
        changes = perform(self.context, action)
        if changes is None:
            return None
        self.clear()
        self.member_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.recorded.emit(action)
        return changes

    def _amount(self) -> tuple[Money | None, str]:
        """The amount typed, or None and why it is not one."""
        amount, problem = read_amount(self.amount_edit.text(), self.context.formatter,
                                      self.context.currency, missing=_("Type the amount received."))
        if amount is not None and not amount.is_positive:
            return None, _("A payment must be more than zero.")
        return amount, problem

    # -- following the user ---------------------------------------------------------------

    def _on_member_changed(self, member: MemberOption | None) -> None:
        if member is None or self.context.host.book is None:
            self.preview.show_nothing()
            return
        self.member_error.say("")
        charges = self.context.read(open_charges, member.number)
        lines = self.context.read(member_account, member.number)
        balance = lines[-1].balance if lines else Money.zero(self.context.currency)
        self.preview.show_member(self._payer_text(member), balance, charges)

    def _payer_text(self, member: MemberOption) -> str:
        if member.payer_number is None:
            return _("Paid by {member} themselves.").format(member=member.name)
        payer = self.member_edit.find_member(member.payer_number)
        who = payer.text if payer is not None else member.payer_number
        return _("Paid by {payer}, who pays for their household.").format(payer=who)

    def _on_amount_typed(self) -> None:
        amount, _problem = self._amount()
        if amount is not None:
            self.amount_error.say("")  # fixed: say so at once; a new problem waits for Enter or Tab
        self.preview.show_amount(amount)

    def _check_amount(self) -> None:
        if self.amount_edit.text().strip():
            self.amount_error.say(self._amount()[1])

    def _check_member(self) -> None:
        if self.member_edit.text().strip():
            self.member_error.say(self.member_edit.problem())

    # -- keyboard -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Fields pass Enter on to their parent; here it records. (With the member list open,
        # Enter picks the member instead: the completer keeps that key.)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.record()
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A line edit takes Ctrl+Z for its own typing even when it has nothing to undo, which
        # would hide Edit > Undo (undo the payment just recorded) from a keyboard user.
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QLineEdit)
                and isinstance(event, QKeyEvent)):
            if event.matches(QKeySequence.StandardKey.Undo) and not watched.isUndoAvailable():
                return True
            if event.matches(QKeySequence.StandardKey.Redo) and not watched.isRedoAvailable():
                return True
        return super().eventFilter(watched, event)
