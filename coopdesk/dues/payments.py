"""Payments of dues: recording one, reversing a wrong one, writing off what will not be paid.

A payment posts the money received (cash or bank, by method) against the member's dues
receivable; the settlement then applies it to the oldest open charges and keeps any excess as
prepayment credit. A wrong payment is reversed (its entry's mirror), which reopens what it paid;
it can then be recorded again against the right member.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import note_changes
from coopdesk.db.models import Charge, JournalEntry, Member, Payment, WriteOff
from coopdesk.dues.accounts import DUES_RECEIVABLE, DUES_WRITTEN_OFF, METHOD_ACCOUNTS, PAYMENT_METHODS
from coopdesk.dues.settlement import member_settlements, settle_members
from coopdesk.errors import CoopdeskError, NotFound, ValidationError
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.service import post_entry, reverse_entry
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.money import Money


def record_payment(session: Session, member_number: str, date: dt.date, amount: Money,
                   method: str = "bank_transfer", reference: str = "", memo: str = "",
                   payer_number: str | None = None, fingerprint: str | None = None) -> int:
    """Record a payment of dues for a member (made by `payer_number`, if someone else paid).

    Without `payer_number`, a member whose dues their household's payer pays (the register's
    payer) is taken to have been paid for by that payer, as a bank import records it.
    """
    member = _member(session, member_number)
    if payer_number is None and member.payer_id is not None:
        payer_number = session.execute(select(Member.number).where(Member.id == member.payer_id)).scalar_one()
    problems = []
    currency = book_currency(session)
    if amount.currency != currency:
        problems.append(f"amount: the book keeps {currency}, not {amount.currency}")
    elif not amount.is_positive:
        problems.append(f"amount: a payment must be more than zero, not {amount.amount}")
    if method not in PAYMENT_METHODS:
        problems.append(f"method: must be one of {', '.join(PAYMENT_METHODS)}, not {method!r}")
    payer_id = None
    if payer_number is not None:
        payer = session.execute(select(Member.id).where(Member.number == payer_number)).scalar_one_or_none()
        if payer is None:
            problems.append(f"payer: no member with number {payer_number!r}")
        payer_id = payer
    if fingerprint is not None and session.execute(
            select(Payment.id).where(Payment.fingerprint == fingerprint)).first():
        problems.append("this payment was imported before; it is not recorded twice")
    if problems:
        raise ValidationError(problems, subject="payment")
    who = f", paid by member {payer_number}" if payer_number else ""
    entry_id = post_entry(session, EntryDraft(date, EntryKind.PAYMENT, (
        PostingDraft(account_id_for(session, METHOD_ACCOUNTS[method]), amount.minor_units),
        PostingDraft(account_id_for(session, DUES_RECEIVABLE), -amount.minor_units, member_id=member.id),
    ), memo=(memo or f"Dues of member {member.number}") + who, source_ref=reference or None))
    payment = Payment(member_id=member.id, payer_id=payer_id, pay_date=date, amount=amount.minor_units,
                      method=method, reference=reference, memo=memo, fingerprint=fingerprint,
                      entry_id=entry_id)
    session.add(payment)
    session.flush()
    settle_members(session, {member.id}, date)
    note_changes(session, area="dues", members=[member.id])
    return payment.id


def reverse_payment(session: Session, payment_id: int, date: dt.date | None = None) -> int:
    """Reverse a payment recorded in error; the charges it paid are open again."""
    payment = session.get(Payment, payment_id)
    if payment is None:
        raise NotFound(f"no payment {payment_id}")
    day = date or clock.today()
    reversal = reverse_entry(session, payment.entry_id, date=day,
                             memo=f"Payment {payment_id} reversed (recorded in error)")
    settle_members(session, {payment.member_id}, day)
    note_changes(session, area="dues", members=[payment.member_id])
    return reversal


def write_off_charge(session: Session, charge_id: int, reason: str, date: dt.date | None = None,
                     amount: Money | None = None) -> int:
    """Give up what is still open of a charge (or part of it), to the dues-written-off account."""
    charge = session.get(Charge, charge_id)
    if charge is None:
        raise NotFound(f"no charge {charge_id}")
    if not reason.strip():
        raise ValidationError(["reason: say why the charge is written off"], subject="write-off")
    currency = book_currency(session)
    (_, settlement), = member_settlements(session, {charge.member_id}).values()
    still_open = settlement.open_by_charge.get(charge.id, 0)
    units = still_open if amount is None else amount.minor_units
    if still_open == 0:
        raise CoopdeskError(f"charge {charge_id} is already settled; there is nothing to write off")
    if not 0 < units <= still_open:
        raise ValidationError([f"amount: between 0.01 and the open {Money.from_minor(still_open, currency).amount}"],
                              subject="write-off")
    day = date or clock.today()
    entry_id = post_entry(session, EntryDraft(day, EntryKind.WRITE_OFF, (
        PostingDraft(account_id_for(session, DUES_WRITTEN_OFF), units),
        PostingDraft(account_id_for(session, DUES_RECEIVABLE), -units, member_id=charge.member_id),
    ), memo=f"Written off: {charge.period_key} ({reason.strip()})"))
    row = WriteOff(charge_id=charge.id, amount=units, reason=reason.strip(), entry_id=entry_id)
    session.add(row)
    session.flush()
    settle_members(session, {charge.member_id}, day)
    note_changes(session, area="dues", members=[charge.member_id])
    return row.id


def payment_is_reversed(session: Session, payment_id: int) -> bool:
    payment = session.get(Payment, payment_id)
    if payment is None:
        raise NotFound(f"no payment {payment_id}")
    return session.execute(
        select(JournalEntry.id).where(JournalEntry.reverses_id == payment.entry_id)).first() is not None


def _member(session: Session, number: str) -> Member:
    member = session.execute(select(Member).where(Member.number == number)).scalar_one_or_none()
    if member is None:
        raise NotFound(f"no member with number {number!r}")
    return member
