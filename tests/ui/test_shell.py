"""The app shell: welcome page, sidebar, menus, recent books, copies, backups, undo, long jobs."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from coopdesk.backup import verify_copy
from coopdesk.book import Book
from coopdesk.errors import CoopdeskError
from coopdesk.ledger.queries import trial_balance
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs
from coopdesk.money import Money
from coopdesk.progress import Progress
from coopdesk.session_backup import backup_folder, last_backup_time
from coopdesk_ui.dialogs import Dialogs
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.undo import perform

from .conftest import TODAY


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1000, 640)
    window.show()
    return window


def cash_balance(book: Book) -> Money:
    rows = {row.code: row for row in book.read(trial_balance, TODAY)}
    return rows["1000"].debit - rows["1000"].credit


def post_cash(session: Session, amount: str) -> object:
    """A small write: takes cash in as other income."""
    money = Money(amount, "USD")
    return post_specs(session, [EntrySpec(TODAY, (PostingSpec("1000", money),
                                                  PostingSpec("4900", -money)), memo="Gift")])


class GiftAction:
    """A core Action (coopdesk.undo) for the tests: undo takes the money back out."""

    label = "Gift of $10.00"

    def do(self, session: Session) -> object:
        return post_cash(session, "10.00")

    def undo(self, session: Session) -> object:
        return post_cash(session, "-10.00")

    def redo(self, session: Session) -> object:
        return post_cash(session, "10.00")


def test_without_a_book_the_welcome_page_offers_the_three_ways_in(window: MainWindow) -> None:
    assert window.current_screen() is None
    assert window.welcome.isVisible()
    assert not window.sidebar.isEnabled() and not window.close_action.isEnabled()
    assert [b.text() for b in (window.welcome.create_button, window.welcome.open_button,
                               window.welcome.demo_button)] == [
        "Create a new co-op book\N{HORIZONTAL ELLIPSIS}", "Open a book\N{HORIZONTAL ELLIPSIS}",
        "Try the demo co-op"]


def test_opening_a_book_shows_the_dashboard_and_the_sidebar_switches_screens(
        window: MainWindow, make_book: Callable[..., Path]) -> None:
    window.show_book(Book.open(make_book()))
    assert window.current_screen() is window.screens["dashboard"]
    window.sidebar.setCurrentRow(list(window.screens).index("ledger"))
    assert window.current_screen() is window.screens["ledger"]
    window.screen_actions[1].trigger()  # Ctrl+2
    assert window.current_screen() is window.screens["members"]
    window.context.navigate("payments")
    assert window.current_screen() is window.screens["payments"]
    assert window.sidebar.currentItem().text() == "Payments"


def test_opened_books_are_remembered_and_offered_again(
        window: MainWindow, make_book: Callable[..., Path]) -> None:
    first, second = make_book(file="a.coopdesk"), make_book(file="b.coopdesk")
    window.show_book(Book.open(first))
    window.show_book(Book.open(second))
    assert window.recent.paths() == [second.resolve(), first.resolve()]
    window.host.close()
    links = [w.text() for w in window.welcome.findChildren(type(window.welcome.open_button))]
    assert "b.coopdesk" in links and "a.coopdesk" in links
    window._fill_recent_menu()
    assert [a.text() for a in window.recent_menu.actions()] == [str(second.resolve()),
                                                                str(first.resolve())]
    window.recent_menu.actions()[1].trigger()
    book = window.host.book
    assert book is not None and book.path.resolve() == first.resolve()


def test_save_a_copy_writes_a_verified_copy_where_the_user_says(
        window: MainWindow, make_book: Callable[..., Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.show_book(Book.open(make_book()))
    target = tmp_path / "handover.coopdesk"
    monkeypatch.setattr(Dialogs, "ask_save_path",
                        classmethod(lambda cls, parent, title, suggested: target))
    window.save_copy_action.trigger()
    assert verify_copy(target) == []
    with Book.open(target, read_only=True) as copy:
        assert cash_balance(copy) == Money("85.50", "USD")


def test_closing_a_changed_book_writes_a_rotated_backup(
        window: MainWindow, make_book: Callable[..., Path]) -> None:
    path = make_book()
    window.show_book(Book.open(path))
    window.host.close()
    assert last_backup_time(path) is None  # nothing changed: no backup
    window.show_book(Book.open(path))
    assert window.backup_status.text() == "Not backed up yet"
    window.host.run(post_cash, "1.00")
    window.host.close()
    backups = list(backup_folder(path).iterdir())
    assert len(backups) == 1 and verify_copy(backups[0]) == []
    window.show_book(Book.open(path))
    assert window.backup_status.text().startswith("Last backup: ")


def test_undo_and_redo_run_the_core_action_and_refresh_the_views(
        window: MainWindow, make_book: Callable[..., Path]) -> None:
    window.show_book(Book.open(make_book()))
    book = window.host.require()
    assert perform(window.context, GiftAction()) is not None
    assert cash_balance(book) == Money("95.50", "USD")
    assert window.undo_action.isEnabled() and "Gift of $10.00" in window.undo_action.text()
    window.undo_action.trigger()
    assert cash_balance(book) == Money("85.50", "USD")
    window.redo_action.trigger()
    assert cash_balance(book) == Money("95.50", "USD")
    window.host.close()
    assert not window.undo_action.isEnabled()  # another book, another history


def test_a_refused_undo_is_told_and_dropped(
        window: MainWindow, make_book: Callable[..., Path], errors: list[str]) -> None:
    window.show_book(Book.open(make_book()))

    class Stubborn(GiftAction):
        def undo(self, session: Session) -> object:
            raise CoopdeskError("the member was changed by someone else")

    perform(window.context, Stubborn())
    window.undo_action.trigger()
    assert errors == ["the member was changed by someone else"]
    assert window.context.undo_stack.count() == 0


def slow_gifts(session: Session, count: int, *, progress: Progress) -> int:
    """Posts `count` gifts, reporting each, slowly enough to be cancelled part-way."""
    for done in range(1, count + 1):
        post_cash(session, "1.00")
        progress(done, count)
        time.sleep(0.01)
    return count


def test_a_long_job_reports_to_the_views_when_done(
        window: MainWindow, make_book: Callable[..., Path]) -> None:
    window.show_book(Book.open(make_book()))
    changes = window.context.run_long("Posting gifts", slow_gifts, 5)
    assert changes is not None and changes.result == 5
    assert cash_balance(window.host.require()) == Money("90.50", "USD")


def test_cancelling_a_long_job_leaves_the_book_unchanged(
        window: MainWindow, make_book: Callable[..., Path], qtbot: QtBot) -> None:
    window.show_book(Book.open(make_book()))

    def press_cancel() -> None:
        dialogs = window.findChildren(QProgressDialog)
        if dialogs:
            dialogs[0].findChild(QPushButton).click()  # what the user does
        else:
            QTimer.singleShot(20, press_cancel)

    QTimer.singleShot(50, press_cancel)
    assert window.context.run_long("Posting gifts", slow_gifts, 500) is None
    assert cash_balance(window.host.require()) == Money("85.50", "USD")


def test_a_refused_long_job_is_told(window: MainWindow, make_book: Callable[..., Path],
                                    errors: list[str]) -> None:
    window.show_book(Book.open(make_book()))

    def refuse(session: Session, *, progress: Progress) -> None:
        post_cash(session, "1.00")
        raise CoopdeskError("row 3: the amount is not a number")

    assert window.context.run_long("Importing", refuse) is None
    assert errors == ["row 3: the amount is not a number"]
    assert cash_balance(window.host.require()) == Money("85.50", "USD")


def test_an_unexpected_error_is_shown_with_details_to_copy(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from coopdesk_ui import app

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(Dialogs, "bug",
                        classmethod(lambda cls, parent, text, details: shown.append((text, details))))
    try:
        {}["missing"]
    except KeyError as exc:
        app._report_bug(KeyError, exc, exc.__traceback__)
    ((text, details),) = shown
    assert "this is a bug" in text and "the book is as it was" in text
    assert "KeyError: 'missing'" in text
    assert details.startswith("Traceback") and "test_shell.py" in details
    assert "KeyError" in capsys.readouterr().err  # also on the terminal, for a developer
