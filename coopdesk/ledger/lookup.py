"""Small look-ups every ledger query needs: the book's currency, an account's id by code."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import Account, Setting
from coopdesk.errors import NotFound


def book_currency(session: Session) -> str:
    """The currency every amount of this book is in."""
    value = session.execute(select(Setting.value).where(Setting.key == "currency")).scalar_one_or_none()
    return value or "USD"


def account_id_for(session: Session, code: str) -> int:
    """The id of the account with `code`, or NotFound."""
    account_id = session.execute(select(Account.id).where(Account.code == code)).scalar_one_or_none()
    if account_id is None:
        raise NotFound(f"no account with code {code!r}")
    return account_id
