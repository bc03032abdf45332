"""Writes to the member register: adding, editing, leaving, status overrides, classes.

Every change to a member is recorded field by field in `member_changes` (append-only).
Edits carry the version the editor started from: a member changed meanwhile (in another window)
refuses the edit instead of silently overwriting it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import note_changes
from coopdesk.db.models import Charge, Member, MemberChange, MemberClass
from coopdesk.errors import CoopdeskError, NotFound, ValidationError
from coopdesk.ids import MemberId
from coopdesk.members.types import (
    EDITABLE_FIELDS,
    LeaveReason,
    MemberInput,
    Status,
    default_sort_name,
    member_problems,
)


class EditConflict(CoopdeskError):
    """The member was changed by someone else since the editor read it."""


def add_member(session: Session, member: MemberInput) -> MemberId:
    """Add a member to the register; the number is assigned when not given."""
    problems = member_problems(member) + _reference_problems(session, member, None)
    if member.number is not None and _number_taken(session, member.number.strip(), None):
        problems.append(f"number: member number {member.number.strip()!r} is already taken")
    if problems:
        raise ValidationError(problems, subject="member")
    row = Member(number=member.number.strip() if member.number else next_member_number(session), version=1)
    _apply(session, row, member)
    session.add(row)
    session.flush()
    _record(session, row.id, "created", None, row.number)
    note_changes(session, area="members", members=[row.id])
    return MemberId(row.id)


def edit_member(session: Session, number: str, changes: Mapping[str, Any],
                expected_version: int | None = None) -> MemberId:
    """Change some fields of a member (names as in MemberInput); every change is recorded.

    `expected_version` is the version the editor read; if the member has changed since, the
    edit is refused with EditConflict and nothing is written.
    """
    row = _get(session, number)
    if expected_version is not None and row.version != expected_version:
        raise EditConflict(
            f"member {row.number} was changed elsewhere (in another window?) since you opened "
            "it; nothing was saved. Reload the member and make your change again."
        )
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError([f"{name}: not a field of the register" for name in sorted(unknown)],
                              subject="member")
    current = member_input(session, row)
    edited = dataclasses.replace(current, **changes)
    problems = member_problems(edited, row.leave_date) + _reference_problems(session, edited, row.id)
    if edited.join_date != row.join_date:
        problems += _join_date_problems(session, row)
    if edited.number is not None and edited.number.strip() != row.number and _number_taken(
            session, edited.number.strip(), row.id):
        problems.append(f"number: member number {edited.number.strip()!r} is already taken")
    if problems:
        raise ValidationError(problems, subject="member")
    before = _snapshot(current)
    _apply(session, row, edited)
    after = _snapshot(member_input(session, row))
    changed = [name for name in EDITABLE_FIELDS if before[name] != after[name]]
    if changed:
        row.version += 1
        for name in changed:
            _record(session, row.id, name, before[name], after[name])
        session.flush()
        note_changes(session, area="members", members=[row.id])
    return MemberId(row.id)


def record_leaving(session: Session, number: str, date: dt.date, reason: str,
                   expected_version: int | None = None) -> MemberId:
    """Record that a member left (withdrew, died, was expelled...) on `date`."""
    if reason not in tuple(LeaveReason):
        raise ValidationError([f"reason: must be one of {', '.join(LeaveReason)}, not {reason!r}"],
                              subject="leaving")
    row = _get(session, number)
    _check_version(row, expected_version)
    if row.join_date is not None and date < row.join_date:
        raise ValidationError([f"date: {date.isoformat()} is before the member joined "
                               f"({row.join_date.isoformat()})"], subject="leaving")
    _set(session, row, "leave_date", date)
    _set(session, row, "leave_reason", reason)
    return _changed(session, row)


def cancel_leaving(session: Session, number: str, expected_version: int | None = None) -> MemberId:
    """Take back a recorded leaving: the member has no leave date or reason any more.

    Leaving is recorded, not edited (`EDITABLE_FIELDS` leaves it out), so this is the one way
    back, for undoing `record_leaving`: field by field in the member's history like any change,
    the version moved on, and refused with EditConflict when the member changed since
    `expected_version`.
    """
    row = _get(session, number)
    _check_version(row, expected_version)
    _set(session, row, "leave_date", None)
    _set(session, row, "leave_reason", None)
    return _changed(session, row)


def set_status_override(session: Session, number: str, status: str | None, reason: str = "",
                        expected_version: int | None = None) -> MemberId:
    """Fix a member's status by hand (with a reason), or clear the override with None."""
    if status is not None and status not in tuple(Status):
        raise ValidationError([f"status: must be one of {', '.join(Status)}, not {status!r}"],
                              subject="status")
    if status is not None and not reason.strip():
        raise ValidationError(["reason: say why the status is set by hand"], subject="status")
    row = _get(session, number)
    _check_version(row, expected_version)
    _set(session, row, "status_override", status)
    _set(session, row, "status_override_reason", reason.strip() or None)
    return _changed(session, row)


def add_class(session: Session, code: str, name: str, votes: bool) -> int:
    """Add a member class to the book's list."""
    code = code.strip().lower()
    problems = []
    if not code:
        problems.append("code: a class needs a code")
    elif session.execute(select(MemberClass.id).where(MemberClass.code == code)).first():
        problems.append(f"code: there is already a class {code!r}")
    if not name.strip():
        problems.append("name: a class needs a name")
    if problems:
        raise ValidationError(problems, subject="member class")
    position = session.execute(select(func.coalesce(func.max(MemberClass.position), 0))).scalar_one()
    row = MemberClass(code=code, name=name.strip(), votes=votes, position=position + 1)
    session.add(row)
    session.flush()
    note_changes(session, area="settings", settings=True)
    return row.id


