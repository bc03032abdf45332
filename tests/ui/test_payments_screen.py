"""The Payments screen driven as a treasurer would: keyboard entry, preview, reverse, undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.dues.payment_list import list_payments
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.queries import member_account, open_charges
from coopdesk.dues.run import run_dues
from coopdesk.ledger import queries as ledger
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk_ui.forms.payment_dialogs import PaymentDialogs
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.screens.payments import PaymentsScreen
from coopdesk_ui.targets import MemberTarget
from coopdesk_ui.widgets.member_finder import MemberFinder

JAN = dt.date(2026, 1, 1)
#: The member list pops up as one types; the offscreen platform says it cannot raise it or
#: give it the keyboard (it works all the same). Nothing about coopdesk. (The first pattern is
#: conftest's QT_NOISE, which a module's own marker replaces.)
pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support (raise\(\)|grabbing the keyboard)$")


def usd(text: str) -> Money:
    return Money(text, "USD")


@pytest.fixture
def coop_path(make_book: Callable[..., Path]) -> Path:
    """Four members on $10 a month from January 2026, charged through June; Carla Ruiz's dues
    are paid by Ana Ruiz (her household payer)."""
    path = make_book()
    with Book.open(path) as book:
        book.run(add_plan, "Monthly", usd("10.00"), "monthly")
        for number, name, payer in (("1", "Ana Ruiz", None), ("2", "Ben Okafor", None),
                                    ("3", "Carla Ruiz", "1"), ("4", "Dan Weiss", None)):
            book.run(add_member, MemberInput(name, JAN, number=number, payer_number=payer))
            book.run(assign_plan, number, "Monthly", JAN)
        book.run(run_dues, 2026, 6)
    return path


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    return window


def open_payments(window: MainWindow, path: Path, *, read_only: bool = False) -> PaymentsScreen:
    window.show_book(Book.open(path, read_only=read_only))
    window.show_screen("payments")
    screen = window.screens["payments"]
    assert isinstance(screen, PaymentsScreen)
    return screen


def book_of(window: MainWindow) -> Book:
    return window.host.require()


def balance(window: MainWindow, number: str) -> Money:
    return book_of(window).read(member_account, number)[-1].balance


def type_member(qtbot: QtBot, field: MemberFinder, text: str) -> None:
    """Type `text` in the member field and close the list of members it pops up (Esc), as a
    user does before moving on; with the list open, keys go to the list."""
    field.setFocus()
    qtbot.keyClicks(field, text)
    popup = field.completer().popup()
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_record_a_payment_from_the_keyboard(qtbot: QtBot, window: MainWindow, coop_path: Path,
                                            fixed_today: dt.date) -> None:
    screen = open_payments(window, coop_path)
    form = screen.form
    type_member(qtbot, form.member_edit, "Okafor")  # part of a name is enough when one member has it
    assert form.member_edit.member() is not None and form.member_edit.member().number == "2"
    qtbot.keyClick(form.member_edit, Qt.Key.Key_Tab)
    assert form.date_edit.hasFocus()
    assert form.date_edit.value() == fixed_today
    qtbot.keyClick(form.date_edit, Qt.Key.Key_Tab)
    assert form.amount_edit.hasFocus()
    qtbot.keyClicks(form.amount_edit, "1,025.00")
    qtbot.keyClick(form.amount_edit, Qt.Key.Key_Tab)
    assert form.method_combo.hasFocus()
    qtbot.keyClicks(form.method_combo, "Ch")  # Cheque
    qtbot.keyClick(form.method_combo, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.reference_edit, "Cheque 1001")
    qtbot.keyClick(form.reference_edit, Qt.Key.Key_Return)

    rows = book_of(window).read(list_payments, "2")
    assert [(r.date, r.amount, r.method, r.reference, r.reversed) for r in rows] == [
        (fixed_today, usd("1025.00"), "cheque", "Cheque 1001", False)]
    assert balance(window, "2") == usd("-965.00")  # $60 owed, the rest paid ahead
    # The form is ready for the next payment, and the list shows this one, selected.
    assert form.member_edit.text() == "" and form.amount_edit.text() == ""
    assert form.member_edit.hasFocus()
    assert screen.list_panel.selected() is not None
    assert screen.list_panel.selected().payment_id == rows[0].payment_id
    assert "Undo" in screen.feedback.text() and "reversal" in screen.feedback.text()
    assert window.undo_action.text() == "&Undo payment of $1,025.00 by Ben Okafor"


def test_enter_picks_from_the_member_list_without_recording(
        qtbot: QtBot, window: MainWindow, coop_path: Path) -> None:
    screen = open_payments(window, coop_path)
    field = screen.form.member_edit
    field.setFocus()
    qtbot.keyClicks(field, "Ruiz")  # Ana and Carla
    assert field.member() is None
    popup = field.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == "1 \N{EM DASH} Ana Ruiz"
    assert field.member() is not None and field.member().number == "1"
    assert book_of(window).read(list_payments) == []
    assert screen.form.amount_error.text() == ""


def test_the_preview_shows_which_charges_the_payment_settles_and_the_credit(
        qtbot: QtBot, window: MainWindow, coop_path: Path) -> None:
    screen = open_payments(window, coop_path)
    form, preview = screen.form, screen.form.preview
    qtbot.keyClicks(form.member_edit, "Carla")
    assert "1 \N{EM DASH} Ana Ruiz" in preview.payer_label.text()  # her household's payer
    assert preview.owed_label.text() == "Owes $60.00 (6 open charges)."
    qtbot.keyClicks(form.amount_edit, "25")
    shown = [[preview.model.index(r, c).data() for c in range(4)] for r in range(preview.model.rowCount())]
    assert shown == [["2026-01", "Monthly", "10.00", "0.00"], ["2026-02", "Monthly", "10.00", "0.00"],
                     ["2026-03", "Monthly", "5.00", "5.00"]]
    assert preview.credit_label.text() == "Still owed afterwards: $35.00"
    qtbot.keyClicks(form.amount_edit, "0")  # 250
    assert preview.model.rowCount() == 6
    assert preview.credit_label.text() == "Credit left over: $190.00 (paid ahead)"
    form.amount_edit.setText("12x")
    assert preview.model.rowCount() == 0 and preview.preview is None

    # Recording it: the household payer is recorded as who paid.
    form.amount_edit.setText("60.00")
    assert form.record() is not None
    (row,) = book_of(window).read(list_payments, "3")
    assert row.payer_number == "1"
    assert book_of(window).read(open_charges, "3") == []
    assert screen.list_panel.model.index(
        screen.list_panel.model.row_of(row.payment_id), 3).data() == "1 \N{EM DASH} Ana Ruiz"


def test_an_invalid_amount_is_shown_at_the_field_and_nothing_is_recorded(
        qtbot: QtBot, window: MainWindow, coop_path: Path) -> None:
    screen = open_payments(window, coop_path)
    form = screen.form
    qtbot.keyClicks(form.member_edit, "Dan")
    qtbot.keyClicks(form.amount_edit, "12.3.4")
    assert form.amount_error.text() == ""  # not while typing...
    qtbot.keyClick(form.amount_edit, Qt.Key.Key_Return)  # ...but when asked to record
    assert form.amount_error.text() == "\u201c12.3.4\u201d is not an amount: type it like 1,234.50."
    assert form.amount_edit.hasFocus()
    form.amount_edit.setText("-5")
    assert form.record() is None
    assert form.amount_error.text() == "A payment must be more than zero."
    form.member_edit.setText("Zed")
    form.amount_edit.setText("5")
    assert form.amount_error.text() == ""  # fixed: the error goes at once
    assert form.record() is None
    assert form.member_error.text() == "No member has the number or name \u201cZed\u201d."
    assert form.member_edit.hasFocus()
    assert book_of(window).read(list_payments) == []


def test_reverse_a_payment_from_the_list(qtbot: QtBot, window: MainWindow, coop_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    screen = open_payments(window, coop_path)
    screen.form.choose_member("1")
    screen.form.amount_edit.setText("20.00")
    screen.form.record()
    panel = screen.list_panel
    assert balance(window, "1") == usd("40.00")
    asked: list[str] = []
    monkeypatch.setattr(PaymentDialogs, "confirm_reverse",
                        classmethod(lambda cls, parent, text: asked.append(text) or True))
    assert panel.reverse_button.isEnabled()
    qtbot.mouseClick(panel.reverse_button, Qt.MouseButton.LeftButton)

    assert asked == ["$20.00 by Ana Ruiz on Jun 30, 2026"]
    (row,) = book_of(window).read(list_payments, "1")
    assert row.reversed
    assert balance(window, "1") == usd("60.00")
    assert panel.selected() is not None and panel.selected().reversed
    assert panel.model.index(panel.model.row_of(row.payment_id), 7).data() == "Reversed"
    assert not panel.reverse_button.isEnabled()  # a payment is reversed once only
    assert "Reversed the payment" in screen.feedback.text()


def test_declining_the_question_reverses_nothing(window: MainWindow, coop_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    screen = open_payments(window, coop_path)
    screen.form.choose_member("4")
    screen.form.amount_edit.setText("10")
    screen.form.record()
    monkeypatch.setattr(PaymentDialogs, "confirm_reverse", classmethod(lambda cls, parent, text: False))
    row = screen.list_panel.selected()
    assert row is not None
    assert screen.reverse(row) is False
    assert not book_of(window).read(list_payments, "4")[0].reversed


def test_undo_posts_a_reversal_and_redo_records_again(
        qtbot: QtBot, window: MainWindow, coop_path: Path) -> None:
    screen = open_payments(window, coop_path)
    screen.form.choose_member("2")
    screen.form.amount_edit.setText("30.00")
    screen.form.record()
    assert balance(window, "2") == usd("30.00")
    cash = {r.code: r.balance for r in book_of(window).read(ledger.account_balances)}["1000"]

    window.undo_action.trigger()
    assert balance(window, "2") == usd("60.00")  # back to what was owed
    rows = book_of(window).read(list_payments, "2")
    assert [r.reversed for r in rows] == [True]  # the payment stays, reversed
    assert {r.code: r.balance for r in book_of(window).read(ledger.account_balances)}["1000"] == \
        cash - usd("30.00")
    assert "reversal was posted" in screen.feedback.text()
    assert "reversal was posted" in window.statusBar().currentMessage()
    assert screen.list_panel.model.rows()[-1].reversed  # the list followed

    window.redo_action.trigger()
    assert balance(window, "2") == usd("30.00")
    rows = book_of(window).read(list_payments, "2")
    assert [r.reversed for r in rows] == [True, False]  # recorded again, as a new payment
    assert "recorded again" in screen.feedback.text()

    window.undo_action.trigger()  # undoing again reverses the new one
    assert [r.reversed for r in book_of(window).read(list_payments, "2")] == [True, True]
    assert balance(window, "2") == usd("60.00")


def test_ctrl_z_in_an_empty_field_undoes_the_payment(
        qtbot: QtBot, window: MainWindow, coop_path: Path) -> None:
    screen = open_payments(window, coop_path)
    type_member(qtbot, screen.form.member_edit, "Dan")
    qtbot.keyClick(screen.form.member_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(screen.form.date_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(screen.form.amount_edit, "10")
    qtbot.keyClick(screen.form.amount_edit, Qt.Key.Key_Return)
    assert balance(window, "4") == usd("50.00")
    assert screen.form.member_edit.hasFocus() and screen.form.member_edit.text() == ""
    qtbot.keyClick(screen.form.member_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert balance(window, "4") == usd("60.00")


def test_a_read_only_book_disables_entry_reversing_and_importing(
        window: MainWindow, coop_path: Path) -> None:
    with Book.open(coop_path) as book:
        from coopdesk.dues.payments import record_payment
        book.run(record_payment, "1", dt.date(2026, 5, 1), usd("10.00"), "cash")
    screen = open_payments(window, coop_path, read_only=True)
    form = screen.form
    assert not form.member_edit.isEnabled() and not form.amount_edit.isEnabled()
    assert not form.record_button.isEnabled()
    assert form.record() is None
    assert screen.list_panel.model.rowCount() == 1
    screen.list_panel.select(screen.list_panel.model.rows()[0].payment_id)
    assert not screen.list_panel.reverse_button.isEnabled()
    assert not screen.list_panel.import_button.isEnabled()
    assert screen.import_bank_csv() is None
    assert "reading only" in screen.feedback.text()


def test_show_target_fills_in_the_member_and_find_goes_to_the_filter(
        qtbot: QtBot, window: MainWindow, coop_path: Path) -> None:
    with Book.open(coop_path) as book:
        from coopdesk.dues.payments import record_payment
        book.run(record_payment, "1", dt.date(2026, 5, 1), usd("10.00"), "cash", reference="R-17")
        book.run(record_payment, "2", dt.date(2026, 5, 2), usd("10.00"), "cash", reference="R-18")
    window.show_book(Book.open(coop_path))
    window.show_screen("payments", MemberTarget("3"))
    screen = window.screens["payments"]
    assert isinstance(screen, PaymentsScreen)
    assert screen.form.member_edit.text() == "3 \N{EM DASH} Carla Ruiz"
    assert screen.form.amount_edit.hasFocus()

    window.find_action.trigger()
    assert screen.list_panel.filter_edit.hasFocus()
    qtbot.keyClicks(screen.list_panel.filter_edit, "okafor")
    shown = screen.list_panel.shown_payment_ids()
    assert len(shown) == 1
    assert [r.member_number for r in screen.list_panel.model.rows() if r.payment_id in shown] == ["2"]


def test_the_date_range_limits_the_list(window: MainWindow, coop_path: Path) -> None:
    with Book.open(coop_path) as book:
        from coopdesk.dues.payments import record_payment
        for day in (dt.date(2024, 5, 1), dt.date(2026, 3, 1), dt.date(2026, 5, 1)):
            book.run(record_payment, "1", day, usd("10.00"), "cash")
    screen = open_payments(window, coop_path)
    panel = screen.list_panel
    assert panel.date_range() == (dt.date(2026, 4, 1), dt.date(2026, 12, 31))  # three months
    assert [r.date for r in panel.model.rows()] == [dt.date(2026, 5, 1)]
    panel.from_edit.set_value(dt.date(2024, 1, 1))
    assert [r.date for r in panel.model.rows()] == [dt.date(2024, 5, 1), dt.date(2026, 3, 1),
                                                    dt.date(2026, 5, 1)]
    assert panel.count_label.text() == "3 payments, $30.00 received"
    assert panel.shown_payment_ids()[0] == panel.model.rows()[-1].payment_id  # the latest first


def test_a_payment_dated_before_the_list_widens_it(window: MainWindow, coop_path: Path) -> None:
    screen = open_payments(window, coop_path)
    screen.form.choose_member("1")
    screen.form.date_edit.set_value(dt.date(2026, 1, 15))
    screen.form.amount_edit.setText("10")
    assert screen.form.record() is not None
    assert screen.list_panel.date_range()[0] == dt.date(2026, 1, 15)
    selected = screen.list_panel.selected()
    assert selected is not None and selected.date == dt.date(2026, 1, 15)
