"""Which members a batch of statements goes to, when the treasurer does not name them.

By default: everyone who was a member at some time in the period (joined by its end, not left
before its start), and anyone else whose dues account is not settled (a former member who
still owes, or holds credit), in the register's order (sort name, then number). A status
narrows it to the members of that status on the statement date, as the register derives it;
"arrears" means every member with dues overdue (in grace or lapsed, or left owing).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import members
from coopdesk.db.plain_rows import plain_rows
from coopdesk.dues.accounts import DUES_RECEIVABLE, PREPAYMENTS
from coopdesk.dues.queries import dues_facts
from coopdesk.errors import InputError
from coopdesk.ledger.lookup import account_id_for
from coopdesk.members.queries import DuesFacts
from coopdesk.members.status import StatusFacts, derive_status
from coopdesk.members.types import Status
from coopdesk.settings import load_settings
from coopdesk.statements.reading import account_totals

ARREARS = "arrears"
#: What `statement_members` accepts as `status`.
STATUS_CHOICES = (ARREARS, *(status.value for status in Status))


def statement_members(session: Session, date_from: dt.date, date_to: dt.date, *,
                      today: dt.date, status: str | None = None) -> list[str]:
    """The numbers of the members to send statements for the period to, in register order."""
    if status is not None and status not in STATUS_CHOICES:
        raise InputError(f"{status!r} is not a status: choose one of {', '.join(STATUS_CHOICES)}")
    rows = plain_rows(session, select(
        members.c.id, members.c.number, members.c.join_date, members.c.leave_date,
        members.c.leave_reason, members.c.status_override).order_by(members.c.sort_name,
                                                                    members.c.number))
    accounts = (account_id_for(session, DUES_RECEIVABLE), account_id_for(session, PREPAYMENTS))
    totals = account_totals(session, accounts, [row[0] for row in rows])
    facts = dues_facts(session, today) if status is not None else {}
    grace = load_settings(session).grace_months
    chosen = []
    for member_id, number, joined, left, reason, override in rows:
        current = (joined is not None and joined <= date_to) and (left is None or left >= date_from)
        unsettled = totals.get(member_id, (0, 0))[0] != 0
        if not (current or unsettled):
            continue
        if status is not None:
            known = facts.get(member_id, DuesFacts())
            if status == ARREARS:
                if known.months_in_arrears <= 0:
                    continue
            elif derive_status(StatusFacts(joined, left, reason, override, known.first_dues_unpaid,
                                           known.months_in_arrears), today, grace) != status:
                continue
        chosen.append(number)
    return chosen
