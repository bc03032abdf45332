"""Small reads the app's Patronage and Capital accounts screens need beside `queries`.

- `patronage_years`: the fiscal years that have patronage or a posted allocation, so the
  allocation wizard offers years that can be allocated and says which already are.
- `cash_owed_by_year`: what each posted allocation still owes its members in cash, so the
  screen offers "Pay the cash part" only where something is owed.
- `member_names`: every member's number, name and leaving date, for the member fields (one
  light query, without the statuses and balances `list_members` works out).
- `capital_schedule`: a former member's installments, paid or not.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.db.models import Allocation, CapitalSchedule, Member, patronage_records
from coopdesk.errors import NotFound
from coopdesk.ledger.lookup import book_currency
from coopdesk.money import Money
from coopdesk.patronage.capital import cash_owed
from coopdesk.patronage.run import year_end_of
from coopdesk.settings import load_settings


@dataclass(frozen=True, slots=True)
class PatronageYear:
    """A fiscal year (named by its first day) with its number of patronage records."""

    year_start: dt.date
    year_end: dt.date
    records: int
    allocated: bool


@dataclass(frozen=True, slots=True)
class MemberName:
    number: str
    name: str
    leave_date: dt.date | None


@dataclass(frozen=True, slots=True)
class Installment:
    due_date: dt.date
    amount: Money
    paid: bool


def patronage_years(session: Session) -> list[PatronageYear]:
    """Every fiscal year with patronage records or a posted allocation, newest first."""
    start_month = load_settings(session).fiscal_year_start
    month = func.strftime("%Y-%m", patronage_records.c.record_date)
    counts: dict[dt.date, int] = defaultdict(int)
    # Grouped by month in SQL (a few hundred groups however many records), by year here.
    for text, records in session.execute(select(month, func.count()).group_by(month)):
        year, month_number = (int(part) for part in str(text).split("-"))
        start_year = year if month_number >= start_month else year - 1
        counts[dt.date(start_year, start_month, 1)] += int(records)
    allocated = set(session.execute(select(Allocation.year_start)).scalars())
    return [PatronageYear(start, year_end_of(start), counts.get(start, 0), start in allocated)
            for start in sorted(set(counts) | allocated, reverse=True)]


def cash_owed_by_year(session: Session) -> dict[dt.date, Money]:
    """Each posted allocation's cash part not yet paid, by the year it allocated."""
    currency = book_currency(session)
    owed = {}
    for allocation_id, year_start in session.execute(select(Allocation.id, Allocation.year_start)):
        units = sum(max(units, 0) for units in cash_owed(session, allocation_id).values())
        owed[year_start] = Money.from_minor(units, currency)
    return owed


def member_names(session: Session) -> list[MemberName]:
    """Every member by number, with the day they left (None while a member)."""
    rows = session.execute(select(Member.number, Member.display_name, Member.leave_date)
                           .order_by(Member.sort_name, Member.number))
    return [MemberName(number, name, left) for number, name, left in rows]


def capital_schedule(session: Session, member_number: str) -> list[Installment]:
    """The installments a former member's capital is paid back in, by due date."""
    member_id = session.execute(select(Member.id).where(Member.number == member_number)).scalar()
    if member_id is None:
        raise NotFound(f"no member with number {member_number!r}")
    currency = book_currency(session)
    rows = session.execute(select(CapitalSchedule.due_date, CapitalSchedule.amount,
                                  CapitalSchedule.movement_id)
                           .where(CapitalSchedule.member_id == member_id)
                           .order_by(CapitalSchedule.due_date, CapitalSchedule.id))
    return [Installment(due, Money.from_minor(amount, currency), movement is not None)
            for due, amount, movement in rows]
