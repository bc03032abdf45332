"""The journal one page at a time, newest first, for a screen that scrolls through it.

A book may hold a million entries; a screen shows a few dozen. `journal_page` reads the entries
that come after a `JournalKey` (keyset paging: the date index is walked from that point, so the
thousandth page costs what the first does, unlike OFFSET), one row per entry with its total, and
whether it was reversed. `entry_detail` reads one entry whole when it is selected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, Select, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from coopdesk.db.models import accounts, funds, journal_entries, members, postings
from coopdesk.db.plain_rows import plain_rows
from coopdesk.errors import NotFound
from coopdesk.ledger.lookup import book_currency
from coopdesk.money import Money

_ENTRY_NUMBER = re.compile(r"#?\s*([0-9]{1,18})")


@dataclass(frozen=True, slots=True)
class JournalFilter:
    """Which entries the journal lists: a date range, a kind, and text found in the memo (or
    an entry number, "123" or "#123")."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    kind: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True, order=True)
class JournalKey:
    """Where an entry stands in the journal: by date, then by number (ties within a day)."""

    date: dt.date
    entry_id: int


@dataclass(frozen=True, slots=True)
class JournalEntryRow:
    """One entry of the journal: `total` is the sum of its debits; `reverses` and
    `reversed_by` link a reversal and the entry it cancels."""

    entry_id: int
    date: dt.date
    kind: str
    memo: str
    total: Money
    reverses: int | None
    reversed_by: int | None

    @property
    def key(self) -> JournalKey:
        return JournalKey(self.date, self.entry_id)

    @property
    def reversible(self) -> bool:
        """Whether `reverse_entry` would accept it: neither a reversal nor reversed already."""
        return self.reverses is None and self.reversed_by is None


@dataclass(frozen=True, slots=True)
class EntryPostingRow:
    """One posting of an entry, with the names a person reads beside the codes."""

    line_no: int
    account_code: str
    account_name: str
    member_number: str | None
    member_name: str | None
    fund_code: str | None
    amount: Money
    memo: str


@dataclass(frozen=True, slots=True)
class EntryDetail:
    """An entry and its postings in line order."""

    entry: JournalEntryRow
    source_ref: str | None
    posted_at: str
    postings: tuple[EntryPostingRow, ...]


_e = journal_entries
_reversal = journal_entries.alias("reversal")


def journal_page(session: Session, criteria: JournalFilter, after: JournalKey | None,
                 limit: int) -> list[JournalEntryRow]:
    """Up to `limit` entries matching `criteria`, newest first, starting after `after` (from the
    newest when None). Fewer than `limit` means the journal ends there."""
    query = _entry_rows(_matching(criteria)).order_by(_e.c.entry_date.desc(), _e.c.id.desc())
    if after is not None:
        query = query.where(_before(after))
    return _rows(session, query.limit(limit))


def journal_key(session: Session, entry_id: int) -> JournalKey:
    """The key of entry `entry_id`; NotFound if there is none."""
    date = session.execute(select(_e.c.entry_date).where(_e.c.id == entry_id)).scalar_one_or_none()
    if date is None:
        raise NotFound(f"no journal entry {entry_id}")
    return JournalKey(date, entry_id)


def first_entry_date(session: Session) -> dt.date | None:
    """The date of the oldest entry (None for an empty book), from the date index."""
    date: dt.date | None = session.execute(select(func.min(_e.c.entry_date))).scalar_one()
    return date


def is_listed(session: Session, criteria: JournalFilter, entry_id: int) -> bool:
    """Whether entry `entry_id` is among those `criteria` lists."""
    query = select(_e.c.id).where(*_conditions(criteria), _e.c.id == entry_id)
    return session.execute(query).first() is not None


def count_listed_before(session: Session, criteria: JournalFilter, key: JournalKey,
                        at_most: int) -> int:
    """How many entries matching `criteria` the journal lists before `key` (newer ones),
    counting no further than `at_most`: enough to decide whether to page down to it."""
    newer = (select(literal(1)).where(*_conditions(criteria))
             .where(tuple_(_e.c.entry_date, _e.c.id) > _key_values(key)).limit(at_most).subquery())
    return session.execute(select(func.count()).select_from(newer)).scalar_one()


