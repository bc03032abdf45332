"""Redemption (revolving): the board pays out an amount of retained patronage.

The amount retires retained patronage oldest allocation year first (retained patronage brought
in by hand from an earlier system, not from an allocation of this book, counts as the oldest): a year the amount covers
is paid in full; the first year it does not cover is paid pro rata to what each member still
holds of that year (`money.allocate`, exact, ties to the lower member id); later years wait.
Only members' retained patronage is redeemed (a former member's capital is paid on their own
schedule). `preview_redemption` says who gets what; `post_redemption` pays it (3100 to cash or
bank, one entry per member, one capital movement per member and year).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import note_changes
from coopdesk.db.bulk import insert_rows
from coopdesk.db.models import Allocation, Member, capital_movements
from coopdesk.dues.accounts import METHOD_ACCOUNTS, PAYMENT_METHODS
from coopdesk.errors import ValidationError
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.service import post_entries
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.money import Money, allocate
from coopdesk.patronage.capital import RETAINED, capital_by_year


@dataclass(frozen=True, slots=True)
class RedemptionLine:
    member_id: int
    member_number: str
    member_name: str
    year_start: dt.date | None  # None: retained before this book's allocations
    allocation_id: int | None
    held: Money      # what the member held of that year
    redeemed: Money


@dataclass(frozen=True, slots=True)
class RedemptionPlan:
    amount: Money
    lines: tuple[RedemptionLine, ...]
    years_in_full: tuple[dt.date | None, ...]  # None: retained before this book's allocations
    year_in_part: dt.date | None
    part_is_earlier: bool  # the year in part is the retained patronage from before
    retained_before: Money  # all retained patronage held before

    @property
    def total(self) -> Money:
        return sum((line.redeemed for line in self.lines), Money.zero(self.amount.currency))


def preview_redemption(session: Session, amount: Money, as_of: dt.date | None = None) -> RedemptionPlan:
    """What paying out `amount` of retained patronage would retire, and from whom."""
    currency = book_currency(session)
    if amount.currency != currency or not amount.is_positive:
        raise ValidationError([f"amount: more than zero, in {currency}"], subject="redemption")
    years = dict(session.execute(select(Allocation.id, Allocation.year_start)).all())
    held: dict[int | None, dict[int, int]] = defaultdict(dict)  # allocation -> member -> units
    for member_id, by_key in capital_by_year(session, as_of=as_of).items():
        for (account, allocation_id), units in by_key.items():
            if account == RETAINED and units > 0:
                held[allocation_id][member_id] = units
    retained_before = sum(sum(m.values()) for m in held.values())
    if amount.minor_units > retained_before:
        raise ValidationError([f"amount: more than the {Money.from_minor(retained_before, currency)} "
                               "of retained patronage members hold"], subject="redemption")
    people = {m: (n, name) for m, n, name in session.execute(select(Member.id, Member.number,
                                                                    Member.display_name))}
    left = amount.minor_units
    lines: list[RedemptionLine] = []
    in_full: list[dt.date | None] = []
    in_part: dt.date | None = None
    part_is_earlier = False
    for allocation_id in sorted(held, key=lambda a: years[a] if a is not None else dt.date.min):
        year = years[allocation_id] if allocation_id is not None else None
        if left == 0:
            break
        members = sorted(held[allocation_id])
        year_total = sum(held[allocation_id].values())
        if left >= year_total:
            parts = [held[allocation_id][m] for m in members]
            in_full.append(year)
        else:
            parts = [p.minor_units for p in allocate(Money.from_minor(left, currency),
                                                     [held[allocation_id][m] for m in members], members)]
            in_part, part_is_earlier = year, year is None
        left -= sum(parts)
        lines += [RedemptionLine(m, *people[m], year, allocation_id,
                                 Money.from_minor(held[allocation_id][m], currency),
                                 Money.from_minor(units, currency))
                  for m, units in zip(members, parts, strict=True) if units]
    return RedemptionPlan(amount, tuple(lines), tuple(in_full), in_part, part_is_earlier,
                          Money.from_minor(retained_before, currency))


@dataclass(frozen=True, slots=True)
class RedemptionResult:
    members: int
    total: Money


def post_redemption(session: Session, amount: Money, date: dt.date | None = None,
                    method: str = "bank_transfer") -> RedemptionResult:
    """Pay out `amount` of retained patronage as `preview_redemption` plans it."""
    day = date or clock.today()
    if method not in PAYMENT_METHODS:
        raise ValidationError([f"method: one of {', '.join(PAYMENT_METHODS)}, not {method!r}"],
                              subject="redemption")
    plan = preview_redemption(session, amount, day)
    retained = account_id_for(session, RETAINED)
    paid_from = account_id_for(session, METHOD_ACCOUNTS[method])
    by_member: dict[int, list[RedemptionLine]] = defaultdict(list)
    for line in plan.lines:
        by_member[line.member_id].append(line)
    members = sorted(by_member)
    drafts = []
    for member_id in members:
        units = sum(line.redeemed.minor_units for line in by_member[member_id])
        years = ", ".join(line.year_start.isoformat() if line.year_start else "before"
                          for line in by_member[member_id])
        drafts.append(EntryDraft(day, EntryKind.REDEMPTION, (
            PostingDraft(retained, units, member_id=member_id), PostingDraft(paid_from, -units),
        ), memo=f"Retained patronage redeemed, member {by_member[member_id][0].member_number} "
                f"(years from {years})", source_ref="redemption"))
    entry_ids = post_entries(session, drafts)
    insert_rows(session, capital_movements,
                ("member_id", "kind", "allocation_id", "account", "amount", "movement_date", "entry_id"),
                [(member_id, "redeemed", line.allocation_id, RETAINED, -line.redeemed.minor_units,
                  day, entry_id)
                 for member_id, entry_id in zip(members, entry_ids, strict=True)
                 for line in by_member[member_id]])
    note_changes(session, area="capital", entries=entry_ids, members=members)
    return RedemptionResult(len(members), plan.total)
