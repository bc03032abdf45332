"""The Capital accounts screen: every member's capital account as of a day, the selected
member's history beside it, and what the treasurer does with capital.

The register (`capital_register`: shares, retained patronage, payable, total; a row per
member who has or had capital) as of the day chosen, filtered as one types; the detail pane
with the member's movements and running balance (`member_capital`), their retained patronage
by year and, for a former member, their installments. Actions: "Record a share payment…",
"Redeem…" (the redemption wizard), "Make payable (left)…" for a member who left, "Pay what is
due…". Each write goes through the core in one transaction and the screen refreshes from the
ChangeSet (areas "capital", "patronage", and members). A book open for reading shows
everything and offers no action.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.i18n import _, ngettext
from coopdesk.money import Money
from coopdesk.patronage.queries import CapitalLine, CapitalRow, capital_register, member_capital
from coopdesk.patronage.ui_queries import Installment, MemberName, capital_schedule, member_names
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.screens.capital_detail import CapitalDetailPane
from coopdesk_ui.screens.capital_due_dialog import DueDialog
from coopdesk_ui.screens.capital_payable_form import PayableForm
from coopdesk_ui.screens.capital_redeem_wizard import RedeemWizard
from coopdesk_ui.screens.capital_register_model import CapitalRegisterModel
from coopdesk_ui.screens.capital_share_form import ShareForm
from coopdesk_ui.screens.dues_table import heading
from coopdesk_ui.screens.patronage_dialogs import PatronageDialogs
from coopdesk_ui.screens.patronage_tab import fit_columns
from coopdesk_ui.targets import MemberTarget
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.member_finder import MemberOption
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
AREAS = frozenset({"capital", "patronage", "members"})
_NOTE_STYLE = "color: palette(dark);"
_NAME = 1  # the register's name column: it takes the spare width


def read_register(session: Session, as_of: dt.date) -> tuple[list[CapitalRow], list[MemberName]]:
    """The register as of `as_of` and every member's name and leaving date, in one read."""
    return capital_register(session, as_of), member_names(session)


def read_member(session: Session, number: str) -> tuple[list[CapitalLine], list[Installment]]:
    """One member's movements and installments, in one read."""
    return member_capital(session, number), capital_schedule(session, number)


