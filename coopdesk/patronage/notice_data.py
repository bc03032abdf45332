"""The written notices of a year's allocation, read for many members at once, as plain data.

`queries.notice_of_allocation` says what one member's notice says; a year's notices go to
every member who shares, and asking it once per member would read the whole allocation once
per member. `notices_for` reads the allocation, its lines and the members' capital movements
with a handful of queries for any number of members, and computes each member's figures the
same way (tests/core/test_patronage_notices.py holds them equal). It adds what a letter needs:
the letterhead, the member's postal lines for the window, their language and locale (as their
statement's: `statements.language`), and their patronage pool by pool, with its unit.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import Allocation, AllocationLine, CapitalMovement, JournalEntry, Member
from coopdesk.errors import NotFound
from coopdesk.logo import load_logo
from coopdesk.money import Money
from coopdesk.patronage.allocation import QUALIFIED_CASH_PERCENT
from coopdesk.patronage.measures import from_stored, list_pools
from coopdesk.patronage.queries import Notice, notice_account
from coopdesk.settings import load_settings
from coopdesk.statements.language import statement_locale
from coopdesk.statements.postal import postal_lines
from coopdesk.statements.queries import home_country, letterhead_of
from coopdesk.statements.reading import member_records
from coopdesk.statements.types import Letterhead

#: More members than this: every capital movement and allocation line is read, then filtered.
MANY = 400


@dataclass(frozen=True, slots=True)
class NoticePool:
    """The member's patronage in one pool and what it earned them.

    `label` is the pool as the allocation recorded it (the board's words). `measure` and
    `members` are the measure's and the member class's names when the pool is still the
    book's (None otherwise: the notice then prints `label`); `unit` is "" when unknown.
    """

    label: str
    measure: str | None
    members: str | None  # the class's name; "" for a pool open to every member
    quantity: Decimal
    unit: str
    amount: Money


@dataclass(frozen=True, slots=True)
class NoticeData:
    """One member's notice: the figures (`notice`, as `queries.notice_of_allocation` has them)
    and what the letter needs around them."""

    notice: Notice
    pools: tuple[NoticePool, ...]
    recipient: tuple[str, ...]
    language: str
    locale: str
    letterhead: Letterhead
    home_country: str  # where the co-op is (ISO code): the tax wording is the US's
    cash_percent: Decimal
    min_payout: Money
    notice_date: dt.date

    @property
    def cash_below_minimum(self) -> bool:
        """The cash part was retained because it was below the minimum payout."""
        n = self.notice
        return self.cash_percent > 0 and n.cash.is_zero and n.allocation.is_positive


def allocation_members(session: Session, year_start: dt.date) -> list[str]:
    """The numbers of the members who share in the year's allocation, in number order."""
    allocation = _allocation(session, year_start)
    numbers = session.execute(select(Member.number).distinct()
                              .join(AllocationLine, AllocationLine.member_id == Member.id)
                              .where(AllocationLine.allocation_id == allocation.id)).scalars()
    return sorted(numbers, key=lambda n: (len(n), n))


def notices_for(session: Session, year_start: dt.date, numbers: Sequence[str], *,
                today: dt.date) -> list[NoticeData]:
    """The notices of the members numbered `numbers` (in that order) of the allocation of the
    fiscal year from `year_start`, dated `today`. Unknown members, and members who do not
    share in the allocation, are refused (NotFound) all at once."""
    allocation = _allocation(session, year_start)
    settings = load_settings(session)
    currency = settings.currency

    def money(units: int) -> Money:
        return Money.from_minor(units, currency)

    records = member_records(session, numbers)
    unknown = [n for n in numbers if n not in records]
    if unknown:
        raise NotFound(f"no member with number {', '.join(repr(n) for n in unknown)}")
    ids = {records[n].id for n in numbers}
    many = len(ids) > MANY
    query = select(AllocationLine).where(AllocationLine.allocation_id == allocation.id)
    lines_of: dict[int, list[AllocationLine]] = defaultdict(list)
    total = 0
    for line in session.execute(query).scalars():
        total += line.amount
        if line.member_id in ids:
            lines_of[line.member_id].append(line)
    without = [n for n in numbers if records[n].id not in lines_of]
    if without:
        raise NotFound(f"no allocation in the year from {year_start.isoformat()} for member "
                       f"{', '.join(without)}")
    moves_query = select(CapitalMovement.member_id, CapitalMovement.kind, CapitalMovement.amount,
                         CapitalMovement.movement_date, CapitalMovement.entry_id)
    if not many:
        moves_query = moves_query.where(CapitalMovement.member_id.in_(ids))
    moves: dict[int, list[tuple[str, int, dt.date, int]]] = defaultdict(list)
    for member_id, kind, amount, day, entry_id in session.execute(moves_query):
        if member_id in ids:
            moves[member_id].append((kind, amount, day, entry_id))
    stored = {p["id"]: p["label"] for p in json.loads(allocation.pools)}
    current = {p.id: p for p in list_pools(session)}
    posted_on = session.execute(select(JournalEntry.entry_date).where(
        JournalEntry.id == allocation.entry_id)).scalar_one()  # its entries' date
    cash_percent = Decimal(allocation.cash_percent)
    qualified = cash_percent >= QUALIFIED_CASH_PERCENT
    letterhead = letterhead_of(settings, load_logo(session))
    home = home_country(settings)
    found = []
    for number in numbers:
        record = records[number]
        lines = sorted(lines_of[record.id], key=lambda line: line.pool)
        before, credited, redeemed = notice_account(moves.get(record.id, []), lines, posted_on)
        notice = Notice(
            record.number, record.name, allocation.year_start, allocation.year_end, posted_on,
            money(total), money(allocation.surplus), money(sum(line.amount for line in lines)),
            money(sum(line.cash for line in lines)), money(credited),
            sum((from_stored(line.quantity) for line in lines), Decimal(0)),
            ", ".join(stored.get(line.pool, "") for line in lines), qualified,
            money(before), money(credited), money(redeemed), money(before + credited - redeemed))
        pools = []
        for line in lines:
            label = stored.get(line.pool, "")
            pool = current.get(line.pool)
            same = pool is not None and pool.label == label  # still the pool it was
            pools.append(NoticePool(label, pool.measure_name if same and pool else None,
                                    (pool.class_name or "") if same and pool else None,
                                    from_stored(line.quantity), pool.unit if same and pool else "",
                                    money(line.amount)))
        language, locale = statement_locale(record.language, settings.locale,
                                            settings.address.country)
        recipient = postal_lines(record.name, record.street, record.postal_code, record.city,
                                 record.region, record.country, home_country=home,
                                 home_locale=settings.locale)
        found.append(NoticeData(notice, tuple(pools), recipient, language, locale, letterhead, home,
                                cash_percent, money(allocation.min_payout), today))
    return found


def _allocation(session: Session, year_start: dt.date) -> Allocation:
    allocation = session.execute(select(Allocation).where(Allocation.year_start == year_start)
                                 ).scalar_one_or_none()
    if allocation is None:
        raise NotFound(f"no allocation of the year from {year_start.isoformat()}")
    return allocation
