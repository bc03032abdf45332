"""Everything shown about one member at once: their record, their dues account and the history
of changes to their record, read in one transaction so the three agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from coopdesk.dues.queries import AccountLine, member_account
from coopdesk.members.queries import ChangeRow, DuesFacts, MemberDetail, member_detail, member_history


@dataclass(frozen=True, slots=True)
class MemberPage:
    detail: MemberDetail
    account: tuple[AccountLine, ...]
    history: tuple[ChangeRow, ...]


def member_page(session: Session, number: str, as_of: dt.date | None = None,
                dues: DuesFacts | None = None) -> MemberPage:
    """Member `number`'s record (status derived on `as_of` from `dues`, the facts the register
    list computed for every member at once), their whole dues account and their history."""
    return MemberPage(member_detail(session, number, as_of, dues),
                      tuple(member_account(session, number)),
                      tuple(member_history(session, number)))