def next_member_number(session: Session) -> str:
    """One more than the highest numeric member number (numbers with letters are skipped)."""
    numbers = session.execute(select(Member.number)).scalars()
    highest = max((int(n) for n in numbers if n.isdigit()), default=0)
    return str(highest + 1)


def member_input(session: Session, row: Member) -> MemberInput:
    """The editable fields of a stored member, as the treasurer sees them."""
    class_code = None
    if row.class_id is not None:
        class_code = session.get(MemberClass, row.class_id).code  # type: ignore[union-attr]
    payer_number = None
    if row.payer_id is not None:
        payer_number = session.get(Member, row.payer_id).number  # type: ignore[union-attr]
    return MemberInput(
        display_name=row.display_name, join_date=row.join_date, number=row.number,
        sort_name=row.sort_name, kind=row.kind, class_code=class_code,
        address_lines=tuple(line for line in row.address_lines.split("\n") if line),
        postal_code=row.postal_code, city=row.city, region=row.region, country=row.country,
        email=row.email, phone=row.phone, language=row.language, payer_number=payer_number,
        notes=row.notes,
    )


def _apply(session: Session, row: Member, member: MemberInput) -> None:
    display = " ".join(member.display_name.split())
    row.display_name = display
    row.sort_name = member.sort_name.strip() or default_sort_name(display, member.kind)
    if member.number is not None:
        row.number = member.number.strip()
    row.kind = member.kind
    row.class_id = _class_id(session, member.class_code)
    row.join_date = member.join_date
    row.address_lines = "\n".join(line.strip() for line in member.address_lines if line.strip())
    row.postal_code = member.postal_code.strip()
    row.city = member.city.strip()
    row.region = member.region.strip()
    row.country = member.country.strip()
    row.email = member.email.strip()
    row.phone = member.phone.strip()
    row.language = member.language.replace("-", "_") if member.language else None
    row.payer_id = _payer_id(session, member.payer_number)
    row.notes = member.notes


def _reference_problems(session: Session, member: MemberInput, member_id: int | None) -> list[str]:
    problems = []
    if member.class_code is not None and _class_id(session, member.class_code) is None:
        known = ", ".join(session.execute(select(MemberClass.code).order_by(MemberClass.position)).scalars())
        problems.append(f"class: no member class {member.class_code!r} (the classes are {known})")
    if member.payer_number is not None:
        payer = _payer_id(session, member.payer_number)
        if payer is None:
            problems.append(f"payer: no member with number {member.payer_number!r}")
        elif payer == member_id:
            problems.append("payer: a member cannot be their own payer; leave the payer empty")
    return problems


def _join_date_problems(session: Session, row: Member) -> list[str]:
    """A member's dues periods are planned from their join date: once any is charged, moving
    it would plan them afresh (a rolling plan would charge overlapping periods again, a fixed
    one skip or prorate periods already charged whole). Refused even where a move would touch
    no charged period: a rule a treasurer can predict beats a clever one."""
    first = session.execute(select(func.min(Charge.period_start))
                            .where(Charge.member_id == row.id)).scalar_one()
    if first is None:
        return []
    return [f"join date: member {row.number} has been charged dues since {first.isoformat()}, "
            "planned from the join date, so it can no longer change; write off the charges "
            "made in error instead (and note the real date in the member's notes)"]


def _class_id(session: Session, code: str | None) -> int | None:
    if code is None:
        return None
    return session.execute(
        select(MemberClass.id).where(MemberClass.code == code.strip().lower())).scalar_one_or_none()


def _payer_id(session: Session, number: str | None) -> int | None:
    if number is None:
        return None
    return session.execute(select(Member.id).where(Member.number == number.strip())).scalar_one_or_none()


def _number_taken(session: Session, number: str, member_id: int | None) -> bool:
    found = session.execute(select(Member.id).where(Member.number == number)).scalar_one_or_none()
    return found is not None and found != member_id


def _get(session: Session, number: str) -> Member:
    row = session.execute(select(Member).where(Member.number == number)).scalar_one_or_none()
    if row is None:
        raise NotFound(f"no member with number {number!r}")
    return row


def _check_version(row: Member, expected_version: int | None) -> None:
    if expected_version is not None and row.version != expected_version:
        raise EditConflict(
            f"member {row.number} was changed elsewhere (in another window?) since you opened "
            "it; nothing was saved. Reload the member and try again."
        )


def _changed(session: Session, row: Member) -> MemberId:
    """Move the member's version on (an editor holding the old one is refused) and note them
    in the action's change set."""
    row.version += 1
    session.flush()
    note_changes(session, area="members", members=[row.id])
    return MemberId(row.id)


def _set(session: Session, row: Member, field: str, value: Any) -> None:
    before = getattr(row, field)
    if before != value:
        setattr(row, field, value)
        _record(session, row.id, field, _text(before), _text(value))


def _snapshot(member: MemberInput) -> dict[str, str | None]:
    return {name: _text(getattr(member, name)) for name in EDITABLE_FIELDS}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "\n".join(value)
    return str(value)


def _record(session: Session, member_id: int, field: str, before: str | None, after: str | None) -> None:
    session.add(MemberChange(member_id=member_id, changed_at=clock.now().isoformat(timespec="seconds"),
                             field=field, before=before, after=after))
