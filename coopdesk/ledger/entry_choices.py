"""What a form for typing a journal entry offers and checks against, read in one go.

The form lists the chart and the members to choose from, and checks each draft as it is typed
with the core's own `rules.entry_problems`, which needs the accounts' rules and the closed date:
the form says exactly what `post_entry` would say, before anything is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import Account, Member
from coopdesk.ledger.lookup import book_currency
from coopdesk.ledger.service import closed_through
from coopdesk.ledger.types import AccountRule


@dataclass(frozen=True, slots=True)
class AccountChoice:
    """An account of the chart, with what posting to it requires."""

    id: int
    code: str
    name: str
    type: str
    is_open: bool
    member_ledger: bool
    fund_ledger: bool

    @property
    def rule(self) -> AccountRule:
        return AccountRule(self.id, self.code, self.is_open, self.member_ledger, self.fund_ledger)


@dataclass(frozen=True, slots=True)
class MemberChoice:
    """A member a posting may name (former members too: their capital is still owed)."""

    id: int
    number: str
    name: str


@dataclass(frozen=True, slots=True)
class EntryChoices:
    """The chart in code order, the members by number, the book's currency and closed date."""

    accounts: tuple[AccountChoice, ...]
    members: tuple[MemberChoice, ...]
    currency: str
    closed_through: dt.date | None

    def rules(self) -> dict[int, AccountRule]:
        """The accounts as `entry_problems` takes them."""
        return {account.id: account.rule for account in self.accounts}


def entry_choices(session: Session) -> EntryChoices:
    """Accounts, members, currency and closed date, read in the caller's transaction."""
    accounts = tuple(AccountChoice(*row) for row in session.execute(
        select(Account.id, Account.code, Account.name, Account.type, Account.is_open,
               Account.member_ledger, Account.fund_ledger).order_by(Account.code)))
    members = tuple(MemberChoice(*row) for row in session.execute(
        select(Member.id, Member.number, Member.display_name).order_by(Member.number)))
    return EntryChoices(accounts, members, book_currency(session), closed_through(session))
