"""Every member's dues standing on a day without walking every charge of the book.

Paying oldest first, a member's payments pay off their older charges before anything reaches
the recent ones; so only a window of recent charges is settled one by one, and what the
payments left for it comes from the member's dues balance, which the ledger's member index
gives at once (`settle_window`). That balance is the charges less write-offs less payments in
every book `coopdesk check` passes. The dashboard reads its figures this way (a year or so of
window); `standing_facts` reads the facts a member's status needs (a window of the grace
allowance), for the patronage allocation's eligibility and the annual meeting's voters.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Select, String, Table, func, select, type_coerce
from sqlalchemy.orm import Session

from coopdesk.db.models import Payment, WriteOff, charges, journal_entries, members, postings
from coopdesk.db.plain_rows import plain_rows
from coopdesk.dues.accounts import DUES_RECEIVABLE, PREPAYMENTS
from coopdesk.dues.periods import add_months, months_since
from coopdesk.ledger.lookup import account_id_for
from coopdesk.settings import load_settings

_payments = cast(Table, Payment.__table__)
_write_offs = cast(Table, WriteOff.__table__)


def standing_facts(session: Session, as_of: dt.date) -> dict[int, tuple[bool, int]]:
    """For every member with charges: whether their first dues are unpaid and how many months
    they are in arrears on `as_of`, exact up to the grace allowance (beyond it, only "more")
    — what `derive_status` needs, as the dashboard reads it: without walking every charge of
    the book, as `dues_facts` does (a second on ten years of 5,000 members)."""
    window = add_months(as_of.replace(day=1), -load_settings(session).grace_months)
    return settle_window(session, as_of, window).facts


@dataclass(slots=True)
class Settled:
    """What settling every member's payments against their charges gives the dashboard."""

    #: member -> (first dues unpaid, months in arrears), as `dues_facts` gives them.
    facts: dict[int, tuple[bool, int]] = field(default_factory=dict)
    #: member -> what they owe (only members who owe), in minor units.
    owed: dict[int, int] = field(default_factory=dict)
    #: month ("2026-03") -> charged / collected for periods starting in it (window only).
    charged: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))
    collected: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))


def settle_window(session: Session, today: dt.date, window: dt.date) -> Settled:
    """Settle every member's payments oldest charge first, as `fifo.settle` does, but charge
    by charge only for the charges whose period starts from `window` to `today`.

    Paying oldest first, a member's payments go to their charges before the window until
    those are paid off, and only what is left reaches the window's charges. That remainder is
    paid - (charged - written off before the window) = (due in the window) - balance, where the
    balance is what the member owes on their dues accounts (receivable and prepayment credit,
    which every dues entry keeps equal to charges less write-offs less payments: the dues check
    proves it). Read from the ledger's member index, the balances cost a fraction of summing
    600,000 charges per member; the window's charges are a year or so of dues.
    """
    written = written_off(session, today)
    balances = dues_balances(session, today)
    charge_counts: dict[int, int] = dict(session.execute(  # from the unique index alone
        select(charges.c.member_id, func.count()).group_by(charges.c.member_id)).all())

    window_rows = []
    window_due: defaultdict[int, int] = defaultdict(int)
    counted: defaultdict[int, int] = defaultdict(int)      # charges from the window on
    first_in_window: dict[int, tuple[int, int]] = {}       # member -> (charge id, amount)
    # Period starts as the ISO text SQLite keeps (text order is date order): tens of
    # thousands of rows need no date objects, only their month.
    start_text = type_coerce(charges.c.period_start, String)
    last_day = today.isoformat()
    for row in plain_rows(session, select(charges.c.id, charges.c.member_id, start_text, charges.c.amount)
                          .where(charges.c.period_start >= window)
                          .order_by(charges.c.period_start, charges.c.id)):
        charge_id, member_id, start, amount = row
        counted[member_id] += 1
        if start > last_day:  # charged ahead (this month's later periods): not due yet
            continue
        window_rows.append(row)
        window_due[member_id] += amount - written.get(charge_id, 0)
        first_in_window.setdefault(member_id, (charge_id, amount))
    earlier = {member_id for member_id, count in charge_counts.items() if count > counted[member_id]}

    settled = Settled()
    # What each member's payments leave after their charges before the window; negative when
    # those are not all paid, so that their oldest open charge is before the window.
    beyond = {member_id: window_due[member_id] - balances.get(member_id, 0)
              for member_id in earlier | set(window_due)}
    left = dict(beyond)
    oldest_open: dict[int, str] = {}
    for charge_id, member_id, start, amount in window_rows:
        month = start[:7]
        settled.charged[month] += amount
        due = amount - written.get(charge_id, 0)
        applied = min(due, max(0, left[member_id]))
        left[member_id] -= applied
        settled.collected[month] += applied
        if applied < due:
            oldest_open.setdefault(member_id, start)

    unpaid_since_before = {member_id for member_id in earlier if beyond[member_id] < 0}
    first_charges = first_charges_of_non_payers(session, today, unpaid_since_before)
    for member_id, paid_beyond in beyond.items():
        owed = balances.get(member_id, 0)
        if owed > 0:
            settled.owed[member_id] = owed
        if paid_beyond < 0:
            # Open since before the window: more than the grace allowance (see `dashboard`).
            months = months_since(add_months(window, -1), today)
        elif member_id in oldest_open:
            months = months_since(dt.date.fromisoformat(oldest_open[member_id]), today)
        else:
            months = 0
        if member_id not in earlier:
            # The first charge is the window's first, and everything paid reached the window.
            first, paid = first_in_window[member_id], paid_beyond
        elif member_id in first_charges:
            first, paid = first_charges[member_id], 0
        else:
            # Paid something (at least all that was due before the window, or part of it): a
            # first charge wholly open is left only by paying nothing.
            first, paid = (0, 0), 1
        charge_id, amount = first
        first_open = max(0, amount - written.get(charge_id, 0) - paid)
        settled.facts[member_id] = (amount > 0 and first_open == amount, months)
    return settled


