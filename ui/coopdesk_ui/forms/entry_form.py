"""The "New entry" form: a manual journal entry typed line by line, posted in one transaction.

Date, memo, and lines of account, member (for member sub-ledger accounts), debit and credit,
with the running totals under the amount columns. OK (Enter) checks the entry with the core's
own rules (`coopdesk.ledger.rules.entry_problems`, the very list `post_entry` would refuse it
with), shows each problem under its line or under the lines, and refuses until they are fixed;
from then on the problems follow every keystroke. The entry is posted as an undoable
`PostEntry`, so Edit > Undo posts its reversal.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.i18n import _
from coopdesk.ids import EntryId
from coopdesk.ledger.entry_actions import PostEntry
from coopdesk.ledger.entry_choices import EntryChoices
from coopdesk.ledger.rules import entry_problems
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.entry_line_row import EntryLineRow, columns_row
from coopdesk_ui.undo import perform
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import ERROR_STYLE, FieldError

#: Lines a new entry starts with: the fewest an entry may have.
FIRST_LINES = 2
_LINE_PROBLEM = re.compile(r"line ([0-9]+): (.*)")
_MUTED_STYLE = "color: palette(placeholder-text);"
_BALANCED_STYLE = "color: #1b5e20;"


class EntryForm(QDialog):
    """Type a manual entry; accept() posts it (or says why not). `posted_entry_id` after."""

    def __init__(self, context: AppContext, choices: EntryChoices,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New journal entry"))
        self.context = context
        self.choices = choices
        self.posted_entry_id: EntryId | None = None
        self._accounts = tuple(a for a in choices.accounts if a.is_open and not a.fund_ledger)
        self._checked_once = False
        self.lines: list[EntryLineRow] = []

        self.date_edit = DateEdit(clock.today(), context.formatter.locale)
        self.memo_edit = QLineEdit()
        self.memo_edit.setPlaceholderText(_("What the entry is for"))
        self.closed_note = QLabel()
        self.closed_note.setStyleSheet(_MUTED_STYLE)
        if choices.closed_through is not None:
            self.closed_note.setText(
                _("The books are closed through {date}: the entry must be dated after it.")
                .format(date=context.formatter.date(choices.closed_through)))
        else:
            self.closed_note.hide()
        self.lines_box = QWidget()
        self.lines_layout = QVBoxLayout(self.lines_box)
        self.lines_layout.setContentsMargins(0, 0, 0, 0)
        self.lines_layout.addStretch(1)
        self.add_line_button = QPushButton(_("&Add line"))
        self.add_line_button.setAutoDefault(False)
        self.debit_total = QLabel()
        self.credit_total = QLabel()
        for label in (self.debit_total, self.credit_total):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setStyleSheet("font-weight: bold;")
        self.balance_note = QLabel()
        self.balance_note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.problems_label = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Post entry"))
        self.ok_button.setDefault(True)
        self._lay_out()

        for _n in range(FIRST_LINES):
            self.add_line()
        self.add_line_button.clicked.connect(self._add_line_and_focus)
        self.date_edit.dateChanged.connect(self._on_changed)
        self.memo_edit.textChanged.connect(self._on_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._show_totals()
        self.resize(860, 440)

    def _lay_out(self) -> None:
        fields = QFormLayout()
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addSpacing(12)
        date_row.addWidget(self.closed_note)
        date_row.addStretch(1)
        fields.addRow(self._label(_("&Date"), self.date_edit), date_row)
        fields.addRow(self._label(_("&Memo"), self.memo_edit), self.memo_edit)

        header = columns_row(QLabel(""), QLabel(_("Account")), QLabel(_("Member")),
                             self._right(QLabel(_("Debit"))), self._right(QLabel(_("Credit"))),
                             QLabel(""))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.lines_box)
        total_caption = QLabel(_("Total"))
        total_caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        add_line = QWidget()  # the button at its own size, under the accounts
        add_line_row = QHBoxLayout(add_line)
        add_line_row.setContentsMargins(0, 0, 0, 0)
        add_line_row.addWidget(self.add_line_button)
        add_line_row.addStretch(1)
        totals = columns_row(QLabel(""), add_line, total_caption, self.debit_total,
                             self.credit_total, QLabel(""))
        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addSpacing(6)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        layout.addLayout(totals)
        layout.addWidget(self.balance_note)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    @staticmethod
    def _right(label: QLabel) -> QLabel:
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return label

    # -- lines ------------------------------------------------------------------------

    def add_line(self) -> EntryLineRow:
        """Add an empty line at the end."""
        row = EntryLineRow(self._accounts, self.choices.members, self.context.formatter,
                           self.choices.currency)
        self.lines.append(row)
        self.lines_layout.insertWidget(len(self.lines) - 1, row)
        row.changed.connect(self._on_changed)
        row.remove_requested.connect(self._remove_line)
        self._renumber()
        return row

    def _add_line_and_focus(self) -> None:
        self.add_line().first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_line(self, row: EntryLineRow) -> None:
        if len(self.lines) <= FIRST_LINES:
            for edit in (row.member_edit, row.debit_edit, row.credit_edit):
                edit.clear()
            row.account_combo.setCurrentIndex(0)
            row.account_combo.setEditText("")
            return
        self.lines.remove(row)
        row.hide()
        row.deleteLater()
        self._renumber()
        self._on_changed()

    def _renumber(self) -> None:
        order: list[QWidget] = [self.date_edit, self.memo_edit]
        for number, row in enumerate(self.lines, start=1):
            row.set_number(number)
            order.extend(row.focus_widgets())
        order.extend([self.add_line_button, self.ok_button])
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    # -- checking and posting -----------------------------------------------------------

    def draft(self) -> tuple[EntryDraft, list[EntryLineRow]]:
        """The entry as typed (lines that are blank left out), and the line each posting
        came from. Lines with typing problems are left out too; `problems` names them."""
        rows = [row for row in self.lines if not row.is_blank()]
        postings: list[PostingDraft] = []
        sources: list[EntryLineRow] = []
        for row in rows:
            account, amount = row.account(), row.amount()
            if account is None or amount is None or row.typing_problems():
                continue
            member = row.member()
            postings.append(PostingDraft(account.id, amount.minor_units,
                                         member.id if member is not None else None))
            sources.append(row)
        draft = EntryDraft(self.date_edit.value(), EntryKind.MANUAL, tuple(postings),
                           self.memo_edit.text().strip())
        return draft, sources

    def problems(self) -> tuple[dict[EntryLineRow, list[str]], list[str]]:
        """Every reason the entry cannot be posted: by line, and for the entry as a whole.

        Lines are first checked for what was typed; the entry is then checked by the core's
        rules, whose "line N" problems are put under the line they are about."""
        by_line: dict[EntryLineRow, list[str]] = {}
        for row in self.lines:
            if not row.is_blank():
                found = row.typing_problems()
                if found:
                    by_line[row] = found
        draft, sources = self.draft()
        general: list[str] = []
        if by_line:
            return by_line, general
        for problem in entry_problems(draft, self.choices.rules(), self.choices.closed_through):
            match = _LINE_PROBLEM.fullmatch(problem)
            index = int(match.group(1)) - 1 if match else -1
            if match and 0 <= index < len(sources):
                by_line.setdefault(sources[index], []).append(match.group(2))
            else:
                general.append(problem)
        return by_line, general

    def accept(self) -> None:
        """Post the entry if nothing is wrong; otherwise say what is, and stay open."""
        self._checked_once = True
        if not self._show_problems():
            return
        draft, _sources = self.draft()
        changes = perform(self.context, PostEntry(draft, self._undo_label(draft)))
        if changes is None:
            return  # refused by the book (the user was told); the form stays as typed
        self.posted_entry_id = changes.result
        super().accept()

    def _show_problems(self) -> bool:
        """Show the current problems at their lines, put the cursor on the first; whether
        there are none."""
        by_line, general = self._say_problems()
        if by_line:
            first = next(row for row in self.lines if row in by_line)
            first.first_field().setFocus(Qt.FocusReason.OtherFocusReason)
        elif general and self.choices.closed_through is not None \
                and self.date_edit.value() <= self.choices.closed_through:
            self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return not by_line and not general

    def _undo_label(self, draft: EntryDraft) -> str:
        debits = sum(p.amount for p in draft.postings if p.amount > 0)
        amount = self.context.formatter.money(Money.from_minor(debits, self.choices.currency))
        if draft.memo:
            return _("entry of {amount}: {memo}").format(amount=amount, memo=draft.memo)
        return _("entry of {amount}").format(amount=amount)

    # -- live feedback ------------------------------------------------------------------

    def _say_problems(self) -> tuple[dict[EntryLineRow, list[str]], list[str]]:
        by_line, general = self.problems()
        for row in self.lines:
            row.show_problems(by_line.get(row, []))
        self.problems_label.say("\n".join(
            _("The entry cannot be posted: {problem}.").format(problem=p) for p in general))
        return by_line, general

    def _on_changed(self) -> None:
        self._show_totals()
        if self._checked_once:  # after a first OK, the problems follow every keystroke
            self._say_problems()

    def _show_totals(self) -> None:
        currency = self.choices.currency
        zero = Money.zero(currency)
        debits = sum((row.debit() or zero for row in self.lines), zero)
        credits = sum((row.credit() or zero for row in self.lines), zero)
        money = self.context.formatter.money
        self.debit_total.setText(money(debits, with_symbol=False))
        self.credit_total.setText(money(credits, with_symbol=False))
        if debits == credits:
            self.balance_note.setText(_("Balanced") if debits.is_positive else "")
            self.balance_note.setStyleSheet(_BALANCED_STYLE)
        else:
            heavier = _("debits") if debits > credits else _("credits")
            self.balance_note.setText(
                _("Out of balance: the {side} are {difference} more").format(
                    side=heavier, difference=money(abs(debits - credits))))
            self.balance_note.setStyleSheet(ERROR_STYLE)
