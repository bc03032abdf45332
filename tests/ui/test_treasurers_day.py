"""A treasurer's day in the real main window, offscreen, through the widgets only.

From the welcome page: a new book made with the wizard (a $10 monthly plan), two members added
with the Members screen's form, put on the plan and charged through the Dues screen, payments
typed into the Payments screen's quick entry from the keyboard, one reversed from the list,
the register filtered, a payment undone and redone from the Edit menu. No service is called
by the test: at the end the book is read with the core's queries, and `coopdesk check`'s
checks must all pass.

It runs on 30 June 2026 (tests/ui/conftest.py). Ada joins on 1 January and Ben on 1 March, so
the run through June charges Ada 6 months ($60) and Ben 4 ($40).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialog, QTableView, QWidget, QWizard
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.check import run_checks
from coopdesk.dues.payment_list import list_payments
from coopdesk.dues.plans import list_assignments, list_plans
from coopdesk.dues.queries import arrears, member_account
from coopdesk.ledger.queries import account_balances
from coopdesk.members.queries import list_members
from coopdesk.money import Money
from coopdesk_ui import wizard as wizard_module
from coopdesk_ui.forms.assign_form import AssignForm
from coopdesk_ui.forms.dues_run_dialog import DuesRunDialog
from coopdesk_ui.forms.member_form import MemberForm
from coopdesk_ui.forms.payment_dialogs import PaymentDialogs
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.models.roles import ID_ROLE
from coopdesk_ui.screens.dashboard import DashboardScreen
from coopdesk_ui.screens.dues import DuesScreen
from coopdesk_ui.screens.dues_dialogs import DuesDialogs
from coopdesk_ui.screens.members import MembersScreen
from coopdesk_ui.screens.members_dialogs import MemberDialogs
from coopdesk_ui.screens.payments import PaymentsScreen
from coopdesk_ui.wizard import NewBookWizard, WizardDialogs

#: The quick entry's member list pops up as one types; offscreen Qt says it cannot raise it or
#: give it the keyboard (it works all the same). Nothing about coopdesk.
pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support (raise\(\)|grabbing the keyboard)$")

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


def usd(text: str) -> Money:
    return Money(text, "USD")


@pytest.fixture(autouse=True)
def english_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The computer says en_US, whatever this machine's locale is (as in test_wizard)."""
    monkeypatch.setattr(wizard_module, "system_locale", lambda: "en_US")


