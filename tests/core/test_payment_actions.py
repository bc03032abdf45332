"""Recording a payment as an undoable action: do records, undo posts a reversal, redo records
again, on a real book."""

from __future__ import annotations

import datetime as dt

import pytest

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.check import run_checks
from coopdesk.dues.payment_actions import PaymentRedone, PaymentUndone, RecordPayment, reversal_date
from coopdesk.dues.payment_list import list_payments
from coopdesk.dues.payments import reverse_payment
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.queries import member_account, open_charges
from coopdesk.dues.run import run_dues
from coopdesk.errors import CoopdeskError
from coopdesk.formatting import Formatter
from coopdesk.ledger import queries as ledger
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.money import Money

PAY_DAY = dt.date(2026, 3, 10)


def usd(text: str) -> Money:
    return Money(text, "USD")


@pytest.fixture
def coop(book: Book) -> Book:
    """Member 1 owes $10 a month for January to March 2026."""
    book.run(add_plan, "Monthly", usd("10.00"), "monthly")
    book.run(add_member, MemberInput("Ada Okafor", dt.date(2026, 1, 1), number="1"))
    book.run(assign_plan, "1", "Monthly", dt.date(2026, 1, 1))
    book.run(run_dues, 2026, 3)
    return book


def balance(book: Book) -> Money:
    return book.read(member_account, "1")[-1].balance


def cash(book: Book) -> Money:
    return {r.code: r.balance for r in book.read(ledger.account_balances)}["1000"]


def test_do_undo_redo_round_trip(coop: Book) -> None:
    action = RecordPayment("1", PAY_DAY, usd("25.00"), "cash", reference="R-1",
                           member_name="Ada Okafor", formatter=Formatter("en_US"))
    assert action.label == "payment of $25.00 by Ada Okafor"
    assert balance(coop) == usd("30.00")

    first = coop.run(action.do).result
    assert action.payment_id == first
    assert balance(coop) == usd("5.00")
    assert cash(coop) == usd("25.00")
    assert [(c.period_key, c.open) for c in coop.read(open_charges, "1")] == [("2026-03", usd("5.00"))]

    undone = coop.run(action.undo).result
    assert isinstance(undone, PaymentUndone) and undone.payment_id == first
    assert balance(coop) == usd("30.00")  # the reversal reopened what it paid
    assert cash(coop) == usd("0.00")
    assert len(coop.read(open_charges, "1")) == 3
    assert action.payment_id is None

    redone = coop.run(action.redo).result
    assert isinstance(redone, PaymentRedone) and redone.payment_id != first
    assert action.payment_id == redone.payment_id
    assert balance(coop) == usd("5.00")
    rows = coop.read(list_payments, "1")
    assert [(r.payment_id, r.amount, r.method, r.reference, r.reversed) for r in rows] == [
        (first, usd("25.00"), "cash", "R-1", True),
        (redone.payment_id, usd("25.00"), "cash", "R-1", False)]

    # Undo after redo takes back the newer payment.
    assert coop.run(action.undo).result.payment_id == redone.payment_id
    assert balance(coop) == usd("30.00")
    assert [r.reversed for r in coop.read(list_payments, "1")] == [True, True]
    assert [p for r in coop.read(run_checks) for p in r.problems] == []


def test_the_reversal_is_dated_today_or_on_the_payment_day_if_later(coop: Book) -> None:
    today = clock.today()
    assert reversal_date(today - dt.timedelta(days=3)) == today
    assert reversal_date(today + dt.timedelta(days=3)) == today + dt.timedelta(days=3)


def test_undo_is_refused_once_the_payment_was_reversed_elsewhere(coop: Book) -> None:
    action = RecordPayment("1", PAY_DAY, usd("10.00"), "cash")
    assert action.label == "payment of 10.00 USD by member 1"
    payment_id = coop.run(action.do).result
    coop.run(reverse_payment, payment_id)
    with pytest.raises(CoopdeskError, match="reversed already"):
        coop.run(action.undo)
    assert balance(coop) == usd("30.00")  # reversed once, not twice


def test_a_refused_payment_is_not_remembered(coop: Book) -> None:
    action = RecordPayment("1", PAY_DAY, usd("10.00"), "barter")
    with pytest.raises(CoopdeskError, match="method"):
        coop.run(action.do)
    assert action.payment_id is None
    with pytest.raises(CoopdeskError, match="nothing to undo"):
        coop.run(action.undo)
    assert coop.read(list_payments) == []
