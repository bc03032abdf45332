"""What the Patronage and Capital accounts screen tests share: a small co-op with patronage
(the core tests' story: two workers by hours, three consumers by purchases, 60/40 pools, a
year's sales), the main window on it, and the screens' modal windows made to fail unless a
test answers them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.dues.payments import record_payment
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.run import run_dues
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk.patronage.measures import PoolDraft, add_measure, set_pools
from coopdesk.patronage.records import RecordInput, add_records
from coopdesk.patronage.run import RunTerms
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.screens.patronage_dialogs import PatronageDialogs

Y2025 = dt.date(2025, 1, 1)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def terms(**changes: object) -> RunTerms:
    """The board's usual terms: 10 % reserve, 20 % cash, $5.00 minimum payout."""
    base: dict[str, object] = dict(year_start=Y2025, reserve_percent=Decimal(10),
                                   cash_percent=Decimal(20), min_payout=usd("5.00"))
    base.update(changes)
    return RunTerms(**base)  # type: ignore[arg-type]


def build_coop(book: Book) -> None:
    """Members 1, 2 (workers), 3, 4, 5 (consumers; 5 never paid a due), pools 60 % workers
    by hours / 40 % consumers by purchases, the records of 2025 (and one of 2026), and the
    year's sales of $10,000.00."""
    book.run(add_plan, "Monthly", usd("1.00"), "monthly")
    for number, name, klass in (("1", "Ada Okafor", "worker"), ("2", "Sam Moreau", "worker"),
                                ("3", "Lee Park", "consumer"), ("4", "Ana Ruiz", "consumer"),
                                ("5", "Tom Berg", "consumer")):
        book.run(add_member, MemberInput(name, dt.date(2024, 1, 1), number=number,
                                         class_code=klass))
        book.run(assign_plan, number, "Monthly", dt.date(2024, 1, 1))
    book.run(run_dues, 2025, 12)
    for number in "1234":
        book.run(record_payment, number, dt.date(2024, 1, 5), usd("24.00"))
    book.run(add_measure, "hours", "Hours worked", "hours")
    book.run(add_measure, "purchases", "Purchases", "USD")
    book.run(set_pools, [PoolDraft("worker", "hours", Decimal(60)),
                         PoolDraft("consumer", "purchases", Decimal(40))])
    book.run(add_records, [
        RecordInput("1", dt.date(2025, 3, 1), "hours", Decimal("1200")),
        RecordInput("2", dt.date(2025, 4, 1), "hours", Decimal("600.5")),
        RecordInput("2", dt.date(2026, 1, 1), "hours", Decimal("999")),
        RecordInput("3", dt.date(2025, 5, 1), "purchases", Decimal("310.25")),
        RecordInput("4", dt.date(2025, 6, 1), "purchases", Decimal("89.75")),
        RecordInput("5", dt.date(2025, 7, 1), "purchases", Decimal("500")),
    ])
    book.run(post_specs, (EntrySpec(dt.date(2025, 6, 30), (
        PostingSpec("1010", usd("10000.00")), PostingSpec("4100", usd("-10000.00"))),
        memo="Sales"),))


@pytest.fixture
def coop_path(make_book: Callable[..., Path]) -> Path:
    """The co-op's book, closed, in tmp_path."""
    path = make_book(entries=())
    with Book.open(path) as book:
        build_coop(book)
    return path


@pytest.fixture(autouse=True)
def no_real_patronage_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that reaches a modal window it did not answer fails instead of hanging on it."""

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:]!r}")

    for name in ("run_form", "confirm", "ask_pdf_path", "ask_csv_path"):
        monkeypatch.setattr(PatronageDialogs, name, classmethod(unexpected))


def open_window(qtbot: QtBot, path: Path, screen: str, read_only: bool = False) -> MainWindow:
    """The main window on the book at `path`, showing `screen`."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    window.show_book(Book.open(path, read_only=read_only))
    window.show_screen(screen)
    return window


def answer_forms(monkeypatch: pytest.MonkeyPatch,
                 fill: Callable[[QDialog], None]) -> list[QDialog]:
    """Make the screens' forms be filled by `fill(form)` (which accepts or not), as a user
    would; returns the forms shown."""
    shown: list[QDialog] = []

    def run_form(cls: type, dialog: QDialog) -> bool:
        shown.append(dialog)
        fill(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(PatronageDialogs, "run_form", classmethod(run_form))
    return shown


def answer_confirm(monkeypatch: pytest.MonkeyPatch, answer: bool = True) -> list[str]:
    """Answer every confirmation with `answer`; returns the questions asked."""
    asked: list[str] = []

    def confirm(cls: type, parent: object, question: str, details: str, action: str) -> bool:
        asked.append(question + "\n" + details)
        return answer

    monkeypatch.setattr(PatronageDialogs, "confirm", classmethod(confirm))
    return asked


def texts(model: object, column: int) -> list[str]:
    from PySide6.QtCore import QAbstractItemModel

    assert isinstance(model, QAbstractItemModel)
    return [model.index(row, column).data() for row in range(model.rowCount())]
