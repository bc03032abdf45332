"""The statement's risk-fund sections: what the member put into each fund and got from it.

One section per fund the member has anything on by the period's end: their contributions, what
the fund paid them for claims and what it refunded them, in the period, and their
contributions since they began (net of reversals, as `coopdesk.funds.queries` counts them).
Read for all the statement's members with one grouped query, and only in books that have funds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from coopdesk.db.models import Fund, JournalEntry, Posting
from coopdesk.funds.queries import CONTRIBUTIONS, PAYOUTS, REFUNDS, source_of
from coopdesk.money import Money
from coopdesk.statements import labels
from coopdesk.statements.types import Section, SectionRow


def fund_sections(session: Session, member_ids: Collection[int], date_from: dt.date,
                  date_to: dt.date, currency: str) -> dict[int, tuple[Section, ...]]:
    """Each member's fund sections (members with none are left out)."""
    funds: dict[int, str] = {account_id or 0: name for account_id, name in session.execute(
        select(Fund.account_id, Fund.name).where(Fund.account_id.is_not(None)).order_by(Fund.code))}
    if not funds or not member_ids:
        return {}
    reversed_entry = aliased(JournalEntry)
    in_period = JournalEntry.entry_date >= date_from
    rows = session.execute(
        select(Posting.member_id, Posting.account_id, JournalEntry.kind, reversed_entry.kind,
               in_period, func.sum(Posting.amount))
        .join(JournalEntry, JournalEntry.id == Posting.entry_id)
        .outerjoin(reversed_entry, reversed_entry.id == JournalEntry.reverses_id)
        .where(Posting.account_id.in_(list(funds)), Posting.member_id.in_(list(member_ids)),
               JournalEntry.entry_date <= date_to)
        .group_by(Posting.member_id, Posting.account_id, JournalEntry.kind, reversed_entry.kind,
                  in_period))
    sums: dict[int, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for member_id, account_id, kind, reversed_kind, period, total in rows:
        source = source_of(kind, reversed_kind)
        into = sums[member_id or 0][account_id]
        if source == CONTRIBUTIONS:
            into["all"] -= int(total)
        if period:
            into[source] -= int(total)
    found: dict[int, tuple[Section, ...]] = {}
    def money(units: int) -> Money:
        return Money.from_minor(units, currency)

    for member_id, by_fund in sums.items():
        sections = []
        for account_id, name in funds.items():
            if account_id not in by_fund:
                continue
            s = by_fund[account_id]
            rows_ = [SectionRow(labels.FUND_CONTRIBUTIONS, money(s[CONTRIBUTIONS]))]
            if s[PAYOUTS]:
                rows_.append(SectionRow(labels.FUND_PAYOUTS, money(-s[PAYOUTS])))
            if s[REFUNDS]:
                rows_.append(SectionRow(labels.FUND_REFUNDS, money(-s[REFUNDS])))
            rows_.append(SectionRow(labels.FUND_CONTRIBUTIONS_ALL, money(s["all"])))
            sections.append(Section(labels.FUND_SECTION, tuple(rows_), detail=name))
        found[member_id] = tuple(sections)
    return found
