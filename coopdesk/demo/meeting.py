"""The demo co-op's next annual meeting: a month from today, its record date a fortnight before
it, quorum 10 % of the eligible voters or 5 members, whichever is greater, one proxy each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from coopdesk.meetings.quorum import Combine, QuorumRule
from coopdesk.meetings.service import MeetingDraft, add_meeting


def add_annual_meeting(session: Session, today: dt.date) -> int:
    day = today + dt.timedelta(days=30)
    return add_meeting(session, MeetingDraft(
        meeting_date=day, record_date=day - dt.timedelta(days=14), kind="annual",
        title=f"Annual meeting {day.year}", quorum=QuorumRule(Decimal(10), 5, Combine.GREATER),
        proxies_allowed=True, max_proxies=1,
        notes="Community hall, 7 pm. Agenda: the year's accounts, the patronage allocation, "
              "the hardship fund, electing two board members."))
