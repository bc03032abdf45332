"""Patronage and capital as the board and the members read them, as plain rows.

- `list_allocations`: each posted year with its totals.
- `allocation_table`: a posted year member by member (the board's table, the notices' data).
- `capital_register`: every member's capital account: shares, retained patronage by year,
  payable after leaving, total.
- `member_capital`: one member's movements with a running balance.
- `notice_of_allocation`: what a member's written notice says.
- `patr_1099`: the per-member amounts a US co-op reports on form 1099-PATR for a calendar year.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import Allocation, AllocationLine, CapitalMovement, JournalEntry, Member
from coopdesk.errors import NotFound
from coopdesk.ledger.lookup import book_currency
from coopdesk.money import Money
from coopdesk.patronage.allocation import QUALIFIED_CASH_PERCENT
from coopdesk.patronage.capital import PAYABLE_TO_FORMER, RETAINED, SHARE_CAPITAL, capital_by_year
from coopdesk.patronage.measures import from_stored

#: Members paid less than this in a calendar year are not reported on form 1099-PATR (USD).
PATR_THRESHOLD = Money("10.00", "USD")


@dataclass(frozen=True, slots=True)
class AllocationRow:
    id: int
    year_start: dt.date
    year_end: dt.date
    surplus: Money
    surplus_source: str
    non_member: Money
    reserve: Money  # the reserve percentage and any pool no one shared in
    allocated: Money
    cash: Money
    retained: Money
    members: int
    reserve_percent: Decimal
    cash_percent: Decimal
    min_payout: Money
    pools: tuple[tuple[str, Decimal, Money], ...]  # label, percent, amount
    posted_on: dt.date

    @property
    def qualified(self) -> bool:
        return self.cash_percent >= QUALIFIED_CASH_PERCENT


@dataclass(frozen=True, slots=True)
class AllocationTableRow:
    member_number: str
    member_name: str
    pool: str
    quantity: Decimal
    amount: Money
    cash: Money
    retained: Money


@dataclass(frozen=True, slots=True)
class CapitalRow:
    member_number: str
    member_name: str
    shares: Money
    retained: Money  # in all: by year, and any brought in by hand before the first allocation
    by_year: tuple[tuple[dt.date, Money], ...]
    payable: Money  # to a former member
    total: Money
    #: Retained patronage the ledger holds from before this book's allocations (None: none).
    earlier: Money | None = None


@dataclass(frozen=True, slots=True)
class CapitalLine:
    date: dt.date
    kind: str  # share, retained, redeemed, to_payable, payable, paid
    year_start: dt.date | None
    account: str
    amount: Money
    balance: Money


@dataclass(frozen=True, slots=True)
class Notice:
    """A member's written notice of allocation."""

    member_number: str
    member_name: str
    year_start: dt.date
    year_end: dt.date
    posted_on: dt.date
    total_allocation: Money     # to all members
    surplus: Money
    allocation: Money           # to this member
    cash: Money
    retained: Money
    quantity: Decimal
    pool: str
    qualified: bool
    previous_balance: Money     # capital account before the allocation
    credited: Money
    redeemed: Money             # since, to the notice's date
    balance: Money


@dataclass(frozen=True, slots=True)
class PatrRow:
    member_number: str
    member_name: str
    year: int
    patronage_dividends: Money    # box 1: cash and qualified notices at their stated value
    nonqualified_redeemed: Money  # box 5: redemptions of nonqualified notices
    total: Money
    under_threshold: bool


def list_allocations(session: Session) -> list[AllocationRow]:
    currency = book_currency(session)
    money = _money(currency)
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for allocation_id, amount, cash, retained in session.execute(
            select(AllocationLine.allocation_id, AllocationLine.amount, AllocationLine.cash,
                   AllocationLine.retained)):
        t = totals[allocation_id]
        t[0] += amount
        t[1] += cash
        t[2] += retained
        t[3] += 1
    rows = []
    for a in session.execute(select(Allocation).order_by(Allocation.year_start)).scalars():
        t = totals[a.id]
        pools = tuple((p["label"], Decimal(p["percent"]), money(p["amount"]))
                      for p in json.loads(a.pools))
        rows.append(AllocationRow(a.id, a.year_start, a.year_end, money(a.surplus), a.surplus_source,
                                  money(a.non_member), money(a.reserve), money(t[0]), money(t[1]),
                                  money(t[2]), t[3], Decimal(a.reserve_percent),
                                  Decimal(a.cash_percent), money(a.min_payout), pools,
                                  _posted_on(session, a)))
    return rows


