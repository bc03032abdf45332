"""The member register as the Members screen lists it: each member with their status, what
they owe and when they last paid, all as of one day.

One read for the whole register, whatever its size: the status needs every member's dues
facts, which `dues_facts` computes for all members in one pass over the charges; balances and
last payments are two grouped queries. Nothing here is per member, so 5,000 members cost a
handful of queries, not 5,000.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.db.models import Payment, journal_entries, members, postings
from coopdesk.dues.accounts import DUES_RECEIVABLE, PREPAYMENTS
from coopdesk.dues.queries import dues_facts
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.members.queries import DuesFacts, list_classes, list_members
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class MemberListRow:
    """One member of the register on a day.

    `balance` is their dues account (dues receivable and prepayment credit together, as in
    `member_account`): above zero they owe, below zero they have credit. `dues` are the facts
    their status was derived from, kept so a detail view derives the same status.
    """

    number: str
    display_name: str
    sort_name: str
    class_code: str | None
    class_name: str | None
    status: str
    balance: Money
    last_payment: dt.date | None
    dues: DuesFacts

    @property
    def months_in_arrears(self) -> int:
        return self.dues.months_in_arrears

    @property
    def owing(self) -> bool:
        """Whether they have dues unpaid that fell due by the day (the arrears list's members)."""
        return self.dues.months_in_arrears > 0


def member_list(session: Session, as_of: dt.date | None = None) -> list[MemberListRow]:
    """Every member, in sort-name order, with status, dues balance and last payment on `as_of`
    (default today)."""
    day = as_of or clock.today()
    currency = book_currency(session)
    facts = dues_facts(session, day)
    ids: dict[str, int] = dict(session.execute(select(members.c.number, members.c.id)).all())
    balances = _dues_balances(session, day)
    last_paid = _last_payments(session, day)
    class_names = {row.code: row.name for row in list_classes(session)}
    zero = Money.zero(currency)
    money: dict[int, Money] = {}
    rows = []
    for member in list_members(session, day, facts):
        member_id = ids[member.number]
        units = balances.get(member_id, 0)
        if units not in money:
            money[units] = Money.from_minor(units, currency) if units else zero
        rows.append(MemberListRow(
            member.number, member.display_name, member.sort_name, member.class_code,
            class_names.get(member.class_code) if member.class_code else None,
            member.status, money[units], last_paid.get(member_id),
            facts.get(member_id, DuesFacts())))
    return rows


def _dues_balances(session: Session, day: dt.date) -> dict[int, int]:
    """Each member's dues receivable plus prepayment credit by `day`, in minor units.

    Everything posted to members, summed from the member index alone (grouped by member and
    account as that index is ordered: SQLite then reads no table row and sorts nothing), less
    what is dated after `day`: usually nothing, found through the entry date index.
    """
    dues_accounts = {account_id_for(session, DUES_RECEIVABLE), account_id_for(session, PREPAYMENTS)}
    totals: dict[int, int] = {}
    for member_id, account_id, total in session.execute(
            select(postings.c.member_id, postings.c.account_id, func.sum(postings.c.amount))
            .where(postings.c.member_id.is_not(None))
            .group_by(postings.c.member_id, postings.c.account_id)):
        if account_id in dues_accounts:
            totals[member_id] = totals.get(member_id, 0) + int(total)
    later = (select(journal_entries.c.id).where(journal_entries.c.entry_date > day))
    for member_id, total in session.execute(
            select(postings.c.member_id, func.sum(postings.c.amount))
            .where(postings.c.member_id.is_not(None), postings.c.account_id.in_(dues_accounts),
                   postings.c.entry_id.in_(later))
            .group_by(postings.c.member_id)):
        totals[member_id] -= int(total)
    return totals


def _last_payments(session: Session, day: dt.date) -> dict[int, dt.date]:
    """The day of each member's latest payment by `day` that was not reversed by then."""
    # Reversals are few: read through the index of what they reverse (`> 0` can use it,
    # `IS NOT NULL` could not), rather than checked for each of the book's payments.
    reversed_entries = {entry_id for entry_id, date in session.execute(
        select(journal_entries.c.reverses_id, journal_entries.c.entry_date)
        .where(journal_entries.c.reverses_id > 0)) if _as_date(date) <= day}
    # Grouped by an expression, so that SQLite reads the table straight through instead of
    # going through the member index and fetching each payment's row from it (4x slower).
    by_member = Payment.member_id + 0
    latest = {member_id: _as_date(paid) for member_id, paid in session.execute(
        select(by_member, func.max(Payment.pay_date)).where(Payment.pay_date <= day)
        .group_by(by_member))}
    if reversed_entries:
        affected = [member_id for (member_id,) in session.execute(
            select(Payment.member_id).where(Payment.entry_id.in_(reversed_entries)))]
        for member_id in affected:
            latest.pop(member_id, None)
        for member_id, paid in session.execute(
                select(Payment.member_id, func.max(Payment.pay_date))
                .where(Payment.member_id.in_(affected), Payment.pay_date <= day,
                       Payment.entry_id.not_in(reversed_entries))
                .group_by(Payment.member_id)):
            latest[member_id] = _as_date(paid)
    return latest


def _as_date(value: dt.date | str) -> dt.date:
    # SQLite's max() over a date column gives the stored text back, not a date.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
