"""Adding a meeting, and recording attendance at the door.

Attendance: an eligible voter is present, or represented by the proxy of another eligible
voter who is present, when the meeting allows proxies, up to its maximum per holder. A member
is recorded once; a mistake at the door is undone with `remove_attendance` (a member who leaves
early stays counted: the quorum is taken at the start).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import note_changes
from coopdesk.db.models import Attendance, Meeting, Member
from coopdesk.errors import CoopdeskError, NotFound, ValidationError
from coopdesk.meetings.eligibility import voter_list
from coopdesk.meetings.quorum import Combine, QuorumRule

KINDS = ("annual", "special")


@dataclass(frozen=True, slots=True)
class MeetingDraft:
    meeting_date: dt.date
    record_date: dt.date
    kind: str = "annual"
    title: str = ""
    quorum: QuorumRule = QuorumRule(percent=Decimal(10))
    proxies_allowed: bool = False
    max_proxies: int | None = None  # per member holding proxies; None: no maximum
    notes: str = ""


def meeting_problems(draft: MeetingDraft) -> list[str]:
    problems = []
    if draft.kind not in KINDS:
        problems.append(f"kind: annual or special, not {draft.kind!r}")
    if draft.record_date > draft.meeting_date:
        problems.append("record date: on or before the meeting's date")
    problems += draft.quorum.problems()
    if draft.max_proxies is not None and (not draft.proxies_allowed or draft.max_proxies < 1):
        problems.append("maximum proxies: at least 1, and only when proxies are allowed")
    return problems


def add_meeting(session: Session, draft: MeetingDraft) -> int:
    problems = meeting_problems(draft)
    if problems:
        raise ValidationError(problems, subject="meeting")
    title = draft.title.strip() or (f"Annual meeting {draft.meeting_date.year}" if draft.kind == "annual"
                                    else f"Special meeting of {draft.meeting_date.isoformat()}")
    meeting = Meeting(meeting_date=draft.meeting_date, kind=draft.kind, title=title,
                      record_date=draft.record_date, quorum_percent=_text(draft.quorum.percent),
                      quorum_number=draft.quorum.number, quorum_combine=draft.quorum.combine.value,
                      proxies_allowed=draft.proxies_allowed, max_proxies=draft.max_proxies,
                      notes=draft.notes.strip())
    session.add(meeting)
    session.flush()
    note_changes(session, area="meetings")
    return meeting.id


def update_meeting(session: Session, meeting_id: int, draft: MeetingDraft) -> None:
    """Change a meeting's date, record date, rules or notes (attendance stays as recorded)."""
    meeting = meeting_by_id(session, meeting_id)
    problems = meeting_problems(draft)
    if problems:
        raise ValidationError(problems, subject="meeting")
    meeting.meeting_date, meeting.record_date, meeting.kind = draft.meeting_date, draft.record_date, draft.kind
    meeting.title = draft.title.strip() or meeting.title
    meeting.quorum_percent = _text(draft.quorum.percent)
    meeting.quorum_number, meeting.quorum_combine = draft.quorum.number, draft.quorum.combine.value
    meeting.proxies_allowed, meeting.max_proxies = draft.proxies_allowed, draft.max_proxies
    meeting.notes = draft.notes.strip()
    session.flush()
    note_changes(session, area="meetings")


def record_attendance(session: Session, meeting_id: int, member_number: str,
                      proxy_holder: str | None = None) -> int:
    """`member_number` is present, or (with `proxy_holder`) represented by that member's proxy."""
    meeting = meeting_by_id(session, meeting_id)
    voters = {row.number: row for row in voter_list(session, meeting.record_date)}
    member = voters.get(member_number.strip())
    if member is None:
        raise NotFound(f"no member with number {member_number!r}")
    if not member.eligible:
        raise CoopdeskError(f"member {member.number} ({member.name}) may not vote: {member.why}")
    ids = dict(session.execute(select(Attendance.member_id, Attendance.proxy_holder_id)
                               .where(Attendance.meeting_id == meeting.id)).all())
    if member.member_id in ids:
        how = ("is already recorded as present" if ids[member.member_id] is None
               else "is already represented by a proxy")
        raise CoopdeskError(f"member {member.number} ({member.name}) {how}")
    holder_id = None
    if proxy_holder is not None:
        holder = voters.get(proxy_holder.strip())
        if not meeting.proxies_allowed:
            raise CoopdeskError("this meeting does not allow proxies")
        if holder is None:
            raise NotFound(f"no member with number {proxy_holder!r}")
        if holder.member_id == member.member_id:
            raise CoopdeskError("a member cannot hold their own proxy")
        if not holder.eligible:
            raise CoopdeskError(f"member {holder.number} ({holder.name}) may not vote, so cannot "
                                f"hold a proxy: {holder.why}")
        if ids.get(holder.member_id, 0) is not None:
            raise CoopdeskError(f"member {holder.number} ({holder.name}) must be present to hold a proxy")
        held = sum(1 for h in ids.values() if h == holder.member_id)
        if meeting.max_proxies is not None and held >= meeting.max_proxies:
            raise CoopdeskError(f"member {holder.number} ({holder.name}) already holds "
                                f"{held} proxies, the most this meeting allows")
        holder_id = holder.member_id
    row = Attendance(meeting_id=meeting.id, member_id=member.member_id, proxy_holder_id=holder_id,
                     recorded_at=clock.now().isoformat(timespec="seconds"))
    session.add(row)
    session.flush()
    note_changes(session, area="meetings", members=[member.member_id])
    return row.id


def remove_attendance(session: Session, meeting_id: int, member_number: str) -> None:
    """Undo a member's attendance recorded by mistake (and the proxies they held)."""
    meeting = meeting_by_id(session, meeting_id)
    member_id = session.execute(select(Member.id).where(Member.number == member_number.strip())).scalar()
    if member_id is None:
        raise NotFound(f"no member with number {member_number!r}")
    holding = session.execute(select(func.count()).select_from(Attendance).where(
        Attendance.meeting_id == meeting.id, Attendance.proxy_holder_id == member_id)).scalar_one()
    if holding:
        raise CoopdeskError(f"member {member_number} holds {holding} proxies: remove those first")
    done = session.execute(delete(Attendance).where(Attendance.meeting_id == meeting.id,
                                                    Attendance.member_id == member_id))
    if not done.rowcount:  # type: ignore[attr-defined]
        raise CoopdeskError(f"member {member_number} is not recorded at this meeting")
    note_changes(session, area="meetings", members=[member_id])


def meeting_by_id(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting {meeting_id}")
    return meeting


def rule_of(meeting: Meeting) -> QuorumRule:
    return QuorumRule(Decimal(meeting.quorum_percent) if meeting.quorum_percent else None,
                      meeting.quorum_number, Combine(meeting.quorum_combine))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


__all__ = ["KINDS", "MeetingDraft", "add_meeting", "meeting_by_id", "meeting_problems",
           "record_attendance", "remove_attendance", "rule_of", "update_meeting"]