def entry_detail(session: Session, entry_id: int) -> EntryDetail:
    """Entry `entry_id` with its postings; NotFound if there is none."""
    query = _entry_rows(select()).add_columns(_e.c.source_ref, _e.c.posted_at).where(
        _e.c.id == entry_id)
    found = plain_rows(session, query)
    if not found:
        raise NotFound(f"no journal entry {entry_id}")
    currency = book_currency(session)
    *entry_fields, source_ref, posted_at = found[0]
    entry = _entry_row(tuple(entry_fields), currency)
    lines = plain_rows(
        session,
        select(postings.c.line_no, accounts.c.code, accounts.c.name, members.c.number,
               members.c.display_name, funds.c.code, postings.c.amount, postings.c.memo)
        .select_from(
            postings.join(accounts, accounts.c.id == postings.c.account_id)
            .outerjoin(members, members.c.id == postings.c.member_id)
            .outerjoin(funds, funds.c.id == postings.c.fund_id)
        )
        .where(postings.c.entry_id == entry_id)
        .order_by(postings.c.line_no)
    )
    return EntryDetail(entry, source_ref, posted_at, tuple(
        EntryPostingRow(line, code, name, number, member_name, fund,
                        Money.from_minor(amount, currency), memo or "")
        for line, code, name, number, member_name, fund, amount, memo in lines
    ))


# -- building the queries ------------------------------------------------------------------


def _conditions(criteria: JournalFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if criteria.date_from is not None:
        where.append(_e.c.entry_date >= criteria.date_from)
    if criteria.date_to is not None:
        where.append(_e.c.entry_date <= criteria.date_to)
    if criteria.kind:
        where.append(_e.c.kind == criteria.kind)
    text = criteria.text.strip()
    if text:
        in_memo = _e.c.memo.contains(text, autoescape=True)
        number = _ENTRY_NUMBER.fullmatch(text)
        where.append(or_(in_memo, _e.c.id == int(number.group(1))) if number else in_memo)
    return where


def _matching(criteria: JournalFilter) -> Select[Any]:
    return select().where(*_conditions(criteria))


def _entry_rows(base: Select[Any]) -> Select[Any]:
    """`base` (its WHERE clauses) selecting an entry row's columns."""
    debits = (
        select(func.coalesce(func.sum(postings.c.amount), 0))
        .where(postings.c.entry_id == _e.c.id, postings.c.amount > 0)
        .scalar_subquery()
    )
    return base.add_columns(_e.c.id, _e.c.entry_date, _e.c.kind, _e.c.memo, debits,
                            _e.c.reverses_id, _reversal.c.id).select_from(
        _e.outerjoin(_reversal, _reversal.c.reverses_id == _e.c.id))


def _key_values(key: JournalKey) -> Any:
    # Typed binds, so the date is written as the column stores it.
    return tuple_(literal(key.date, Date), literal(key.entry_id, Integer))


def _before(key: JournalKey) -> ColumnElement[bool]:
    """Entries listed after `key` in newest-first order. A row-value comparison, which SQLite
    answers with a range of the date index (entry_date <= key's date) from the key on."""
    before: ColumnElement[bool] = tuple_(_e.c.entry_date, _e.c.id) < _key_values(key)
    return before


def _rows(session: Session, query: Select[Any]) -> list[JournalEntryRow]:
    currency = book_currency(session)
    return [_entry_row(row, currency) for row in plain_rows(session, query)]


def _entry_row(row: tuple[Any, ...], currency: str) -> JournalEntryRow:
    entry_id, date, kind, memo, debits, reverses, reversed_by = row
    return JournalEntryRow(entry_id, date, kind, memo or "", Money.from_minor(debits, currency),
                           reverses, reversed_by)
