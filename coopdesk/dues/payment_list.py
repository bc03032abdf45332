"""The list of payments received, with who paid and whether each was reversed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from coopdesk.db.models import JournalEntry, Member, Payment
from coopdesk.ledger.lookup import book_currency
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class PaymentRow:
    payment_id: int
    date: dt.date
    member_number: str
    member_name: str
    payer_number: str | None
    amount: Money
    method: str
    reference: str
    memo: str
    reversed: bool


def list_payments(session: Session, member_number: str | None = None, date_from: dt.date | None = None,
                  date_to: dt.date | None = None) -> list[PaymentRow]:
    """Payments in date order, optionally of one member and between two dates."""
    currency = book_currency(session)
    payer = aliased(Member)
    reversal = aliased(JournalEntry)
    query = (select(Payment, Member.number, Member.display_name, payer.number, reversal.id)
             .join(Member, Member.id == Payment.member_id)
             .outerjoin(payer, payer.id == Payment.payer_id)
             .outerjoin(reversal, reversal.reverses_id == Payment.entry_id)
             .order_by(Payment.pay_date, Payment.id))
    if member_number is not None:
        query = query.where(Member.number == member_number)
    if date_from is not None:
        query = query.where(Payment.pay_date >= date_from)
    if date_to is not None:
        query = query.where(Payment.pay_date <= date_to)
    return [PaymentRow(p.id, p.pay_date, number, name, payer_number, Money.from_minor(p.amount, currency),
                       p.method, p.reference, p.memo, reversal_id is not None)
            for p, number, name, payer_number, reversal_id in session.execute(query)]
