"""The Ledger screen's Account register tab: pick an account, see its postings with the running
balance, newest first, read a page at a time (RegisterModel). Double-clicking a line (or Enter)
shows its entry in the journal."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import _, ngettext
from coopdesk.ledger.queries import AccountRow, list_accounts
from coopdesk.ledger.register_page import RegisterCursor, RegisterLine, open_register, register_page
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.register_model import CREDIT_NORMAL_TYPES, Column, RegisterModel
from coopdesk_ui.widgets.records_table import records_table

#: The account shown first: the bank account is what a treasurer checks most.
PREFERRED_ACCOUNT = "1010"


class RegisterTab(QWidget):
    """Account chooser, the account's balance and count of postings, and its register."""

    #: The user asked to see an entry of the register in the journal (its number).
    entry_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.account_combo = QComboBox()
        self.account_combo.setMinimumContentsLength(28)
        self.account_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        account_label = QLabel(_("&Account"))
        account_label.setBuddy(self.account_combo)
        self.summary = QLabel()
        self.model = RegisterModel(context.formatter, self)
        self.table = self._make_table()
        self._accounts: dict[str, AccountRow] = {}

        top = QHBoxLayout()
        top.addWidget(account_label)
        top.addWidget(self.account_combo)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self.account_combo.currentIndexChanged.connect(self._show_account)
        self.table.activated.connect(self._on_activated)

    def reload(self) -> None:
        """Read the chart and the chosen account's register again."""
        chosen = self.account_code() or PREFERRED_ACCOUNT
        accounts = self.context.read(list_accounts)
        self._accounts = {account.code: account for account in accounts}
        self.account_combo.blockSignals(True)
        self.account_combo.clear()
        for account in accounts:
            closed = "" if account.is_open else "  " + _("(closed)")
            self.account_combo.addItem(f"{account.code}  {account.name}{closed}", account.code)
        index = self.account_combo.findData(chosen)
        self.account_combo.setCurrentIndex(max(index, 0))
        self.account_combo.blockSignals(False)
        self._show_account()

    def clear(self) -> None:
        """No book: nothing to show."""
        self.account_combo.clear()
        self._accounts = {}
        self.model.load(None, None)
        self.summary.clear()

    def account_code(self) -> str | None:
        """The code of the account shown, if any."""
        code = self.account_combo.currentData()
        return code if isinstance(code, str) else None

    def choose_account(self, code: str) -> None:
        """Show account `code`'s register."""
        index = self.account_combo.findData(code)
        if index >= 0:
            self.account_combo.setCurrentIndex(index)

    def _show_account(self) -> None:
        code = self.account_code()
        account = self._accounts.get(code) if code is not None else None
        if account is None:
            self.model.load(None, None)
            self.summary.clear()
            return
        read = self.context.read

        def next_page(cursor: RegisterCursor, limit: int) -> tuple[list[RegisterLine], RegisterCursor]:
            return read(register_page, cursor, limit)

        cursor = read(open_register, account.code)
        self.model.load(cursor, next_page, credit_normal=account.type in CREDIT_NORMAL_TYPES,
                        formatter=self.context.formatter)
        self._show_summary(cursor)
        self._fit_columns()
        # Only member sub-ledger accounts name members; elsewhere the column would stay empty.
        self.table.setColumnHidden(Column.MEMBER, not account.member_ledger)

    def _show_summary(self, cursor: RegisterCursor) -> None:
        formatter = self.context.formatter
        balance = self.model.shown_balance(cursor.closing_balance)
        count = ngettext("{count} posting", "{count} postings", cursor.postings).format(
            count=formatter.number(cursor.postings))
        self.summary.setText(_("Balance {balance}  \N{MIDDLE DOT}  {count}").format(
            balance=formatter.money(balance), count=count))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.entry_requested.emit(self.model.row_at(index.row()).entry_id)

    def _make_table(self) -> QTableView:
        table = records_table(self.model, Column.MEMO)
        table.setToolTip(_("Double-click a line to see its entry in the journal"))
        return table

    def _fit_columns(self) -> None:
        """Widths from sample texts (the rows not read yet cannot be measured)."""
        metrics = self.table.fontMetrics()
        formatter = self.context.formatter
        amount = formatter.money(Money(-8888888, self.context.currency), with_symbol=False)
        widths = {
            Column.DATE: metrics.horizontalAdvance(formatter.date(dt.date(2026, 9, 28))),
            Column.ENTRY: metrics.horizontalAdvance("8888888"),
            Column.MEMBER: metrics.horizontalAdvance("M00000  Fatima Lindqvist"),
            Column.DEBIT: metrics.horizontalAdvance(amount),
            Column.CREDIT: metrics.horizontalAdvance(amount),
            Column.BALANCE: metrics.horizontalAdvance(amount),
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width + 24)
        self.table.scrollToTop()
