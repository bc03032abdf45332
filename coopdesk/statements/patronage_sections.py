"""The statement's patronage sections: the member's allocations and their capital account.

One section per allocation posted within the period (its entries dated from the period's first
day to its last) that the member shares in: their allocation, the part paid in cash and the
part retained in their capital account, titled with the fiscal year. Then one section with
their capital account at the period's end: membership shares, retained patronage, what is
payable to them after leaving (when anything is), and the total. Members with no allocation in
the period and nothing in their capital account get no section. Read for all the statement's
members with a few grouped queries, and only in books that have capital movements.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.db.models import Allocation, AllocationLine, CapitalMovement, JournalEntry
from coopdesk.money import Money
from coopdesk.patronage.capital import PAYABLE_TO_FORMER, RETAINED, SHARE_CAPITAL
from coopdesk.statements import labels
from coopdesk.statements.types import Section, SectionRow

#: More members than this are read without an IN list (every row, filtered here).
MANY = 400


def patronage_sections(session: Session, member_ids: Collection[int], date_from: dt.date,
                       date_to: dt.date, currency: str) -> dict[int, tuple[Section, ...]]:
    """Each member's patronage sections (members with none are left out)."""
    if not member_ids or session.execute(select(CapitalMovement.id).limit(1)).first() is None:
        return {}
    wanted = set(member_ids)
    many = len(wanted) > MANY

    def money(units: int) -> Money:
        return Money.from_minor(units, currency)

    years = session.execute(
        select(Allocation.id, Allocation.year_start, Allocation.year_end)
        .join(JournalEntry, JournalEntry.id == Allocation.entry_id)
        .where(JournalEntry.entry_date.between(date_from, date_to))
        .order_by(Allocation.year_start)).all()
    allocated: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    if years:
        query = (select(AllocationLine.member_id, AllocationLine.allocation_id,
                        func.sum(AllocationLine.amount), func.sum(AllocationLine.cash),
                        func.sum(AllocationLine.retained))
                 .where(AllocationLine.allocation_id.in_([y.id for y in years]))
                 .group_by(AllocationLine.member_id, AllocationLine.allocation_id))
        if not many:
            query = query.where(AllocationLine.member_id.in_(wanted))
        for member_id, allocation_id, amount, cash, retained in session.execute(query):
            if member_id in wanted:
                allocated[member_id].append((allocation_id, int(amount), int(cash), int(retained)))
    capital_query = (select(CapitalMovement.member_id, CapitalMovement.account,
                            func.sum(CapitalMovement.amount))
                     .where(CapitalMovement.movement_date <= date_to)
                     .group_by(CapitalMovement.member_id, CapitalMovement.account))
    if not many:
        capital_query = capital_query.where(CapitalMovement.member_id.in_(wanted))
    capital: dict[int, dict[str, int]] = defaultdict(dict)
    for member_id, account, total in session.execute(capital_query):
        if member_id in wanted:
            capital[member_id][account] = int(total)
    year_names = {y.id: _year_name(y.year_start, y.year_end) for y in years}
    order = {y.id: i for i, y in enumerate(years)}
    found: dict[int, tuple[Section, ...]] = {}
    for member_id in wanted:
        sections = []
        for allocation_id, amount, cash, retained in sorted(allocated.get(member_id, []),
                                                            key=lambda row: order[row[0]]):
            sections.append(Section(labels.PATRONAGE_SECTION, (
                SectionRow(labels.PATRONAGE_ALLOCATION, money(amount)),
                SectionRow(labels.PATRONAGE_CASH, money(cash)),
                SectionRow(labels.PATRONAGE_RETAINED, money(retained))),
                detail=year_names[allocation_id]))
        accounts = capital.get(member_id, {})
        if any(accounts.values()):
            rows = [SectionRow(labels.CAPITAL_SHARES, money(accounts.get(SHARE_CAPITAL, 0))),
                    SectionRow(labels.CAPITAL_RETAINED, money(accounts.get(RETAINED, 0)))]
            if accounts.get(PAYABLE_TO_FORMER, 0):
                rows.append(SectionRow(labels.CAPITAL_PAYABLE, money(accounts[PAYABLE_TO_FORMER])))
            rows.append(SectionRow(labels.CAPITAL_TOTAL, money(sum(
                accounts.get(a, 0) for a in (SHARE_CAPITAL, RETAINED, PAYABLE_TO_FORMER)))))
            sections.append(Section(labels.CAPITAL_SECTION, tuple(rows)))
        if sections:
            found[member_id] = tuple(sections)
    return found


def _year_name(start: dt.date, end: dt.date) -> str:
    """A fiscal year as people name it: "2025", or "2025–2026" when it straddles two."""
    return str(start.year) if start.year == end.year else f"{start.year}\u2013{end.year}"
