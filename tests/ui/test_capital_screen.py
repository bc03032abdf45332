"""The Capital accounts screen on a co-op with a posted allocation: the register and a member's
history; a share payment recorded through the form; a redemption through the wizard equal to
the core's plan, and the register after it; a former member's capital made payable and paid
when due; a read-only book offering no action."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.members.service import record_leaving
from coopdesk.patronage.capital import record_share_payment
from coopdesk.patronage.queries import capital_register, member_capital
from coopdesk.patronage.redemption import preview_redemption
from coopdesk.patronage.run import post_allocation
from coopdesk.patronage.ui_queries import capital_schedule
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.screens.capital import CapitalScreen
from coopdesk_ui.screens.capital_due_dialog import DueDialog
from coopdesk_ui.screens.capital_payable_form import PayableForm
from coopdesk_ui.screens.capital_redeem_wizard import RedeemWizard
from coopdesk_ui.screens.capital_share_form import ShareForm

from .patronage_helpers import (  # noqa: F401  (fixtures)
    answer_confirm,
    answer_forms,
    coop_path,
    no_real_patronage_dialogs,
    open_window,
    terms,
    texts,
    usd,
)


@pytest.fixture
def allocated_path(coop_path: Path) -> Path:
    """The co-op with member 1's $100.00 share and 2025 allocated on 1 March 2026."""
    with Book.open(coop_path) as book:
        book.run(record_share_payment, "1", usd("100.00"), dt.date(2024, 2, 1))
        book.run(post_allocation, terms(), dt.date(2026, 3, 1))
    return coop_path


def capital(window: MainWindow) -> CapitalScreen:
    screen = window.screens["capital"]
    assert isinstance(screen, CapitalScreen)
    return screen


def book_of(window: MainWindow) -> Book:
    book = window.host.book
    assert book is not None
    return book


def register(window: MainWindow) -> dict[str, object]:
    return {row.member_number: row for row in book_of(window).read(capital_register)}


def test_the_register_and_a_members_history(qtbot: QtBot, allocated_path: Path) -> None:
    window = open_window(qtbot, allocated_path, "capital")
    screen = capital(window)
    rows = book_of(window).read(capital_register, dt.date(2026, 6, 30))
    assert screen.model.rows() == tuple(rows)
    formatter = window.context.formatter
    assert texts(screen.model, 5) == [formatter.money(r.total, with_symbol=False) for r in rows]
    assert screen.select_member("1")
    assert screen.detail.history_model.rows() == tuple(book_of(window).read(member_capital, "1"))
    assert texts(screen.detail.history_model, 1) == ["Share paid in", "Retained"]
    assert screen.detail.figures["total"].text() == formatter.money(rows[0].total)
    assert texts(screen.detail.year_model, 0) == ["2025"]
    screen.as_of_edit.set_value(dt.date(2026, 2, 1))  # before the allocation
    assert [r.member_number for r in screen.model.rows()] == ["1"]
    screen.search_edit.setText("Sam")
    assert screen.proxy.rowCount() == 0


def test_a_share_payment_through_the_form(qtbot: QtBot, allocated_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, allocated_path, "capital")
    screen = capital(window)

    def fill(form: QDialog) -> None:
        assert isinstance(form, ShareForm)
        form.member_edit.setText("Lee")
        form.amount_edit.setText("-5")
        form._touch(form.amount_edit)
        assert not form.ok_button.isEnabled()
        assert form.amount_error.text() == "The amount must be more than zero."
        form.amount_edit.setText("25.00")
        form.validate()
        assert form.ok_button.isEnabled()
        form.accept()

    answer_forms(monkeypatch, fill)
    screen.share_button.click()
    row = register(window)["3"]
    assert row.shares == usd("25.00")  # type: ignore[attr-defined]
    assert screen.detail.number == "3"


def test_a_redemption_through_the_wizard_is_the_cores_plan(qtbot: QtBot, allocated_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, allocated_path, "capital")
    screen = capital(window)
    before = register(window)
    wizard = RedeemWizard(window.context, sum((r.retained for r in screen.model.rows()),
                                              usd("0")), screen)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.amount_page.amount_edit.setText("100000.00")
    assert not wizard.amount_page.isComplete()
    assert "no more can be paid out" in wizard.amount_page.amount_error.text()
    wizard.amount_page.amount_edit.setText("1,000.00")
    wizard.next()
    plan = book_of(window).read(preview_redemption, usd("1000.00"), dt.date(2026, 6, 30))
    assert wizard.plan_page.model.rows() == plan.lines
    assert plan.year_in_part == dt.date(2025, 1, 1)
    assert "Paid in part" in wizard.plan_page.summary.text()
    wizard.next()
    answer_confirm(monkeypatch)
    wizard.accept()
    assert wizard.changes is not None
    after = register(window)
    for line in plan.lines:
        assert after[line.member_number].retained == (  # type: ignore[attr-defined]
            before[line.member_number].retained - line.redeemed)  # type: ignore[attr-defined]
    assert screen.model.rows() == tuple(book_of(window).read(capital_register, dt.date(2026, 6, 30)))


def test_a_former_members_capital_made_payable_then_paid_when_due(
        qtbot: QtBot, allocated_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Book.open(allocated_path) as book:
        book.run(record_leaving, "1", dt.date(2026, 3, 31), "withdrew")
    window = open_window(qtbot, allocated_path, "capital")
    screen = capital(window)
    screen.select_member("2")
    assert not screen.detail.payable_button.isVisible()  # still a member
    screen.select_member("1")
    assert screen.detail.payable_button.isEnabled()
    total = register(window)["1"].total  # type: ignore[attr-defined]

    def schedule(form: QDialog) -> None:
        assert isinstance(form, PayableForm)
        form.installments_spin.setValue(2)
        form.first_due_edit.set_value(dt.date(2026, 6, 30))
        assert form.preview is not None and form.preview.total == total
        form.accept()

    answer_forms(monkeypatch, schedule)
    screen.detail.payable_button.click()
    row = register(window)["1"]
    assert (row.payable, row.retained) == (total, usd("0"))  # type: ignore[attr-defined]
    assert "Paid back in installments" in screen.detail.schedule_label.text()

    def pay(dialog: QDialog) -> None:
        assert isinstance(dialog, DueDialog)
        assert "1 installment" in dialog.what_label.text()
        dialog.accept()

    answer_forms(monkeypatch, pay)
    screen.due_button.click()
    paid = [i.paid for i in book_of(window).read(capital_schedule, "1")]
    assert paid == [True, False]
    assert "(paid)" in screen.detail.schedule_label.text()


def test_a_read_only_book_offers_no_action(qtbot: QtBot, allocated_path: Path) -> None:
    window = open_window(qtbot, allocated_path, "capital", read_only=True)
    screen = capital(window)
    assert screen.model.rowCount() == 4
    assert screen.select_member("1")
    for button in (screen.share_button, screen.redeem_button, screen.due_button,
                   screen.detail.payable_button):
        assert not button.isEnabled()
    assert screen.record_share() is None and screen.redeem() is None
    assert "reading only" in screen.feedback.text()
