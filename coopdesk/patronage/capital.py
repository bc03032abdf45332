"""Member capital accounts: shares paid in, patronage retained and redeemed, and what a member
who leaves is paid back.

A member's capital is kept on three member-ledger accounts: 3000 "Member share capital", 3100
"Retained patronage" (by allocation year) and, once they have left, 2300 "Capital payable to
former members". Every change is an entry and a `capital_movements` row saying which account,
which allocation year (for retained patronage) and why; `audit` proves the two agree.

- `record_share_payment`: a membership share paid in (cash or bank to 3000).
- `make_capital_payable`: when a member leaves, their shares and retained patronage become a
  debt to them (to 2300), paid in `installments` equal parts (`money.allocate`, exact) every
  `interval_months` from `first_due`, as the co-op's bylaws set (`capital_schedules`).
- `pay_capital_due`: pays every installment due by a day (2300 to cash or bank).
- `pay_allocation_cash`: pays the cash part of a year's allocation (2200 to cash or bank).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import note_changes
from coopdesk.db.models import (
    Account,
    Allocation,
    AllocationLine,
    CapitalMovement,
    CapitalSchedule,
    JournalEntry,
    Member,
    Posting,
)
from coopdesk.dues.accounts import METHOD_ACCOUNTS, PAYMENT_METHODS
from coopdesk.dues.periods import shift_months
from coopdesk.errors import CoopdeskError, NotFound, ValidationError
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.service import post_entries, post_entry
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.money import Money, allocate

SHARE_CAPITAL = "3000"
RETAINED = "3100"
PAYABLE_TO_FORMER = "2300"
PATRONAGE_PAYABLE = "2200"


def record_share_payment(session: Session, member_number: str, amount: Money, date: dt.date,
                         method: str = "bank_transfer") -> int:
    """A membership share paid in; returns the entry's id."""
    member = _member(session, member_number)
    _check_amount(session, amount, "share")
    _check_method(method)
    entry_id = post_entry(session, EntryDraft(date, EntryKind.MANUAL, (
        PostingDraft(account_id_for(session, METHOD_ACCOUNTS[method]), amount.minor_units),
        PostingDraft(account_id_for(session, SHARE_CAPITAL), -amount.minor_units, member_id=member.id),
    ), memo=f"Membership share of member {member.number}", source_ref=f"share:{member.number}"))
    session.add(CapitalMovement(member_id=member.id, kind="share", allocation_id=None,
                                account=SHARE_CAPITAL, amount=amount.minor_units,
                                movement_date=date, entry_id=entry_id))
    session.flush()
    note_changes(session, area="capital", entries=[entry_id], members=[member.id])
    return entry_id


@dataclass(frozen=True, slots=True)
class PayableResult:
    total: Money
    installments: tuple[tuple[dt.date, Money], ...]


def make_capital_payable(session: Session, member_number: str, date: dt.date, *, installments: int,
                         first_due: dt.date, interval_months: int = 12) -> PayableResult:
    """A member who left: their capital becomes a debt to them, paid on a schedule."""
    member = _member(session, member_number)
    problems = []
    if member.leave_date is None or member.leave_date > date:
        problems.append("member: record their leaving first; capital is paid back to members who left")
    if not 1 <= installments <= 20:
        problems.append("installments: from 1 to 20")
    if not 1 <= interval_months <= 60:
        problems.append("interval: from 1 to 60 months")
    if first_due < date:
        problems.append("first installment: on or after the day the capital becomes payable")
    if problems:
        raise ValidationError(problems, subject="capital")
    currency = book_currency(session)
    balances = capital_by_year(session, [member.id]).get(member.id, {})
    total = sum(balances.values())
    if total <= 0:
        raise CoopdeskError(f"member {member.number} has no capital to pay back")
    shares = balances.get((SHARE_CAPITAL, None), 0)
    parts = [PostingDraft(account_id_for(session, PAYABLE_TO_FORMER), -total, member_id=member.id)]
    if shares:
        parts.append(PostingDraft(account_id_for(session, SHARE_CAPITAL), shares, member_id=member.id))
    retained = sum(units for (account, _), units in balances.items() if account == RETAINED)
    if retained:
        parts.append(PostingDraft(account_id_for(session, RETAINED), retained, member_id=member.id))
    entry_id = post_entry(session, EntryDraft(date, EntryKind.MANUAL, tuple(parts),
                                              memo=f"Capital of former member {member.number} made payable",
                                              source_ref=f"capital-payable:{member.number}"))
    moves = [CapitalMovement(member_id=member.id, kind="to_payable", allocation_id=year,
                             account=account, amount=-units, movement_date=date, entry_id=entry_id)
             for (account, year), units in sorted(balances.items(), key=_order) if units]
    moves.append(CapitalMovement(member_id=member.id, kind="payable", allocation_id=None,
                                 account=PAYABLE_TO_FORMER, amount=total, movement_date=date,
                                 entry_id=entry_id))
    session.add_all(moves)
    amounts = allocate(Money.from_minor(total, currency), [1] * installments, list(range(installments)))
    schedule = [(shift_months(first_due, i * interval_months), amount) for i, amount in enumerate(amounts)]
    session.add_all(CapitalSchedule(member_id=member.id, due_date=due, amount=amount.minor_units,
                                    movement_id=None) for due, amount in schedule)
    session.flush()
    note_changes(session, area="capital", entries=[entry_id], members=[member.id])
    return PayableResult(Money.from_minor(total, currency), tuple(schedule))


