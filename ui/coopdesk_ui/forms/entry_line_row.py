"""One line of the journal entry form: account, member, debit, credit, and what is wrong with it.

The account is chosen from the chart by typing its code or part of its name; the member field
is open only for accounts that keep a member sub-ledger and finds members the same way. Amounts
are read in the book's locale (`Formatter.parse_money`). The line checks only what is typed
(an amount that is not one, a debit and a credit on one line); the entry's own rules are the
core's, checked by the form.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from coopdesk.formatting import Formatter, ParseError
from coopdesk.i18n import _
from coopdesk.ledger.entry_choices import AccountChoice, MemberChoice
from coopdesk.money import Money
from coopdesk_ui.models.journal_postings_model import who
from coopdesk_ui.widgets.field_error import FieldError

#: Widths shared by the header, every line and the totals, so their columns line up.
NUMBER_WIDTH = 28
AMOUNT_WIDTH = 120
REMOVE_WIDTH = 28
ACCOUNT_STRETCH, MEMBER_STRETCH = 3, 2


def account_text(account: AccountChoice) -> str:
    return f"{account.code}  {account.name}"


def columns_row(number: QWidget, account: QWidget, member: QWidget, debit: QWidget,
                credit: QWidget, remove: QWidget) -> QHBoxLayout:
    """Lay six widgets out in the form's columns (header, lines and totals alike)."""
    number.setFixedWidth(NUMBER_WIDTH)
    debit.setFixedWidth(AMOUNT_WIDTH)
    credit.setFixedWidth(AMOUNT_WIDTH)
    remove.setFixedWidth(REMOVE_WIDTH)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(number)
    row.addWidget(account, ACCOUNT_STRETCH)
    row.addWidget(member, MEMBER_STRETCH)
    row.addWidget(debit)
    row.addWidget(credit)
    row.addWidget(remove)
    return row


class _Finder:
    """Resolves what was typed in a field with a completer to one of its items."""

    def __init__(self, texts: dict[str, str]) -> None:
        #: shown text -> key; keys are matched on their own too ("1010", "M0012").
        self.texts = texts

    def find(self, typed: str) -> tuple[str | None, bool]:
        """(key, ambiguous): the item `typed` names, or whether it names several."""
        typed = typed.strip()
        if not typed:
            return None, False
        if typed in self.texts:
            return self.texts[typed], False
        folded = typed.casefold()
        for key in self.texts.values():
            if key.casefold() == folded:
                return key, False
        found = {key for text, key in self.texts.items() if folded in text.casefold()}
        if len(found) == 1:
            return found.pop(), False
        return None, len(found) > 1


