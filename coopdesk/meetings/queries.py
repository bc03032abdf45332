"""Meetings as plain rows: the list, one meeting with its eligibility and quorum, attendance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from coopdesk.db.models import Attendance, Meeting, Member
from coopdesk.meetings.eligibility import VoterRow, voter_list
from coopdesk.meetings.quorum import QuorumRule, Worksheet, quorum_needed
from coopdesk.meetings.service import meeting_by_id, rule_of


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: int
    meeting_date: dt.date
    kind: str
    title: str
    record_date: dt.date
    quorum: QuorumRule
    proxies_allowed: bool
    max_proxies: int | None
    notes: str


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    member_number: str
    member_name: str
    sort_name: str
    proxy_holder_number: str | None  # None: present in person
    proxy_holder_name: str | None
    recorded_at: str


@dataclass(frozen=True, slots=True)
class MeetingState:
    """A meeting with who may vote (and who may not, with why), attendance and the quorum."""

    meeting: MeetingRow
    voters: tuple[VoterRow, ...]  # everyone in the register
    attendance: tuple[AttendanceRow, ...]
    worksheet: Worksheet

    @property
    def eligible(self) -> tuple[VoterRow, ...]:
        return tuple(v for v in self.voters if v.eligible)

    @property
    def excluded(self) -> tuple[VoterRow, ...]:
        return tuple(v for v in self.voters if not v.eligible)


def list_meetings(session: Session) -> list[MeetingRow]:
    """Every meeting, the latest first."""
    return [_row(m) for m in session.execute(select(Meeting).order_by(
        Meeting.meeting_date.desc(), Meeting.id.desc())).scalars()]


def meeting_state(session: Session, meeting_id: int) -> MeetingState:
    meeting = meeting_by_id(session, meeting_id)
    voters = tuple(voter_list(session, meeting.record_date))
    attendance = tuple(attendance_list(session, meeting_id))
    eligible = sum(1 for v in voters if v.eligible)
    present = sum(1 for a in attendance if a.proxy_holder_number is None)
    worksheet = Worksheet(eligible, quorum_needed(rule_of(meeting), eligible), present,
                          len(attendance) - present)
    return MeetingState(_row(meeting), voters, attendance, worksheet)


def attendance_list(session: Session, meeting_id: int) -> list[AttendanceRow]:
    holder = aliased(Member)
    rows = session.execute(
        select(Member.number, Member.display_name, Member.sort_name, holder.number, holder.display_name,
               Attendance.recorded_at)
        .join(Member, Member.id == Attendance.member_id)
        .outerjoin(holder, holder.id == Attendance.proxy_holder_id)
        .where(Attendance.meeting_id == meeting_id)
        .order_by(Member.sort_name, Member.number))
    return [AttendanceRow(number, name, sort_name or name, holder_number, holder_name, at)
            for number, name, sort_name, holder_number, holder_name, at in rows]


def _row(m: Meeting) -> MeetingRow:
    return MeetingRow(m.id, m.meeting_date, m.kind, m.title, m.record_date, rule_of(m),
                      m.proxies_allowed, m.max_proxies, m.notes)


__all__ = ["AttendanceRow", "MeetingRow", "MeetingState", "attendance_list",
           "list_meetings", "meeting_state"]
