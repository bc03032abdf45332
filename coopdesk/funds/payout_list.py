"""A claim's payouts, each with its date and whether it was reversed.

The claims register (`queries.list_claims`) says what a claim has paid in all; a treasurer who
finds one payment was wrong (paid twice by hand, to the wrong member) needs to see the payments
one by one to pick the one to reverse (`claims.reverse_payout`), and to see which were reversed
already. A reversed payout stays listed, as the ledger keeps it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from coopdesk.db.models import ClaimPayout, JournalEntry
from coopdesk.ledger.lookup import book_currency
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class PayoutRow:
    """One payment of a claim: installment 1 for a one-off claim, 1..N for a monthly one."""

    payout_id: int
    claim_id: int
    installment: int
    date: dt.date
    amount: Money
    entry_id: int
    reversed_on: dt.date | None  # the reversal's date, when it was reversed

    @property
    def reversed(self) -> bool:
        return self.reversed_on is not None


def claim_payouts(session: Session, claim_id: int) -> list[PayoutRow]:
    """Every payout of the claim, by installment then as made (a reversed installment paid
    again shows twice: the reversed payout, then the one that stands)."""
    currency = book_currency(session)
    reversal = aliased(JournalEntry)
    query = (select(ClaimPayout, JournalEntry.entry_date, reversal.entry_date)
             .join(JournalEntry, JournalEntry.id == ClaimPayout.entry_id)
             .outerjoin(reversal, reversal.reverses_id == ClaimPayout.entry_id)
             .where(ClaimPayout.claim_id == claim_id)
             .order_by(ClaimPayout.installment, ClaimPayout.id))
    return [PayoutRow(payout.id, payout.claim_id, payout.installment, day,
                      Money.from_minor(payout.amount, currency), payout.entry_id, reversed_on)
            for payout, day, reversed_on in session.execute(query)]


__all__ = ["PayoutRow", "claim_payouts"]
