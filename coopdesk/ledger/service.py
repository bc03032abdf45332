"""Writes to the ledger: posting, reversing, closing periods.

Services take the caller's Session and never commit (`Book.run` owns the transaction). All
posting goes through `post_entries`, which validates every draft first and then writes entries
and postings with two executemany statements (`coopdesk.db.bulk.insert_rows`), without one ORM
object or parameter dict per row, so the same path serves one entry typed in a form and a dues
run for five thousand members.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import note_changes
from coopdesk.db.bulk import insert_rows
from coopdesk.db.models import Account, JournalEntry, PeriodClose, Posting, journal_entries, postings
from coopdesk.errors import CoopdeskError, NotFound, ValidationError
from coopdesk.ids import EntryId
from coopdesk.ledger.chain import GENESIS, entry_hash
from coopdesk.ledger.rules import entry_problems
from coopdesk.ledger.types import AccountRule, EntryDraft, EntryKind, PostingDraft


@dataclass(frozen=True, slots=True)
class LedgerState:
    """What posting needs to know about the book right now."""

    accounts: dict[int, AccountRule]
    closed_through: dt.date | None
    last_id: int
    last_hash: str


def ledger_state(session: Session) -> LedgerState:
    """Accounts, closed date and chain head, read inside the caller's transaction."""
    accounts = {
        row.id: AccountRule(row.id, row.code, row.is_open, row.member_ledger, row.fund_ledger)
        for row in session.execute(
            select(Account.id, Account.code, Account.is_open, Account.member_ledger, Account.fund_ledger)
        )
    }
    last = session.execute(
        select(JournalEntry.id, JournalEntry.hash).order_by(JournalEntry.id.desc()).limit(1)
    ).first()
    return LedgerState(
        accounts=accounts,
        closed_through=closed_through(session),
        last_id=last.id if last else 0,
        last_hash=last.hash if last else GENESIS,
    )


def closed_through(session: Session) -> dt.date | None:
    """The last day of the closed periods, or None when no period is closed."""
    return session.execute(select(func.max(PeriodClose.through_date))).scalar_one()


_ENTRY_COLUMNS = ("id", "entry_date", "kind", "memo", "source_ref", "reverses_id", "posted_at",
                  "prev_hash", "hash")
_POSTING_COLUMNS = ("entry_id", "line_no", "account_id", "amount", "member_id", "fund_id", "memo")


def post_entries(session: Session, drafts: Sequence[EntryDraft]) -> list[EntryId]:
    """Validate and post `drafts` in order; all of them or, on any problem, none."""
    state = ledger_state(session)
    problems: list[str] = []
    for index, draft in enumerate(drafts, start=1):
        found = entry_problems(draft, state.accounts, state.closed_through)
        if found:
            prefix = f"entry {index}: " if len(drafts) > 1 else ""
            problems.extend(prefix + p for p in found)
    if problems:
        raise ValidationError(problems)
    if not drafts:
        return []

    posted_at = clock.now().isoformat(timespec="seconds")
    entry_rows: list[tuple[Any, ...]] = []
    posting_rows: list[tuple[Any, ...]] = []
    prev_hash = state.last_hash
    entry_id = state.last_id
    touched_accounts: set[int] = set()
    touched_members: set[int] = set()
    touched_funds: set[int] = set()
    for draft in drafts:
        entry_id += 1
        fields = [
            (line, p.account_id, p.amount, p.member_id, p.fund_id, p.memo)
            for line, p in enumerate(draft.postings, start=1)
        ]
        digest = entry_hash(prev_hash, entry_id, draft.date, draft.kind, draft.memo,
                            draft.source_ref, draft.reverses_id, posted_at, fields)
        entry_rows.append((entry_id, draft.date, draft.kind, draft.memo, draft.source_ref,
                           draft.reverses_id, posted_at, prev_hash, digest))
        for line, account_id, amount, member_id, fund_id, memo in fields:
            posting_rows.append((entry_id, line, account_id, amount, member_id, fund_id, memo))
            touched_accounts.add(account_id)
            if member_id is not None:
                touched_members.add(member_id)
            if fund_id is not None:
                touched_funds.add(fund_id)
        prev_hash = digest

    insert_rows(session, journal_entries, _ENTRY_COLUMNS, entry_rows)
    insert_rows(session, postings, _POSTING_COLUMNS, posting_rows)
    first_id = state.last_id + 1
    ids = [EntryId(i) for i in range(first_id, entry_id + 1)]
    note_changes(session, area="ledger", entries=ids, accounts=touched_accounts,
                 members=touched_members, funds=touched_funds)
    return ids


def post_entry(session: Session, draft: EntryDraft) -> EntryId:
    """Validate and post one entry."""
    return post_entries(session, [draft])[0]


def reverse_entry(session: Session, entry_id: int, *, date: dt.date | None = None,
                  memo: str | None = None) -> EntryId:
    """Post the mirror of entry `entry_id`, linked to it. An entry is reversed once only."""
    original = session.get(JournalEntry, entry_id)
    if original is None:
        raise NotFound(f"no journal entry {entry_id}")
    if original.reverses_id is not None:
        raise CoopdeskError(
            f"entry {entry_id} is itself the reversal of entry {original.reverses_id}; "
            "post the original again instead"
        )
    already = session.execute(
        select(JournalEntry.id).where(JournalEntry.reverses_id == entry_id)
    ).scalar_one_or_none()
    if already is not None:
        raise CoopdeskError(f"entry {entry_id} was already reversed by entry {already}")
    lines = session.execute(
        select(Posting).where(Posting.entry_id == entry_id).order_by(Posting.line_no)
    ).scalars().all()
    draft = EntryDraft(
        date=date or clock.today(),
        kind=EntryKind.REVERSAL,
        memo=memo if memo is not None else f"Reversal of entry {entry_id}: {original.memo}".rstrip(": "),
        source_ref=original.source_ref,
        reverses_id=entry_id,
        postings=tuple(
            PostingDraft(p.account_id, -p.amount, p.member_id, p.fund_id, p.memo) for p in lines
        ),
    )
    return post_entry(session, draft)


def close_period(session: Session, through: dt.date) -> dt.date:
    """Lock every date up to and including `through`; closing cannot be undone."""
    if through >= clock.today():
        raise CoopdeskError(
            f"a period can be closed only once it has ended; {through.isoformat()} is not yet past"
        )
    current = closed_through(session)
    if current is not None and through <= current:
        raise CoopdeskError(
            f"the books are already closed through {current.isoformat()}; "
            f"choose a later date than that"
        )
    session.add(PeriodClose(through_date=through, closed_at=clock.now().isoformat(timespec="seconds")))
    session.flush()
    note_changes(session, area="periods")
    return through
