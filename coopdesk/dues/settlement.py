"""Keeping each member's dues receivable and prepayment credit true to their charges and payments.

Every dues entry keeps `receivable + credit` right for the member (charges add, payments and
write-offs take away). Which of the two accounts holds the money depends on what the payments
have settled, oldest charge first (`fifo.settle`): after each dues run, payment, reversal or
write-off, `settle_members` posts one small application entry per member whose split is off,
moving money between dues receivable (1100) and member prepayments (2000). A prepayment is thus
consumed by later charges automatically, and a reversed payment reopens the charges it paid.

Which charges are open needs each member's charges in order; how much is open does not: paying
oldest first leaves `max(0, charged - written off - paid)` open whatever the order, and the rest
of what was paid is credit. Settling therefore reads three sums per member, never the charges.
A dues run, which touches every member, goes further (`apply_credit`): see there. Payments
recorded together read those sums once and settle after each payment in memory
(`payment_applications`). And the reports over every member (arrears, status) settle everyone
in one pass (`dues_positions`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, and_, func, select
from sqlalchemy.orm import Session, aliased

from coopdesk.db.models import Charge, JournalEntry, Payment, WriteOff, charges, postings
from coopdesk.db.plain_rows import plain_rows
from coopdesk.dues.accounts import DUES_RECEIVABLE, PREPAYMENTS
from coopdesk.dues.fifo import ChargeDue, Settlement, settle
from coopdesk.ids import EntryId
from coopdesk.ledger.lookup import account_id_for
from coopdesk.ledger.service import closed_through, post_entries
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft

_write_offs = cast(Table, WriteOff.__table__)


@dataclass(frozen=True, slots=True)
class ChargeRow:
    """One charge as stored (the columns of `charges`): a plain row, not a live ORM object."""

    id: int
    member_id: int
    plan_id: int
    period_key: str
    period_start: dt.date
    period_end: dt.date
    amount: int
    prorated: bool
    entry_id: int


_CHARGE_COLUMNS = (charges.c.id, charges.c.member_id, charges.c.plan_id, charges.c.period_key,
                   charges.c.period_start, charges.c.period_end, charges.c.amount,
                   charges.c.prorated, charges.c.entry_id)


def member_settlements(session: Session, member_ids: Collection[int] | None = None,
                       as_of: dt.date | None = None) -> dict[int, tuple[list[tuple[ChargeRow, int]], Settlement]]:
    """For each member (all when None): their charges with the open amount of each, oldest
    first, and the settlement (open amounts and credit), counting only what happened by `as_of`."""
    # In the order payments settle them; grouped by member below. (Ordered by member first,
    # SQLite would read every charge of the book through its member index, a lookup each.)
    query = select(*_CHARGE_COLUMNS).order_by(charges.c.period_start, charges.c.id)
    if as_of is not None:
        query = query.where(charges.c.period_start <= as_of)
    if member_ids is None:
        # Every charge of the book (the dues check, the collection summary): read as plain
        # tuples, without SQLAlchemy's per-row work (coopdesk.db.plain_rows).
        rows = plain_rows(session, query)
    else:
        rows = [tuple(row) for row in session.execute(query.where(charges.c.member_id.in_(member_ids)))]
    by_member: dict[int, list[ChargeRow]] = defaultdict(list)
    for row in rows:
        by_member[row[1]].append(ChargeRow(*row))
    written_off = written_off_by_charge(session, member_ids, as_of)
    paid = paid_by_member(session, member_ids, as_of)
    result = {}
    for member_id in set(by_member) | set(paid):
        member_charges = by_member.get(member_id, [])
        settlement = settle(
            [ChargeDue(c.id, c.amount, written_off.get(c.id, 0)) for c in member_charges],
            paid.get(member_id, 0),
        )
        result[member_id] = ([(c, settlement.open_by_charge[c.id]) for c in member_charges], settlement)
    return result


@dataclass(frozen=True, slots=True)
class DuesPosition:
    """Where a member's dues stand on a day, as `member_settlements` would settle them."""

    member_id: int
    open: int                       # what is open of all their charges, in minor units
    oldest_key: str | None          # the oldest charge still open (None: all settled)
    oldest_start: dt.date | None
    first_amount: int               # their first charge...
    first_open: int                 # ...and what is still open of it


