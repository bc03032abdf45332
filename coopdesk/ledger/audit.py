"""Ledger checks that `coopdesk check` runs: balance of every entry, the trial balance, the chain.

Each check reads inside the caller's transaction and returns a list of problems, one readable
line each; an empty list means the check passed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.db.models import JournalEntry, Posting
from coopdesk.ledger.chain import GENESIS, PostingFields, entry_hash


def unbalanced_entries(session: Session) -> list[str]:
    """Entries whose postings do not sum to zero, or that have fewer than two postings."""
    counts = (
        select(JournalEntry.id, func.count(Posting.id), func.coalesce(func.sum(Posting.amount), 0))
        .outerjoin(Posting, Posting.entry_id == JournalEntry.id)
        .group_by(JournalEntry.id)
        .having((func.count(Posting.id) < 2) | (func.coalesce(func.sum(Posting.amount), 0) != 0))
        .order_by(JournalEntry.id)
    )
    problems = []
    for entry_id, count, total in session.execute(counts):
        if count < 2:
            problems.append(f"entry {entry_id} has {count} posting(s); it needs two or more")
        else:
            problems.append(f"entry {entry_id} does not balance (its postings sum to {total} minor units)")
    orphans = session.execute(
        select(func.count()).select_from(Posting)
        .outerjoin(JournalEntry, JournalEntry.id == Posting.entry_id)
        .where(JournalEntry.id.is_(None))
    ).scalar_one()
    if orphans:
        problems.append(f"{orphans} posting(s) belong to no journal entry")
    return problems


def trial_balance_problems(session: Session) -> list[str]:
    """The sum of every posting in the book must be zero."""
    total = session.execute(select(func.coalesce(func.sum(Posting.amount), 0))).scalar_one()
    return [] if total == 0 else [f"the trial balance is off by {total} minor units"]


def chain_problems(session: Session) -> list[str]:
    """Recompute every entry's hash; report the first entry where the chain breaks."""
    entries = session.execute(
        select(JournalEntry.id, JournalEntry.entry_date, JournalEntry.kind, JournalEntry.memo,
               JournalEntry.source_ref, JournalEntry.reverses_id, JournalEntry.posted_at,
               JournalEntry.prev_hash, JournalEntry.hash)
        .order_by(JournalEntry.id)
        .execution_options(yield_per=5000)
    )
    lines = _postings_by_entry(session)
    expected_prev = GENESIS
    for entry_id, date, kind, memo, source_ref, reverses_id, posted_at, prev_hash, digest in entries:
        if prev_hash != expected_prev:
            return [f"the audit chain is broken before entry {entry_id}: an entry was removed or altered"]
        fields = lines.get(entry_id)
        recomputed = entry_hash(prev_hash, entry_id, date, kind, memo, source_ref, reverses_id,
                                posted_at, fields)
        if recomputed != digest:
            return [f"the audit chain is broken at entry {entry_id}: it was altered after posting"]
        expected_prev = digest
    return []


class _PostingStream:
    """Postings grouped by entry, read in entry order alongside the entries."""

    def __init__(self, rows: Iterator[tuple[int, int, int, int, int | None, int | None, str]]) -> None:
        self._groups = itertools.groupby(rows, key=lambda r: r[0])
        self._current: tuple[int, list[PostingFields]] | None = None

    def get(self, entry_id: int) -> list[PostingFields]:
        while self._current is None or self._current[0] < entry_id:
            try:
                key, group = next(self._groups)
            except StopIteration:
                return []
            self._current = (key, [tuple(r[1:]) for r in group])  # type: ignore[misc]
        return self._current[1] if self._current[0] == entry_id else []


def _postings_by_entry(session: Session) -> _PostingStream:
    rows = session.execute(
        select(Posting.entry_id, Posting.line_no, Posting.account_id, Posting.amount,
               Posting.member_id, Posting.fund_id, Posting.memo)
        .order_by(Posting.entry_id, Posting.line_no)
        .execution_options(yield_per=10000)
    )
    return _PostingStream(iter(rows))