def allocation_table(session: Session, year_start: dt.date) -> list[AllocationTableRow]:
    allocation = _allocation(session, year_start)
    money = _money(book_currency(session))
    labels = {p["id"]: p["label"] for p in json.loads(allocation.pools)}
    rows = session.execute(
        select(Member.number, Member.display_name, AllocationLine.pool, AllocationLine.quantity,
               AllocationLine.amount, AllocationLine.cash, AllocationLine.retained)
        .join(Member, Member.id == AllocationLine.member_id)
        .where(AllocationLine.allocation_id == allocation.id)
        .order_by(Member.sort_name, Member.number, AllocationLine.pool))
    return [AllocationTableRow(number, name, labels.get(pool, str(pool)), from_stored(quantity),
                               money(amount), money(cash), money(retained))
            for number, name, pool, quantity, amount, cash, retained in rows]


def capital_register(session: Session, as_of: dt.date | None = None) -> list[CapitalRow]:
    """Every member with capital (or who had some), by member number."""
    money = _money(book_currency(session))
    years = dict(session.execute(select(Allocation.id, Allocation.year_start)).all())
    people = {m: (n, name) for m, n, name in session.execute(
        select(Member.id, Member.number, Member.display_name))}
    rows = []
    for member_id, by_key in capital_by_year(session, as_of=as_of).items():
        shares = by_key.get((SHARE_CAPITAL, None), 0)
        payable = by_key.get((PAYABLE_TO_FORMER, None), 0)
        by_year = sorted((years[a], units) for (account, a), units in by_key.items()
                         if account == RETAINED and a is not None and units)
        earlier = by_key.get((RETAINED, None), 0)
        retained = sum(units for _, units in by_year) + earlier
        rows.append(CapitalRow(*people[member_id], money(shares), money(retained),
                               tuple((y, money(u)) for y, u in by_year), money(payable),
                               money(shares + retained + payable), money(earlier) if earlier else None))
    return sorted(rows, key=lambda r: (len(r.member_number), r.member_number))


def member_capital(session: Session, member_number: str) -> list[CapitalLine]:
    """One member's capital movements, oldest first, with the running balance."""
    money = _money(book_currency(session))
    member_id = session.execute(select(Member.id).where(Member.number == member_number)).scalar()
    if member_id is None:
        raise NotFound(f"no member with number {member_number!r}")
    years = dict(session.execute(select(Allocation.id, Allocation.year_start)).all())
    balance = 0
    lines = []
    for m in session.execute(select(CapitalMovement).where(CapitalMovement.member_id == member_id)
                             .order_by(CapitalMovement.movement_date, CapitalMovement.id)).scalars():
        balance += m.amount
        lines.append(CapitalLine(m.movement_date, m.kind,
                                 years.get(m.allocation_id) if m.allocation_id else None, m.account,
                                 money(m.amount), money(balance)))
    return lines


def notice_of_allocation(session: Session, year_start: dt.date, member_number: str) -> Notice:
    """What member `member_number`'s written notice of the year's allocation says."""
    allocation = _allocation(session, year_start)
    money = _money(book_currency(session))
    member = session.execute(select(Member).where(Member.number == member_number)).scalar_one_or_none()
    if member is None:
        raise NotFound(f"no member with number {member_number!r}")
    lines = list(session.execute(select(AllocationLine).where(
        AllocationLine.allocation_id == allocation.id, AllocationLine.member_id == member.id)).scalars())
    if not lines:
        raise NotFound(f"member {member_number} has no allocation in the year from {year_start.isoformat()}")
    labels = {p["id"]: p["label"] for p in json.loads(allocation.pools)}
    total = sum(line.amount for line in session.execute(select(AllocationLine).where(
        AllocationLine.allocation_id == allocation.id)).scalars())
    posted_on = _posted_on(session, allocation)
    moves = list(session.execute(select(CapitalMovement).where(
        CapitalMovement.member_id == member.id).order_by(CapitalMovement.movement_date,
                                                         CapitalMovement.id)).scalars())
    before, credited, redeemed = notice_account(
        [(m.kind, m.amount, m.movement_date, m.entry_id) for m in moves], lines, posted_on)
    balance = before + credited - redeemed
    return Notice(member.number, member.display_name, allocation.year_start, allocation.year_end,
                  posted_on, money(total), money(allocation.surplus),
                  money(sum(line.amount for line in lines)), money(sum(line.cash for line in lines)),
                  money(credited), sum((from_stored(line.quantity) for line in lines), Decimal(0)),
                  ", ".join(labels.get(line.pool, "") for line in lines),
                  Decimal(allocation.cash_percent) >= QUALIFIED_CASH_PERCENT,
                  money(before), money(credited), money(redeemed), money(balance))


