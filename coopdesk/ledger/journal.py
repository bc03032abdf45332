"""The journal: posted entries with their postings, one row per posting.

One flat row per posting reads well as a table, a CSV or JSON, and carries everything needed to
see an entry whole: its date, kind, memo and links to or from a reversal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import accounts, funds, journal_entries, members, postings
from coopdesk.db.plain_rows import plain_rows
from coopdesk.errors import NotFound
from coopdesk.ledger.lookup import book_currency
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class JournalLine:
    entry_id: int
    date: dt.date
    kind: str
    memo: str
    source_ref: str | None
    reverses: int | None
    reversed_by: int | None
    line_no: int
    account_code: str
    account_name: str
    member_number: str | None
    fund_code: str | None
    amount: Money
    line_memo: str


def journal(session: Session, date_from: dt.date | None = None, date_to: dt.date | None = None,
            entry_id: int | None = None) -> list[JournalLine]:
    """Postings of the entries dated in [date_from, date_to] (or of one entry), in posting order."""
    currency = book_currency(session)
    e, p = journal_entries, postings
    reversal = journal_entries.alias("reversal")
    query = (
        select(e.c.id, e.c.entry_date, e.c.kind, e.c.memo, e.c.source_ref, e.c.reverses_id,
               reversal.c.id, p.c.line_no, accounts.c.code, accounts.c.name, members.c.number,
               funds.c.code, p.c.amount, p.c.memo)
        .select_from(
            e.join(p, p.c.entry_id == e.c.id)
            .join(accounts, accounts.c.id == p.c.account_id)
            .outerjoin(members, members.c.id == p.c.member_id)
            .outerjoin(funds, funds.c.id == p.c.fund_id)
            .outerjoin(reversal, reversal.c.reverses_id == e.c.id)
        )
        .order_by(e.c.id, p.c.line_no)
    )
    if entry_id is not None:
        query = query.where(e.c.id == entry_id)
    if date_from is not None:
        query = query.where(e.c.entry_date >= date_from)
    if date_to is not None:
        query = query.where(e.c.entry_date <= date_to)
    rows = [
        JournalLine(entry, date, kind, memo, source_ref, reverses, reversed_by, line, code, name,
                    member, fund, Money.from_minor(amount, currency), line_memo)
        for (entry, date, kind, memo, source_ref, reverses, reversed_by, line, code, name, member,
             fund, amount, line_memo) in plain_rows(session, query)
    ]
    if entry_id is not None and not rows:
        raise NotFound(f"no journal entry {entry_id}")
    return rows
