"""Reads of the member register, as plain frozen rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from coopdesk import clock
from coopdesk.db.models import Member, MemberChange, MemberClass
from coopdesk.errors import NotFound
from coopdesk.members.status import StatusFacts, derive_status
from coopdesk.members.types import Status
from coopdesk.settings import load_settings


@dataclass(frozen=True, slots=True)
class DuesFacts:
    """What the dues feature knows about a member's payments, for deriving status."""

    first_dues_unpaid: bool = False
    months_in_arrears: int = 0


@dataclass(frozen=True, slots=True)
class MemberRow:
    number: str
    display_name: str
    sort_name: str
    kind: str
    class_code: str | None
    join_date: dt.date | None
    leave_date: dt.date | None
    status: str
    email: str
    phone: str
    city: str
    payer_number: str | None


@dataclass(frozen=True, slots=True)
class MemberDetail:
    number: str
    display_name: str
    sort_name: str
    kind: str
    class_code: str | None
    class_votes: bool
    join_date: dt.date | None
    leave_date: dt.date | None
    leave_reason: str | None
    status: str
    status_override: str | None
    status_override_reason: str | None
    address_lines: tuple[str, ...]
    postal_code: str
    city: str
    region: str
    country: str
    email: str
    phone: str
    language: str | None
    payer_number: str | None
    notes: str
    version: int


@dataclass(frozen=True, slots=True)
class ChangeRow:
    changed_at: str
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class ClassRow:
    code: str
    name: str
    votes: bool


def list_classes(session: Session) -> list[ClassRow]:
    """The book's member classes, in their order."""
    rows = session.execute(select(MemberClass.code, MemberClass.name, MemberClass.votes)
                           .order_by(MemberClass.position))
    return [ClassRow(code, name, votes) for code, name, votes in rows]


def list_members(session: Session, as_of: dt.date | None = None,
                 dues: Mapping[int, DuesFacts] | None = None,
                 status: str | None = None, class_code: str | None = None) -> list[MemberRow]:
    """The register in sort-name order, each member's status derived as of a date."""
    day = as_of or clock.today()
    grace = load_settings(session).grace_months
    payer = aliased(Member)
    query = (
        select(Member, MemberClass.code, payer.number)
        .outerjoin(MemberClass, MemberClass.id == Member.class_id)
        .outerjoin(payer, payer.id == Member.payer_id)
        .order_by(Member.sort_name, Member.number)
    )
    if class_code is not None:
        query = query.where(MemberClass.code == class_code)
    rows = []
    for member, code, payer_number in session.execute(query):
        member_status = _status(member, day, grace, (dues or {}).get(member.id))
        if status is not None and member_status != status:
            continue
        rows.append(MemberRow(member.number, member.display_name, member.sort_name, member.kind, code,
                              member.join_date, member.leave_date, member_status, member.email,
                              member.phone, member.city, payer_number))
    return rows


def member_detail(session: Session, number: str, as_of: dt.date | None = None,
                  dues: DuesFacts | None = None) -> MemberDetail:
    """Everything the register holds about one member."""
    member = _get(session, number)
    member_class = session.get(MemberClass, member.class_id) if member.class_id else None
    payer = session.get(Member, member.payer_id) if member.payer_id else None
    status = _status(member, as_of or clock.today(), load_settings(session).grace_months, dues)
    return _detail(member, member_class, payer.number if payer else None, status)


def member_details(session: Session, as_of: dt.date | None = None,
                   dues: Mapping[int, DuesFacts] | None = None) -> list[MemberDetail]:
    """Everything the register holds about every member, in sort-name order (the export).

    One query for the whole register, where `member_detail` for each member would cost three.
    """
    day = as_of or clock.today()
    grace = load_settings(session).grace_months
    payer = aliased(Member)
    query = (select(Member, MemberClass, payer.number)
             .outerjoin(MemberClass, MemberClass.id == Member.class_id)
             .outerjoin(payer, payer.id == Member.payer_id)
             .order_by(Member.sort_name, Member.number))
    return [_detail(member, member_class, payer_number,
                    _status(member, day, grace, (dues or {}).get(member.id)))
            for member, member_class, payer_number in session.execute(query)]


def _detail(member: Member, member_class: MemberClass | None, payer_number: str | None,
            status: Status) -> MemberDetail:
    return MemberDetail(
        member.number, member.display_name, member.sort_name, member.kind,
        member_class.code if member_class else None, bool(member_class and member_class.votes),
        member.join_date, member.leave_date, member.leave_reason, status, member.status_override,
        member.status_override_reason, tuple(line for line in member.address_lines.split("\n") if line),
        member.postal_code, member.city, member.region, member.country, member.email, member.phone,
        member.language, payer_number, member.notes, member.version,
    )


def member_history(session: Session, number: str) -> list[ChangeRow]:
    """Every recorded change to one member, oldest first."""
    member = _get(session, number)
    rows = session.execute(
        select(MemberChange.changed_at, MemberChange.field, MemberChange.before, MemberChange.after)
        .where(MemberChange.member_id == member.id).order_by(MemberChange.id))
    return [ChangeRow(*row) for row in rows]


def _status(member: Member, day: dt.date, grace: int, dues: DuesFacts | None) -> Status:
    facts = dues or DuesFacts()
    return derive_status(StatusFacts(member.join_date, member.leave_date, member.leave_reason,
                                     member.status_override, facts.first_dues_unpaid,
                                     facts.months_in_arrears), day, grace)


def _get(session: Session, number: str) -> Member:
    member = session.execute(select(Member).where(Member.number == number)).scalar_one_or_none()
    if member is None:
        raise NotFound(f"no member with number {number!r}")
    return member
