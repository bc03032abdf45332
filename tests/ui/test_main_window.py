"""MainWindow over small books in tmp_path: trial balance, As-of date, opening, closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs
from coopdesk.lock import lock_path
from coopdesk.money import Money
from coopdesk_ui.dialogs import Dialogs
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE
from coopdesk_ui.models.trial_balance_model import Column

@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    """The window shown on the ledger's trial balance tab (screens query only when on view)."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_screen("ledger")
    window.screens["ledger"].tabs.setCurrentWidget(window.trial_balance)  # type: ignore[attr-defined]
    return window


@pytest.fixture
def riverside(make_book: Callable[..., Path]) -> Path:
    return make_book()


def shown_balances(window: MainWindow) -> dict[str, tuple[Decimal, Decimal]]:
    """Account code -> (debit, credit) as the table shows them, in the view's order."""
    proxy = window.trial_balance.proxy
    return {
        proxy.index(r, 0).data(ID_ROLE): (proxy.index(r, Column.DEBIT).data(SORT_ROLE),
                                          proxy.index(r, Column.CREDIT).data(SORT_ROLE))
        for r in range(proxy.rowCount())
    }


def answer_open_dialog(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    monkeypatch.setattr(Dialogs, "ask_open_path", classmethod(lambda cls, parent, start=None: path))


def test_shows_the_trial_balance_of_the_book(window: MainWindow, riverside: Path) -> None:
    window.show_book(Book.open(riverside))
    balances = shown_balances(window)
    assert balances["1010"] == (Decimal("1159.75"), Decimal("0.00"))
    assert balances["1000"] == (Decimal("85.50"), Decimal("0.00"))
    assert balances["3900"] == (Decimal("0.00"), Decimal("1200.00"))
    assert balances["4100"] == (Decimal("0.00"), Decimal("85.50"))
    assert balances["5000"] == (Decimal("40.25"), Decimal("0.00"))
    assert list(balances) == sorted(balances)  # in code order
    assert window.trial_balance.proxy.index(0, Column.DEBIT).data() == "85.50"
    totals = window.trial_balance.totals
    assert totals.text(Column.DEBIT) == totals.text(Column.CREDIT) == "1,285.50"
    assert totals.text(Column.NAME) == "Total USD"  # no "out of balance" warning
    assert window.windowTitle() == "Riverside Food Co-op \N{EM DASH} coopdesk"
    assert window.book_status.text() == str(riverside)
    assert window.banner.isHidden()


def test_as_of_before_the_entries_shows_no_balances(
        window: MainWindow, riverside: Path, entry_dates: tuple[dt.date, ...]) -> None:
    window.show_book(Book.open(riverside))
    window.trial_balance.as_of_edit.set_value(entry_dates[0] - dt.timedelta(days=1))
    assert set(shown_balances(window).values()) == {(Decimal("0.00"), Decimal("0.00"))}
    totals = window.trial_balance.totals
    assert totals.text(Column.DEBIT) == totals.text(Column.CREDIT) == "0.00"

    window.trial_balance.as_of_edit.set_value(entry_dates[1])  # before the printer paper
    assert shown_balances(window)["1010"] == (Decimal("1200.00"), Decimal("0.00"))


def test_as_of_defaults_to_today(window: MainWindow, fixed_today: dt.date) -> None:
    assert window.trial_balance.as_of_edit.value() == fixed_today
    assert window.trial_balance.as_of_edit.calendarPopup()


def test_a_write_through_the_host_refreshes_the_table(
        window: MainWindow, riverside: Path, entry_dates: tuple[dt.date, ...]) -> None:
    window.show_book(Book.open(riverside))
    usd = Money("10.00", "USD")
    window.host.run(post_specs, [EntrySpec(entry_dates[2], (PostingSpec("5900", usd),
                                                           PostingSpec("1010", -usd)))])
    assert shown_balances(window)["5900"] == (Decimal("10.00"), Decimal("0.00"))


def test_opening_a_file_that_is_not_a_book_keeps_the_current_book(
        window: MainWindow, riverside: Path, tmp_path: Path, errors: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    book = Book.open(riverside)
    window.show_book(book)
    not_a_book = tmp_path / "notes.coopdesk"
    not_a_book.write_text("shopping list: flour, eggs\n")
    answer_open_dialog(monkeypatch, not_a_book)

    window.open_action.trigger()

    assert len(errors) == 1
    assert "could not be opened" in errors[0] and str(not_a_book) in errors[0]
    assert window.host.book is book
    assert lock_path(riverside).exists()
    assert shown_balances(window)["1010"] == (Decimal("1159.75"), Decimal("0.00"))
    assert not_a_book.read_text() == "shopping list: flour, eggs\n"


def test_opening_another_book_closes_the_first(
        window: MainWindow, make_book: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_book()
    second = make_book(name="Hilltop Workers", file="hilltop.coopdesk", entries=())
    window.show_book(Book.open(first))
    answer_open_dialog(monkeypatch, second)

    window.open_action.trigger()

    assert window.host.book is not None and window.host.book.path == second
    assert not lock_path(first).exists()
    assert window.windowTitle() == "Hilltop Workers \N{EM DASH} coopdesk"
    assert set(shown_balances(window).values()) == {(Decimal("0.00"), Decimal("0.00"))}


def test_opening_the_open_book_again_just_refreshes(
        window: MainWindow, riverside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = Book.open(riverside)
    window.show_book(book)
    answer_open_dialog(monkeypatch, riverside)
    window.open_action.trigger()
    assert window.host.book is book


def test_cancelling_the_open_dialog_changes_nothing(
        window: MainWindow, riverside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = Book.open(riverside)
    window.show_book(book)
    answer_open_dialog(monkeypatch, None)
    window.open_action.trigger()
    assert window.host.book is book


def test_close_releases_the_book_and_shows_the_hint(window: MainWindow, riverside: Path) -> None:
    window.show_book(Book.open(riverside))
    window.close_action.trigger()
    assert window.host.book is None
    assert not lock_path(riverside).exists()
    assert window.windowTitle() == "coopdesk"
    assert window.book_status.text() == "No book open"
    assert window.trial_balance.model.rowCount() == 0
    assert not window.close_action.isEnabled()
    Book.open(riverside).close()  # nothing holds it any more


def test_closing_the_window_releases_the_book(window: MainWindow, riverside: Path) -> None:
    window.show_book(Book.open(riverside))
    window.show()
    window.close()
    assert window.host.book is None
    assert not lock_path(riverside).exists()


def test_a_book_in_use_opens_read_only_when_the_user_agrees(
        window: MainWindow, riverside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def agree(cls: type, parent: object, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(Dialogs, "ask_open_read_only", classmethod(agree))
    answer_open_dialog(monkeypatch, riverside)
    with Book.open(riverside):  # another program is writing to it
        window.open_action.trigger()
    assert asked and "in use" in asked[0]
    book = window.host.book
    assert book is not None and book.read_only
    assert window.book_status.text().endswith("read-only")
    assert "(read-only)" in window.windowTitle()
    assert not window.banner.isHidden() and "reading only" in window.banner.text()
    assert shown_balances(window)["1010"] == (Decimal("1159.75"), Decimal("0.00"))


def test_the_books_notices_are_shown_in_the_banner(window: MainWindow, riverside: Path) -> None:
    book = Book.open(riverside, read_only=True)
    book.notices.append("The book was upgraded; the old version is kept as old.coopdesk.")
    window.show_book(book)
    assert window.banner.text() == "The book was upgraded; the old version is kept as old.coopdesk."
    assert not window.banner.isHidden()


def test_refresh_shows_entries_posted_by_another_program(
        window: MainWindow, riverside: Path, entry_dates: tuple[dt.date, ...]) -> None:
    window.show_book(Book.open(riverside, read_only=True))
    with Book.open(riverside) as other:
        usd = Money("5.00", "USD")
        other.run(post_specs, [EntrySpec(entry_dates[2], (PostingSpec("5900", usd),
                                                         PostingSpec("1000", -usd)))])
    window.refresh_action.trigger()
    assert shown_balances(window)["5900"] == (Decimal("5.00"), Decimal("0.00"))
