"""Dues runs, payments, prepayments, reversals and write-offs, through the public services."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdesk.book import Book
from coopdesk.check import run_checks
from coopdesk.dues.payments import record_payment, reverse_payment, write_off_charge
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.payment_list import list_payments
from coopdesk.dues.queries import arrears, member_account, open_charges
from coopdesk.dues.run import preview_dues_run, run_dues
from coopdesk.errors import ValidationError
from coopdesk.ledger import queries as ledger
from coopdesk.members.service import add_member, record_leaving
from coopdesk.members.types import MemberInput
from coopdesk.money import Money


def usd(text: str) -> Money:
    return Money(text, "USD")


@pytest.fixture
def coop(book: Book) -> Book:
    """Two members on a dollar-a-month plan from January 2026."""
    book.run(add_plan, "Monthly", usd("1.00"), "monthly")
    for number, name in (("1", "Ada Okafor"), ("2", "Sam Moreau")):
        book.run(add_member, MemberInput(name, dt.date(2026, 1, 1), number=number))
        book.run(assign_plan, number, "Monthly", dt.date(2026, 1, 1))
    return book


def balance_of(book: Book, number: str) -> Money:
    lines = book.read(member_account, number)
    return lines[-1].balance if lines else usd("0")


def problems(book: Book) -> list[str]:
    return [p for r in book.read(run_checks) for p in r.problems]


def test_a_dues_run_charges_each_period_once(coop: Book) -> None:
    assert [c.period_key for c in coop.read(preview_dues_run, 2026, 3)] == ["2026-01", "2026-02", "2026-03"] * 2
    result = coop.run(run_dues, 2026, 3).result
    assert (result.charges, result.members, result.total) == (6, 2, usd("6.00"))
    assert coop.run(run_dues, 2026, 3).result.charges == 0  # running it twice changes nothing
    assert coop.run(run_dues, 2026, 4).result.charges == 2
    assert balance_of(coop, "1") == usd("4.00")
    assert {r.code: r.balance for r in coop.read(ledger.account_balances)}["4000"] == usd("-8.00")
    assert problems(coop) == []


def test_a_payment_settles_the_oldest_charges_and_the_rest_is_credit(coop: Book) -> None:
    coop.run(run_dues, 2026, 3)
    coop.run(record_payment, "1", dt.date(2026, 3, 10), usd("5.00"), "cash")
    assert coop.read(open_charges, "1") == []
    assert balance_of(coop, "1") == usd("-2.00")  # two months paid ahead
    bal = {(r.member_number, r.account_code): r.balance for r in coop.read(ledger.member_balances)}
    assert bal[("1", "2000")] == usd("-2.00") and ("1", "1100") not in bal or bal[("1", "1100")] == usd("0")
    coop.run(run_dues, 2026, 6)  # April and May come out of the credit, June is owed
    assert [(c.period_key, c.open) for c in coop.read(open_charges, "1")] == [("2026-06", usd("1.00"))]
    bal = {(r.member_number, r.account_code): r.balance for r in coop.read(ledger.member_balances)}
    assert bal[("1", "2000")] == usd("0.00") and bal[("1", "1100")] == usd("1.00")
    assert problems(coop) == []


def test_prepayment_credit_is_applied_when_the_charge_falls_due(coop: Book) -> None:
    coop.run(run_dues, 2026, 10)
    coop.run(record_payment, "1", dt.date(2026, 10, 5), usd("20.00"))
    coop.run(run_dues, 2026, 11)
    mid_november = {(r.member_number, r.account_code): r.balance
                    for r in coop.read(ledger.member_balances, dt.date(2026, 11, 15))}
    assert mid_november.get(("1", "1100"), usd("0")) == usd("0.00")
    assert mid_november[("1", "2000")] == usd("-9.00")
    assert [r.member_number for r in coop.read(arrears, dt.date(2026, 11, 15))] == ["2"]


def test_a_reversed_payment_reopens_what_it_paid_and_can_go_to_the_right_member(coop: Book) -> None:
    coop.run(run_dues, 2026, 2)
    payment = coop.run(record_payment, "1", dt.date(2026, 2, 3), usd("2.00")).result  # meant for Sam
    assert coop.read(open_charges, "1") == []
    coop.run(reverse_payment, payment, dt.date(2026, 2, 4))
    assert [c.period_key for c in coop.read(open_charges, "1")] == ["2026-01", "2026-02"]
    coop.run(record_payment, "2", dt.date(2026, 2, 4), usd("2.00"))
    assert coop.read(open_charges, "2") == []
    assert balance_of(coop, "1") == usd("2.00") and balance_of(coop, "2") == usd("0.00")
    with pytest.raises(Exception, match="already reversed"):
        coop.run(reverse_payment, payment)
    assert problems(coop) == []


def test_write_off_of_an_open_charge(coop: Book) -> None:
    coop.run(run_dues, 2026, 2)
    (january, february) = coop.read(open_charges, "2")
    coop.run(write_off_charge, january.charge_id, "Hardship, agreed by the board", dt.date(2026, 3, 1))
    assert [c.period_key for c in coop.read(open_charges, "2")] == ["2026-02"]
    assert {r.code: r.balance for r in coop.read(ledger.account_balances)}["5100"] == usd("1.00")
    with pytest.raises(Exception, match="already settled"):
        coop.run(write_off_charge, january.charge_id, "again")
    with pytest.raises(ValidationError, match="say why"):
        coop.run(write_off_charge, february.charge_id, " ")
    assert problems(coop) == []


def test_arrears_list_and_grace(coop: Book) -> None:
    coop.run(run_dues, 2026, 4)
    coop.run(record_payment, "1", dt.date(2026, 4, 1), usd("3.00"))
    rows = coop.read(arrears, dt.date(2026, 4, 15))
    assert [(r.member_number, r.months, r.amount, r.oldest_period, r.status) for r in rows] == [
        ("2", 4, usd("4.00"), "2026-01", "pending"),
        ("1", 1, usd("1.00"), "2026-04", "in_grace"),
    ]


def test_leaving_stops_charges_after_the_period_left_in(coop: Book) -> None:
    coop.run(record_leaving, "2", dt.date(2026, 2, 10), "withdrew")
    coop.run(run_dues, 2026, 5)
    assert [c.period_key for c in coop.read(open_charges, "2")] == ["2026-01", "2026-02"]


def test_check_finds_a_member_whose_dues_ledger_disagrees(coop: Book) -> None:
    coop.run(run_dues, 2026, 2)
    from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs
    # A manual entry straight onto a member's dues receivable, not through a charge or payment.
    coop.run(post_specs, [EntrySpec(dt.date(2026, 2, 9), (PostingSpec("1100", usd("5.00"), member="1"),
                                                            PostingSpec("4900", usd("-5.00"))))])
    assert problems(coop) == ["member 1: dues receivable 700 and credit 0 (minor units) do not match "
                              "open charges 200 and credit 0"]


def test_immutable_dues_records(coop: Book) -> None:
    coop.run(run_dues, 2026, 1)
    raw = sqlite3.connect(coop.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
            raw.execute("UPDATE charges SET amount = 0")
    finally:
        raw.close()


def test_payment_refusals(coop: Book) -> None:
    with pytest.raises(ValidationError) as refused:
        coop.run(record_payment, "1", dt.date(2026, 1, 5), usd("0"), "barter", payer_number="9")
    assert refused.value.problems == [
        "amount: a payment must be more than zero, not 0.00",
        "method: must be one of cash, cheque, bank_transfer, card, other, not 'barter'",
        "payer: no member with number '9'",
    ]
    coop.run(record_payment, "1", dt.date(2026, 1, 5), usd("1.00"), fingerprint="abc")
    with pytest.raises(ValidationError, match="imported before"):
        coop.run(record_payment, "1", dt.date(2026, 1, 5), usd("1.00"), fingerprint="abc")


actions = st.lists(st.one_of(
    st.tuples(st.just("run"), st.integers(1, 12)),
    st.tuples(st.just("pay"), st.sampled_from(["1", "2"]), st.integers(1, 700)),
    st.tuples(st.just("reverse"), st.integers(0, 5)),
    st.tuples(st.just("write_off"), st.sampled_from(["1", "2"])),
    st.tuples(st.just("leave"), st.sampled_from(["1", "2", "3"]), st.integers(1, 12)),
    st.tuples(st.just("join"), st.integers(1, 12), st.integers(1, 28)),
), min_size=1, max_size=10)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=actions)
def test_balances_always_equal_charges_less_payments_less_write_offs(
        tmp_path_factory: pytest.TempPathFactory, steps: list[tuple]) -> None:  # type: ignore[type-arg]
    path = tmp_path_factory.mktemp("dues") / "prop.coopdesk"
    with Book.create(path, name="Property Co-op") as book:
        book.run(add_plan, "Monthly", usd("1.00"), "monthly")
        book.run(add_plan, "Daily", usd("3.10"), "monthly", proration="by_day")
        for number in ("1", "2"):
            book.run(add_member, MemberInput(f"Member {number}", dt.date(2026, 1, 1), number=number))
            book.run(assign_plan, number, "Monthly", dt.date(2026, 1, 1))
        payments: list[int] = []
        left: set[str] = set()
        members = ["1", "2"]
        joined_on: dict[str, dt.date] = {}
        month = 1
        for step in steps:
            if step[0] == "run":
                month = max(month, step[1])
                book.run(run_dues, 2026, month)
            elif step[0] == "pay":
                payments.append(book.run(record_payment, step[1], dt.date(2026, month, 15),
                                         Money.from_minor(step[2], "USD")).result)
            elif step[0] == "reverse" and step[1] < len(payments):
                try:
                    book.run(reverse_payment, payments[step[1]], dt.date(2026, month, 20))
                except Exception as exc:
                    assert "already reversed" in str(exc)
            elif step[0] == "write_off":
                still_open = book.read(open_charges, step[1])
                if still_open:
                    book.run(write_off_charge, still_open[0].charge_id, "test", dt.date(2026, month, 25))
            elif step[0] == "leave" and step[1] in members and step[1] not in left:
                leaving = dt.date(2026, step[2], 28)
                if leaving >= joined_on.get(step[1], dt.date(2026, 1, 1)):
                    book.run(record_leaving, step[1], leaving, "withdrew")
                    left.add(step[1])
            elif step[0] == "join" and "3" not in members:  # a member joining mid-month, prorated
                joined = dt.date(2026, step[1], step[2])
                book.run(add_member, MemberInput("Member 3", joined, number="3"))
                joined_on["3"] = joined
                book.run(assign_plan, "3", "Daily", joined)
                members.append("3")
            for number in members:
                lines = book.read(member_account, number)
                charged = sum(l.charged.minor_units for l in lines)
                paid = sum(l.paid.minor_units for l in lines)
                balance = lines[-1].balance.minor_units if lines else 0
                assert balance == charged - paid
                opened = sum(c.open.minor_units for c in book.read(open_charges, number))
                member_bal = {(r.member_number, r.account_code): r.balance.minor_units
                              for r in book.read(ledger.member_balances)}
                assert member_bal.get((number, "1100"), 0) == opened
                assert member_bal.get((number, "2000"), 0) <= 0
            tb = book.read(ledger.trial_balance)
            assert sum(r.debit.minor_units for r in tb) == sum(r.credit.minor_units for r in tb)
        assert problems(book) == []


def test_a_household_members_payment_is_recorded_as_made_by_their_payer(coop: Book) -> None:
    coop.run(add_member, MemberInput("Bo Okafor", dt.date(2026, 1, 1), number="3", payer_number="1"))
    coop.run(record_payment, "3", dt.date(2026, 2, 1), usd("1.00"))           # no payer named
    coop.run(record_payment, "3", dt.date(2026, 2, 2), usd("1.00"), payer_number="2")  # someone else
    coop.run(record_payment, "1", dt.date(2026, 2, 3), usd("1.00"))           # the payer themself
    payments = coop.read(list_payments)
    assert [(p.member_number, p.payer_number) for p in payments] == [("3", "1"), ("3", "2"), ("1", None)]
    assert [line.memo for line in coop.read(member_account, "3")] == [
        "Dues of member 3, paid by member 1", "Dues of member 3, paid by member 2"]
