"""The member's standing as a statement tells it, and when what they owe is due.

Standing follows the status the register derives (`members.status`): active and in grace are
in good standing (`Status.in_good_standing`), lapsed is in arrears, pending and left say so.

What is due is the closing balance when the member owes (a credit leaves nothing due), payable
`DUE_DAYS` days after the statement date. A fixed delay rather than the next dues date: it is
what the member can rely on whatever their plan (monthly, yearly, waived), and the same for
every statement of a batch.
"""

from __future__ import annotations

import datetime as dt

from coopdesk.members.types import Status
from coopdesk.money import Money
from coopdesk.statements.types import Standing

#: Days after the statement date by which the amount due should be paid.
DUE_DAYS = 30


def standing_of(status: Status) -> Standing:
    """The standing a statement shows for a member of `status`."""
    if status.in_good_standing:
        return Standing.GOOD
    if status is Status.LAPSED:
        return Standing.IN_ARREARS
    if status is Status.PENDING:
        return Standing.PENDING
    return Standing.ENDED


def amount_due(closing_balance: Money) -> Money:
    """What the member is asked to pay: the balance they owe, nothing for a credit."""
    return closing_balance if closing_balance.is_positive else Money.zero(closing_balance.currency)


def due_date(statement_date: dt.date, due: Money, days: int = DUE_DAYS) -> dt.date | None:
    """By when `due` should be paid; None when nothing is due."""
    return statement_date + dt.timedelta(days=days) if due.is_positive else None


def months_behind(oldest_open_start: dt.date | None, day: dt.date) -> int:
    """Months a charge due on `oldest_open_start` has been unpaid by `day`, its own month
    counting one (as `dues.queries` counts arrears); 0 when nothing is open."""
    if oldest_open_start is None:
        return 0
    return max(0, (day.year - oldest_open_start.year) * 12 + day.month - oldest_open_start.month + 1)
