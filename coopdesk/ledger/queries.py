"""Reads of the ledger, returned as plain frozen rows (never live ORM objects).

Balances are always sums over postings; nothing here is a stored total that could drift.
Amounts come back as `Money` in the book's currency; positive balances are debits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar, Unpack

from sqlalchemy import Column, Select, Table, func, select
from sqlalchemy.orm import Session

from coopdesk.db.models import (
    Account,
    Posting,
    Setting,
    accounts,
    funds,
    journal_entries,
    members,
    postings,
)
from coopdesk.db.plain_rows import plain_rows
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.register import Register, RegisterRow, register
from coopdesk.money import Money

__all__ = [
    "AccountBalanceRow", "AccountRow", "FundBalanceRow", "MemberBalanceRow", "Register",
    "RegisterRow", "TrialBalanceRow", "account_balances", "book_currency", "fund_balances",
    "list_accounts", "member_balances", "register", "trial_balance",
]


@dataclass(frozen=True, slots=True)
class TrialBalanceRow:
    code: str
    name: str
    type: str
    debit: Money
    credit: Money


@dataclass(frozen=True, slots=True)
class AccountBalanceRow:
    code: str
    name: str
    type: str
    balance: Money


@dataclass(frozen=True, slots=True)
class MemberBalanceRow:
    member_number: str
    member_name: str
    account_code: str
    balance: Money


@dataclass(frozen=True, slots=True)
class FundBalanceRow:
    fund_code: str
    fund_name: str
    account_code: str
    balance: Money


@dataclass(frozen=True, slots=True)
class AccountRow:
    code: str
    name: str
    type: str
    parent_code: str | None
    is_open: bool
    member_ledger: bool
    fund_ledger: bool


_Query = TypeVar("_Query", bound=Select[Unpack[tuple[Any, ...]]])


def _up_to(query: _Query, as_of: dt.date | None) -> _Query:
    """Restrict a query over postings to entries dated on or before `as_of`."""
    if as_of is None:
        return query
    return query.join(journal_entries, journal_entries.c.id == postings.c.entry_id).where(
        journal_entries.c.entry_date <= as_of
    )


def list_accounts(session: Session) -> list[AccountRow]:
    """The chart of accounts in code order."""
    parent = Account.__table__.alias("parent")
    rows = session.execute(
        select(Account.code, Account.name, Account.type, parent.c.code, Account.is_open,
               Account.member_ledger, Account.fund_ledger)
        .outerjoin(parent, parent.c.id == Account.parent_id)
        .order_by(Account.code)
    )
    return [AccountRow(*row) for row in rows]


def account_balances(session: Session, as_of: dt.date | None = None) -> list[AccountBalanceRow]:
    """Every account's balance as of a date (all dates when None), in code order."""
    currency = book_currency(session)
    sums = _up_to(
        select(Posting.account_id, func.sum(Posting.amount).label("total")).group_by(Posting.account_id),
        as_of,
    ).subquery()
    rows = session.execute(
        select(Account.code, Account.name, Account.type, func.coalesce(sums.c.total, 0))
        .outerjoin(sums, sums.c.account_id == Account.id)
        .order_by(Account.code)
    )
    return [AccountBalanceRow(code, name, type_, Money.from_minor(total, currency))
            for code, name, type_, total in rows]


def trial_balance(session: Session, as_of: dt.date | None = None) -> list[TrialBalanceRow]:
    """Each account's balance split into debit and credit columns; the columns' totals agree."""
    rows = []
    for row in account_balances(session, as_of):
        zero = Money.zero(row.balance.currency)
        debit = row.balance if row.balance.is_positive else zero
        credit = -row.balance if row.balance.is_negative else zero
        rows.append(TrialBalanceRow(row.code, row.name, row.type, debit, credit))
    return rows


# The reports below can return thousands of rows: they select table columns and read them as
# plain tuples (`plain_rows`), since SQLAlchemy's per-row result handling made them up to half
# again as slow as the driver alone (docs/performance.md).


def member_balances(session: Session, as_of: dt.date | None = None,
                    account_code: str | None = None) -> list[MemberBalanceRow]:
    """Each member's balance on each member-ledger account, by member number then account."""
    account_id = None if account_code is None else account_id_for(session, account_code)
    rows = _sub_ledger_balances(session, postings.c.member_id, members, members.c.number,
                                members.c.display_name, as_of, account_id)
    return [MemberBalanceRow(*row) for row in rows]


def fund_balances(session: Session, as_of: dt.date | None = None) -> list[FundBalanceRow]:
    """Each fund's balance on each fund-ledger account, by fund code then account."""
    rows = _sub_ledger_balances(session, postings.c.fund_id, funds, funds.c.code, funds.c.name, as_of)
    return [FundBalanceRow(*row) for row in rows]


def _sub_ledger_balances(
    session: Session, owner_id: Column[Any], owners: Table,
    owner_code: Column[Any], owner_name: Column[Any],
    as_of: dt.date | None, account_id: int | None = None,
) -> list[tuple[str, str, str, Money]]:
    """(owner code, owner name, account code, balance) for every owner (member or fund) and
    account of a sub-ledger, summed over postings, in code order."""
    query = (
        select(owner_id, postings.c.account_id, func.sum(postings.c.amount).label("total"))
        .where(owner_id.is_not(None))
        .group_by(owner_id, postings.c.account_id)
    )
    if account_id is not None:
        query = query.where(postings.c.account_id == account_id)
    sums = _up_to(query, as_of).subquery()
    rows = plain_rows(
        session,
        select(owner_code, owner_name, accounts.c.code, sums.c.total)
        .select_from(
            owners.join(sums, sums.c[owner_id.key] == owners.c.id)
            .join(accounts, accounts.c.id == sums.c.account_id)
        )
        .order_by(owner_code, accounts.c.code)
    )
    balances = _MoneyByUnits(book_currency(session))
    return [(code, name, account, balances[total]) for code, name, account, total in rows]


class _MoneyByUnits(dict[int, Money]):
    """Money for minor units, each amount built once.

    A report repeats the same few amounts many times (a dues run charges thousands of members
    the same sum), and Money is immutable, so one object can stand for all of them.
    """

    def __init__(self, currency: str) -> None:
        super().__init__()
        self.currency = currency

    def __missing__(self, units: int) -> Money:
        money = self[units] = Money.from_minor(units, self.currency)
        return money
