"""What the Annual meeting screen tests share: the core tests' small co-op (dues of 1.00 a month,
no grace, record date 31 March 2026) with a meeting on 20 April, the main window on it, and the
screen's modal windows made to fail unless a test answers them.

Members on the record date: 1 Ada Paid (paid on the record date itself: may vote), 2 Ben Late
(paid a day late: in arrears), 3 Cy Supporter (a class without a vote), 4 Dee New (joins in
April), 5 Eve Gone (left on the record date), 6 Fay Never (never paid: pending), 7 Gus Proxy and
8 Hal Early (paid up: may vote). Three voters, a quorum of 50 %: two needed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.dues.payments import record_payment
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.run import run_dues
from coopdesk.meetings.quorum import QuorumRule
from coopdesk.meetings.service import MeetingDraft, add_meeting
from coopdesk.members.service import add_member, record_leaving
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk.settings import load_settings, update_settings
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.screens.meeting_dialogs import MeetingDialogs
from coopdesk_ui.screens.meetings import MeetingsScreen

RECORD = dt.date(2026, 3, 31)
MEETING_DAY = dt.date(2026, 4, 20)


def usd(text: str) -> Money:
    return Money(text, "USD")


def build_coop(book: Book) -> int:
    """The co-op of the module docstring; returns the meeting's id."""
    book.run(update_settings, dataclasses.replace(book.read(load_settings), grace_months=0))
    book.run(add_plan, "Monthly", usd("1.00"), "monthly")
    people = [("1", "Ada Paid", "worker", dt.date(2026, 1, 1)),
              ("2", "Ben Late", "consumer", dt.date(2026, 1, 1)),
              ("3", "Cy Supporter", "supporter", dt.date(2026, 1, 1)),
              ("4", "Dee New", "consumer", dt.date(2026, 4, 1)),
              ("5", "Eve Gone", "worker", dt.date(2026, 1, 1)),
              ("6", "Fay Never", "worker", dt.date(2026, 1, 1)),
              ("7", "Gus Proxy", "worker", dt.date(2026, 1, 1)),
              ("8", "Hal Early", "consumer", dt.date(2026, 1, 1))]
    for number, name, klass, joined in people:
        book.run(add_member, MemberInput(name, joined, number=number, class_code=klass))
        book.run(assign_plan, number, "Monthly", joined)
    book.run(run_dues, 2026, 4)
    book.run(record_payment, "1", RECORD, usd("3.00"))
    book.run(record_payment, "2", dt.date(2026, 1, 2), usd("2.00"))
    book.run(record_payment, "2", RECORD + dt.timedelta(days=1), usd("1.00"))
    for number in "3578":
        book.run(record_payment, number, dt.date(2026, 1, 5), usd("3.00"))
    book.run(record_leaving, "5", RECORD, "withdrew")
    return book.run(add_meeting, MeetingDraft(MEETING_DAY, RECORD, quorum=QuorumRule(Decimal(50)),
                                              proxies_allowed=True, max_proxies=1)).result


@pytest.fixture
def coop_path(make_book: Callable[..., Path]) -> Path:
    """The co-op's book with its meeting, closed, in tmp_path."""
    path = make_book(entries=())
    with Book.open(path) as book:
        build_coop(book)
    return path


@pytest.fixture(autouse=True)
def no_real_meeting_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that reaches a modal window it did not answer fails instead of hanging on it."""

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:]!r}")

    for name in ("run_form", "confirm", "ask_csv_path", "ask_folder"):
        monkeypatch.setattr(MeetingDialogs, name, classmethod(unexpected))


def open_screen(qtbot: QtBot, path: Path, read_only: bool = False) -> MeetingsScreen:
    """The main window on the book at `path`, showing the Annual meeting screen."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    window.show_book(Book.open(path, read_only=read_only))
    window.show_screen("meetings")
    screen = window.screens["meetings"]
    assert isinstance(screen, MeetingsScreen)
    return screen


def book_of(screen: MeetingsScreen) -> Book:
    book = screen.context.host.book
    assert book is not None
    return book


def answer_forms(monkeypatch: pytest.MonkeyPatch,
                 fill: Callable[[QDialog], None]) -> list[QDialog]:
    """Make the screen's forms be filled by `fill(form)` (which accepts or not), as a user
    would; returns the forms shown."""
    shown: list[QDialog] = []

    def run_form(cls: type, dialog: QDialog) -> bool:
        shown.append(dialog)
        fill(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(MeetingDialogs, "run_form", classmethod(run_form))
    return shown


def answer_confirm(monkeypatch: pytest.MonkeyPatch, answer: bool = True) -> list[str]:
    """Answer every confirmation with `answer`; returns the questions asked."""
    asked: list[str] = []

    def confirm(cls: type, parent: object, question: str, details: str, action: str) -> bool:
        asked.append(question)
        return answer

    monkeypatch.setattr(MeetingDialogs, "confirm", classmethod(confirm))
    return asked


def texts(model: QAbstractItemModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]
