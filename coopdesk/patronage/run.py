"""The allocation run of a fiscal year: previewed as a draft, then posted in one transaction.

`preview_allocation` reads the book and returns the draft the board looks at (and prints);
`post_allocation` posts exactly that draft, once per fiscal year.

- **The surplus** is the ledger's income less its expenses over the fiscal year, unless one is
  entered (a board may allocate less, or a figure its accountant adjusted).
- **The non-member part** is an amount, or a percentage of the surplus (rounded half-even).
- **Eligibility**: a member shares in a pool if their class is the pool's (or the pool is for
  every member), they were a member during the year, their patronage in the pool's measure
  reaches the pool's minimum, and they were in good standing at the year's end as far as their
  dues go (active or in grace by the register's rules; a member who left during the year is
  judged on their dues, not on having left). Everyone else with patronage is listed with why.
- **Posting** (on `date`, after the year's end): one entry per member, debiting 3300
  "Patronage allocated" (equity, made when first needed) and crediting their cash part to 2200
  "Patronage payable" and their retained part to 3100 "Retained patronage", both naming the
  member; one entry for what goes to the reserve (3300 to 3200 "Unallocated reserve"). Each
  retained part is a capital movement of the allocation's year.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import note_changes
from coopdesk.db.bulk import insert_rows
from coopdesk.db.models import (
    Account,
    Allocation,
    Member,
    MemberClass,
    PatronageMeasure,
    allocation_lines,
    capital_movements,
    journal_entries,
    postings,
)
from coopdesk.dues.periods import shift_months
from coopdesk.dues.standing import standing_facts
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.service import post_entries
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.members.status import StatusFacts, derive_status
from coopdesk.money import Money, Rounding
from coopdesk.patronage.allocation import (
    AllocationResult,
    AllocationTerms,
    Patronage,
    PoolTerms,
    allocate_surplus,
    terms_problems,
)
from coopdesk.patronage.measures import PoolRow, from_stored, list_pools, to_stored
from coopdesk.patronage.records import patronage_totals
from coopdesk.settings import load_settings

PATRONAGE_ALLOCATED = "3300"
PATRONAGE_PAYABLE = "2200"
RETAINED_PATRONAGE = "3100"
UNALLOCATED_RESERVE = "3200"


@dataclass(frozen=True, slots=True)
class RunTerms:
    """What the board decides: `surplus` None takes the ledger's; the non-member part is an
    amount or a percentage (one of them)."""

    year_start: dt.date
    reserve_percent: Decimal
    cash_percent: Decimal
    min_payout: Money
    surplus: Money | None = None
    non_member: Money | None = None
    non_member_percent: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PreviewLine:
    member_id: int
    member_number: str
    member_name: str
    pool_id: int
    pool: str
    quantity: Decimal
    unit: str
    amount: Money
    cash: Money
    retained: Money
    cash_retained: bool


@dataclass(frozen=True, slots=True)
class ExcludedLine:
    member_number: str
    member_name: str
    pool: str
    quantity: Decimal
    unit: str
    why: str


@dataclass(frozen=True, slots=True)
class AllocationPreview:
    """The draft of a year's allocation, as the board reads it."""

    year_start: dt.date
    year_end: dt.date
    surplus_source: str  # "ledger" or "entered"
    ledger_surplus: Money
    result: AllocationResult
    pool_labels: dict[int, str]
    pool_percents: dict[int, Decimal]
    lines: tuple[PreviewLine, ...]
    excluded: tuple[ExcludedLine, ...]
    already_posted: bool

    @property
    def warnings(self) -> list[str]:
        found = list(self.result.warnings)
        if self.already_posted:
            found.insert(0, f"the year from {self.year_start.isoformat()} is already allocated")
        return found


def year_end_of(year_start: dt.date) -> dt.date:
    return shift_months(year_start, 12) - dt.timedelta(days=1)


def ledger_surplus(session: Session, date_from: dt.date, date_to: dt.date) -> Money:
    """Income less expenses over the period, from the postings."""
    total = session.execute(
        select(func.coalesce(func.sum(postings.c.amount), 0))
        .select_from(postings.join(journal_entries, journal_entries.c.id == postings.c.entry_id)
                     .join(Account.__table__, Account.id == postings.c.account_id))
        .where(Account.type.in_(("income", "expense")),
               journal_entries.c.entry_date.between(date_from, date_to))).scalar_one()
    return Money.from_minor(-int(total), book_currency(session))