def notice_account(moves: Sequence[tuple[str, int, dt.date, int]], lines: Sequence[AllocationLine],
                   posted_on: dt.date) -> tuple[int, int, int]:
    """A member's capital account as their notice tells it (minor units): everything before
    the allocation's entries, what it credits, and what was redeemed the same day after it (a
    board often revolves as it allocates; a redemption earlier that day is in the previous
    balance already). `moves` are their capital movements (kind, amount, date, entry id)."""
    first = min(line.entry_id for line in lines)
    before = sum(amount for _, amount, day, entry in moves if (day, entry) < (posted_on, first))
    credited = sum(line.retained for line in lines)
    redeemed = -sum(amount for kind, amount, day, entry in moves
                    if kind == "redeemed" and day == posted_on and entry > first)
    return before, credited, redeemed


def patr_1099(session: Session, year: int) -> list[PatrRow]:
    """Per member, what form 1099-PATR reports for calendar year `year`: box 1, patronage
    dividends (the cash part and, for qualified notices, the retained part at its stated value,
    of allocations posted that year) and box 5, redemptions of nonqualified notices paid that
    year; members under the 10.00 threshold are marked."""
    currency = book_currency(session)
    money = _money(currency)
    qualified = {a.id: Decimal(a.cash_percent) >= QUALIFIED_CASH_PERCENT
                 for a in session.execute(select(Allocation)).scalars()}
    posted_in = {a.id for a in session.execute(select(Allocation)).scalars()
                 if _posted_on(session, a).year == year}
    box1: dict[int, int] = defaultdict(int)
    box5: dict[int, int] = defaultdict(int)
    for line in session.execute(select(AllocationLine).where(
            AllocationLine.allocation_id.in_(posted_in))).scalars():
        box1[line.member_id] += line.cash + (line.retained if qualified[line.allocation_id] else 0)
    for m in session.execute(select(CapitalMovement).where(
            CapitalMovement.kind == "redeemed",
            CapitalMovement.movement_date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))).scalars():
        if m.allocation_id is not None and not qualified.get(m.allocation_id, True):
            box5[m.member_id] += -m.amount
    people = {m: (n, name) for m, n, name in session.execute(
        select(Member.id, Member.number, Member.display_name).where(Member.id.in_(set(box1) | set(box5))))}
    threshold = PATR_THRESHOLD.minor_units if currency == "USD" else 0
    rows = [PatrRow(*people[m], year, money(box1[m]), money(box5[m]), money(box1[m] + box5[m]),
                    box1[m] + box5[m] < threshold)
            for m in set(box1) | set(box5)]
    return sorted(rows, key=lambda r: (len(r.member_number), r.member_number))


def _posted_on(session: Session, allocation: Allocation) -> dt.date:
    """The day the allocation was posted on (its entries' date, not when it was typed in)."""
    day = session.execute(select(JournalEntry.entry_date).where(
        JournalEntry.id == allocation.entry_id)).scalar_one()
    return day


def _allocation(session: Session, year_start: dt.date) -> Allocation:
    allocation = session.execute(select(Allocation).where(Allocation.year_start == year_start)
                                 ).scalar_one_or_none()
    if allocation is None:
        raise NotFound(f"no allocation of the year from {year_start.isoformat()}")
    return allocation


def _money(currency: str) -> Callable[[int], Money]:
    def money(units: int) -> Money:
        return Money.from_minor(units, currency)
    return money
