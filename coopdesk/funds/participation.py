"""Who takes part in a fund, and since when.

A member takes part from their join date, or the fund's start if later, until they leave,
provided their class is one of the fund's classes (a fund without classes: every class, and
members without one). The class is the member's class now: a member who changes class is
charged from then on under the new one's rule, and what was charged before stays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import Fund, FundClass, Member


@dataclass(frozen=True, slots=True)
class Taking:
    """A member's time in a fund: from `since` to `until` (None while they stay)."""

    member_id: int
    since: dt.date
    until: dt.date | None


def fund_class_ids(session: Session, fund_id: int) -> frozenset[int]:
    return frozenset(session.execute(select(FundClass.class_id)
                                     .where(FundClass.fund_id == fund_id)).scalars())


def takes_part(fund: Fund, classes: frozenset[int], class_id: int | None,
               join_date: dt.date | None, leave_date: dt.date | None) -> Taking | None:
    """The member's time in `fund` (`member_id` 0: the caller knows who), or None."""
    if join_date is None or fund.start_date is None:
        return None
    if classes and class_id not in classes:
        return None
    since = max(join_date, fund.start_date)
    if leave_date is not None and leave_date < since:
        return None
    return Taking(0, since, leave_date)


def taking_part(session: Session, fund: Fund, member_ids: list[int] | None = None) -> dict[int, Taking]:
    """Every member who takes part in `fund` (or those of `member_ids` who do), by id."""
    classes = fund_class_ids(session, fund.id)
    query = select(Member.id, Member.class_id, Member.join_date, Member.leave_date)
    if member_ids is not None:
        query = query.where(Member.id.in_(member_ids))
    found = {}
    for member_id, class_id, joined, left in session.execute(query):
        taking = takes_part(fund, classes, class_id, joined, left)
        if taking is not None:
            found[member_id] = Taking(member_id, taking.since, taking.until)
    return found
