"""What the Dues screen tests share: a small co-op with members and a plan, and the screen's
modal windows made to fail unless a test answers them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.screens.dues import DuesScreen
from coopdesk_ui.screens.dues_dialogs import DuesDialogs

MEMBERS = (
    ("7", "Ann Lee", dt.date(2026, 1, 1)),
    ("12", "Bo Chan", dt.date(2026, 3, 15)),
    ("3", "Carla Weiß", dt.date(2026, 1, 1)),
    ("4", "Dieter Weiß", dt.date(2026, 1, 1)),
)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


@pytest.fixture(autouse=True)
def no_real_dues_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that reaches a modal window it did not answer fails instead of hanging on it."""

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:]!r}")

    for name in ("run_form", "ask_csv_path"):
        monkeypatch.setattr(DuesDialogs, name, classmethod(unexpected))


@pytest.fixture
def coop(make_book: Callable[..., Path]) -> Path:
    """A closed USD book with four members (no plan yet); returns its path."""
    path = make_book()
    with Book.open(path) as book:
        for number, name, joined in MEMBERS:
            book.run(add_member, MemberInput(name, joined, number=number))
    return path


@pytest.fixture
def coop_on_plan(coop: Path) -> Path:
    """The co-op with a $10.00 monthly plan that Ann (7) and Bo (12) are on from joining."""
    with Book.open(coop) as book:
        book.run(add_plan, "Monthly", usd("10.00"), "monthly")
        book.run(assign_plan, "7", "Monthly", dt.date(2026, 1, 1))
        book.run(assign_plan, "12", "Monthly", dt.date(2026, 3, 15))
    return coop


def open_window(qtbot: QtBot, path: Path, read_only: bool = False) -> MainWindow:
    """The main window on the book at `path`, showing the Dues screen."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    window.show_book(Book.open(path, read_only=read_only))
    window.show_screen("dues")
    return window


def dues_screen(window: MainWindow) -> DuesScreen:
    screen = window.screens["dues"]
    assert isinstance(screen, DuesScreen)
    return screen
