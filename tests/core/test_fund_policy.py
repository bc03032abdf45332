"""The claim policy at its edges (pure: no book)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coopdesk.dues.periods import fiscal_year_start
from coopdesk.funds.policy import ClaimFacts, breaches, installment_dates, waiting_ends
from coopdesk.funds.types import FundPolicy
from coopdesk.money import Money


def usd(text: str) -> Money:
    return Money(text, "USD")


FACTS = ClaimFacts(
    event_date=dt.date(2026, 4, 15), amount=usd("500.00"), months=1,
    taking_part_since=dt.date(2026, 1, 15), taking_part_until=None, paid_by_year={},
    fund_balance=usd("10000.00"), committed=usd("0"), fiscal_year_start_month=1)


def rules(policy: FundPolicy, **changes: object) -> list[str]:
    return [b.rule for b in breaches(policy, replace(FACTS, **changes))]  # type: ignore[arg-type]


@pytest.mark.parametrize(("event", "covered"), [
    (dt.date(2026, 4, 14), False), (dt.date(2026, 4, 15), True), (dt.date(2026, 4, 16), True)])
def test_the_waiting_period_ends_on_the_same_day_months_later(event: dt.date, covered: bool) -> None:
    assert rules(FundPolicy(waiting_months=3), event_date=event) == ([] if covered else ["waiting_period"])


def test_a_waiting_period_from_the_31st_ends_at_a_short_months_end() -> None:
    assert waiting_ends(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    policy = FundPolicy(waiting_months=1)
    assert rules(policy, taking_part_since=dt.date(2026, 1, 31), event_date=dt.date(2026, 2, 27)) == [
        "waiting_period"]
    assert rules(policy, taking_part_since=dt.date(2026, 1, 31), event_date=dt.date(2026, 2, 28)) == []


@pytest.mark.parametrize(("amount", "breached"), [("499.99", False), ("500.00", False), ("500.01", True)])
def test_the_maximum_per_claim_is_a_maximum(amount: str, breached: bool) -> None:
    assert rules(FundPolicy(max_per_claim=usd("500.00")), amount=usd(amount)) == (
        ["max_per_claim"] if breached else [])


@pytest.mark.parametrize(("months", "breached"), [(12, False), (13, True)])
def test_the_maximum_duration(months: int, breached: bool) -> None:
    policy = FundPolicy(max_months=12)
    assert rules(policy, months=months, amount=usd("10.00")) == (["max_months"] if breached else [])


def test_the_yearly_maximum_counts_each_payment_in_the_fiscal_year_it_falls_due() -> None:
    policy = FundPolicy(max_per_member_year=usd("1000.00"))
    # 300 a month from 15 October, July-to-June fiscal years: Oct..Jun is one year (9 months).
    facts = dict(event_date=dt.date(2026, 10, 15), amount=usd("100.00"), fiscal_year_start_month=7)
    assert rules(policy, months=10, **facts) == []  # 9 x 100 in FY2026, 1 x 100 in FY2027
    assert rules(policy, months=10, paid_by_year={dt.date(2026, 7, 1): usd("100.00")}, **facts) == []
    assert rules(policy, months=10, paid_by_year={dt.date(2026, 7, 1): usd("100.01")}, **facts) == [
        "max_per_member_year"]
    assert fiscal_year_start(dt.date(2027, 6, 30), 7) == dt.date(2026, 7, 1)
    assert installment_dates(dt.date(2026, 1, 31), 3) == [
        dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)]


@pytest.mark.parametrize(("committed", "breached"), [("8500.00", False), ("8500.01", True)])
def test_the_floor_counts_what_approved_claims_still_have_to_pay(committed: str, breached: bool) -> None:
    policy = FundPolicy(floor=usd("1000.00"))
    assert rules(policy, committed=usd(committed)) == (["floor"] if breached else [])


def test_a_member_who_does_not_take_part_breaches_participation_only() -> None:
    policy = FundPolicy(waiting_months=3)
    assert rules(policy, taking_part_since=None) == ["participation"]
    assert rules(policy, taking_part_until=dt.date(2026, 4, 14)) == ["participation"]
    assert rules(policy, event_date=dt.date(2026, 1, 14)) == ["participation"]


def test_every_breach_is_listed_at_once() -> None:
    policy = FundPolicy(waiting_months=6, max_per_claim=usd("100.00"), max_months=1,
                        max_per_member_year=usd("150.00"), floor=usd("9900.00"))
    assert rules(policy, months=2) == [
        "waiting_period", "max_per_claim", "max_months", "max_per_member_year", "floor"]
