"""An account's register one page at a time, newest first, with the running balance.

`register.register` reads a whole register oldest first (a report, the command line). A screen
on a ten-year book wants today's end first and only a screenful of it, so here the register is
read backwards from the closing balance: `open_register` sums the account's postings (from the
covering index, without reading entries) and each `register_page` gives the balance after each
row by taking the newer rows' amounts off it.

Reading a page newest first must follow the entries' date order. SQLite can walk the date index
and look each entry's postings up (cheap for an account on most entries, such as dues
receivable: a page of 200 reads a few hundred entries), or take the account's postings from its
index and sort them (cheap for an account on few entries, such as bank charges, where walking
dates would pass over thousands of other entries per row found). The planner cannot tell which
from the query, so `open_register` decides from the account's count of postings and the book's
count of entries, and the cursor carries that choice to every page (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, func, literal, select, tuple_
from sqlalchemy.orm import Session

from coopdesk.db.models import journal_entries, members, postings
from coopdesk.db.plain_rows import plain_rows
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.money import Money

#: Rows per page the screen asks for; the choice of plan is balanced for pages of this size.
PAGE_SIZE = 200
# Walking the date index costs about 2/3 of what sorting costs per row (measured on the
# benchmark book): walk when count * count > PAGE_SIZE * entries * 2/3.
_WALK_NUMERATOR, _WALK_DENOMINATOR = 2, 3


@dataclass(frozen=True, slots=True, order=True)
class RegisterKey:
    """Where a posting stands in its register: date, entry, line."""

    date: dt.date
    entry_id: int
    line_no: int


@dataclass(frozen=True, slots=True)
class RegisterCursor:
    """Where the next page of one account's register starts, and what it needs to know.

    `balance_after` is the balance after the next row to read (minor units); `remaining` the
    number of rows not read yet; `walk_dates` the plan chosen (module docstring)."""

    account_id: int
    currency: str
    postings: int
    closing_balance: Money
    remaining: int
    balance_after: int
    before: RegisterKey | None
    walk_dates: bool

    @property
    def exhausted(self) -> bool:
        return self.remaining <= 0


@dataclass(frozen=True, slots=True)
class RegisterLine:
    """One posting to the account, newest first, with the account's balance after it."""

    key: RegisterKey
    kind: str
    memo: str
    member_number: str | None
    member_name: str | None
    amount: Money
    balance: Money

    @property
    def entry_id(self) -> int:
        return self.key.entry_id

    @property
    def date(self) -> dt.date:
        return self.key.date


def open_register(session: Session, account_code: str) -> RegisterCursor:
    """A cursor at the newest end of the account's register: its count of postings and closing
    balance, read from the account's index alone."""
    account_id = account_id_for(session, account_code)
    count, total = session.execute(
        select(func.count(), func.coalesce(func.sum(postings.c.amount), 0))
        .where(postings.c.account_id == account_id)
    ).one()
    # Entries are numbered from 1 and never deleted, so the last number is their count.
    entries = session.execute(select(func.coalesce(func.max(journal_entries.c.id), 0))).scalar_one()
    walk = count * count * _WALK_DENOMINATOR > PAGE_SIZE * entries * _WALK_NUMERATOR
    currency = book_currency(session)
    return RegisterCursor(account_id, currency, count, Money.from_minor(total, currency),
                          remaining=count, balance_after=total, before=None, walk_dates=walk)


def register_page(session: Session, cursor: RegisterCursor,
                  limit: int = PAGE_SIZE) -> tuple[list[RegisterLine], RegisterCursor]:
    """The next `limit` rows of the register (fewer at its start), and the cursor after them."""
    if cursor.exhausted:
        return [], cursor
    e, p = journal_entries, postings
    # "+ 0" keeps SQLite from driving the query with the account's index when walking dates.
    account = (p.c.account_id + 0) if cursor.walk_dates else p.c.account_id
    query = (
        select(e.c.entry_date, e.c.id, p.c.line_no, e.c.kind, e.c.memo, members.c.number,
               members.c.display_name, p.c.amount)
        .select_from(e.join(p, p.c.entry_id == e.c.id)
                     .outerjoin(members, members.c.id == p.c.member_id))
        .where(account == cursor.account_id)
        .order_by(e.c.entry_date.desc(), e.c.id.desc(), p.c.line_no.desc())
        # Never more than remain: the last page then stops at the account's first posting
        # instead of walking on to the book's first entry.
        .limit(min(limit, cursor.remaining))
    )
    if cursor.before is not None:
        query = query.where(_before(cursor.before))
    currency = cursor.currency
    balance = cursor.balance_after
    lines: list[RegisterLine] = []
    for date, entry_id, line_no, kind, memo, number, name, amount in plain_rows(session, query):
        lines.append(RegisterLine(RegisterKey(date, entry_id, line_no), kind, memo or "", number,
                                  name, Money.from_minor(amount, currency),
                                  Money.from_minor(balance, currency)))
        balance -= amount
    if not lines:
        return [], replace(cursor, remaining=0)
    remaining = cursor.remaining - len(lines) if len(lines) == min(limit, cursor.remaining) else 0
    return lines, replace(cursor, remaining=remaining, balance_after=balance,
                          before=lines[-1].key)


def _before(key: RegisterKey) -> ColumnElement[bool]:
    e, p = journal_entries, postings
    values: Any = tuple_(literal(key.date, Date), literal(key.entry_id, Integer),
                         literal(key.line_no, Integer))
    before: ColumnElement[bool] = tuple_(e.c.entry_date, e.c.id, p.c.line_no) < values
    return before