class CapitalScreen(Screen):
    """The register and the detail pane, under the day and the actions."""

    key = "capital"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._formatter = context.formatter
        self._members: dict[str, MemberName] = {}
        self._pending: str | None = None
        self.model = CapitalRegisterModel(self._formatter, self)
        self.proxy = RawValueSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.table = records_table(self.proxy, _NAME, sortable=True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.as_of_edit = DateEdit(clock.today(), context.formatter.locale)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Find by number or name"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(200)
        self.count_label = QLabel()
        self.totals_label = QLabel()
        self.share_button = QPushButton(_("Record a &share payment") + ELLIPSIS)
        self.redeem_button = QPushButton(_("&Redeem") + ELLIPSIS)
        self.redeem_button.setToolTip(_("Pay out retained patronage, oldest year first"))
        self.due_button = QPushButton(_("Pay what is &due") + ELLIPSIS)
        self.due_button.setToolTip(_("Pay former members the installments due by a day"))
        self.feedback = QLabel()
        self.feedback.setStyleSheet(_NOTE_STYLE)
        self.detail = CapitalDetailPane(self._formatter)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([560, 400])
        self._lay_out()

        self.as_of_edit.dateChanged.connect(self.refresh)
        self.search_edit.textChanged.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.share_button.clicked.connect(self.record_share)
        self.redeem_button.clicked.connect(self.redeem)
        self.due_button.clicked.connect(self.pay_due)
        self.detail.payable_button.clicked.connect(self.make_payable)
        self.clear()

    def _lay_out(self) -> None:
        as_of = QLabel(_("&As of:"))
        as_of.setBuddy(self.as_of_edit)
        find = QLabel(_("F&ind:"))
        find.setBuddy(self.search_edit)
        top = QHBoxLayout()
        top.addWidget(heading(self.title))
        top.addWidget(self.feedback, 1)
        top.addWidget(self.share_button)
        top.addWidget(self.redeem_button)
        top.addWidget(self.due_button)
        bar = QHBoxLayout()
        for widget in (as_of, self.as_of_edit, find, self.search_edit):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.totals_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    @property
    def title(self) -> str:
        return _("Capital accounts")

    # -- Screen -------------------------------------------------------------------------

    def reload(self) -> None:
        if self.context.formatter is not self._formatter:
            self._formatter = self.context.formatter
            self.model.set_formatter(self._formatter)
            self.detail.set_formatter(self._formatter)
            self.as_of_edit.set_locale_name(self._formatter.locale)
        keep = self._pending or self.detail.number
        self._pending = None
        rows, members = self.context.read(read_register, self.as_of_edit.value())
        self._members = {m.number: m for m in members}
        self.model.set_rows(rows)
        fit_columns(self.table, _NAME)
        self._show_totals()
        if keep is None or not self.select_member(keep):
            self.detail.clear()
        self._follow_writable()

    def clear(self) -> None:
        self._members = {}
        self.model.set_rows([])
        self.detail.clear()
        self.count_label.clear()
        self.totals_label.clear()
        self._follow_writable()

    def is_affected(self, changes: ChangeSet) -> bool:
        return bool(changes.areas & AREAS or changes.members)

    def show_target(self, target: object) -> None:
        if not isinstance(target, MemberTarget):
            return
        if self._stale or self.context.host.book is None:
            self._pending = target.number
        else:
            self.select_member(target.number)

    def start_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # -- the register ---------------------------------------------------------------------

    def select_member(self, number: str) -> bool:
        """Select member `number` in the register (clearing a filter hiding them)."""
        row = self.model.row_of(number)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.search_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self._show_member(number)
        return True

    def selected(self) -> CapitalRow | None:
        number = self.detail.number
        row = self.model.row_of(number) if number is not None else None
        found: CapitalRow | None = self.model.rows()[row] if row is not None else None
        return found

    def _current_changed(self, current: QModelIndex | QPersistentModelIndex,
                         previous: QModelIndex | QPersistentModelIndex) -> None:
        if current.isValid():
            self._show_member(self.model.rows()[self.proxy.mapToSource(current).row()].member_number)

    def _show_member(self, number: str) -> None:
        row = self.model.row_of(number)
        if row is None or self.context.host.book is None:
            self.detail.clear()
        else:
            lines, installments = self.context.read(read_member, number)
            member = self._members.get(number)
            self.detail.show_member(self.model.rows()[row], lines,
                                    member.leave_date if member else None, installments)
        self._follow_writable()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._show_totals()

    def _show_totals(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        formatter = self._formatter
        text = (ngettext("{total} account", "{total} accounts", total) if shown == total else
                ngettext("{shown} of {total} account", "{shown} of {total} accounts", total))
        self.count_label.setText(text.format(shown=formatter.number(shown),
                                             total=formatter.number(total)))
        rows = self.model.rows()
        zero = Money.zero(self.context.currency)
        self.totals_label.setText(_("Shares {shares} \N{MIDDLE DOT} retained {retained} "
                                    "\N{MIDDLE DOT} payable {payable} \N{MIDDLE DOT} total "
                                    "{total}").format(
            shares=formatter.money(sum((r.shares for r in rows), zero)),
            retained=formatter.money(sum((r.retained for r in rows), zero)),
            payable=formatter.money(sum((r.payable for r in rows), zero)),
            total=formatter.money(sum((r.total for r in rows), zero))) if rows else "")

    def _follow_writable(self) -> None:
        writable = self.context.writable
        held = sum((r.retained.amount for r in self.model.rows()), start=0)
        self.share_button.setEnabled(writable)
        self.redeem_button.setEnabled(writable and held > 0)
        self.due_button.setEnabled(writable)
        chosen = self.selected()
        member = self._members.get(chosen.member_number) if chosen is not None else None
        can_pay_back = (chosen is not None and member is not None and member.leave_date is not None
                        and (chosen.shares.is_positive or chosen.retained.is_positive))
        self.detail.payable_button.setEnabled(writable and can_pay_back)
        self.detail.payable_button.setVisible(member is not None and member.leave_date is not None)
        if self.context.host.book is not None and not writable:
            self.feedback.setText(_("Open for reading only: accounts can be looked at, not "
                                    "changed."))
        else:
            self.feedback.clear()

    # -- actions --------------------------------------------------------------------------

    def member_options(self) -> list[MemberOption]:
        return [MemberOption(m.number, m.name) for m in self._members.values()]

    def record_share(self) -> ShareForm | None:
        """Open the form recording a share payment (for the selected member, if any)."""
        if not self.context.writable:
            return None
        form = ShareForm(self.context, self.member_options(), self.detail.number, self)
        if PatronageDialogs.run_form(form) and form.changes is not None:
            member = form.member_edit.member()
            self._pending = member.number if member is not None else None
            self.refresh()
        return form

    def redeem(self) -> RedeemWizard | None:
        """Open the redemption wizard."""
        if not self.context.writable:
            return None
        held = sum((r.retained for r in self.model.rows()), Money.zero(self.context.currency))
        wizard = RedeemWizard(self.context, held, self)
        PatronageDialogs.run_form(wizard)
        return wizard

    def make_payable(self) -> PayableForm | None:
        """Open the schedule form for the selected former member."""
        chosen = self.selected()
        member = self._members.get(chosen.member_number) if chosen is not None else None
        if chosen is None or member is None or member.leave_date is None \
                or not self.context.writable:
            return None
        form = PayableForm(self.context, chosen.member_number, chosen.member_name,
                           member.leave_date, self)
        PatronageDialogs.run_form(form)
        return form

    def pay_due(self) -> DueDialog | None:
        """Open the payment of former members' installments due."""
        if not self.context.writable:
            return None
        dialog = DueDialog(self.context, self)
        PatronageDialogs.run_form(dialog)
        return dialog
