"""The claim policy, checked when a claim is decided: every breach listed, none hidden.

Pure: the caller reads the facts from the book (`claims.claim_facts`). A breach does not stop a
decision by itself; the deciders may approve anyway, giving a reason for each breach, which is
recorded (`claims.approve_claim`).

The edges, which tests hold to:
- the waiting period of N months after the member began taking part (their join date, or the
  fund's start if later) ends on the same day of the month N months on (clamped to a short
  month's end): an event on that day is covered, the day before is not;
- a cap is a maximum: a claim exactly at it passes, a cent more breaches it;
- a payment falls in the fiscal year of its due date: installment i of a claim is due i-1
  months after the event (`installment_dates`);
- the floor: what the fund holds on the decision's day, less what approved claims still have to
  pay, less this claim's total, may not go below it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from coopdesk.dues.periods import fiscal_year_start, shift_months
from coopdesk.funds.types import Breach, FundPolicy
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What the policy needs to know about a claim and its member, on the decision's day."""

    event_date: dt.date
    amount: Money  # each payment: the one-off amount, or a month's
    months: int
    #: When the member began taking part in the fund; None if they do not take part.
    taking_part_since: dt.date | None
    #: When they stopped (left the co-op), if they have.
    taking_part_until: dt.date | None
    #: What the member's other approved claims pay, by the first day of each fiscal year.
    paid_by_year: Mapping[dt.date, Money]
    fund_balance: Money
    #: What approved claims (this one excepted) have still to pay.
    committed: Money
    fiscal_year_start_month: int


def installment_dates(event_date: dt.date, months: int) -> list[dt.date]:
    """When each payment of a claim falls due: the event's day, then monthly."""
    return [shift_months(event_date, i) for i in range(months)]


def waiting_ends(taking_part_since: dt.date, waiting_months: int) -> dt.date:
    """The first day an event is covered."""
    return shift_months(taking_part_since, waiting_months)


def breaches(policy: FundPolicy, facts: ClaimFacts) -> list[Breach]:
    """Every way the claim goes beyond `policy`, in the order of `types.RULES`."""
    found: list[Breach] = []
    since, until = facts.taking_part_since, facts.taking_part_until
    if since is None or facts.event_date < since or (until is not None and facts.event_date > until):
        found.append(Breach("participation", "the member did not take part in the fund on "
                                             f"{facts.event_date.isoformat()}"))
    elif policy.waiting_months and facts.event_date < waiting_ends(since, policy.waiting_months):
        found.append(Breach("waiting_period", (
            f"the event on {facts.event_date.isoformat()} falls in the waiting period of "
            f"{policy.waiting_months} month(s), which ends on "
            f"{waiting_ends(since, policy.waiting_months).isoformat()}")))
    if policy.max_per_claim is not None and facts.amount > policy.max_per_claim:
        found.append(Breach("max_per_claim", f"{facts.amount} asked for, more than the maximum "
                                             f"of {policy.max_per_claim} per claim"))
    if policy.max_months is not None and facts.months > policy.max_months:
        found.append(Breach("max_months", f"{facts.months} months asked for, more than the "
                                          f"maximum of {policy.max_months}"))
    if policy.max_per_member_year is not None:
        this_claim: dict[dt.date, Money] = defaultdict(lambda: Money.zero(facts.amount.currency))
        for due in installment_dates(facts.event_date, facts.months):
            this_claim[fiscal_year_start(due, facts.fiscal_year_start_month)] += facts.amount
        for year, amount in sorted(this_claim.items()):
            total = amount + facts.paid_by_year.get(year, Money.zero(amount.currency))
            if total > policy.max_per_member_year:
                found.append(Breach("max_per_member_year", (
                    f"{total} for the member in the year from {year.isoformat()}, more than the "
                    f"maximum of {policy.max_per_member_year} a year")))
                break
    floor = policy.floor if policy.floor is not None else Money.zero(facts.amount.currency)
    left = facts.fund_balance - facts.committed - facts.amount * facts.months
    if left < floor:
        found.append(Breach("floor", f"the fund would keep {left} once the claims approved are "
                                     f"paid, below its floor of {floor}"))
    return found
