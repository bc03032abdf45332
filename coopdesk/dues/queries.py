"""Reads of dues: a member's account, their open charges, the arrears list, status facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.db.models import JournalEntry, Member, Posting, members
from coopdesk.db.plain_rows import plain_rows
from coopdesk.dues.accounts import DUES_RECEIVABLE, PREPAYMENTS
from coopdesk.dues.plans import plan_labels
from coopdesk.dues.settlement import dues_positions, member_settlements
from coopdesk.errors import NotFound
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.types import EntryKind
from coopdesk.members.queries import DuesFacts
from coopdesk.members.status import StatusFacts, derive_status
from coopdesk.money import Money
from coopdesk.settings import load_settings


@dataclass(frozen=True, slots=True)
class AccountLine:
    """One line of a member's dues account; `balance` > 0 is owed, < 0 is credit."""

    date: dt.date
    entry_id: int
    kind: str
    memo: str
    charged: Money
    paid: Money
    balance: Money


@dataclass(frozen=True, slots=True)
class OpenCharge:
    charge_id: int
    plan: str
    period_key: str
    period_start: dt.date
    amount: Money
    open: Money


@dataclass(frozen=True, slots=True)
class ArrearsRow:
    member_number: str
    member_name: str
    months: int
    amount: Money
    oldest_period: str
    oldest_since: dt.date
    status: str


def member_account(session: Session, number: str, as_of: dt.date | None = None) -> list[AccountLine]:
    """Charges, payments, write-offs and reversals of a member's dues, with running balance.

    Both the dues receivable and the prepayment credit are the member's account: money moved
    between them by the settlement is not a line of its own.
    """
    member_id = _member_id(session, number)
    currency = book_currency(session)
    accounts = (account_id_for(session, DUES_RECEIVABLE), account_id_for(session, PREPAYMENTS))
    query = (select(JournalEntry.entry_date, JournalEntry.id, JournalEntry.kind, JournalEntry.memo,
                    Posting.amount)
             .join(Posting, Posting.entry_id == JournalEntry.id)
             .where(Posting.member_id == member_id, Posting.account_id.in_(accounts),
                    JournalEntry.kind != EntryKind.APPLICATION)
             .order_by(JournalEntry.entry_date, JournalEntry.id, Posting.line_no))
    if as_of is not None:
        query = query.where(JournalEntry.entry_date <= as_of)
    lines = []
    running = 0
    zero = Money.zero(currency)
    for date, entry_id, kind, memo, amount in session.execute(query):
        running += amount
        money = Money.from_minor(abs(amount), currency)
        lines.append(AccountLine(date, entry_id, kind, memo, money if amount > 0 else zero,
                                 money if amount < 0 else zero, Money.from_minor(running, currency)))
    return lines


def open_charges(session: Session, number: str, as_of: dt.date | None = None) -> list[OpenCharge]:
    """The member's charges not yet paid or written off, oldest first."""
    member_id = _member_id(session, number)
    currency = book_currency(session)
    plans = plan_labels(session)
    settled = member_settlements(session, {member_id}, as_of).get(member_id)
    if settled is None:
        return []
    return [OpenCharge(c.id, plans[c.plan_id], c.period_key, c.period_start,
                       Money.from_minor(c.amount, currency), Money.from_minor(open_units, currency))
            for c, open_units in settled[0] if open_units > 0]


def dues_facts(session: Session, as_of: dt.date | None = None) -> dict[int, DuesFacts]:
    """For every member with charges: months in arrears and whether the first dues are unpaid."""
    day = as_of or clock.today()
    return {
        p.member_id: DuesFacts(
            first_dues_unpaid=p.first_open == p.first_amount and p.first_amount > 0,
            months_in_arrears=0 if p.oldest_start is None else _months_since(p.oldest_start, day))
        for p in dues_positions(session, day, settled_too=True)
    }


def arrears(session: Session, as_of: dt.date | None = None) -> list[ArrearsRow]:
    """Members with dues unpaid as of a date: how many months behind, how much, since when."""
    day = as_of or clock.today()
    currency = book_currency(session)
    grace = load_settings(session).grace_months
    register = {row[0]: row[1:] for row in plain_rows(session, select(
        members.c.id, members.c.number, members.c.display_name, members.c.join_date,
        members.c.leave_date, members.c.leave_reason, members.c.status_override))}
    rows = []
    for p in dues_positions(session, day):
        assert p.oldest_key is not None and p.oldest_start is not None  # each has charges open
        number, name, join_date, leave_date, leave_reason, override = register[p.member_id]
        months = _months_since(p.oldest_start, day)
        status = derive_status(StatusFacts(join_date, leave_date, leave_reason, override,
                                           p.first_open == p.first_amount, months), day, grace)
        rows.append(ArrearsRow(number, name, months, Money.from_minor(p.open, currency),
                               p.oldest_key, p.oldest_start, status))
    return sorted(rows, key=lambda r: (-r.months, r.member_number))


def _months_since(start: dt.date, day: dt.date) -> int:
    """Months a charge due on `start` has been unpaid by `day`, the month it fell due counting one."""
    return max(0, (day.year - start.year) * 12 + day.month - start.month + 1)


def _member_id(session: Session, number: str) -> int:
    member_id = session.execute(select(Member.id).where(Member.number == number)).scalar_one_or_none()
    if member_id is None:
        raise NotFound(f"no member with number {number!r}")
    return member_id
