"""A member's status on a date, derived by ordered rules (the first that matches wins).

As in mature membership systems (CiviCRM's status rules): a manual override first, then
leaving (deceased or withdrawn), then not yet joined or first dues unpaid (pending), then the
arrears: none (active), within the grace allowance (in grace), beyond it (lapsed). Pure: the
caller supplies the facts, the dues feature computes the arrears.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coopdesk.members.types import LeaveReason, Status


@dataclass(frozen=True, slots=True)
class StatusFacts:
    join_date: dt.date | None
    leave_date: dt.date | None = None
    leave_reason: str | None = None
    override: str | None = None
    first_dues_unpaid: bool = False
    months_in_arrears: int = 0


def derive_status(facts: StatusFacts, as_of: dt.date, grace_months: int) -> Status:
    """The member's status on `as_of` under a grace allowance of `grace_months` months."""
    if facts.override is not None:
        return Status(facts.override)
    if facts.leave_date is not None and facts.leave_date <= as_of:
        return Status.DECEASED if facts.leave_reason == LeaveReason.DECEASED else Status.WITHDRAWN
    if facts.join_date is None or facts.join_date > as_of or facts.first_dues_unpaid:
        return Status.PENDING
    if facts.months_in_arrears <= 0:
        return Status.ACTIVE
    if facts.months_in_arrears <= grace_months:
        return Status.IN_GRACE
    return Status.LAPSED
