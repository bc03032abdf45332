"""The Funds screen: the risk funds with their balance and outlook, the selected fund's
statement, and the claims register with its decisions and payouts.

Upper half: the funds table ("New fund…", "Fund settings…") beside the selected fund's
statement for a period ("Year-end refunds…"). Lower half: the claims of that fund (or of every
fund), filtered by status and member, beside the selected claim's decision and payouts ("New
claim…", "Decide…", "Pay…", "Reverse payout…"). The solvency outlook is a simulation, computed
in a worker thread (`funds_outlook`) so the table shows at once.

Every write goes through the core in one transaction and the screen refreshes from the
ChangeSet every view is given (funds, claims, and dues runs and payments, which move balances).
Claims have no undo: the core has no Actions for them; decisions are final, and a payout made
wrongly is put right by reversing it. A book open for reading shows everything and offers no
action.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.dues.periods import fiscal_year_start
from coopdesk.funds.claims import reverse_payout
from coopdesk.funds.payout_list import PayoutRow, claim_payouts
from coopdesk.funds.queries import ClaimRow, FundRow, fund_statement, list_claims, list_funds
from coopdesk.i18n import _, ngettext
from coopdesk.members.queries import list_classes, list_members
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.fund_list_model import Column, FundListModel
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.models.roles import ID_ROLE
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.screens.dues_table import heading
from coopdesk_ui.screens.funds_claim_form import ClaimForm
from coopdesk_ui.screens.funds_claims import ClaimsPanel
from coopdesk_ui.screens.funds_decision import DecisionDialog
from coopdesk_ui.screens.funds_dialogs import FundsDialogs
from coopdesk_ui.screens.funds_form import FundForm
from coopdesk_ui.screens.funds_labels import STATUS_LABELS, StatusFilter, lasts_short
from coopdesk_ui.screens.funds_outlook import OutlookLoader
from coopdesk_ui.screens.funds_outlook_panel import FundOutlookPanel
from coopdesk_ui.screens.funds_pay import PayDialog
from coopdesk_ui.screens.funds_refunds import RefundsDialog, last_year_end
from coopdesk_ui.screens.funds_statement import FundStatementPanel
from coopdesk_ui.targets import ClaimTarget, FundTarget
from coopdesk_ui.widgets.member_finder import member_options
from coopdesk_ui.widgets.hint_label import hint_label
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
_MESSAGE_MS = 10000
_NOTE_STYLE = "color: palette(dark);"
_STATEMENT_WIDTH = 330
#: The funds table shows this many rows at least, and grows to this many before scrolling.
MIN_FUND_ROWS, MAX_FUND_ROWS = 3, 10
#: What a write must touch for this screen to read the book again.
AREAS = frozenset({"funds", "claims", "dues", "payments"})


def fiscal_year(today: dt.date, start_month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the fiscal year holding `today`."""
    start = fiscal_year_start(today, start_month)
    return start, dt.date(start.year + 1, start.month, 1) - dt.timedelta(days=1)


