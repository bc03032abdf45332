"""What the Funds screen tests share: a small co-op with a sick-pay fund that the dues run has
filled, a claim waiting for a decision, and the screen's modal windows made to fail unless a
test answers them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.run import run_dues
from coopdesk.funds.claims import ClaimDraft, approve_claim, deny_claim, pay_claim, submit_claim
from coopdesk.funds.service import add_fund
from coopdesk.funds.types import ContributionKind, FundDraft, FundPolicy
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.screens.funds import FundsScreen
from coopdesk_ui.screens.funds_dialogs import FundsDialogs

JAN = dt.date(2026, 1, 1)
#: The claim waiting for a decision: member 1 asks 100.00 a month for 3 months.
BROKEN_LEG = "Broken leg"


def usd(amount: str) -> Money:
    return Money(amount, "USD")


@pytest.fixture(autouse=True)
def no_real_fund_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that reaches a modal window it did not answer fails instead of hanging on it."""

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:]!r}")

    for name in ("run_form", "confirm_reverse_payout"):
        monkeypatch.setattr(FundsDialogs, name, classmethod(unexpected))


@pytest.fixture
def fund_book(make_book: Callable[..., Path]) -> Path:
    """Members 1 and 2 (workers) and 3 (supporter) on a dollar a month; the fund SICK ($10 a
    month, workers only, at most $80.00 a payment, cap 6 months) filled by the dues run through
    June 2026 ($120.00); member 2's flu claim of $40.00 paid, their glasses denied, and member
    1's broken leg ($100.00 x 3 months) waiting for a decision."""
    path = make_book(entries=())
    with Book.open(path) as book:
        book.run(add_plan, "Monthly", usd("1.00"), "monthly")
        for number, name, klass in (("1", "Ada Okafor", "worker"), ("2", "Sam Moreau", "worker"),
                                    ("3", "Lee Park", "supporter")):
            book.run(add_member, MemberInput(name, JAN, number=number, class_code=klass))
            book.run(assign_plan, number, "Monthly", JAN)
        book.run(add_fund, FundDraft("SICK", "Sick pay", ContributionKind.FIXED, JAN,
                                     contribution=usd("10.00"), classes=("worker",),
                                     policy=FundPolicy(max_per_claim=usd("80.00"),
                                                       balance_cap_months=6)))
        book.run(run_dues, 2026, 6)
        flu = book.run(submit_claim, ClaimDraft("SICK", "2", dt.date(2026, 4, 2), "Flu",
                                                usd("40.00")), dt.date(2026, 4, 3)).result
        book.run(approve_claim, flu, decided_by="Treasurer", date=dt.date(2026, 4, 4))
        book.run(pay_claim, flu, dt.date(2026, 4, 5))
        glasses = book.run(submit_claim, ClaimDraft("SICK", "2", dt.date(2026, 2, 2), "Glasses",
                                                    usd("20.00")), dt.date(2026, 2, 3)).result
        book.run(deny_claim, glasses, decided_by="Board", reason="not a sickness",
                 date=dt.date(2026, 2, 10))
        book.run(submit_claim, ClaimDraft("SICK", "1", dt.date(2026, 5, 10), BROKEN_LEG,
                                          usd("100.00"), 3), dt.date(2026, 5, 12))
    return path


def open_window(qtbot: QtBot, path: Path, read_only: bool = False) -> MainWindow:
    """The main window on the book at `path`, showing the Funds screen."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    window.show_book(Book.open(path, read_only=read_only))
    window.show_screen("funds")
    return window


def funds_screen(window: MainWindow) -> FundsScreen:
    screen = window.screens["funds"]
    assert isinstance(screen, FundsScreen)
    return screen


def answer_forms(monkeypatch: pytest.MonkeyPatch, fill: Callable[[QDialog], None]) -> list[QDialog]:
    """Make the screen's forms be filled by `fill(form)` (which accepts or not), as a user
    would; returns the forms shown."""
    shown: list[QDialog] = []

    def run_form(cls: type, dialog: QDialog) -> bool:
        shown.append(dialog)
        fill(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(FundsDialogs, "run_form", classmethod(run_form))
    return shown


def texts(model: object, column: int) -> list[str]:
    from PySide6.QtCore import QAbstractItemModel

    assert isinstance(model, QAbstractItemModel)
    return [model.index(row, column).data() for row in range(model.rowCount())]