def _completer(texts: list[str], parent: QWidget) -> QCompleter:
    completer = QCompleter(texts, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return completer


class EntryLineRow(QWidget):
    """The widgets of one line; `changed` whenever any of them is edited."""

    changed = Signal()
    remove_requested = Signal(object)  # this row

    def __init__(self, accounts: tuple[AccountChoice, ...], members: tuple[MemberChoice, ...],
                 formatter: Formatter, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = {account.code: account for account in accounts}
        self._members = {member.number: member for member in members}
        self._formatter = formatter
        self._currency = currency
        self._account_finder = _Finder({account_text(a): a.code for a in accounts})
        self._member_finder = _Finder({who(m.number, m.name): m.number for m in members})

        self.number_label = QLabel()
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.account_combo = QComboBox()
        self.account_combo.setEditable(True)
        self.account_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.account_combo.addItem("", None)
        for account in accounts:
            self.account_combo.addItem(account_text(account), account.code)
        self._account_completer = _completer(list(self._account_finder.texts), self)
        self.account_combo.setCompleter(self._account_completer)
        account_edit = self.account_combo.lineEdit()
        assert account_edit is not None  # the combo is editable
        account_edit.setPlaceholderText(_("Code or name"))
        self.member_edit = QLineEdit()
        self._member_completer = _completer(list(self._member_finder.texts), self)
        self.member_edit.setCompleter(self._member_completer)
        self.debit_edit = QLineEdit()
        self.credit_edit = QLineEdit()
        for edit in (self.debit_edit, self.credit_edit):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.remove_button = QToolButton()
        self.remove_button.setText("\N{MULTIPLICATION SIGN}")
        self.remove_button.setToolTip(_("Remove this line"))
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # tabbing skips it
        self.problem_label = FieldError()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(columns_row(self.number_label, self.account_combo, self.member_edit,
                                     self.debit_edit, self.credit_edit, self.remove_button))
        problem_row = QHBoxLayout()
        problem_row.addSpacing(NUMBER_WIDTH + 6)
        problem_row.addWidget(self.problem_label, 1)
        layout.addLayout(problem_row)

        self.account_combo.editTextChanged.connect(self._on_account_typed)
        # Expand a typed code or number to its full text once the cursor leaves the field. The
        # application's focus change is followed rather than the combo's focus-out, which Qt
        # does not send when focus leaves while a completer's popup is up.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        for edit in (self.member_edit, self.debit_edit, self.credit_edit):
            edit.textChanged.connect(self.changed)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self._follow_account()

    # -- what the line holds -----------------------------------------------------------

    def set_number(self, number: int) -> None:
        self.number_label.setText(f"{number}.")

    def is_blank(self) -> bool:
        """Nothing typed on this line: the form leaves it out."""
        return not (self.account_combo.currentText().strip() or self.member_edit.text().strip()
                    or self.debit_edit.text().strip() or self.credit_edit.text().strip())

    def account(self) -> AccountChoice | None:
        """The account chosen, if the text names exactly one."""
        code, _ambiguous = self._account_finder.find(self.account_combo.currentText())
        return self._accounts.get(code) if code is not None else None

    def member(self) -> MemberChoice | None:
        """The member named, if the account takes one and the text names exactly one."""
        if not self.member_edit.isEnabled():
            return None
        number, _ambiguous = self._member_finder.find(self.member_edit.text())
        return self._members.get(number) if number is not None else None

    def amount(self) -> Money | None:
        """The amount of the line, positive for a debit; None if it is missing or wrong."""
        debit, credit = self._money(self.debit_edit), self._money(self.credit_edit)
        if isinstance(debit, str) or isinstance(credit, str):
            return None
        if debit is not None and credit is None:
            return debit
        if credit is not None and debit is None:
            return -credit
        return None

    def debit(self) -> Money | None:
        value = self._money(self.debit_edit)
        return value if isinstance(value, Money) else None

    def credit(self) -> Money | None:
        value = self._money(self.credit_edit)
        return value if isinstance(value, Money) else None

    def typing_problems(self) -> list[str]:
        """What is wrong with what was typed on this line (not the entry's rules)."""
        problems: list[str] = []
        account_typed = self.account_combo.currentText().strip()
        code, ambiguous = self._account_finder.find(account_typed)
        if not account_typed:
            problems.append(_("choose an account"))
        elif code is None:
            problems.append(_("several accounts match “{text}”; choose one from the list")
                            .format(text=account_typed) if ambiguous else
                            _("no account matches “{text}”").format(text=account_typed))
        member_typed = self.member_edit.text().strip()
        if self.member_edit.isEnabled() and member_typed:
            number, ambiguous = self._member_finder.find(member_typed)
            if number is None:
                problems.append(_("several members match “{text}”; choose one from the list")
                                .format(text=member_typed) if ambiguous else
                                _("no member matches “{text}”").format(text=member_typed))
        debit, credit = self._money(self.debit_edit), self._money(self.credit_edit)
        for value in (debit, credit):
            if isinstance(value, str):
                problems.append(value)
        if debit is None and credit is None:
            problems.append(_("type the amount as a debit or a credit"))
        elif isinstance(debit, Money) and isinstance(credit, Money):
            problems.append(_("a line takes a debit or a credit, not both"))
        return problems

    def show_problems(self, problems: list[str]) -> None:
        """Say what is wrong under the line (nothing: hide the note)."""
        self.problem_label.say("; ".join(problems))

    def first_field(self) -> QWidget:
        return self.account_combo

    def focus_widgets(self) -> list[QWidget]:
        """The line's fields in tab order."""
        return [self.account_combo, self.member_edit, self.debit_edit, self.credit_edit]

    # -- reacting ------------------------------------------------------------------------

    def _money(self, edit: QLineEdit) -> Money | str | None:
        """The amount typed in `edit`, None when empty, or the reason it is not one."""
        text = edit.text().strip()
        if not text:
            return None
        try:
            amount = self._formatter.parse_money(text, self._currency)
        except ParseError as exc:
            return exc.message
        if amount.is_negative:
            return _("type {amount} without a minus sign, in the other column").format(
                amount=self._formatter.money(-amount, with_symbol=False))
        return amount

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self.account_combo):  # the form is being taken down
            return
        if new is None:
            return
        account = (self.account_combo, self.account_combo.lineEdit(),
                   self._account_completer.popup())
        member = (self.member_edit, self._member_completer.popup())
        # After the completer's popup has had its say about the text (hence the delay).
        if old in account and new not in account:
            QTimer.singleShot(0, self._complete_account)
        elif old in member and new not in member:
            QTimer.singleShot(0, self._complete_member)

    def _complete_account(self) -> None:
        """Show the account found in full ("1010" becomes "1010  Bank account")."""
        account = self.account()
        if account is not None and self.account_combo.currentText() != account_text(account):
            self.account_combo.setCurrentIndex(self.account_combo.findData(account.code))
            self.account_combo.setEditText(account_text(account))

    def _complete_member(self) -> None:
        member = self.member()
        if member is not None:
            self.member_edit.setText(who(member.number, member.name))

    def _on_account_typed(self) -> None:
        self._follow_account()
        self.changed.emit()

    def _follow_account(self) -> None:
        """Open the member field only where the account keeps a member sub-ledger."""
        account = self.account()
        takes_member = account is not None and account.member_ledger
        self.member_edit.setEnabled(takes_member)
        self.member_edit.setPlaceholderText(
            _("Member number or name") if takes_member else _("no member for this account"))
