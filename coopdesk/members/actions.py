"""Undoable changes to the member register (`coopdesk.undo.Action`s).

`EditMember` changes some fields; its undo is a further edit putting back the values the
fields had, its redo the edit again. `RecordLeaving` records that a member left; its undo puts
back the leave date and reason they had before (usually none). Each step names the version it
expects the member to be at, the one the step before left: if someone else changed the member in
between, the step is refused with `EditConflict` instead of overwriting their change. Every
step is recorded in the member's change history like any edit, so the history shows the
change and its undoing.

Adding a member is not undoable: a member's history is append-only and starts with their
creation, so a member once added cannot be removed from the book.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from coopdesk.i18n import _
from coopdesk.ids import MemberId
from coopdesk.members.queries import MemberDetail, member_detail
from coopdesk.members.service import cancel_leaving, edit_member, record_leaving
from coopdesk.members.types import EDITABLE_FIELDS


class EditMember:
    """Change some fields (named as in `MemberInput`) of member `number`, read at
    `expected_version` by whoever typed the change (None: whatever version it is at)."""

    def __init__(self, number: str, changes: Mapping[str, Any],
                 expected_version: int | None = None) -> None:
        self.number = number
        self.changes = dict(changes)
        self.expected_version = expected_version
        self.member_name = ""
        #: The fields the edit really changed: their values before and after it.
        self.before: dict[str, Any] = {}
        self.after: dict[str, Any] = {}
        self._numbers = (number, number)  # the member's number before and after the edit
        self._version = expected_version  # the version the next step expects

    @property
    def label(self) -> str:
        return _("Edit member {number} ({name})").format(number=self._numbers[1],
                                                        name=self.member_name or self.number)

    @property
    def changed(self) -> bool:
        """Whether the edit changed anything (an edit to the same values changes nothing)."""
        return bool(self.after)

    def do(self, session: Session) -> MemberId:
        old = member_detail(session, self.number)
        member_id = edit_member(session, self.number, self.changes, self.expected_version)
        new = member_detail(session, _number_after(old, self.changes))
        self.before = {name: getattr(old, name) for name in EDITABLE_FIELDS
                       if getattr(old, name) != getattr(new, name)}
        self.after = {name: getattr(new, name) for name in self.before}
        self._numbers = (old.number, new.number)
        self.member_name = new.display_name
        self._version = new.version
        return member_id

    def undo(self, session: Session) -> MemberId:
        return self._edit(session, self._numbers[1], self.before)

    def redo(self, session: Session) -> MemberId:
        return self._edit(session, self._numbers[0], self.after)

    def _edit(self, session: Session, number: str, values: Mapping[str, Any]) -> MemberId:
        member_id = edit_member(session, number, values, self._version)
        if values:
            self._version = member_detail(session, values.get("number", number)).version
        return member_id


class RecordLeaving:
    """Record that member `number` left on `date` for `reason` (a `LeaveReason`)."""

    def __init__(self, number: str, date: dt.date, reason: str,
                 expected_version: int | None = None) -> None:
        self.number = number
        self.date = date
        self.reason = reason
        self.expected_version = expected_version
        self.member_name = ""
        self._before: tuple[dt.date | None, str | None] = (None, None)
        self._version = expected_version

    @property
    def label(self) -> str:
        return _("Record that member {number} ({name}) left").format(
            number=self.number, name=self.member_name or self.number)

    def do(self, session: Session) -> MemberId:
        old = member_detail(session, self.number)
        self._before = (old.leave_date, old.leave_reason)
        self.member_name = old.display_name
        return self.redo(session)

    def undo(self, session: Session) -> MemberId:
        return self._put_back(session, *self._before)

    def redo(self, session: Session) -> MemberId:
        member_id = record_leaving(session, self.number, self.date, self.reason, self._version)
        self._version = member_detail(session, self.number).version
        return member_id

    def _put_back(self, session: Session, date: dt.date | None, reason: str | None) -> MemberId:
        if date is not None and reason is not None:
            member_id = record_leaving(session, self.number, date, reason, self._version)
        else:
            member_id = cancel_leaving(session, self.number, self._version)
        self._version = member_detail(session, self.number).version
        return member_id


def _number_after(old: MemberDetail, changes: Mapping[str, Any]) -> str:
    """The member's number once `changes` are made (the edit may renumber them)."""
    number = changes.get("number")
    return number.strip() if isinstance(number, str) and number.strip() else old.number
