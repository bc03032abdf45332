"""An account's register: every posting to it in date order, with the running balance.

A busy account's register holds hundreds of thousands of postings. The query reads them as
plain tuples and sums the running balance (the real work); each `RegisterRow`, with its two
`Money` values, is built when it is asked for. A table on screen asks for a screenful; a
report that walks every row pays for every row, and no more than before (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import journal_entries, members, postings
from coopdesk.db.plain_rows import plain_rows
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.money import Money

#: entry id, date, kind, memo, member number, amount and balance after it, in minor units.
_Line = tuple[int, dt.date, str, str, "str | None", int, int]


@dataclass(frozen=True, slots=True)
class RegisterRow:
    entry_id: int
    date: dt.date
    kind: str
    memo: str
    member_number: str | None
    amount: Money
    balance: Money


class Register(Sequence[RegisterRow]):
    """The rows of one account's register, oldest first; an immutable sequence."""

    __slots__ = ("_lines", "currency")

    def __init__(self, lines: list[_Line], currency: str) -> None:
        self._lines = lines
        self.currency = currency

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> RegisterRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[RegisterRow]: ...

    def __getitem__(self, index: int | slice) -> RegisterRow | list[RegisterRow]:
        if isinstance(index, slice):
            return [self._row(line) for line in self._lines[index]]
        return self._row(self._lines[index])

    def __iter__(self) -> Iterator[RegisterRow]:
        return map(self._row, self._lines)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Register):
            return self.currency == other.currency and self._lines == other._lines
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Register({len(self)} rows, {self.currency})"

    @property
    def closing_balance(self) -> Money:
        """The balance after the last row (zero for an empty register)."""
        return Money.from_minor(self._lines[-1][6] if self._lines else 0, self.currency)

    def _row(self, line: _Line) -> RegisterRow:
        entry_id, date, kind, memo, number, amount, balance = line
        currency = self.currency
        return RegisterRow(entry_id, date, kind, memo, number,
                           Money.from_minor(amount, currency), Money.from_minor(balance, currency))


def register(session: Session, account_code: str, as_of: dt.date | None = None) -> Register:
    """Every posting to one account in date order, with the running balance after each."""
    currency = book_currency(session)
    account_id = account_id_for(session, account_code)
    query = (
        select(journal_entries.c.id, journal_entries.c.entry_date, journal_entries.c.kind,
               journal_entries.c.memo, members.c.number, postings.c.amount)
        .select_from(
            journal_entries.join(postings, postings.c.entry_id == journal_entries.c.id)
            .outerjoin(members, members.c.id == postings.c.member_id)
        )
        .where(postings.c.account_id == account_id)
        .order_by(journal_entries.c.entry_date, journal_entries.c.id, postings.c.line_no)
    )
    if as_of is not None:
        query = query.where(journal_entries.c.entry_date <= as_of)
    lines: list[_Line] = []
    append = lines.append
    running = 0
    for entry_id, date, kind, memo, number, amount in plain_rows(session, query):
        running += amount
        append((entry_id, date, kind, memo, number, amount, running))
    return Register(lines, currency)