def dues_positions(session: Session, as_of: dt.date, *, settled_too: bool = False) -> list[DuesPosition]:
    """The position of every member with charges by `as_of` that leaves some open (or, with
    `settled_too`, of every member with charges), counting only what happened by `as_of`.

    `fifo.settle` for all members at once, in one pass over the book's charges: read as plain
    (member, id, amount) tuples in the order payments settle them (period start, then id; a
    member's charges come in that order whatever other members' charges come between), each
    member's payments are used up charge by charge until one is not covered: that is their
    oldest open charge, whose key and start are read afterwards, for those charges only. Ten
    years of monthly dues for 5,000 members are 600,000 charges: ORM objects, or even plain rows
    with their keys and dates, cost several times what the settling does. Ordering by period
    rather than by member also keeps SQLite from reading the charges through the index that
    starts with the member, one table lookup each.
    """
    written = written_off_by_charge(session, None, as_of)
    paid = paid_by_member(session, None, as_of)
    first: dict[int, tuple[int, int]] = {}  # member -> amount and due of their first charge
    left: dict[int, int] = {}               # member -> what they paid that is not used up yet
    due_total: dict[int, int] = defaultdict(int)
    oldest_open: dict[int, int] = {}        # member -> id of their oldest charge still open
    query = (select(charges.c.member_id, charges.c.id, charges.c.amount)
             .where(charges.c.period_start <= as_of)
             .order_by(charges.c.period_start, charges.c.id))
    for member_id, charge_id, amount in plain_rows(session, query):
        due = amount - written.get(charge_id, 0)
        due_total[member_id] += due
        if member_id not in first:
            first[member_id] = (amount, due)
            left[member_id] = paid.get(member_id, 0)
        if member_id in oldest_open:
            continue
        if due > left[member_id]:
            oldest_open[member_id] = charge_id
        else:
            left[member_id] -= due
    periods = {charge_id: (key, start) for charge_id, key, start in session.execute(
        select(charges.c.id, charges.c.period_key, charges.c.period_start)
        .where(charges.c.id.in_(oldest_open.values())))} if oldest_open else {}
    positions = []
    for member_id, (first_amount, first_due) in first.items():
        member_paid = paid.get(member_id, 0)
        key, start = periods.get(oldest_open.get(member_id, 0), (None, None))
        if key is None and not settled_too:
            continue
        positions.append(DuesPosition(member_id, max(0, due_total[member_id] - member_paid), key,
                                      start, first_amount, max(0, first_due - member_paid)))
    return positions


def settle_members(session: Session, member_ids: Collection[int], date: dt.date) -> list[EntryId]:
    """Post the application entries that put each member's money on the right account."""
    return _post_applications(session, _settlement_moves(session, member_ids), date)


def apply_credit(session: Session, charged: Mapping[int, int], date: dt.date) -> list[EntryId]:
    """After a dues run: the applications `settle_members(session, charged, date)` would post,
    without reading every member's history. `charged` is what the run charged each member.

    Before the run every member is settled: their receivable is what is open and their
    prepayment account holds their credit (every dues service settles the members it touches,
    and `coopdesk check` proves it). New charges then move money only for members who hold
    credit: the credit pays the new charges, up to what it covers. So this reads only the
    prepayment account, which applications alone write to, instead of three sums over every
    member's charges, payments and receivable: on ten years of dues for 5,000 members, most of
    the run's time. A member whose prepayment account is in debit, which settling never leaves,
    is settled the full way. (Where the check already reports a member whose receivable
    disagrees with their charges and payments and who holds no credit, say after a manual
    entry on their receivable, the run leaves that difference where it is; settling the full
    way would have moved it onto their prepayment account.)
    """
    prepayments = account_id_for(session, PREPAYMENTS)
    # All members at once: the prepayment account has few postings, and an IN list of
    # thousands of members would cost more than it saves.
    held = plain_rows(session, select(postings.c.member_id, func.sum(postings.c.amount))
                      .where(postings.c.account_id == prepayments, postings.c.member_id.is_not(None))
                      .group_by(postings.c.member_id))
    deltas: dict[int, int] = {}
    unusual = set()
    for member_id, balance in held:
        if member_id not in charged or not balance:
            continue
        if balance < 0:
            deltas[member_id] = -min(charged[member_id], -balance)
        else:
            unusual.add(member_id)
    return _post_applications(session, {**deltas, **_settlement_moves(session, unusual)}, date)


def payment_applications(session: Session, payments: Sequence[tuple[int, dt.date, int]],
                         ) -> list[EntryDraft | None]:
    """For payments about to be posted, each a (member, date, minor units): the application
    entry `settle_members(session, {member}, date)` would post right after it, had they been
    posted one by one in the order given; None where it would post none.

    The members' sums are read once, before any of the payments is posted, and each payment is
    added to them in turn: `record_payments` then posts the lot in one `post_entries`.
    """
    members = {member_id for member_id, _, _ in payments}
    if not members:
        return []
    receivable = account_id_for(session, DUES_RECEIVABLE)
    prepayments = account_id_for(session, PREPAYMENTS)
    balances = _receivable_balances(session, members)
    charged, written, paid = _open_parts(session, members)
    closed = closed_through(session)
    drafts: list[EntryDraft | None] = []
    for member_id, date, units in payments:
        paid[member_id] = paid.get(member_id, 0) + units
        balance = balances.get(member_id, 0) - units
        owed = _still_open(charged.get(member_id, 0), written.get(member_id, 0), paid[member_id])
        balances[member_id] = owed
        drafts.append(_application_draft(member_id, owed - balance, date, closed, receivable, prepayments)
                      if owed != balance else None)
    return drafts


