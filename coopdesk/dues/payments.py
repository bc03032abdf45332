"""Payments of dues: recording them (one, or a sitting's together), reversing a wrong one,
writing off what will not be paid.

A payment posts the money received (cash or bank, by method) against the member's dues
receivable; the settlement then applies it to the oldest open charges and keeps any excess as
prepayment credit. A wrong payment is reversed (its entry's mirror), which reopens what it paid;
it can then be recorded again against the right member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import note_changes
from coopdesk.db.bulk import insert_rows
from coopdesk.db.models import Charge, JournalEntry, Member, Payment, WriteOff
from coopdesk.dues.accounts import DUES_RECEIVABLE, DUES_WRITTEN_OFF, METHOD_ACCOUNTS, PAYMENT_METHODS
from coopdesk.dues.settlement import member_settlements, payment_applications, settle_members
from coopdesk.errors import CoopdeskError, NotFound, ValidationError
from coopdesk.funds.contributions import PaymentShares
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.rules import entry_problems
from coopdesk.ledger.service import ledger_state, post_entries, post_entry, reverse_entry
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class PaymentInput:
    """One payment for `record_payments`: what `record_payment` takes."""

    member_number: str
    date: dt.date
    amount: Money
    method: str = "bank_transfer"
    reference: str = ""
    memo: str = ""
    payer_number: str | None = None
    fingerprint: str | None = None


def record_payment(session: Session, member_number: str, date: dt.date, amount: Money,
                   method: str = "bank_transfer", reference: str = "", memo: str = "",
                   payer_number: str | None = None, fingerprint: str | None = None) -> int:
    """Record a payment of dues for a member (made by `payer_number`, if someone else paid).

    Without `payer_number`, a member whose dues their household's payer pays (the register's
    payer) is taken to have been paid for by that payer, as a bank import records it.
    """
    return record_payments(session, [PaymentInput(member_number, date, amount, method, reference, memo,
                                                  payer_number, fingerprint)])[0]


def record_payments(session: Session, payments: Sequence[PaymentInput]) -> list[int]:
    """Record payments received together (a bank statement, the cash box's takings): all of
    them or, on any problem, none; return their ids, in the order given.

    Each is what `record_payment` records, and the book ends as recording them one by one in the
    order given would leave it: the same entries in the same order (each payment, then the
    application settling its member, if any), the same payment rows and ids. Every problem is
    found before anything is written, named by the payment's place in `payments` ("payment 3:
    ...") when there are several; an unknown member of a single payment is NotFound. Each
    member's sums are read once (`settlement.payment_applications`), every entry is posted by
    one `post_entries` and the payment rows are inserted together.
    """
    if not payments:
        return []
    numbers = {x.member_number for x in payments} | {x.payer_number for x in payments if x.payer_number}
    members = _members_by_number(session, numbers)
    if len(payments) == 1 and payments[0].member_number not in members:
        raise NotFound(f"no member with number {payments[0].member_number!r}")
    payments = _with_household_payers(session, payments, members)
    payment_entries = _payment_entries(session, payments, members)
    units = [entry.postings[0].amount for entry in payment_entries]  # what each payment brought in
    applications = payment_applications(session, [
        (members[x.member_number].id, x.date, amount) for x, amount in zip(payments, units, strict=True)])
    drafts: list[EntryDraft] = []
    position: list[int] = []  # where each payment's entry is among `drafts`
    for draft, application in zip(payment_entries, applications, strict=True):
        position.append(len(drafts))
        drafts.append(draft)
        if application is not None:
            drafts.append(application)
    entry_ids = post_entries(session, drafts)
    # Ids given here, under the write lock, as `post_entries` gives the entries theirs.
    first_id = (session.execute(select(func.max(Payment.id))).scalar_one() or 0) + 1
    ids = list(range(first_id, first_id + len(payments)))
    insert_rows(session, _payments, _PAYMENT_COLUMNS, [
        (payment_id, members[x.member_number].id, members[x.payer_number].id if x.payer_number else None,
         x.date, amount, x.method, x.reference, x.memo, x.fingerprint, entry_ids[index])
        for payment_id, x, amount, index in zip(ids, payments, units, position, strict=True)])
    note_changes(session, area="dues", members={members[x.member_number].id for x in payments})
    return ids


_payments = cast(Table, Payment.__table__)
_PAYMENT_COLUMNS = ("id", "member_id", "payer_id", "pay_date", "amount", "method", "reference", "memo",
                    "fingerprint", "entry_id")


class _Known(NamedTuple):
    """A member of the book, by number: their id and who pays their dues (None: themselves)."""

    id: int
    payer_id: int | None


def _members_by_number(session: Session, numbers: Collection[str]) -> dict[str, _Known]:
    """The members with these numbers (those that exist), each with the payer of their dues."""
    return {number: _Known(member_id, payer_id) for number, member_id, payer_id in session.execute(
        select(Member.number, Member.id, Member.payer_id).where(Member.number.in_(numbers)))}


def _with_household_payers(session: Session, payments: Sequence[PaymentInput],
                           members: dict[str, _Known]) -> list[PaymentInput]:
    """`payments` with the register's payer named on those that name none; `members` gains
    those payers."""
    payer_of: dict[str, int] = {}  # member number -> id of their payer in the register
    for x in payments:
        member = members.get(x.member_number)
        if x.payer_number is None and member is not None and member.payer_id is not None:
            payer_of[x.member_number] = member.payer_id
    if not payer_of:
        return list(payments)
    payer_numbers = {member_id: number for member_id, number in session.execute(
        select(Member.id, Member.number).where(Member.id.in_(set(payer_of.values()))))}
    for member_id, number in payer_numbers.items():
        members.setdefault(number, _Known(member_id, None))
    return [replace(x, payer_number=payer_numbers[payer_of[x.member_number]])
            if x.payer_number is None and x.member_number in payer_of else x
            for x in payments]


def _payment_entries(session: Session, payments: Sequence[PaymentInput],
                     members: dict[str, _Known]) -> list[EntryDraft]:
    """The entry of each payment; ValidationError with every problem of every payment."""
    currency = book_currency(session)
    ledger = ledger_state(session)
    fingerprints = [x.fingerprint for x in payments if x.fingerprint is not None]
    imported = set(session.execute(select(Payment.fingerprint).where(Payment.fingerprint.in_(fingerprints)))
                   .scalars()) if fingerprints else set()
    first_with: dict[str, int] = {}  # fingerprint -> the first payment here that has it
    accounts = {method: account_id_for(session, METHOD_ACCOUNTS[method])
                for method in {x.method for x in payments} & set(PAYMENT_METHODS)}
    receivable = account_id_for(session, DUES_RECEIVABLE)
    shares = PaymentShares(session, [m.id for m in members.values()], currency)
    problems: list[str] = []
    drafts = []
    for index, x in enumerate(payments, start=1):
        found: list[str] = []
        member = members.get(x.member_number)
        if member is None:
            found.append(f"no member with number {x.member_number!r}")
        if x.amount.currency != currency:
            found.append(f"amount: the book keeps {currency}, not {x.amount.currency}")
        elif not x.amount.is_positive:
            found.append(f"amount: a payment must be more than zero, not {x.amount.amount}")
        if x.method not in PAYMENT_METHODS:
            found.append(f"method: must be one of {', '.join(PAYMENT_METHODS)}, not {x.method!r}")
        if x.payer_number is not None and x.payer_number not in members:
            found.append(f"payer: no member with number {x.payer_number!r}")
        if x.fingerprint is not None:
            if x.fingerprint in imported:
                found.append("this payment was imported before; it is not recorded twice")
            elif x.fingerprint in first_with:
                found.append(f"the same bank row as payment {first_with[x.fingerprint]}; "
                             "it is not recorded twice")
            first_with.setdefault(x.fingerprint, index)
        if member is not None and not found:
            who = f", paid by member {x.payer_number}" if x.payer_number else ""
            units = x.amount.minor_units
            draft = EntryDraft(x.date, EntryKind.PAYMENT, (
                PostingDraft(accounts[x.method], units),
                PostingDraft(receivable, -units, member_id=member.id),
                *shares.postings(member.id, x.date, units),
            ), memo=(x.memo or f"Dues of member {x.member_number}") + who, source_ref=x.reference or None)
            found.extend(entry_problems(draft, ledger.accounts, ledger.closed_through))
            drafts.append(draft)
        prefix = f"payment {index}: " if len(payments) > 1 else ""
        problems.extend(prefix + problem for problem in found)
    if problems:
        raise ValidationError(problems, subject="payment")
    return drafts


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
