"""Members' contributions to funds, as the dues machinery charges and collects them.

- A fund of fixed contributions is charged by the dues run through the fund's own plan
  (`fund_plans`, `contribution_schedules`): each member taking part is a schedule of monthly
  charges from the day they began taking part to the day they left, exactly like a member's
  plan assignment. A charge posts to dues receivable against the fund's account (naming the
  fund and the member), so payments settle contributions and dues alike, oldest first, and
  arrears, statements and the dues run's idempotence (one charge per member, plan and month)
  hold for contributions as they do for dues.
- A fund that takes a share of dues payments gets it in the payment's own entry
  (`PaymentShares`): dues income gives up the share to the fund's account. A reversed payment
  reverses its share with it, being the same entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import Fund, FundClass, Member, charges, members
from coopdesk.dues.accounts import DUES_INCOME
from coopdesk.funds.participation import takes_part
from coopdesk.ledger.lookup import account_id_for
from coopdesk.ledger.types import PostingDraft
from coopdesk.money import Money, Rounding


@dataclass(frozen=True, slots=True)
class FundPlan:
    """A fund charged through a dues plan of its own."""

    fund_id: int
    plan_id: int
    account_id: int
    start_date: dt.date
    classes: frozenset[int]
    label: str  # how its charges are named: "Risk fund: Sick pay"


def fund_plans(session: Session) -> dict[int, FundPlan]:
    """The funds of fixed contributions, by the id of their plan."""
    classes = _classes(session)
    found = {}
    for fund in session.execute(select(Fund).where(Fund.plan_id.is_not(None))).scalars():
        if fund.plan_id is not None and fund.account_id is not None and fund.start_date is not None:
            found[fund.plan_id] = FundPlan(fund.id, fund.plan_id, fund.account_id, fund.start_date,
                                           classes.get(fund.id, frozenset()),
                                           f"Risk fund: {fund.name}")
    return found


def contribution_schedules(session: Session, plans: Iterable[FundPlan]) -> list[tuple[Any, ...]]:
    """The dues run's schedule rows (the shape of its plan assignments) for every member who
    takes part in a fund of fixed contributions: from the fund's start, with the start of the
    last month charged under the fund's plan."""
    rows: list[tuple[Any, ...]] = []
    for plan in plans:
        last = (select(charges.c.period_start)
                .where(charges.c.member_id == members.c.id, charges.c.plan_id == plan.plan_id)
                .order_by(charges.c.period_key.desc()).limit(1).scalar_subquery())
        query = (select(members.c.id, members.c.class_id, members.c.number,
                        members.c.display_name, members.c.join_date, members.c.leave_date, last)
                 .where(members.c.join_date.is_not(None))
                 .order_by(members.c.sort_name, members.c.number))
        if plan.classes:
            query = query.where(members.c.class_id.in_(plan.classes))
        rows.extend((member_id, plan.plan_id, plan.start_date, None, None, number, name, joined,
                     left, last_charged)
                    for member_id, _class, number, name, joined, left, last_charged
                    in session.execute(query))  # plain_rows cannot expand IN ()
    return rows


@dataclass(frozen=True, slots=True)
class _ShareFund:
    fund: Fund
    classes: frozenset[int]
    percent: Decimal


class PaymentShares:
    """The funds' shares of dues payments, for the members of a sitting of payments."""

    def __init__(self, session: Session, member_ids: Collection[int], currency: str) -> None:
        classes = _classes(session)
        self._funds = [_ShareFund(fund, classes.get(fund.id, frozenset()), Decimal(fund.share_percent))
                       for fund in session.execute(select(Fund).where(
                           Fund.contribution_kind == "share", Fund.account_id.is_not(None))).scalars()]
        self._currency = currency
        self._members: dict[int, tuple[int | None, dt.date | None, dt.date | None]] = {}
        if self._funds:
            self._income = account_id_for(session, DUES_INCOME)
            self._members = {member_id: (class_id, joined, left) for member_id, class_id, joined, left
                             in session.execute(select(Member.id, Member.class_id, Member.join_date,
                                                       Member.leave_date)
                                                .where(Member.id.in_(member_ids)))}

    def postings(self, member_id: int, date: dt.date, units: int) -> tuple[PostingDraft, ...]:
        """The postings that move each fund's share of a payment of `units` from dues income
        to the fund (none when the member takes part in no such fund on `date`)."""
        found: list[PostingDraft] = []
        facts = self._members.get(member_id)
        for share in self._funds:
            if facts is None:
                break
            taking = takes_part(share.fund, share.classes, *facts)
            if taking is None or date < taking.since or (taking.until is not None and date > taking.until):
                continue
            amount = Money.from_minor(units, self._currency).multiply(
                share.percent / 100, Rounding.HALF_EVEN).minor_units
            if amount:
                found += [PostingDraft(self._income, amount),
                          PostingDraft(share.fund.account_id or 0, -amount, member_id=member_id,
                                       fund_id=share.fund.id)]
        return tuple(found)


def _classes(session: Session) -> dict[int, frozenset[int]]:
    by_fund: dict[int, set[int]] = {}
    for fund_id, class_id in session.execute(select(FundClass.fund_id, FundClass.class_id)):
        by_fund.setdefault(fund_id, set()).add(class_id)
    return {fund_id: frozenset(ids) for fund_id, ids in by_fund.items()}
