"""The allocation arithmetic: every cent of the surplus accounted for, for any inputs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.money import Money, Rounding
from coopdesk.patronage.allocation import (
    AllocationTerms,
    Patronage,
    PoolTerms,
    allocate_surplus,
    terms_problems,
)


def usd(text: str) -> Money:
    return Money(text, "USD")


def terms(surplus: str = "10000.00", non_member: str = "0", reserve: str = "10", cash: str = "20",
          minimum: str = "0") -> AllocationTerms:
    return AllocationTerms(usd(surplus), usd(non_member), Decimal(reserve), Decimal(cash), usd(minimum))


def test_a_multi_stakeholder_split_by_class_and_measure() -> None:
    pools = [PoolTerms(1, Decimal(60), "workers by hours"), PoolTerms(2, Decimal(40), "consumers by purchases")]
    patronage = [Patronage(1, 1, Decimal(1000), True), Patronage(2, 1, Decimal(500), True),
                 Patronage(3, 2, Decimal("250.50"), True), Patronage(4, 2, Decimal(10), False, "in arrears")]
    result = allocate_surplus(terms(non_member="1000.00"), pools, patronage)
    assert (result.member_surplus, result.reserve, result.allocated) == (
        usd("9000.00"), usd("900.00"), usd("8100.00"))
    assert [p.amount for p in result.pools] == [usd("4860.00"), usd("3240.00")]
    by_member = {s.member_id: s for s in result.shares}
    assert (by_member[1].amount, by_member[2].amount, by_member[3].amount) == (
        usd("3240.00"), usd("1620.00"), usd("3240.00"))
    assert (by_member[1].cash, by_member[1].retained) == (usd("648.00"), usd("2592.00"))
    assert [r.member_id for r in result.excluded] == [4]


def test_a_cash_part_below_the_minimum_is_retained() -> None:
    pools = [PoolTerms(1, Decimal(100))]
    result = allocate_surplus(terms("100.00", reserve="0", minimum="5.00"), pools,
                              [Patronage(1, 1, Decimal(99), True), Patronage(2, 1, Decimal(1), True)])
    small = next(s for s in result.shares if s.member_id == 2)
    assert (small.amount, small.cash, small.retained, small.cash_retained) == (
        usd("1.00"), usd("0.00"), usd("1.00"), True)


def test_a_pool_without_eligible_patronage_goes_to_the_reserve_with_a_warning() -> None:
    pools = [PoolTerms(1, Decimal(50)), PoolTerms(2, Decimal(50))]
    result = allocate_surplus(terms("100.00", reserve="0", cash="10"), pools,
                              [Patronage(1, 1, Decimal(3), True)])
    assert result.unallocated_pools == usd("50.00")
    assert result.to_reserve == usd("50.00")
    assert any("no eligible member" in w for w in result.warnings)
    assert any("below 20%" in w for w in result.warnings)


def test_terms_are_checked_all_at_once() -> None:
    problems = terms_problems(terms("0", non_member="5.00", reserve="101", cash="-1", minimum="-1"),
                              [PoolTerms(1, Decimal(90))])
    assert len(problems) == 6
    with pytest.raises(ValueError):
        allocate_surplus(terms(), [PoolTerms(1, Decimal(90))], [])


amounts = st.integers(1, 10**9).map(lambda units: Money.from_minor(units, "USD"))
percent = st.decimals(0, 100, places=2)


@given(surplus=amounts, non_member_share=st.integers(0, 100), reserve=percent, cash=percent,
       minimum=st.integers(0, 5000), split=st.lists(st.integers(0, 100), min_size=1, max_size=4),
       members=st.lists(st.tuples(st.integers(0, 3), st.decimals(0, 10**6, places=3), st.booleans()),
                        max_size=30))
def test_every_cent_is_accounted_for_and_each_allocation_is_cash_plus_retained(
        surplus: Money, non_member_share: int, reserve: Decimal, cash: Decimal, minimum: int,
        split: list[int], members: list[tuple[int, Decimal, bool]]) -> None:
    if sum(split) == 0:
        split = [1] + split[1:]
    total = sum(split)
    percents = [Decimal(s) * 100 / total for s in split]
    percents[-1] = Decimal(100) - sum(percents[:-1])  # exactly 100 in all
    pools = [PoolTerms(i, p) for i, p in enumerate(percents)]
    patronage = [Patronage(m, pool % len(pools), q, ok) for m, (pool, q, ok) in enumerate(members)]
    non_member = surplus.multiply(Decimal(non_member_share) / 100, Rounding.DOWN)
    t = AllocationTerms(surplus, non_member, reserve, cash, Money.from_minor(minimum, "USD"))
    result = allocate_surplus(t, pools, patronage)
    allocated_to_members = sum((s.amount for s in result.shares), Money.zero("USD"))
    assert result.to_reserve + allocated_to_members == surplus
    assert sum((p.amount for p in result.pools), Money.zero("USD")) == result.allocated
    for pool in result.pools:
        shares = [s.amount for s in result.shares if s.pool_id == pool.id]
        if shares:
            assert sum(shares, Money.zero("USD")) == pool.amount
    for s in result.shares:
        assert s.cash + s.retained == s.amount
        assert not s.cash.is_negative and not s.retained.is_negative
        assert s.cash.is_zero or s.cash >= t.min_payout
    for pool in result.pools:  # pro rata: more patronage never gets less
        ordered = sorted((s for s in result.shares if s.pool_id == pool.id), key=lambda s: s.quantity)
        assert all(a.amount <= b.amount for a, b in zip(ordered, ordered[1:])
                   if a.quantity < b.quantity)
