"""The register as the Members screen lists it, and one member's page, on a real book with dues,
payments, a reversal and a prepayment."""

from __future__ import annotations

import datetime as dt

import pytest

from coopdesk.book import Book
from coopdesk.dues.member_list import member_list
from coopdesk.dues.member_page import member_page
from coopdesk.dues.payments import record_payment, reverse_payment
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.queries import arrears
from coopdesk.dues.run import run_dues
from coopdesk.members.queries import list_classes
from coopdesk.members.service import add_member, edit_member, record_leaving
from coopdesk.members.types import MemberInput
from coopdesk.money import Money

DAY = dt.date(2026, 6, 30)


def usd(text: str) -> Money:
    return Money(text, "USD")


@pytest.fixture
def coop(book: Book) -> Book:
    """Four members on $10 a month from January 2026, dues run through June:
    1 paid everything, then once more (reversed); 2 paid ahead; 3 paid nothing; 4 left."""
    klass = book.read(list_classes)[0].code
    book.run(add_plan, "Monthly", usd("10.00"), "monthly")
    for number, name in (("1", "Ada Okafor"), ("2", "Ben Idris"), ("3", "Cleo Park"),
                         ("4", "Dan Wu")):
        book.run(add_member, MemberInput(name, dt.date(2026, 1, 1), number=number,
                                         class_code=klass if number == "1" else None))
        book.run(assign_plan, number, "Monthly", dt.date(2026, 1, 1))
    book.run(run_dues, 2026, 6)
    book.run(record_payment, "1", dt.date(2026, 6, 5), usd("60.00"))
    extra = book.run(record_payment, "1", dt.date(2026, 6, 20), usd("10.00")).result
    book.run(reverse_payment, extra, dt.date(2026, 6, 21))
    book.run(record_payment, "2", dt.date(2026, 2, 1), usd("75.00"))
    book.run(record_payment, "4", dt.date(2026, 1, 15), usd("10.00"))
    book.run(record_leaving, "4", dt.date(2026, 2, 28), "withdrew")
    return book


def test_each_member_with_status_balance_and_last_payment(coop: Book) -> None:
    rows = {row.number: row for row in coop.read(member_list, DAY)}
    klass = coop.read(list_classes)[0]
    assert [row.number for row in coop.read(member_list, DAY)] == ["2", "1", "3", "4"]  # by sort name

    ada = rows["1"]
    assert (ada.display_name, ada.class_code, ada.class_name) == ("Ada Okafor", klass.code, klass.name)
    assert (ada.status, ada.balance, ada.owing) == ("active", usd("0.00"), False)
    assert ada.last_payment == dt.date(2026, 6, 5)  # the reversed payment does not count

    ben = rows["2"]
    assert (ben.status, ben.balance, ben.owing, ben.class_name) == ("active", usd("-15.00"), False, None)

    cleo = rows["3"]
    assert (cleo.balance, cleo.owing, cleo.months_in_arrears, cleo.last_payment) == (
        usd("60.00"), True, 6, None)
    assert cleo.status == "pending"  # her first dues are unpaid

    dan = rows["4"]
    assert dan.status == "withdrawn"


def test_owing_members_are_those_of_the_arrears_list(coop: Book) -> None:
    owing = {row.number for row in coop.read(member_list, DAY) if row.owing}
    assert owing == {row.member_number for row in coop.read(arrears, DAY)}


def test_as_of_an_earlier_day(coop: Book) -> None:
    rows = {row.number: row for row in coop.read(member_list, dt.date(2026, 3, 31))}
    assert rows["1"].balance == usd("30.00")  # January to March charged, nothing paid yet
    assert rows["1"].last_payment is None
    assert rows["2"].balance == usd("30.00") - usd("75.00")


def test_a_payment_reversed_later_still_counts_before_its_reversal(coop: Book) -> None:
    rows = {row.number: row for row in coop.read(member_list, dt.date(2026, 6, 20))}
    assert rows["1"].last_payment == dt.date(2026, 6, 20)
    assert rows["1"].balance == usd("-10.00")  # paid 70 against 60 charged, until reversed


def test_the_balance_is_where_the_account_ends(coop: Book) -> None:
    for row in coop.read(member_list, DAY):
        account = coop.read(member_page, row.number, DAY, row.dues).account
        assert (account[-1].balance if account else usd("0")) == row.balance


def test_member_page_has_record_account_and_history(coop: Book) -> None:
    coop.run(edit_member, "3", {"email": "cleo@example.org"})
    row = next(r for r in coop.read(member_list, DAY) if r.number == "3")
    page = coop.read(member_page, "3", DAY, row.dues)
    assert (page.detail.display_name, page.detail.email, page.detail.status) == (
        "Cleo Park", "cleo@example.org", "pending")
    assert [(line.charged, line.paid, line.balance) for line in page.account][:2] == [
        (usd("10.00"), usd("0.00"), usd("10.00")), (usd("10.00"), usd("0.00"), usd("20.00"))]
    assert [(h.field, h.before, h.after) for h in page.history] == [
        ("created", None, "3"), ("email", "", "cleo@example.org")]