def _settlement_moves(session: Session, member_ids: Collection[int]) -> dict[int, int]:
    """How much each member's receivable must change so that it holds what is open."""
    if not member_ids:
        return {}
    balances = _receivable_balances(session, member_ids)
    charged, written, paid = _open_parts(session, member_ids)
    return {member_id: _still_open(charged.get(member_id, 0), written.get(member_id, 0), paid.get(member_id, 0))
            - balances.get(member_id, 0)
            for member_id in member_ids}


def _receivable_balances(session: Session, member_ids: Collection[int]) -> dict[int, int]:
    """Each member's balance on dues receivable, over all dates (members with postings only)."""
    receivable = account_id_for(session, DUES_RECEIVABLE)
    return {member_id: int(total) for member_id, total in session.execute(
        select(postings.c.member_id, func.sum(postings.c.amount))
        .where(postings.c.account_id == receivable, postings.c.member_id.in_(member_ids))
        .group_by(postings.c.member_id)).all()}


def _still_open(charged: int, written_off: int, paid: int) -> int:
    """What is open of a member's charges, given their three sums, as `fifo.settle` leaves it:
    paying oldest first, whatever the order; what was paid beyond the charges is credit."""
    return max(0, charged - written_off - paid)


def _post_applications(session: Session, deltas: Mapping[int, int], date: dt.date) -> list[EntryId]:
    """One application entry per member whose receivable must change by `deltas[member]`
    (credit moving onto the receivable when negative), in member order."""
    moves = sorted((member_id, delta) for member_id, delta in deltas.items() if delta != 0)
    if not moves:
        return []
    receivable = account_id_for(session, DUES_RECEIVABLE)
    prepayments = account_id_for(session, PREPAYMENTS)
    closed = closed_through(session)
    return post_entries(session, [_application_draft(member_id, delta, date, closed, receivable, prepayments)
                                  for member_id, delta in moves])


def _application_draft(member_id: int, delta: int, date: dt.date, closed: dt.date | None,
                       receivable: int, prepayments: int) -> EntryDraft:
    """The application moving `delta` onto the member's receivable from their prepayments (the
    other way when negative), on `date` or, when that is closed, the first open day."""
    entry_date = date if closed is None or date > closed else closed + dt.timedelta(days=1)
    memo = "Prepayment credit applied to dues" if delta < 0 else "Paid ahead: kept as credit"
    return EntryDraft(entry_date, EntryKind.APPLICATION, (
        PostingDraft(receivable, delta, member_id=member_id),
        PostingDraft(prepayments, -delta, member_id=member_id),
    ), memo=memo)


def _open_parts(session: Session, member_ids: Collection[int],
                ) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """Three sums per member: what they were charged (members with charges only), what was
    written off their charges, and what they paid that stands."""
    charged = {member_id: int(total) for member_id, total in session.execute(
        select(charges.c.member_id, func.sum(charges.c.amount))
        .where(charges.c.member_id.in_(member_ids)).group_by(charges.c.member_id)).all()}
    written = {member_id: int(total) for member_id, total in session.execute(
        select(charges.c.member_id, func.sum(_write_offs.c.amount))
        .join(charges, charges.c.id == _write_offs.c.charge_id)
        .where(charges.c.member_id.in_(member_ids)).group_by(charges.c.member_id)).all()}
    return charged, written, paid_by_member(session, member_ids, None)


def written_off_by_charge(session: Session, member_ids: Collection[int] | None, as_of: dt.date | None) -> dict[int, int]:
    """Total written off each charge (of these members; all when None) by `as_of`."""
    query = (select(WriteOff.charge_id, func.sum(WriteOff.amount))
             .join(Charge, Charge.id == WriteOff.charge_id)
             .join(JournalEntry, JournalEntry.id == WriteOff.entry_id)
             .group_by(WriteOff.charge_id))
    if member_ids is not None:
        query = query.where(Charge.member_id.in_(member_ids))
    if as_of is not None:
        query = query.where(JournalEntry.entry_date <= as_of)
    return {charge_id: int(total) for charge_id, total in session.execute(query).all()}


def paid_by_member(session: Session, member_ids: Collection[int] | None, as_of: dt.date | None) -> dict[int, int]:
    """Total of each member's payments that stand (not reversed) by `as_of`."""
    reversal = aliased(JournalEntry)
    reversed_by = and_(reversal.reverses_id == Payment.entry_id,
                       *(() if as_of is None else (reversal.entry_date <= as_of,)))
    # Grouped by an expression, not the bare column: by the column, SQLite reads every payment
    # through the member index, one table lookup each (0.4 s against 0.2 s for a plain scan of
    # 430,000 payments). Asked about a few members, the WHERE below still uses that index.
    query = (select(Payment.member_id, func.sum(Payment.amount))
             .outerjoin(reversal, reversed_by)
             .where(reversal.id.is_(None))
             .group_by(Payment.member_id + 0))
    if member_ids is not None:
        query = query.where(Payment.member_id.in_(member_ids))
    if as_of is not None:
        query = query.where(Payment.pay_date <= as_of)
    return {member_id: int(total) for member_id, total in session.execute(query).all()}