def preview_allocation(session: Session, terms: RunTerms) -> AllocationPreview:
    """The draft allocation of the fiscal year from `terms.year_start`; refused
    (ValidationError) when the terms cannot be allocated."""
    settings = load_settings(session)
    currency = settings.currency
    if terms.year_start.day != 1 or terms.year_start.month != settings.fiscal_year_start:
        raise ValidationError([f"year: a fiscal year of this book starts on the first of month "
                               f"{settings.fiscal_year_start}, not on {terms.year_start.isoformat()}"],
                              subject="allocation")
    year_end = year_end_of(terms.year_start)
    from_ledger = ledger_surplus(session, terms.year_start, year_end)
    surplus = terms.surplus if terms.surplus is not None else from_ledger
    if terms.non_member is not None and terms.non_member_percent is not None:
        raise ValidationError(["non-member part: give an amount or a percentage, not both"],
                              subject="allocation")
    if terms.non_member_percent is not None:
        if not Decimal(0) <= terms.non_member_percent <= Decimal(100):
            raise ValidationError(["non-member part: a percentage from 0 to 100"], subject="allocation")
        non_member = surplus.multiply(terms.non_member_percent / 100, Rounding.HALF_EVEN) \
            if surplus.is_positive else Money.zero(currency)
    else:
        non_member = terms.non_member or Money.zero(currency)
    pools = list_pools(session)
    pool_terms = [PoolTerms(p.id, p.percent, p.label) for p in pools]
    allocation_terms = AllocationTerms(surplus, non_member, terms.reserve_percent, terms.cash_percent,
                                       terms.min_payout)
    problems = terms_problems(allocation_terms, pool_terms)
    if problems:
        raise ValidationError(problems, subject="allocation")
    patronage, people = _patronage(session, terms.year_start, year_end, pools, settings.grace_months)
    result = allocate_surplus(allocation_terms, pool_terms, patronage)
    labels = {p.id: p.label for p in pools}
    units = {p.id: p.unit for p in pools}
    lines = tuple(PreviewLine(s.member_id, *people[s.member_id], s.pool_id, labels[s.pool_id],
                              s.quantity, units[s.pool_id], s.amount, s.cash, s.retained,
                              s.cash_retained)
                  for s in sorted(result.shares, key=lambda s: (people[s.member_id][1], s.pool_id)))
    excluded = tuple(ExcludedLine(*people[r.member_id], labels[r.pool_id], r.quantity,
                                  units[r.pool_id], r.why_not or "no patronage")
                     for r in sorted(result.excluded, key=lambda r: people[r.member_id][1]))
    posted = session.execute(select(Allocation.id).where(
        Allocation.year_start == terms.year_start)).first() is not None
    return AllocationPreview(terms.year_start, year_end,
                             "entered" if terms.surplus is not None else "ledger", from_ledger,
                             result, labels, {p.id: p.percent for p in pools}, lines, excluded,
                             posted)


@dataclass(frozen=True, slots=True)
class PostedAllocation:
    allocation_id: int
    members: int
    allocated: Money
    cash: Money
    retained: Money
    to_reserve: Money


