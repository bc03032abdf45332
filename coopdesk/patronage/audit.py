"""The capital tie-out that `coopdesk check` runs: capital records agree with their entries.

Every capital movement (a share paid in, patronage retained or redeemed, capital made payable
to a former member or paid to them) records an entry: for each entry, member and account, the
movements add up to what the entry posted there for the member. Every allocation line agrees
with its entry: its cash part credited to 2200, its retained part to 3100 (and as a capital
movement), its whole debited to 3300, and it is its cash plus its retained. Postings a
treasurer makes by hand on these accounts (balances brought in from an earlier system) are
the ledger's and need no record: the capital register reads the ledger
(`capital.capital_by_year`).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.db.models import Account, AllocationLine, CapitalMovement, Member, Posting
from coopdesk.patronage.capital import PATRONAGE_PAYABLE, RETAINED
from coopdesk.patronage.run import PATRONAGE_ALLOCATED


def capital_tie_out(session: Session) -> list[str]:
    """One line per record that disagrees with the entry it records."""
    codes = dict(session.execute(select(Account.id, Account.code)).all())
    recorded: dict[tuple[int, int, str], int] = defaultdict(int)
    for entry_id, member_id, account, total in session.execute(
            select(CapitalMovement.entry_id, CapitalMovement.member_id, CapitalMovement.account,
                   func.sum(CapitalMovement.amount))
            .group_by(CapitalMovement.entry_id, CapitalMovement.member_id, CapitalMovement.account)):
        recorded[entry_id, member_id, account] += int(total)
    for line in session.execute(select(AllocationLine)).scalars():
        recorded[line.entry_id, line.member_id, PATRONAGE_PAYABLE] += line.cash
    entries = {entry_id for entry_id, _, _ in recorded}
    posted: dict[tuple[int, int, str], int] = defaultdict(int)
    allocated: dict[int, int] = defaultdict(int)
    for entry_id, posted_for, account_id, total in session.execute(
            select(Posting.entry_id, Posting.member_id, Posting.account_id, func.sum(Posting.amount))
            .where(Posting.entry_id.in_(entries))
            .group_by(Posting.entry_id, Posting.member_id, Posting.account_id)):
        if posted_for is not None:
            posted[entry_id, posted_for, codes[account_id]] = -int(total)
        elif codes[account_id] == PATRONAGE_ALLOCATED:
            allocated[entry_id] += int(total)
    numbers = dict(session.execute(select(Member.id, Member.number)).all())
    problems = []
    for key, units in sorted(recorded.items()):
        if posted.get(key, 0) != units:
            entry_id, member_id, account = key
            problems.append(f"member {numbers.get(member_id, member_id)}: entry {entry_id} posted "
                            f"{posted.get(key, 0)} (minor units) to account {account} for them, "
                            f"their capital records {units}")
    for line in session.execute(select(AllocationLine)).scalars():
        number = numbers.get(line.member_id, line.member_id)
        if line.amount != line.cash + line.retained or line.cash < 0 or line.retained < 0:
            problems.append(f"member {number}: allocation line {line.id} of {line.amount} is not its "
                            f"cash {line.cash} plus retained {line.retained}")
        if allocated.get(line.entry_id, 0) != line.amount:
            problems.append(f"member {number}: entry {line.entry_id} allocated "
                            f"{allocated.get(line.entry_id, 0)}, the allocation line {line.amount}")
        if line.retained and (line.entry_id, line.member_id, RETAINED) not in recorded:
            problems.append(f"member {number}: the retained {line.retained} of allocation line "
                            f"{line.id} is not in their capital account")
    return problems