class Forms:
    """Answers the modal windows the day opens, in order, as the treasurer would: each answer
    fills the window through its widgets. A window nobody expected fails the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pending: list[Callable[[Any], object]] = []
        self.shown: list[QWidget] = []
        monkeypatch.setattr(WizardDialogs, "run", classmethod(lambda cls, w: bool(self._answer(w))))
        monkeypatch.setattr(MemberDialogs, "run_form", classmethod(lambda cls, f: self._answer(f)))
        monkeypatch.setattr(DuesDialogs, "run_form",
                            classmethod(lambda cls, f: bool(self._answer(f))))
        monkeypatch.setattr(PaymentDialogs, "confirm_reverse",
                            classmethod(lambda cls, parent, text: bool(self._answer_text(text))))

    def expect(self, *answers: Callable[[Any], object]) -> None:
        """Answer the next windows (or questions) with `answers`, in order."""
        self.pending.extend(answers)

    def done(self) -> None:
        assert not self.pending, f"{len(self.pending)} window(s) never opened"

    def _answer(self, window: QWidget) -> object:
        assert self.pending, f"unexpected window: {window.windowTitle()!r}"
        self.shown.append(window)
        window.show()  # as exec() would
        answer = self.pending.pop(0)(window)
        if window.isVisible():
            window.close()  # exec() returns once it is closed
        return answer

    def _answer_text(self, text: str) -> object:
        assert self.pending, f"unexpected question: {text!r}"
        return self.pending.pop(0)(text)


@pytest.fixture
def forms(monkeypatch: pytest.MonkeyPatch) -> Forms:
    return Forms(monkeypatch)


# -- moving around the window, as a user does ---------------------------------------------


def click(qtbot: QtBot, button: QWidget) -> None:
    assert button.isEnabled() and button.isVisible(), button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def go_to(qtbot: QtBot, window: MainWindow, title: str) -> QWidget:
    """Click `title` in the sidebar; the screen shown."""
    sidebar = window.sidebar
    (item,) = sidebar.findItems(title, Qt.MatchFlag.MatchExactly)
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton,
                     pos=sidebar.visualItemRect(item).center())
    screen = window.current_screen()
    assert screen is not None and screen.title == title
    window.activateWindow()  # back from the windows opened before
    qtbot.waitUntil(window.isActiveWindow)
    return screen


def edit_menu_action(window: MainWindow, starts_with: str) -> QAction:
    """The Edit menu's item whose text starts with `starts_with` (the menu as shown)."""
    (edit,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Edit"]
    (action,) = [a for a in edit.actions() if a.text().startswith(starts_with)]
    return action


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def type_member(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Type in a member field and close the list of members it pops up (Esc), as a user does
    before moving on (with the list open, keys go to the list)."""
    field.setFocus()
    qtbot.keyClicks(field, text)
    popup = field.completer().popup()  # type: ignore[attr-defined]
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def click_row(qtbot: QtBot, table: QTableView, row: int) -> None:
    """Click the first cell of `row` (in the table's order)."""
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def listed(screen: MembersScreen) -> list[str]:
    proxy = screen.proxy
    return [proxy.index(row, 0).data(ID_ROLE) for row in range(proxy.rowCount())]


# -- the windows of the day ----------------------------------------------------------------


def create_the_book(qtbot: QtBot, path: Path) -> Callable[[QWidget], bool]:
    def answer(wizard: QWidget) -> bool:
        assert isinstance(wizard, NewBookWizard)
        qtbot.keyClicks(wizard.profile_page.form.name_edit, "Hillside Food Co-op")
        qtbot.keyClicks(wizard.profile_page.form.city_edit, "Hillside")
        click(qtbot, wizard.button(NEXT))
        assert wizard.money_page.form.currency_code == "USD"
        click(qtbot, wizard.button(NEXT))
        plan = wizard.plan_page.form
        plan.name_edit.clear()
        qtbot.keyClicks(plan.name_edit, "Monthly dues")
        qtbot.keyClicks(plan.amount_edit, "10.00")
        plan.frequency_combo.setCurrentIndex(plan.frequency_combo.findData("monthly"))
        click(qtbot, wizard.button(NEXT))
        wizard.file_page.path_edit.clear()
        qtbot.keyClicks(wizard.file_page.path_edit, str(path))
        click(qtbot, wizard.button(NEXT))
        assert wizard.summary_page.values["plan"].text() == "Monthly dues: $10.00, every month"
        click(qtbot, wizard.button(FINISH))
        return wizard.result() == QWizard.DialogCode.Accepted

    return answer


def add_member(qtbot: QtBot, name: str, number: str, joined: dt.date,
               member_class: str) -> Callable[[QWidget], None]:
    def answer(form: QWidget) -> None:
        assert isinstance(form, MemberForm)
        assert form.number_edit.text() == number  # the next free number, offered
        qtbot.keyClicks(form.name_edit, name)
        choose(form.class_combo, member_class)
        form.join_date_edit.set_value(joined)
        qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)  # Enter = Add member
        assert form.result() == QDialog.DialogCode.Accepted, [
            e.text() for e in form.errors.values() if e.text()]

    return answer


def assign_plan(qtbot: QtBot, who: str, start: dt.date) -> Callable[[QWidget], bool]:
    def answer(form: QWidget) -> bool:
        assert isinstance(form, AssignForm)
        assert form.plan() == "Monthly dues"  # the plan selected in the table
        form.member_finder.setText(who)  # typing would pop the completer up
        form.start_edit.set_value(start)
        assert form.full_radio.isChecked()
        click(qtbot, form.ok_button)
        return form.result() == QDialog.DialogCode.Accepted

    return answer


def run_dues_through_june(qtbot: QtBot) -> Callable[[QWidget], bool]:
    def answer(dialog: QWidget) -> bool:
        assert isinstance(dialog, DuesRunDialog)
        assert dialog.summary_label.text() == (
            "Will charge 10 periods to 2 members, $100.00 in all, through June 2026.")
        click(qtbot, dialog.post_button)
        assert dialog.summary_label.text() == (
            "Charged 10 periods to 2 members, $100.00 in all, through June 2026.")
        return False  # closed with Close

    return answer


def record_payment(qtbot: QtBot, screen: PaymentsScreen, who: str, amount: str) -> None:
    """Member, Tab, (today's date), Tab, amount, Enter: the quick entry from the keyboard."""
    form = screen.form
    type_member(qtbot, form.member_edit, who)
    qtbot.keyClick(form.member_edit, Qt.Key.Key_Tab)
    assert form.date_edit.hasFocus()
    qtbot.keyClick(form.date_edit, Qt.Key.Key_Tab)
    assert form.amount_edit.hasFocus()
    qtbot.keyClicks(form.amount_edit, amount)
    qtbot.keyClick(form.amount_edit, Qt.Key.Key_Return)
    assert form.member_edit.text() == "" and form.member_edit.hasFocus()  # ready for the next


# -- the day -------------------------------------------------------------------------------


def test_a_treasurers_day(qtbot: QtBot, tmp_path: Path, forms: Forms,
                          fixed_today: dt.date) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()

    # Morning: a new book, from the welcome page.
    path = tmp_path / "hillside.coopdesk"
    forms.expect(create_the_book(qtbot, path))
    click(qtbot, window.welcome.create_button)
    book = window.host.book
    assert book is not None and book.path == path
    assert window.windowTitle().startswith("Hillside Food Co-op")

    # Two members, through the Members screen's form.
    members = go_to(qtbot, window, "Members")
    assert isinstance(members, MembersScreen)
    forms.expect(add_member(qtbot, "Ada Okafor", "1", dt.date(2026, 1, 1), "Worker"),
                 add_member(qtbot, "Ben Idris", "2", dt.date(2026, 3, 1), "Consumer"))
    click(qtbot, members.add_button)
    click(qtbot, members.add_button)
    assert members.count_label.text() == "2 members"
    assert listed(members) == ["2", "1"]  # Idris, Okafor
    assert members.current_number() == "2"  # the member just added, shown
    assert members.detail.name_label.text() == "Ben Idris"

    # Both on the plan from joining, then the dues run through June.
    dues = go_to(qtbot, window, "Dues")
    assert isinstance(dues, DuesScreen)
    dues.plans.plan_table.selectRow(0)
    forms.expect(assign_plan(qtbot, "Ada", dt.date(2026, 1, 1)),
                 assign_plan(qtbot, "Ben", dt.date(2026, 3, 1)))
    click(qtbot, dues.plans.assign_button)
    click(qtbot, dues.plans.assign_button)
    forms.expect(run_dues_through_june(qtbot))
    click(qtbot, dues.run_button)
    dues.tabs.setCurrentWidget(dues.arrears)
    assert [row.member_number for row in dues.arrears.model.rows()] == ["1", "2"]

    # Payments: Ada pays her $60; Ben's $40 is typed, then found to be a mistake and reversed.
    payments = go_to(qtbot, window, "Payments")
    assert isinstance(payments, PaymentsScreen)
    record_payment(qtbot, payments, "Okafor", "60.00")
    record_payment(qtbot, payments, "Idris", "40")
    panel = payments.list_panel
    mistaken = panel.selected()  # the payment just recorded
    assert mistaken is not None and mistaken.member_number == "2"
    shown = panel.shown_payment_ids()
    (adas,) = [payment_id for payment_id in shown if payment_id != mistaken.payment_id]
    click_row(qtbot, panel.table, shown.index(adas))  # the selection follows the clicks
    assert panel.selected() is not None and panel.selected().member_number == "1"
    click_row(qtbot, panel.table, shown.index(mistaken.payment_id))
    assert panel.selected() == mistaken
    asked: list[str] = []

    def confirm(text: str) -> bool:
        asked.append(text)
        return True  # "Reverse payment"

    forms.expect(confirm)
    click(qtbot, panel.reverse_button)
    assert asked == ["$40.00 by Ben Idris on Jun 30, 2026"]
    assert "Reversed the payment" in payments.feedback.text()
    assert not panel.reverse_button.isEnabled()  # reversed once only

    # Ben then pays $25; undone from the Edit menu (a reversal is posted), then redone.
    record_payment(qtbot, payments, "Ben", "25.00")
    undo = edit_menu_action(window, "&Undo")
    assert undo.isEnabled() and undo.text() == "&Undo payment of $25.00 by Ben Idris"
    undo.trigger()
    assert "reversal was posted" in payments.feedback.text()
    assert "reversal was posted" in window.statusBar().currentMessage()
    redo = edit_menu_action(window, "&Redo")
    assert redo.isEnabled()
    redo.trigger()
    assert "recorded again" in payments.feedback.text()

    # The register, filtered: by name, then those still owing.
    members = go_to(qtbot, window, "Members")
    assert isinstance(members, MembersScreen)
    assert listed(members) == ["2", "1"]
    qtbot.keyClicks(members.search_edit, "ben")
    assert listed(members) == ["2"]
    assert members.count_label.text() == "1 of 2 members"
    members.search_edit.clear()
    choose(members.status_combo, "Owing dues")
    assert listed(members) == ["2"]  # Ben still owes $15
    choose(members.status_combo, "All statuses")
    assert len(listed(members)) == 2
    forms.done()

    # A last look at the dashboard.
    dashboard = go_to(qtbot, window, "Dashboard")
    assert isinstance(dashboard, DashboardScreen)
    tiles = {tile.caption_text(): tile.value_text() for tile in (
        dashboard.active_tile, dashboard.in_grace_tile, dashboard.lapsed_tile,
        dashboard.cash_tile, dashboard.year_tile, dashboard.owing_tile)}
    assert tiles == {"Active members": "1", "In grace": "1", "Lapsed": "0",  # Ben, $15 behind
                     "Cash and bank": "$85.00", "Dues collected this fiscal year": "$85.00",
                     "Members owing dues": "1"}
    assert dashboard.owing_tile.detail_text().startswith("$15.00 owed")

    # Evening: the book as the core reads it.
    book = window.host.require()
    assert [(m.number, m.display_name, m.class_code, m.join_date)
            for m in book.read(list_members)] == [
        ("2", "Ben Idris", "consumer", dt.date(2026, 3, 1)),
        ("1", "Ada Okafor", "worker", dt.date(2026, 1, 1))]
    assert [(p.name, p.amount, p.frequency) for p in book.read(list_plans)] == [
        ("Monthly dues", usd("10.00"), "monthly")]
    assert [(a.member_number, a.start_date) for a in book.read(list_assignments)] == [
        ("1", dt.date(2026, 1, 1)), ("2", dt.date(2026, 3, 1))]
    assert [(p.member_number, p.amount, p.reversed) for p in book.read(list_payments)] == [
        ("1", usd("60.00"), False), ("2", usd("40.00"), True),
        ("2", usd("25.00"), True), ("2", usd("25.00"), False)]
    assert book.read(member_account, "1")[-1].balance == usd("0.00")
    assert book.read(member_account, "2")[-1].balance == usd("15.00")
    assert [(row.member_number, row.amount) for row in book.read(arrears, fixed_today)] == [
        ("2", usd("15.00"))]
    balances = {row.code: row.balance for row in book.read(account_balances)}
    assert balances["1100"] == usd("15.00")  # dues receivable: Ben's open $15
    assert sum((balance for code, balance in balances.items() if code in ("1000", "1010")),
               usd("0")) == usd("85.00")  # $60 + $25 came in
    checks = {result.name: result.problems for result in book.read(run_checks)}
    assert {"file integrity", "schema", "entries balance", "trial balance", "audit chain",
            "dues sub-ledger"} <= set(checks)
    assert all(found == [] for found in checks.values()), checks
    window.host.close()
