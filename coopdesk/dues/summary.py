"""Dues collection per month: what was charged, and how much of it was collected, written off
or is still outstanding. The three parts always add back to what was charged."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.db.models import WriteOff
from coopdesk.dues.settlement import member_settlements
from coopdesk.ledger.lookup import book_currency
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One month (charges whose period starts in it); `rate` = collected / charged, in percent."""

    month: str
    charged: Money
    collected: Money
    written_off: Money
    outstanding: Money
    rate: str


def dues_summary(session: Session, year: int, as_of: dt.date | None = None) -> list[SummaryRow]:
    """The twelve months of `year`, as collected by `as_of` (default: everything recorded)."""
    currency = book_currency(session)
    written = dict(session.execute(
        select(WriteOff.charge_id, func.sum(WriteOff.amount)).group_by(WriteOff.charge_id)).all())
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for member_charges, _ in member_settlements(session, None, as_of).values():
        for charge, open_units in member_charges:
            if charge.period_start.year != year:
                continue
            row = totals[charge.period_start.month]
            written_off = int(written.get(charge.id, 0))
            row[0] += charge.amount
            row[1] += charge.amount - written_off - open_units
            row[2] += written_off
            row[3] += open_units
    rows = []
    for month in range(1, 13):
        charged, collected, written_off, outstanding = totals[month]
        rate = "" if not charged else str(
            (Decimal(100 * collected) / Decimal(charged)).quantize(Decimal("0.1"), ROUND_HALF_UP))
        money = [Money.from_minor(v, currency) for v in (charged, collected, written_off, outstanding)]
        rows.append(SummaryRow(f"{year}-{month:02d}", money[0], money[1], money[2], money[3], rate))
    return rows
