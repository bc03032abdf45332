"""Who may vote at a meeting: members in good standing on its record date whose class votes.

Everyone else in the register is listed too, with why not, so that the board can settle
questions before the meeting rather than at the door:

- `not_joined`: not a member yet on the record date (joins later, or no join date);
- `left`: left on or before the record date;
- `no_vote`: their member class does not vote (a member without a class votes);
- `pending`: their first dues were not paid by the record date;
- `in_arrears`: behind with their dues beyond the grace allowance on the record date;
- `status`: the register's status was set by hand to one that is not in good standing.

Standing is the register's (`members.status.derive_status`) on the record date, from the dues
as they stood that day (`dues.standing.standing_facts`): a payment recorded on the record date
counts, one recorded the day after does not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.dues.standing import standing_facts
from coopdesk.db.models import Member, MemberClass
from coopdesk.members.status import StatusFacts, derive_status
from coopdesk.members.types import Status
from coopdesk.settings import load_settings

#: Why a member may not vote, by code, in the words of the register (documents translate them).
REASONS = {
    "not_joined": "not a member on the record date",
    "left": "left before the record date",
    "no_vote": "member class without a vote",
    "pending": "first dues not paid by the record date",
    "in_arrears": "in arrears on the record date",
    "status": "not in good standing (set in the register)",
}


@dataclass(frozen=True, slots=True)
class VoterRow:
    member_id: int
    number: str
    name: str
    sort_name: str
    class_code: str | None
    class_name: str | None
    eligible: bool
    reason: str | None  # a code of REASONS when not eligible
    months_in_arrears: int = 0
    left_on: dt.date | None = None

    @property
    def why(self) -> str:
        if self.reason is None:
            return ""
        if self.reason == "left" and self.left_on is not None:
            return f"left on {self.left_on.isoformat()}"
        if self.reason == "in_arrears":
            return f"in arrears on the record date ({self.months_in_arrears} months)"
        return REASONS[self.reason]


def voter_list(session: Session, record_date: dt.date) -> list[VoterRow]:
    """Every member of the register, eligible or not (with why), by name."""
    grace = load_settings(session).grace_months
    facts = standing_facts(session, record_date)
    classes = {class_id: (code, name, votes) for class_id, code, name, votes in session.execute(
        select(MemberClass.id, MemberClass.code, MemberClass.name, MemberClass.votes))}
    rows = []
    for member_id, number, name, sort_name, class_id, joined, left, reason, override in session.execute(
            select(Member.id, Member.number, Member.display_name, Member.sort_name, Member.class_id,
                   Member.join_date, Member.leave_date, Member.leave_reason, Member.status_override)
            .order_by(Member.sort_name, Member.number)):
        code, class_name, votes = classes.get(class_id, (None, None, True)) if class_id else (None, None, True)
        first_unpaid, months = facts.get(member_id, (False, 0))
        status = derive_status(StatusFacts(joined, left, reason, override, first_unpaid, months),
                               record_date, grace)
        why: str | None = None
        if joined is None or joined > record_date:
            why = "not_joined"
        elif left is not None and left <= record_date:
            why = "left"
        elif not votes:
            why = "no_vote"
        elif override is not None and not status.in_good_standing:
            why = "status"
        elif status is Status.PENDING:
            why = "pending"
        elif not status.in_good_standing:
            why = "in_arrears"
        rows.append(VoterRow(member_id, number, name, sort_name or name, code, class_name, why is None,
                             why, months if why == "in_arrears" else 0, left if why == "left" else None))
    return rows


def eligible_voters(session: Session, record_date: dt.date) -> list[VoterRow]:
    return [row for row in voter_list(session, record_date) if row.eligible]