def dues_balances(session: Session, today: dt.date) -> dict[int, int]:
    """Each member's dues receivable plus prepayment credit on `today`, in minor units (owed
    above zero, credit below).

    Read over all dates from the member index (covering: member, account, amount; already in
    member order), then the few postings of entries dated after today are taken back out.
    """
    dues_accounts = [account_id_for(session, DUES_RECEIVABLE), account_id_for(session, PREPAYMENTS)]
    # `account_id + 0` is not indexed, so SQLite reads the member index rather than the account
    # index, which would need every posting sorted by member afterwards (3 times as long).
    totals = session.execute(
        select(postings.c.member_id, func.sum(postings.c.amount))
        .where(postings.c.member_id.is_not(None), (postings.c.account_id + 0).in_(dues_accounts))
        .group_by(postings.c.member_id)).all()
    later = session.execute(
        select(postings.c.member_id, func.sum(postings.c.amount))
        .where(postings.c.entry_id.in_(entries_after(today)), postings.c.member_id.is_not(None),
               postings.c.account_id.in_(dues_accounts))
        .group_by(postings.c.member_id)).all()
    balances = {member_id: int(total) for member_id, total in totals}
    for member_id, total in later:
        balances[member_id] -= int(total)
    return balances


def entries_after(today: dt.date) -> Select[tuple[int]]:
    """The ids of the entries dated after `today` (few: read from the date index)."""
    return select(journal_entries.c.id).where(journal_entries.c.entry_date > today)


def first_charges_of_non_payers(session: Session, today: dt.date,
                                 member_ids: set[int]) -> dict[int, tuple[int, int]]:
    """Of `member_ids` (members with dues open since before the window), those who have paid
    nothing that stands on `today`, each with their first charge (id, amount)."""
    # Reversals are few, read through the unique index on what they reverse: `date()` keeps
    # SQLite from reading every entry up to today through the date index instead.
    reversed_by_today = (select(journal_entries.c.reverses_id)
                         .where(journal_entries.c.reverses_id > 0,
                                func.date(journal_entries.c.entry_date) <= today.isoformat()))
    standing = (select(_payments.c.id)
                .where(_payments.c.member_id == members.c.id, _payments.c.pay_date <= today,
                       _payments.c.entry_id.not_in(reversed_by_today))
                .exists())
    ids = sorted(member_ids)
    first: dict[int, tuple[dt.date, int, int]] = {}
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):  # SQLite's parameter limit
        # EXISTS stops at a member's first standing payment: one look-up for most members.
        non_payers = select(members.c.id).where(members.c.id.in_(chunk), ~standing)
        for member_id, start, charge_id, amount in session.execute(
                select(charges.c.member_id, charges.c.period_start, charges.c.id, charges.c.amount)
                .where(charges.c.member_id.in_(non_payers))).all():
            if start <= today and (member_id not in first or (start, charge_id) < first[member_id][:2]):
                first[member_id] = (start, charge_id, amount)
    return {member_id: (charge_id, amount) for member_id, (_, charge_id, amount) in first.items()}


def written_off(session: Session, today: dt.date) -> dict[int, int]:
    """What was written off each charge by `today` (a few charges: what the treasurer gave
    up on)."""
    rows = session.execute(
        select(_write_offs.c.charge_id, func.sum(_write_offs.c.amount))
        .select_from(_write_offs.join(journal_entries, journal_entries.c.id == _write_offs.c.entry_id))
        .where(journal_entries.c.entry_date <= today)
        .group_by(_write_offs.c.charge_id))
    return {charge_id: int(amount) for charge_id, amount in rows}
