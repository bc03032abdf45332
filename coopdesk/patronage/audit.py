"""The capital tie-out that `coopdesk check` runs: capital accounts agree with their records.

For every member, the balance of each capital account in the ledger (3000 shares, 3100 retained
patronage, 2300 payable to a former member) equals the sum of their capital movements on it, and
what they are owed on 2200 "Patronage payable" equals the cash parts of their allocations less
what was paid of them. Every allocation's lines add up: each amount is its cash plus retained.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.db.models import Account, Allocation, AllocationLine, Member, Posting
from coopdesk.patronage.capital import (
    PATRONAGE_PAYABLE,
    PAYABLE_TO_FORMER,
    RETAINED,
    SHARE_CAPITAL,
    capital_by_year,
    cash_owed,
)


def capital_tie_out(session: Session) -> list[str]:
    """One line per member and account whose ledger balance disagrees with their records."""
    codes = (SHARE_CAPITAL, RETAINED, PAYABLE_TO_FORMER, PATRONAGE_PAYABLE)
    accounts = dict(session.execute(select(Account.id, Account.code).where(Account.code.in_(codes))).all())
    ledger: dict[tuple[int, str], int] = {
        (member_id or 0, accounts[account_id]): -int(total)
        for member_id, account_id, total in session.execute(
            select(Posting.member_id, Posting.account_id, func.sum(Posting.amount))
            .where(Posting.account_id.in_(list(accounts)), Posting.member_id.is_not(None))
            .group_by(Posting.member_id, Posting.account_id))}
    records: dict[tuple[int, str], int] = defaultdict(int)
    for member_id, by_key in capital_by_year(session).items():
        for (account, _year), units in by_key.items():
            records[member_id, account] += units
    for allocation_id in session.execute(select(Allocation.id)).scalars():
        for member_id, units in cash_owed(session, allocation_id).items():
            records[member_id, PATRONAGE_PAYABLE] += units
    numbers = dict(session.execute(select(Member.id, Member.number)).all())
    problems = []
    for key in sorted(set(ledger) | set(records)):
        if ledger.get(key, 0) != records.get(key, 0):
            member_id, account = key
            problems.append(f"member {numbers.get(member_id, member_id)}: account {account} holds "
                            f"{ledger.get(key, 0)} (minor units) for them, their capital records "
                            f"{records.get(key, 0)}")
    for line_id, amount, cash, retained in session.execute(
            select(AllocationLine.id, AllocationLine.amount, AllocationLine.cash, AllocationLine.retained)):
        if amount != cash + retained or cash < 0 or retained < 0:
            problems.append(f"allocation line {line_id}: {amount} is not its cash {cash} plus "
                            f"retained {retained}")
    return problems
