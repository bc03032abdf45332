"""Changing the chart of accounts: adding an account, closing and reopening one.

An account that has postings is never deleted (the ledger is append-only); it is closed, which
refuses new postings to it, and only once its balance is zero so no money is hidden away.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.changes import note_changes
from coopdesk.db.models import ACCOUNT_TYPES, Account, Posting
from coopdesk.errors import CoopdeskError, NotFound, ValidationError
from coopdesk.ids import AccountId


def add_account(session: Session, code: str, name: str, type: str, *, parent_code: str | None = None,
                member_ledger: bool = False, fund_ledger: bool = False) -> AccountId:
    """Add an open account to the chart; every problem is reported at once."""
    code, name = code.strip(), name.strip()
    problems = []
    if not code:
        problems.append("an account needs a code")
    elif session.execute(select(Account.id).where(Account.code == code)).first() is not None:
        problems.append(f"there is already an account with code {code!r}")
    if not name:
        problems.append("an account needs a name")
    if type not in ACCOUNT_TYPES:
        problems.append(f"the type must be one of {', '.join(ACCOUNT_TYPES)}, not {type!r}")
    parent: Account | None = None
    if parent_code is not None:
        parent = session.execute(select(Account).where(Account.code == parent_code)).scalar_one_or_none()
        if parent is None:
            problems.append(f"no parent account with code {parent_code!r}")
        elif parent.type != type:
            problems.append(f"the parent {parent_code} is of type {parent.type}; "
                            f"an account of type {type} cannot sit under it")
    if member_ledger and fund_ledger:
        problems.append("an account keeps either a member or a fund sub-ledger, not both")
    if problems:
        raise ValidationError(problems, subject="account")
    account = Account(code=code, name=name, type=type, parent_id=parent.id if parent else None,
                      is_open=True, member_ledger=member_ledger, fund_ledger=fund_ledger)
    session.add(account)
    session.flush()
    note_changes(session, area="accounts", accounts=[account.id])
    return AccountId(account.id)


def close_account(session: Session, code: str) -> AccountId:
    """Close an account whose balance is zero; it keeps its history but takes no new postings."""
    account = _get(session, code)
    if not account.is_open:
        raise CoopdeskError(f"account {code} is already closed")
    balance = session.execute(
        select(func.coalesce(func.sum(Posting.amount), 0)).where(Posting.account_id == account.id)
    ).scalar_one()
    if balance != 0:
        raise CoopdeskError(f"account {code} still has a balance; move it to another account "
                            "with an entry before closing it")
    account.is_open = False
    session.flush()
    note_changes(session, area="accounts", accounts=[account.id])
    return AccountId(account.id)


def reopen_account(session: Session, code: str) -> AccountId:
    """Open a closed account again."""
    account = _get(session, code)
    if account.is_open:
        raise CoopdeskError(f"account {code} is open already")
    account.is_open = True
    session.flush()
    note_changes(session, area="accounts", accounts=[account.id])
    return AccountId(account.id)


def _get(session: Session, code: str) -> Account:
    account = session.execute(select(Account).where(Account.code == code)).scalar_one_or_none()
    if account is None:
        raise NotFound(f"no account with code {code!r}")
    return account