def post_allocation(session: Session, terms: RunTerms, date: dt.date | None = None) -> PostedAllocation:
    """Post the allocation the preview shows, on `date` (after the year's end), once a year."""
    day = date or clock.today()
    preview = preview_allocation(session, terms)
    if preview.already_posted:
        raise CoopdeskError(f"the fiscal year from {terms.year_start.isoformat()} was already "
                            "allocated; a year is allocated once")
    if day <= preview.year_end:
        raise ValidationError([f"date: an allocation is posted after its year ends "
                               f"({preview.year_end.isoformat()})"], subject="allocation")
    result = preview.result
    allocated_account = _allocated_account(session)
    payable = account_id_for(session, PATRONAGE_PAYABLE)
    retained_account = account_id_for(session, RETAINED_PATRONAGE)
    reserve_account = account_id_for(session, UNALLOCATED_RESERVE)
    label = f"FY {terms.year_start.isoformat()} to {preview.year_end.isoformat()}"
    drafts = []
    if result.to_reserve.is_positive:
        units = result.to_reserve.minor_units
        drafts.append(EntryDraft(day, EntryKind.ALLOCATION, (
            PostingDraft(allocated_account, units), PostingDraft(reserve_account, -units)),
            memo=f"Patronage allocation {label}: to the reserve", source_ref=f"allocation:{terms.year_start}"))
    for line in preview.lines:
        parts = [PostingDraft(allocated_account, line.amount.minor_units)]
        if line.cash.is_positive:
            parts.append(PostingDraft(payable, -line.cash.minor_units, member_id=line.member_id))
        if line.retained.is_positive:
            parts.append(PostingDraft(retained_account, -line.retained.minor_units, member_id=line.member_id))
        if len(parts) > 1:
            drafts.append(EntryDraft(day, EntryKind.ALLOCATION, tuple(parts),
                                     memo=f"Patronage allocation {label}, member {line.member_number}",
                                     source_ref=f"allocation:{terms.year_start}"))
    if not drafts:
        raise CoopdeskError("nothing to post: no member shares in the allocation and nothing goes "
                            "to the reserve")
    entry_ids = post_entries(session, drafts)
    member_entries = iter(entry_ids[1:] if result.to_reserve.is_positive else entry_ids)
    allocation = Allocation(
        year_start=terms.year_start, year_end=preview.year_end,
        surplus=result.terms.surplus.minor_units, surplus_source=preview.surplus_source,
        non_member=result.terms.non_member.minor_units,
        reserve=result.to_reserve.minor_units - result.terms.non_member.minor_units,
        reserve_percent=str(terms.reserve_percent), cash_percent=str(terms.cash_percent),
        min_payout=terms.min_payout.minor_units,
        pools=json.dumps([{"id": p.id, "label": preview.pool_labels[p.id],
                           "percent": str(preview.pool_percents[p.id]), "amount": p.amount.minor_units,
                           "members": p.members} for p in result.pools]),
        posted_at=clock.now().isoformat(timespec="seconds"), entry_id=entry_ids[0])
    session.add(allocation)
    session.flush()
    lines, movements = [], []
    for line in preview.lines:
        if line.amount.is_zero:
            continue
        entry_id = next(member_entries)
        lines.append((allocation.id, line.member_id, line.pool_id, to_stored(line.quantity),
                      line.amount.minor_units, line.cash.minor_units, line.retained.minor_units,
                      entry_id))
        if line.retained.is_positive:
            movements.append((line.member_id, "retained", allocation.id, RETAINED_PATRONAGE,
                              line.retained.minor_units, day, entry_id))
    insert_rows(session, allocation_lines, ("allocation_id", "member_id", "pool", "quantity", "amount",
                                            "cash", "retained", "entry_id"), lines)
    insert_rows(session, capital_movements, ("member_id", "kind", "allocation_id", "account", "amount",
                                              "movement_date", "entry_id"), movements)
    note_changes(session, area="patronage", entries=entry_ids,
                 members={line.member_id for line in preview.lines})
    return PostedAllocation(allocation.id, len(lines), result.allocated - result.unallocated_pools,
                            result.cash, result.retained, result.to_reserve)


def _allocated_account(session: Session) -> int:
    """3300 "Patronage allocated", added to the chart the first time a book allocates."""
    found = session.execute(select(Account.id).where(Account.code == PATRONAGE_ALLOCATED)).scalar()
    if found is not None:
        return int(found)
    account = Account(code=PATRONAGE_ALLOCATED, name="Patronage allocated", type="equity",
                      is_open=True, member_ledger=False, fund_ledger=False)
    session.add(account)
    session.flush()
    note_changes(session, area="accounts", accounts=[account.id])
    return account.id


def _patronage(session: Session, year_start: dt.date, year_end: dt.date, pools: Sequence[PoolRow],
               grace_months: int) -> tuple[list[Patronage], dict[int, tuple[str, str]]]:
    """Each member's patronage in each pool they could share in, with their eligibility, and
    every member's number and name (by id)."""
    totals = patronage_totals(session, year_start, year_end)
    measure_ids = dict(session.execute(select(PatronageMeasure.code, PatronageMeasure.id)).all())
    class_ids = dict(session.execute(select(MemberClass.code, MemberClass.id)).all())
    facts = standing_facts(session, year_end)
    by_member: dict[int, dict[int, int]] = defaultdict(dict)
    for (member_id, measure_id), units in totals.items():
        by_member[member_id][measure_id] = units
    people: dict[int, tuple[str, str]] = {}
    found = []
    for member_id, number, name, class_id, joined, left, reason, override in session.execute(
            select(Member.id, Member.number, Member.display_name, Member.class_id, Member.join_date,
                   Member.leave_date, Member.leave_reason, Member.status_override)):
        people[member_id] = (number, name)
        measures = by_member.get(member_id)
        if not measures:
            continue
        why = ""
        if joined is None or joined > year_end:
            why = "not a member during the year"
        elif left is not None and left < year_start:
            why = "left before the year began"
        else:
            first_unpaid, months = facts.get(member_id, (False, 0))
            status = derive_status(StatusFacts(joined, None, None, override, first_unpaid, months),
                                   year_end, grace_months)
            if not status.in_good_standing:
                why = f"not in good standing at the year's end ({status.value.replace('_', ' ')})"
        for pool in pools:
            if pool.class_code is not None and class_ids.get(pool.class_code) != class_id:
                continue
            units = measures.get(measure_ids[pool.measure_code], 0)
            if not units:
                continue
            quantity = from_stored(units)
            reason_here = why or (f"below the pool's minimum of {pool.min_quantity} {pool.unit}"
                                  if quantity < pool.min_quantity else "")
            found.append(Patronage(member_id, pool.id, quantity, not reason_here, reason_here))
    return found, people
