"""Validation of journal entries: pure functions that return every problem at once.

Nothing here touches the database, so the same rules check one entry typed in a form and
three hundred thousand entries of a bulk run, and the tests need no book.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from coopdesk.ledger.types import AccountRule, EntryDraft, EntryKind

_KINDS = frozenset(EntryKind)


def entry_problems(
    draft: EntryDraft,
    accounts: Mapping[int, AccountRule],
    closed_through: dt.date | None,
) -> list[str]:
    """Every reason `draft` cannot be posted; an empty list when it can."""
    problems: list[str] = []
    postings = draft.postings
    if len(postings) < 2:
        problems.append("an entry needs two postings or more")
    total = 0
    for line, posting in enumerate(postings, start=1):
        amount = posting.amount
        if type(amount) is not int:
            problems.append(f"line {line}: the amount must be whole minor units (got {amount!r})")
            continue
        total += amount
        rule = accounts.get(posting.account_id)
        if rule is None:
            problems.append(f"line {line}: no account with id {posting.account_id}")
            continue
        if not rule.is_open:
            problems.append(f"line {line}: account {rule.code} is closed")
        if rule.member_ledger and posting.member_id is None:
            problems.append(f"line {line}: account {rule.code} needs a member")
        elif not rule.member_ledger and not rule.fund_ledger and posting.member_id is not None:
            # A fund's postings may name the member a contribution came from or a payout
            # went to (coopdesk.funds); other accounts without a member sub-ledger may not.
            problems.append(f"line {line}: account {rule.code} does not take a member")
        if rule.fund_ledger and posting.fund_id is None:
            problems.append(f"line {line}: account {rule.code} needs a fund")
        elif not rule.fund_ledger and posting.fund_id is not None:
            problems.append(f"line {line}: account {rule.code} does not take a fund")
    if total != 0:
        problems.append(f"the postings do not balance (they sum to {total} minor units, not 0)")
    elif postings and all(p.amount == 0 for p in postings):
        problems.append("every posting is zero")
    if closed_through is not None and draft.date <= closed_through:
        problems.append(f"{draft.date.isoformat()} is in a closed period (closed through {closed_through.isoformat()})")
    if draft.kind not in _KINDS:
        problems.append(f"unknown kind of entry {draft.kind!r}")
    return problems
