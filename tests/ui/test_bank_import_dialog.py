"""Importing a bank export from the Payments screen: file, preview (a dry run), apply."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.dues.payment_list import list_payments
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk_ui.forms.bank_import_dialog import BankImportDialog
from coopdesk_ui.forms.payment_dialogs import PaymentDialogs
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.models.payment_import_model import Column
from coopdesk_ui.screens.payments import PaymentsScreen

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support (raise\(\)|grabbing the keyboard)$")

EXPORT = """Date,Amount,Reference,Name
2026-06-02,10.00,Membership 1 June,Ana Ruiz
2026-06-03,-45.00,Printer paper,Office Supplies
2026-06-04,20.00,Dues for Ben Okafor,B Okafor
2026-06-05,15.00,Donation,Someone Kind
"""
ALL_MATCHED = """Date,Amount,Reference,Name
2026-06-10,10.00,Member #1,Ana Ruiz
2026-06-11,10.00,Member #2,Ben Okafor
"""


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    path = tmp_path / "coop.coopdesk"
    with Book.create(path, name="Riverside Food Co-op", currency="USD", locale="en_US") as book:
        for number, name in (("1", "Ana Ruiz"), ("2", "Ben Okafor")):
            book.run(add_member, MemberInput(name, dt.date(2026, 1, 1), number=number))
    return path


@pytest.fixture
def screen(qtbot: QtBot, book_path: Path) -> PaymentsScreen:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_book(Book.open(book_path))
    window.show_screen("payments")
    screen = window.screens["payments"]
    assert isinstance(screen, PaymentsScreen)
    return screen


def write_csv(tmp_path: Path, text: str, name: str = "bank.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def payments(screen: PaymentsScreen) -> list[tuple[str, Money, str, bool]]:
    return [(r.member_number, r.amount, r.method, r.reversed)
            for r in screen.context.read(list_payments)]


def start_import(screen: PaymentsScreen) -> BankImportDialog:
    dialog = screen.import_bank_csv()
    assert dialog is not None and screen.import_dialog is dialog
    return dialog


def table(model: object) -> list[list[str]]:
    from coopdesk_ui.models.payment_import_model import PaymentImportModel

    assert isinstance(model, PaymentImportModel)
    return [[model.index(r, c).data() for c in Column] for r in range(model.rowCount())]


def test_preview_shows_matched_and_unmatched_rows_and_records_nothing_yet(
        qtbot: QtBot, screen: PaymentsScreen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = write_csv(tmp_path, EXPORT)
    monkeypatch.setattr(PaymentDialogs, "ask_bank_csv_path", classmethod(lambda cls, parent, start=None: export))
    dialog = start_import(screen)
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.path_edit.text() == str(export)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Enter = Next

    assert dialog.pages.currentIndex() == 1
    matched = table(dialog.matched_model)
    assert [row[:3] + row[Column.MEMBER:] for row in matched] == [
        ["2", "Jun 2, 2026", "10.00", "1 \N{EM DASH} Ana Ruiz", "member number", "will be recorded"],
        ["4", "Jun 4, 2026", "20.00", "2 \N{EM DASH} Ben Okafor", "name", "will be recorded"]]
    unmatched = table(dialog.unmatched_model)
    assert [[row[0], row[Column.REFERENCE], row[Column.HOW]] for row in unmatched] == [
        ["5", "Donation", "no member's number or name found in it"]]
    assert dialog.unmatched_table.isColumnHidden(Column.MEMBER)
    assert "Nothing has been recorded yet" in dialog.summary_label.text()
    assert "1 row is not a payment" in dialog.note_label.text()  # the printer paper
    assert payments(screen) == []  # a dry run only

    assert dialog.apply_button.text() == "&Apply the 2 matched payments"
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None and dialog.recorded_count() == 2
    assert not dialog.isVisible()
    assert payments(screen) == [("1", Money("10.00", "USD"), "bank_transfer", False),
                                ("2", Money("20.00", "USD"), "bank_transfer", False)]
    assert screen.feedback.text() == "Imported 2 payments from the bank export."
    assert screen.list_panel.model.rowCount() == 2  # the list followed


def test_importing_the_same_file_again_records_nothing_twice(
        qtbot: QtBot, screen: PaymentsScreen, tmp_path: Path) -> None:
    export = write_csv(tmp_path, ALL_MATCHED)
    dialog = start_import(screen)
    dialog.set_path(export)
    assert dialog.go_next()
    assert dialog.apply_button.text() == "&Apply all 2 payments"  # every row matched
    assert dialog.apply()
    assert len(payments(screen)) == 2

    again = start_import(screen)
    again.set_path(export)
    assert again.go_next()
    assert [row[Column.ACTION] for row in table(again.matched_model)] == ["skipped: imported before"] * 2
    assert "2 were imported before and are skipped" in again.summary_label.text()
    assert not again.apply_button.isEnabled()
    assert again.apply_button.text() == "Nothing new to record"
    assert not again.apply()
    assert len(payments(screen)) == 2


def test_a_bad_file_gets_one_clear_message_and_nothing_happens(
        qtbot: QtBot, screen: PaymentsScreen, tmp_path: Path) -> None:
    dialog = start_import(screen)
    dialog.set_path(write_csv(tmp_path, "When,How much\n2026-06-01,12.00\n", "odd.csv"))
    assert not dialog.go_next()
    assert dialog.pages.currentIndex() == 0
    message = dialog.file_problem.text()
    assert message.startswith("odd.csv: nothing was imported, 2 problems to fix first:")
    assert "no column gives the date" in message and "no column gives the amount" in message

    dialog.set_path(write_csv(tmp_path, "Date,Amount,Reference\n2026-06-01,twelve,Member #1\n", "typo.csv"))
    assert not dialog.go_next()
    assert "line 2, column 'Amount'" in dialog.file_problem.text()

    dialog.set_path(tmp_path / "missing.csv")
    assert not dialog.go_next()
    assert "cannot be read" in dialog.file_problem.text()
    assert payments(screen) == []


def test_back_returns_to_the_file_and_cancel_applies_nothing(
        qtbot: QtBot, screen: PaymentsScreen, tmp_path: Path) -> None:
    dialog = start_import(screen)
    dialog.set_path(write_csv(tmp_path, EXPORT))
    assert dialog.go_next()
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 0
    assert dialog.next_button.isVisible() and not dialog.apply_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is None
    assert screen.import_dialog is None
    assert payments(screen) == []


def test_a_preview_the_book_refuses_says_why_on_the_page(
        screen: PaymentsScreen, tmp_path: Path) -> None:
    from coopdesk.ledger.service import close_period

    assert screen.context.write(close_period, dt.date(2026, 6, 15)) is not None
    dialog = start_import(screen)
    dialog.set_path(write_csv(tmp_path, ALL_MATCHED.replace("2026-06-10", "2026-06-05")))
    assert not dialog.go_next()  # the dry run records them, and the closed period refuses
    assert dialog.pages.currentIndex() == 0
    assert "closed" in dialog.file_problem.text()
    assert payments(screen) == []