@dataclass(frozen=True, slots=True)
class PaidResult:
    payments: int
    total: Money


def pay_capital_due(session: Session, date: dt.date | None = None,
                    method: str = "bank_transfer") -> PaidResult:
    """Pay every installment of former members' capital due by `date` and not paid yet."""
    day = date or clock.today()
    _check_method(method)
    due = list(session.execute(select(CapitalSchedule, Member.number)
                               .join(Member, Member.id == CapitalSchedule.member_id)
                               .where(CapitalSchedule.due_date <= day,
                                      CapitalSchedule.movement_id.is_(None))
                               .order_by(CapitalSchedule.due_date, CapitalSchedule.id)))
    payable = account_id_for(session, PAYABLE_TO_FORMER)
    paid_from = account_id_for(session, METHOD_ACCOUNTS[method])
    entry_ids = post_entries(session, [EntryDraft(day, EntryKind.REDEMPTION, (
        PostingDraft(payable, row.amount, member_id=row.member_id),
        PostingDraft(paid_from, -row.amount),
    ), memo=f"Capital paid back to former member {number}, due {row.due_date.isoformat()}",
        source_ref=f"capital-paid:{number}") for row, number in due])
    for (row, _), entry_id in zip(due, entry_ids, strict=True):
        move = CapitalMovement(member_id=row.member_id, kind="paid", allocation_id=None,
                               account=PAYABLE_TO_FORMER, amount=-row.amount, movement_date=day,
                               entry_id=entry_id)
        session.add(move)
        session.flush()
        row.movement_id = move.id
    session.flush()
    note_changes(session, area="capital", entries=entry_ids, members={row.member_id for row, _ in due})
    return PaidResult(len(due), Money.from_minor(sum(row.amount for row, _ in due), book_currency(session)))


def pay_allocation_cash(session: Session, year_start: dt.date, date: dt.date | None = None,
                        method: str = "bank_transfer") -> PaidResult:
    """Pay each member the cash part of the year's allocation still owed to them."""
    day = date or clock.today()
    _check_method(method)
    allocation = session.execute(select(Allocation).where(Allocation.year_start == year_start)
                                 ).scalar_one_or_none()
    if allocation is None:
        raise NotFound(f"no allocation of the year from {year_start.isoformat()}")
    payable = account_id_for(session, PATRONAGE_PAYABLE)
    owed = cash_owed(session, allocation.id)
    numbers = dict(session.execute(select(Member.id, Member.number).where(Member.id.in_(list(owed)))).all())
    paid_from = account_id_for(session, METHOD_ACCOUNTS[method])
    rows = [(member_id, units) for member_id, units in sorted(owed.items()) if units > 0]
    entry_ids = post_entries(session, [EntryDraft(day, EntryKind.ALLOCATION, (
        PostingDraft(payable, units, member_id=member_id), PostingDraft(paid_from, -units),
    ), memo=f"Patronage paid in cash, year from {year_start.isoformat()}, member {numbers[member_id]}",
        source_ref=f"allocation-cash:{allocation.id}") for member_id, units in rows])
    note_changes(session, area="capital", entries=entry_ids, members=[m for m, _ in rows])
    return PaidResult(len(rows), Money.from_minor(sum(u for _, u in rows), book_currency(session)))


