"""Keeping each member's dues receivable and prepayment credit true to their charges and payments.

Every dues entry keeps `receivable + credit` right for the member (charges add, payments and
write-offs take away). Which of the two accounts holds the money depends on what the payments
have settled, oldest charge first (`fifo.settle`): after each dues run, payment, reversal or
write-off, `settle_members` posts one small application entry per member whose split is off,
moving money between dues receivable (1100) and member prepayments (2000). A prepayment is thus
consumed by later charges automatically, and a reversed payment reopens the charges it paid.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from coopdesk.db.models import Charge, JournalEntry, Payment, Posting, WriteOff
from coopdesk.dues.accounts import DUES_RECEIVABLE, PREPAYMENTS
from coopdesk.dues.fifo import ChargeDue, Settlement, settle
from coopdesk.ids import EntryId
from coopdesk.ledger.lookup import account_id_for
from coopdesk.ledger.service import closed_through, post_entries
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft


def member_settlements(session: Session, member_ids: Collection[int] | None = None,
                       as_of: dt.date | None = None) -> dict[int, tuple[list[tuple[Charge, int]], Settlement]]:
    """For each member (all when None): their charges with the open amount of each, oldest
    first, and the settlement (open amounts and credit), counting only what happened by `as_of`."""
    charges = select(Charge).order_by(Charge.member_id, Charge.period_start, Charge.id)
    if member_ids is not None:
        charges = charges.where(Charge.member_id.in_(member_ids))
    if as_of is not None:
        charges = charges.where(Charge.period_start <= as_of)
    by_member: dict[int, list[Charge]] = defaultdict(list)
    for charge in session.execute(charges).scalars():
        by_member[charge.member_id].append(charge)
    written_off = _written_off(session, member_ids, as_of)
    paid = _paid(session, member_ids, as_of)
    result = {}
    for member_id in set(by_member) | set(paid):
        member_charges = by_member.get(member_id, [])
        settlement = settle(
            [ChargeDue(c.id, c.amount, written_off.get(c.id, 0)) for c in member_charges],
            paid.get(member_id, 0),
        )
        result[member_id] = ([(c, settlement.open_by_charge[c.id]) for c in member_charges], settlement)
    return result


def settle_members(session: Session, member_ids: Collection[int], date: dt.date) -> list[EntryId]:
    """Post the application entries that put each member's money on the right account."""
    if not member_ids:
        return []
    receivable = account_id_for(session, DUES_RECEIVABLE)
    prepayments = account_id_for(session, PREPAYMENTS)
    balances = dict(session.execute(
        select(Posting.member_id, func.sum(Posting.amount))
        .where(Posting.account_id == receivable, Posting.member_id.in_(member_ids))
        .group_by(Posting.member_id)
    ).all())
    closed = closed_through(session)
    entry_date = date if closed is None or date > closed else closed + dt.timedelta(days=1)
    settled = member_settlements(session, member_ids)
    drafts = []
    for member_id in sorted(member_ids):
        # A member with no charges and no standing payment has nothing open and no credit.
        total_open = settled[member_id][1].total_open if member_id in settled else 0
        delta = total_open - (balances.get(member_id) or 0)
        if delta == 0:
            continue
        memo = "Prepayment credit applied to dues" if delta < 0 else "Paid ahead: kept as credit"
        drafts.append(EntryDraft(entry_date, EntryKind.APPLICATION, (
            PostingDraft(receivable, delta, member_id=member_id),
            PostingDraft(prepayments, -delta, member_id=member_id),
        ), memo=memo))
    return post_entries(session, drafts)


def _written_off(session: Session, member_ids: Collection[int] | None, as_of: dt.date | None) -> dict[int, int]:
    query = (select(WriteOff.charge_id, func.sum(WriteOff.amount))
             .join(Charge, Charge.id == WriteOff.charge_id)
             .join(JournalEntry, JournalEntry.id == WriteOff.entry_id)
             .group_by(WriteOff.charge_id))
    if member_ids is not None:
        query = query.where(Charge.member_id.in_(member_ids))
    if as_of is not None:
        query = query.where(JournalEntry.entry_date <= as_of)
    return {charge_id: int(total) for charge_id, total in session.execute(query).all()}


def _paid(session: Session, member_ids: Collection[int] | None, as_of: dt.date | None) -> dict[int, int]:
    """Total of each member's payments that stand (not reversed) by `as_of`."""
    reversal = aliased(JournalEntry)
    reversed_by = and_(reversal.reverses_id == Payment.entry_id,
                       *(() if as_of is None else (reversal.entry_date <= as_of,)))
    query = (select(Payment.member_id, func.sum(Payment.amount))
             .outerjoin(reversal, reversed_by)
             .where(reversal.id.is_(None))
             .group_by(Payment.member_id))
    if member_ids is not None:
        query = query.where(Payment.member_id.in_(member_ids))
    if as_of is not None:
        query = query.where(Payment.pay_date <= as_of)
    return {member_id: int(total) for member_id, total in session.execute(query).all()}
