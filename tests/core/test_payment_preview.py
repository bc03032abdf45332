"""How a payment not yet recorded will be applied: oldest charges first, the rest is credit."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.dues.payment_preview import preview_payment
from coopdesk.dues.queries import OpenCharge
from coopdesk.money import CurrencyMismatch, Money


def usd(text: str) -> Money:
    return Money(text, "USD")


def charge(charge_id: int, month: int, amount: str, open_: str | None = None) -> OpenCharge:
    return OpenCharge(charge_id, "Monthly", f"2026-{month:02d}", dt.date(2026, month, 1),
                      usd(amount), usd(open_ or amount))


CHARGES = [charge(1, 1, "10.00", "4.00"), charge(2, 2, "10.00"), charge(3, 3, "10.00")]


def test_settles_the_oldest_charges_first_and_keeps_the_rest_as_credit() -> None:
    preview = preview_payment(CHARGES, usd("30.00"))
    assert [(a.period_key, a.applied, a.settled) for a in preview.applied] == [
        ("2026-01", usd("4.00"), True), ("2026-02", usd("10.00"), True), ("2026-03", usd("10.00"), True)]
    assert preview.credit == usd("6.00")
    assert preview.still_open == usd("0.00")
    assert preview.applied_total == usd("24.00")


def test_a_short_payment_pays_part_of_a_charge_and_lists_only_what_it_reaches() -> None:
    preview = preview_payment(CHARGES, usd("9.00"))
    assert [(a.charge_id, a.open, a.applied, a.settled) for a in preview.applied] == [
        (1, usd("4.00"), usd("4.00"), True), (2, usd("10.00"), usd("5.00"), False)]
    assert preview.credit == usd("0.00")
    assert preview.still_open == usd("15.00")


def test_with_nothing_open_the_whole_payment_is_credit() -> None:
    preview = preview_payment([], usd("12.50"))
    assert preview.applied == ()
    assert preview.credit == usd("12.50")
    assert preview.still_open == usd("0.00")


def test_refuses_a_negative_amount_and_another_currency() -> None:
    with pytest.raises(ValueError):
        preview_payment(CHARGES, usd("-1.00"))
    with pytest.raises(CurrencyMismatch):
        preview_payment(CHARGES, Money("5.00", "EUR"))


open_amounts = st.lists(st.integers(min_value=1, max_value=10**7), max_size=30)


@given(open_amounts, st.integers(min_value=0, max_value=10**8))
def test_applied_and_credit_add_up_to_the_amount(opens: list[int], paid: int) -> None:
    charges = [OpenCharge(i, "Plan", f"k{i}", dt.date(2020, 1, 1) + dt.timedelta(days=i),
                          Money.from_minor(units, "USD"), Money.from_minor(units, "USD"))
               for i, units in enumerate(opens)]
    amount = Money.from_minor(paid, "USD")
    preview = preview_payment(charges, amount)
    assert preview.applied_total + preview.credit == amount
    total_open = sum(opens)
    assert preview.still_open == Money.from_minor(total_open - preview.applied_total.minor_units, "USD")
    # Credit only once everything is paid; never more applied to a charge than is open.
    assert preview.credit.is_zero or preview.still_open.is_zero
    assert all(Money.zero("USD") < a.applied <= a.open for a in preview.applied)
    # Oldest first: every charge but the last one reached is settled in full.
    assert all(a.settled for a in preview.applied[:-1])
    assert [a.charge_id for a in preview.applied] == list(range(len(preview.applied)))