def cash_owed(session: Session, allocation_id: int) -> dict[int, int]:
    """Each member's cash part of the allocation less what was paid of it (minor units)."""
    owed: dict[int, int] = defaultdict(int)
    for member_id, cash in session.execute(select(AllocationLine.member_id, AllocationLine.cash)
                                           .where(AllocationLine.allocation_id == allocation_id)):
        owed[member_id] += cash
    paid = session.execute(
        select(Posting.member_id, func.sum(Posting.amount))
        .join(JournalEntry, JournalEntry.id == Posting.entry_id)
        .where(JournalEntry.source_ref == f"allocation-cash:{allocation_id}",
               Posting.member_id.is_not(None))
        .group_by(Posting.member_id))
    for paid_to, total in paid:
        owed[paid_to or 0] -= int(total)
    return dict(owed)


def capital_by_year(session: Session, member_ids: list[int] | None = None,
                    as_of: dt.date | None = None) -> dict[int, dict[tuple[str, int | None], int]]:
    """Each member's capital (minor units) by (account, allocation id), as the ledger holds it:
    shares (3000) and what is payable to a former member (2300) under None; retained patronage
    (3100) under the allocation it came from, and under None what the ledger holds beyond the
    allocations' movements (balances a treasurer brought in by hand from an earlier system:
    older than any allocation, so redeemed first)."""
    accounts = dict(session.execute(select(Account.id, Account.code).where(
        Account.code.in_((SHARE_CAPITAL, RETAINED, PAYABLE_TO_FORMER)))).all())
    ledger = (select(Posting.member_id, Posting.account_id, func.sum(Posting.amount))
              .where(Posting.account_id.in_(list(accounts)), Posting.member_id.is_not(None))
              .group_by(Posting.member_id, Posting.account_id))
    by_year = (select(CapitalMovement.member_id, CapitalMovement.allocation_id,
                      func.sum(CapitalMovement.amount))
               .where(CapitalMovement.account == RETAINED, CapitalMovement.allocation_id.is_not(None))
               .group_by(CapitalMovement.member_id, CapitalMovement.allocation_id))
    if member_ids is not None:
        ledger = ledger.where(Posting.member_id.in_(member_ids))
        by_year = by_year.where(CapitalMovement.member_id.in_(member_ids))
    if as_of is not None:
        ledger = ledger.join(JournalEntry, JournalEntry.id == Posting.entry_id).where(
            JournalEntry.entry_date <= as_of)
        by_year = by_year.where(CapitalMovement.movement_date <= as_of)
    found: dict[int, dict[tuple[str, int | None], int]] = defaultdict(dict)
    for member_id, account_id, total in session.execute(ledger):
        if total:
            found[member_id or 0][(accounts[account_id], None)] = -int(total)
    for member_id, allocation_id, total in session.execute(by_year):
        held = found[member_id]
        held[(RETAINED, allocation_id)] = int(total)
        held[(RETAINED, None)] = held.get((RETAINED, None), 0) - int(total)
    for held in found.values():
        for key in [k for k, units in held.items() if units == 0]:
            del held[key]
    return dict(found)


def _order(item: tuple[tuple[str, int | None], int]) -> tuple[str, int]:
    (account, year), _ = item
    return account, year or 0


def _member(session: Session, number: str) -> Member:
    member = session.execute(select(Member).where(Member.number == number.strip())).scalar_one_or_none()
    if member is None:
        raise NotFound(f"no member with number {number!r}")
    return member


def _check_amount(session: Session, amount: Money, what: str) -> None:
    currency = book_currency(session)
    if amount.currency != currency or not amount.is_positive:
        raise ValidationError([f"amount: more than zero, in {currency}"], subject=what)


def _check_method(method: str) -> None:
    if method not in PAYMENT_METHODS:
        raise ValidationError([f"method: one of {', '.join(PAYMENT_METHODS)}, not {method!r}"],
                              subject="payment")
