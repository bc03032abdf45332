"""The pure validation rules of journal entries: every problem reported at once."""

from __future__ import annotations

import datetime as dt

from coopdesk.ledger.rules import entry_problems
from coopdesk.ledger.types import AccountRule, EntryDraft, PostingDraft

ACCOUNTS = {
    1: AccountRule(1, "1000", True, False, False),
    2: AccountRule(2, "1100", True, True, False),
    3: AccountRule(3, "2500", True, False, True),
    4: AccountRule(4, "9000", False, False, False),
}
D = dt.date(2026, 5, 4)


def draft(*postings: PostingDraft, date: dt.date = D, kind: str = "manual") -> EntryDraft:
    return EntryDraft(date=date, kind=kind, postings=postings)


def test_a_balanced_entry_on_open_accounts_has_no_problem() -> None:
    entry = draft(PostingDraft(1, 500), PostingDraft(2, -500, member_id=7))
    assert entry_problems(entry, ACCOUNTS, closed_through=None) == []


def test_every_problem_is_reported_at_once() -> None:
    entry = draft(
        PostingDraft(4, 100),                 # closed account
        PostingDraft(2, -50),                 # member ledger without a member
        PostingDraft(1, -10, member_id=3),    # member on an account that takes none
        PostingDraft(3, -10),                 # fund ledger without a fund
        PostingDraft(99, 5),                  # unknown account
        date=dt.date(2026, 1, 31),
        kind="bogus",
    )
    problems = entry_problems(entry, ACCOUNTS, closed_through=dt.date(2026, 1, 31))
    assert problems == [
        "line 1: account 9000 is closed",
        "line 2: account 1100 needs a member",
        "line 3: account 1000 does not take a member",
        "line 4: account 2500 needs a fund",
        "line 5: no account with id 99",
        "the postings do not balance (they sum to 35 minor units, not 0)",
        "2026-01-31 is in a closed period (closed through 2026-01-31)",
        "unknown kind of entry 'bogus'",
    ]


def test_an_entry_needs_two_postings_and_some_money() -> None:
    assert entry_problems(draft(PostingDraft(1, 0)), ACCOUNTS, None) == [
        "an entry needs two postings or more", "every posting is zero"]
    assert entry_problems(draft(PostingDraft(1, 0), PostingDraft(1, 0)), ACCOUNTS, None) == [
        "every posting is zero"]


def test_the_day_after_the_closed_period_is_open() -> None:
    entry = draft(PostingDraft(1, 1), PostingDraft(1, -1), date=dt.date(2026, 2, 1))
    assert entry_problems(entry, ACCOUNTS, closed_through=dt.date(2026, 1, 31)) == []


def test_a_fractional_amount_is_refused() -> None:
    entry = draft(PostingDraft(1, 1.5), PostingDraft(1, -1.5))  # type: ignore[arg-type]
    problems = entry_problems(entry, ACCOUNTS, None)
    assert "line 1: the amount must be whole minor units (got 1.5)" in problems
