"""The allocation of a year's surplus, as arithmetic: no book, every cent accounted for.

From the surplus:
1. the part earned from non-members (given, or a percentage of the surplus rounded half-even)
   goes to the reserve;
2. of the members' surplus, the reserve percentage (rounded half-even) stays unallocated;
3. the rest is split between the pools by their percentages (`money.allocate`: the pools add
   up to it exactly); a pool no eligible member has patronage in goes to the reserve too;
4. each pool is split between its eligible members pro rata to their patronage (`allocate`
   again, ties to the lower member id);
5. each member's allocation is split into cash (the cash percentage, rounded half-even) and
   retained; a cash part below the minimum payout is retained instead.

So: non-member part + reserve + unallocated pools + the members' allocations = surplus, and
each allocation = cash + retained, exactly, for any inputs (tests/core/test_allocation.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.money import Money, Rounding, allocate

#: Below this cash percentage a US notice of allocation is not "qualified" (IRC 1388(c)).
QUALIFIED_CASH_PERCENT = Decimal(20)


@dataclass(frozen=True, slots=True)
class PoolTerms:
    """A pool: `percent` of the allocated surplus, for members whose patronage counts in it."""

    id: int
    percent: Decimal
    label: str = ""


@dataclass(frozen=True, slots=True)
class Patronage:
    """A member's patronage in a pool (in the pool's measure) and whether they may share."""

    member_id: int
    pool_id: int
    quantity: Decimal
    eligible: bool
    why_not: str = ""  # when not eligible


@dataclass(frozen=True, slots=True)
class AllocationTerms:
    surplus: Money
    non_member: Money
    reserve_percent: Decimal
    cash_percent: Decimal
    min_payout: Money


@dataclass(frozen=True, slots=True)
class MemberShare:
    member_id: int
    pool_id: int
    quantity: Decimal
    amount: Money
    cash: Money
    retained: Money
    cash_retained: bool = False  # the cash part was below the minimum payout


@dataclass(frozen=True, slots=True)
class PoolResult:
    id: int
    amount: Money
    quantity: Decimal  # the eligible members' patronage in it
    members: int
    unallocated: bool  # no eligible patronage: the pool went to the reserve
    label: str = ""


@dataclass(frozen=True, slots=True)
class AllocationResult:
    terms: AllocationTerms
    member_surplus: Money  # surplus less the non-member part
    reserve: Money         # the reserve percentage of the members' surplus
    allocated: Money       # shared between the pools
    unallocated_pools: Money
    pools: tuple[PoolResult, ...]
    shares: tuple[MemberShare, ...]
    excluded: tuple[Patronage, ...]  # patronage that did not share, with why

    @property
    def to_reserve(self) -> Money:
        """Everything that stays with the co-op: non-member part, reserve, unallocated pools."""
        return self.terms.non_member + self.reserve + self.unallocated_pools

    @property
    def cash(self) -> Money:
        return sum((s.cash for s in self.shares), Money.zero(self.terms.surplus.currency))

    @property
    def retained(self) -> Money:
        return sum((s.retained for s in self.shares), Money.zero(self.terms.surplus.currency))

    @property
    def warnings(self) -> list[str]:
        found = []
        if self.terms.cash_percent < QUALIFIED_CASH_PERCENT:
            found.append(f"the cash part is {self.terms.cash_percent}%: below 20%, the notices are "
                         "not qualified written notices of allocation under US tax law")
        found += [f"{p.label or f'pool {p.id}'}: no eligible member has patronage in it; its "
                  f"{p.amount} goes to the reserve" for p in self.pools if p.unallocated]
        return found


def terms_problems(terms: AllocationTerms, pools: Sequence[PoolTerms]) -> list[str]:
    """Every reason the terms cannot be allocated ("field: reason")."""
    problems = []
    currency = terms.surplus.currency
    if not terms.surplus.is_positive:
        problems.append(f"surplus: there is no surplus to allocate ({terms.surplus})")
    if terms.non_member.is_negative or terms.non_member > terms.surplus:
        problems.append("non-member part: from zero to the whole surplus")
    for field, percent in (("reserve", terms.reserve_percent), ("cash", terms.cash_percent)):
        if not Decimal(0) <= percent <= Decimal(100):
            problems.append(f"{field}: a percentage from 0 to 100")
    if terms.min_payout.is_negative or terms.min_payout.currency != currency:
        problems.append("minimum payout: zero or more, in the book's currency")
    if not pools:
        problems.append("pools: set how the surplus divides between members (at least one pool)")
    elif sum(p.percent for p in pools) != Decimal(100):
        problems.append(f"pools: their percentages add up to {sum(p.percent for p in pools)}, not 100")
    elif any(p.percent < 0 for p in pools):
        problems.append("pools: no percentage may be negative")
    return problems


def allocate_surplus(terms: AllocationTerms, pools: Sequence[PoolTerms],
                     patronage: Sequence[Patronage]) -> AllocationResult:
    """The allocation of `terms.surplus` (see the module's docstring). Raises ValueError on
    terms that `terms_problems` refuses."""
    problems = terms_problems(terms, pools)
    if problems:
        raise ValueError("; ".join(problems))
    currency = terms.surplus.currency
    zero = Money.zero(currency)
    member_surplus = terms.surplus - terms.non_member
    reserve = member_surplus.multiply(terms.reserve_percent / 100, Rounding.HALF_EVEN)
    allocated = member_surplus - reserve
    pool_amounts = allocate(allocated, [p.percent for p in pools], [p.id for p in pools]) \
        if any(p.percent for p in pools) else [zero for _ in pools]
    eligible: dict[int, list[Patronage]] = {p.id: [] for p in pools}
    excluded = []
    for row in patronage:
        if row.eligible and row.quantity > 0 and row.pool_id in eligible:
            eligible[row.pool_id].append(row)
        else:
            excluded.append(row)
    shares: list[MemberShare] = []
    results = []
    unallocated = zero
    for pool, amount in zip(pools, pool_amounts, strict=True):
        members = sorted(eligible[pool.id], key=lambda r: r.member_id)
        quantity = sum((r.quantity for r in members), Decimal(0))
        if not members or amount.is_zero:
            unallocated += amount
            results.append(PoolResult(pool.id, amount, quantity, 0, bool(amount) and not members,
                                      pool.label))
            continue
        parts = allocate(amount, [r.quantity for r in members], [r.member_id for r in members])
        for row, part in zip(members, parts, strict=True):
            shares.append(_split(row, part, terms))
        results.append(PoolResult(pool.id, amount, quantity, len(members), False, pool.label))
    return AllocationResult(terms, member_surplus, reserve, allocated, unallocated, tuple(results),
                            tuple(shares), tuple(excluded))


def _split(row: Patronage, amount: Money, terms: AllocationTerms) -> MemberShare:
    cash = amount.multiply(terms.cash_percent / 100, Rounding.HALF_EVEN)
    below = cash.is_positive and cash < terms.min_payout
    if below:
        cash = Money.zero(amount.currency)
    return MemberShare(row.member_id, row.pool_id, row.quantity, amount, cash, amount - cash, below)