class FundsScreen(Screen):
    """Funds, the selected fund's statement, and the claims; see the module docstring."""

    key = "funds"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._formatter = context.formatter
        self._book_path: Path | None = None
        self._pending_target: object = None
        self._reloading = False
        self._shown_claim: ClaimRow | None = None
        self.funds_model = FundListModel(self._formatter, self)
        self.funds_proxy = RawValueSortProxy(self)
        self.funds_proxy.setSourceModel(self.funds_model)
        self.funds_table: QTableView = records_table(self.funds_proxy, Column.NAME, sortable=True)
        self.funds_table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.funds_table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.outlook = OutlookLoader(self)
        self.new_fund_button = QPushButton(_("&New fund") + ELLIPSIS)
        self.settings_button = QPushButton(_("Fund se&ttings") + ELLIPSIS)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setStyleSheet(_NOTE_STYLE)
        today = clock.today()
        self.statement = FundStatementPanel(self._formatter, fiscal_year(today, 1))
        self.statement.setFixedWidth(_STATEMENT_WIDTH)
        self.outlook_panel = FundOutlookPanel()
        self.funds_hint = hint_label(_("Members pool a monthly contribution; a member hit by "
                                       "illness or lost work claims on the fund."))
        self.claims = ClaimsPanel(self._formatter)
        self._lay_out()

        self.outlook.projected.connect(self._outlook_arrived)
        self.funds_table.selectionModel().selectionChanged.connect(self._fund_selected)
        self.new_fund_button.clicked.connect(self.new_fund)
        self.settings_button.clicked.connect(self.fund_settings)
        self.funds_table.activated.connect(lambda _index: self.fund_settings())
        self.statement.period_changed.connect(self._show_statement)
        self.statement.refunds_requested.connect(self.year_end_refunds)
        self.claims.scope_changed.connect(self._reload_claims)
        self.claims.claim_selected.connect(self._claim_selected)
        self.claims.new_requested.connect(self.new_claim)
        self.claims.decide_requested.connect(self.decide)
        self.claims.pay_requested.connect(self.pay)
        self.claims.detail.reverse_requested.connect(self.reverse_payout)
        self.clear()

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.funds_hint, 1)
        actions.addWidget(self.new_fund_button)
        actions.addWidget(self.settings_button)
        below = QHBoxLayout()
        below.addWidget(self.statement)
        below.addSpacing(24)
        below.addWidget(self.outlook_panel, 1)
        funds_page = QWidget()
        column = QVBoxLayout(funds_page)
        column.addLayout(actions)
        column.addWidget(self.funds_table)
        column.addSpacing(8)
        column.addLayout(below, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(funds_page, _("Fun&ds"))
        self.tabs.addTab(self.claims, _("Cla&ims"))
        top = QHBoxLayout()
        top.addWidget(heading(self.title))
        top.addWidget(self.feedback, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    @property
    def title(self) -> str:
        return _("Funds")

    # -- Screen -------------------------------------------------------------------------

    def reload(self) -> None:
        book = self.context.host.require()
        self._follow_formatter()
        new_book = book.path != self._book_path
        if new_book:  # another book: its current fiscal year
            self._book_path = book.path
            self.statement.set_period(*fiscal_year(clock.today(), book.settings.fiscal_year_start))
        keep = None if new_book else self.selected_fund()
        funds = self.context.read(list_funds)
        self.funds_model.set_rows(funds)
        self.claims.set_funds(funds)
        if funds:
            self._fit_fund_columns()
        self._fit_fund_table_height()
        self.outlook.start(book, [fund.code for fund in funds])
        target, self._pending_target = self._pending_target, None
        code = keep.code if keep is not None else None
        if isinstance(target, FundTarget):
            code = target.code
        # Reading again after a write keeps the claims shown as they were (every fund's, say);
        # a new book's claims follow its first fund.
        self._reloading = not new_book and not isinstance(target, FundTarget)
        try:
            if (code is None or not self.select_fund(code)) and funds:
                self.select_fund(self.funds_proxy.index(0, 0).data(ID_ROLE))
        finally:
            self._reloading = False
        self._follow_writable()
        self._show_statement()
        self._reload_claims()
        if isinstance(target, ClaimTarget):
            self._show_claim_target(target)

    def clear(self) -> None:
        self.outlook.wait()  # no worker may read a book being closed
        self._book_path = None
        self.funds_model.set_rows([])
        self.claims.set_funds([])
        self.statement.show_statement(None, None)
        self.outlook_panel.show_outlook(None, self._formatter, self.context.currency)
        self.claims.set_rows([])
        self.claims.detail.show_claim(None, ())
        self._shown_claim = None
        self.feedback.clear()
        self._follow_writable()

    def is_affected(self, changes: ChangeSet) -> bool:
        # Funds and claims; dues runs and payments move balances; names of members in claims.
        return bool(changes.funds or changes.areas & AREAS or changes.members)

    def show_target(self, target: object) -> None:
        if not isinstance(target, (FundTarget, ClaimTarget)):
            return
        if self._stale or self.context.host.book is None:
            self._pending_target = target
        elif isinstance(target, FundTarget):
            self.select_fund(target.code)
        else:
            self._show_claim_target(target)

    def start_search(self) -> None:
        self.claims.member_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.claims.member_edit.selectAll()

    # -- the funds ------------------------------------------------------------------------

    def selected_fund(self) -> FundRow | None:
        rows = self.funds_table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        return self.funds_model.rows()[self.funds_proxy.mapToSource(rows[0]).row()]

    def select_fund(self, code: str) -> bool:
        row = self.funds_model.row_of(code)
        if row is None:
            return False
        index = self.funds_proxy.mapFromSource(self.funds_model.index(row, 0))
        self.funds_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def _fit_fund_columns(self) -> None:
        # Fitted to contents (a few funds: cheap), the outlook cells as wide as their longest
        # text will be, so the figures do not widen the table when they arrive.
        table = self.funds_table
        table.resizeColumnsToContents()
        metrics = table.fontMetrics()
        for column, sample in ((Column.LASTS, lasts_short(None)),
                               (Column.ABOVE_FLOOR, self._formatter.percent(1))):
            wide = max(metrics.horizontalAdvance(sample),
                       metrics.horizontalAdvance(_("projecting\N{HORIZONTAL ELLIPSIS}"))) + 16
            table.setColumnWidth(column, max(table.columnWidth(column), wide))

    def _fit_fund_table_height(self) -> None:
        # As tall as its funds (a co-op has one or a few), so the statement sits right under
        # them rather than under a screenful of empty rows; a long list scrolls.
        table = self.funds_table
        rows = min(max(self.funds_model.rowCount(), MIN_FUND_ROWS), MAX_FUND_ROWS)
        height = (table.horizontalHeader().height() + rows * table.verticalHeader().defaultSectionSize()
                  + 2 * table.frameWidth() + table.horizontalScrollBar().sizeHint().height())
        table.setFixedHeight(height)

    def _fund_selected(self) -> None:
        self._follow_writable()
        if self.context.host.book is None:
            return
        self._show_statement()
        self._show_outlook()
        fund = self.selected_fund()
        if fund is not None and not self._reloading:
            self.claims.choose_fund(fund.code)  # the claims follow the fund looked at

    def _outlook_arrived(self, code: str, outlook: object, failure: str) -> None:
        self.funds_model.set_outlook(code, outlook, failure)  # type: ignore[arg-type]
        fund = self.selected_fund()
        if fund is not None and fund.code == code:
            self._show_outlook()

    def _show_outlook(self) -> None:
        fund = self.selected_fund()
        outlook = self.funds_model.outlook(fund.code) if fund is not None else None
        self.outlook_panel.show_outlook(outlook, self._formatter, self.context.currency,
                                        self.funds_model.failure(fund.code) if fund else "")

    def _show_statement(self) -> None:
        fund = self.selected_fund()
        start, end = self.statement.period()
        if fund is None or self.context.host.book is None or end < start:
            self.statement.show_statement(fund, None)
            return
        self.statement.show_statement(fund, self.context.read(fund_statement, fund.code, start, end))

    def _follow_writable(self) -> None:
        writable = self.context.writable
        has_fund = self.selected_fund() is not None
        self.new_fund_button.setEnabled(writable)
        self.settings_button.setEnabled(writable and has_fund)
        self.statement.set_writable(writable)
        self.claims.set_writable(writable, has_fund)
        read_only = _("This book is open for reading only: funds and claims can be looked at, "
                      "not changed.")
        if self.context.host.book is not None and not writable:
            self.feedback.setText(read_only)
        elif self.feedback.text() == read_only:
            self.feedback.clear()

    def _follow_formatter(self) -> None:
        formatter = self.context.formatter
        if formatter is not self._formatter:
            self._formatter = formatter
            self.funds_model.set_formatter(formatter)
            self.statement.set_formatter(formatter)
            self.claims.set_formatter(formatter)

    # -- the claims -----------------------------------------------------------------------

    def _reload_claims(self) -> None:
        if self.context.host.book is None:
            return
        self.claims.set_rows(self.context.read(list_claims, fund_code=self.claims.fund_code()))

    def _claim_selected(self, claim: ClaimRow | None) -> None:
        if self.context.host.book is None:
            return
        if claim is not None and claim == self._shown_claim:
            return  # the same claim, unchanged: its payouts are on view already
        payouts = self.context.read(claim_payouts, claim.id) if claim is not None else []
        self._shown_claim = claim
        self.claims.detail.show_claim(claim, payouts)

    def _show_claim_target(self, target: ClaimTarget) -> None:
        self.tabs.setCurrentWidget(self.claims)
        if not self.claims.select(target.claim_id):
            self.claims.choose_fund(None)
            self.claims.member_edit.clear()
            self.claims.set_status_filter(StatusFilter.ALL)
            self.claims.select(target.claim_id)

    # -- actions --------------------------------------------------------------------------

    def new_fund(self) -> bool:
        """Add a fund through the fund form; whether one was added."""
        if not self.context.writable:
            return False
        form = FundForm(self.context, self.context.read(list_classes),
                        taken_codes=[row.code for row in self.funds_model.rows()], parent=self)
        if not self._run(form):
            return False
        self.select_fund(form.code)
        self.tell(_("Added the fund {fund}.").format(fund=form.name_edit.text().strip()))
        return True

    def fund_settings(self) -> bool:
        """Change the selected fund's settings; whether they were changed."""
        fund = self.selected_fund()
        if fund is None or not self.context.writable:
            return False
        form = FundForm(self.context, self.context.read(list_classes), fund, parent=self)
        if not self._run(form):
            return False
        self.tell(_("Saved the settings of {fund}.").format(fund=form.name_edit.text().strip()))
        return True

    def new_claim(self) -> bool:
        """Record a claim through the claim form; whether one was recorded."""
        if not self.context.writable or not self.funds_model.rows():
            return False
        fund = self.selected_fund()
        code = self.claims.fund_code() or (fund.code if fund is not None else None)
        members = member_options(self.context.read(list_members))
        form = ClaimForm(self.context, self.funds_model.rows(), code, members, parent=self)
        if not self._run(form) or form.claim_id is None:
            return False
        if form.fund_code() != self.claims.fund_code() and not self.claims.all_funds():
            self.claims.choose_fund(form.fund_code())
        self.claims.set_status_filter(StatusFilter.ALL)
        self.claims.select(form.claim_id)
        self.tell(_("Recorded claim {number}; it waits for a decision.").format(
            number=form.claim_id))
        return True

    def decide(self, claim: ClaimRow | None = None) -> bool:
        """Decide the selected (or given) claim; whether it was decided."""
        claim = claim or self.claims.selected()
        if claim is None or not self.context.writable:
            return False
        dialog = DecisionDialog(self.context, claim, self)
        if not self._run(dialog) or dialog.outcome is None:
            return False
        self.claims.select(claim.id)
        self.tell(_("Claim {number}: {status}.").format(
            number=claim.id, status=_(STATUS_LABELS[dialog.outcome]).lower()))
        return True

    def pay(self, claim: ClaimRow | None = None) -> bool:
        """Pay the given claim (or the claims of the fund chosen) what is due; whether
        anything was."""
        code = claim.fund_code if claim is not None else self.claims.fund_code()
        if code is None or not self.context.writable:
            return False
        name = next((row.name for row in self.funds_model.rows() if row.code == code), code)
        dialog = PayDialog(self.context, code, name, claim, self)
        if not self._run(dialog) or dialog.result_ is None:
            return False
        result = dialog.result_
        self.tell(ngettext("Paid {count} payment, {total} in all.",
                           "Paid {count} payments, {total} in all.", result.payouts).format(
            count=result.payouts, total=self.context.formatter.money(result.total)))
        return True

    def reverse_payout(self, payout: PayoutRow) -> bool:
        """Reverse `payout` after asking; whether it was reversed."""
        claim = self.claims.detail.claim
        if payout.reversed or not self.context.writable or claim is None:
            return False
        formatter = self.context.formatter
        description = _("{amount} to {member} on {date}").format(
            amount=formatter.money(payout.amount),
            member=member_text(claim.member_number, claim.member_name),
            date=formatter.date(payout.date))
        if not FundsDialogs.confirm_reverse_payout(self, description):
            return False
        changes = self.context.write(reverse_payout, payout.payout_id,
                                     max(clock.today(), payout.date))
        if changes is None:
            return False
        self.claims.select(claim.id)
        self.tell(_("Reversed the payout of {payout}: the money is back in the fund, and that "
                    "payment is due again.").format(payout=description))
        return True

    def year_end_refunds(self) -> bool:
        """Preview, then post, the selected fund's year-end refunds; whether they were posted."""
        fund = self.selected_fund()
        if fund is None or not self.context.writable or fund.policy.balance_cap_months is None:
            return False
        book = self.context.host.require()
        dialog = RefundsDialog(self.context, fund,
                               last_year_end(clock.today(), book.settings.fiscal_year_start), self)
        if not self._run(dialog) or dialog.result_ is None:
            return False
        self.tell(ngettext("Refunded {total} to {count} member.",
                           "Refunded {total} to {count} members.", dialog.result_.members).format(
            total=self.context.formatter.money(dialog.result_.total), count=dialog.result_.members))
        return True

    def _run(self, dialog: QDialog) -> bool:
        try:
            return FundsDialogs.run_form(dialog)
        finally:
            dialog.deleteLater()

    # -- saying what happened ------------------------------------------------------------

    def tell(self, message: str) -> None:
        """Say what was done, at the top of the screen and in the window's status bar."""
        self.feedback.setText(message)
        window = self.context.window
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, _MESSAGE_MS)
