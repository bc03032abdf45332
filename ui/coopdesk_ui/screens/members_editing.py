"""Adding, editing and recording leaving for the Members screen: the forms and their writes.

Each save is one write of the core. Edits and leavings are core actions
(coopdesk.members.actions) put on the undo stack once done; adding a member is a plain write,
not undoable, since the register keeps every member once added. What the core refuses is shown
at the form's fields; an edit refused because the member changed elsewhere meanwhile is
explained, and the screen reloads so the user sees the member as they now are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.members.actions import EditMember, RecordLeaving
from coopdesk.members.queries import ClassRow, MemberDetail
from coopdesk.members.service import EditConflict, add_member, next_member_number
from coopdesk.members.types import MemberInput
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.member_form import MemberForm
from coopdesk_ui.forms.member_leaving import LeavingForm
from coopdesk_ui.screens.members_dialogs import MemberDialogs
from coopdesk_ui.targets import MemberTarget
from coopdesk_ui.undo import ActionCommand


def add_numbered_member(session: Session, member: MemberInput) -> str:
    """Add `member` and return their number (the next free one when none was typed)."""
    number = member.number or next_member_number(session)
    add_member(session, dataclasses.replace(member, number=number))
    return number


class MemberEditor:
    """Opens the member forms over `parent` and saves what they give; `show` is asked to show
    the member saved, `reload` to read the register again after a conflict."""

    def __init__(self, context: AppContext, parent: QWidget,
                 show: Callable[[MemberTarget], None], reload: Callable[[], None]) -> None:
        self.context = context
        self.parent = parent
        self.formatter: Formatter = context.formatter  # the book's, kept current by the screen
        self._show = show
        self._reload = reload

    def add(self, classes: Sequence[ClassRow], members: Mapping[str, str]) -> None:
        """The form for a new member, offering the next free number."""
        form = MemberForm(self._save_new_member, self.formatter, classes, members,
                          suggested_number=self.context.read(next_member_number),
                          today=clock.today(), parent=self.parent)
        MemberDialogs.run_form(form)

    def edit(self, detail: MemberDetail, classes: Sequence[ClassRow],
             members: Mapping[str, str]) -> None:
        """The form for member `detail`, as read at its version."""
        form = MemberForm(lambda _typed, changes: self._save_edit(detail, changes),
                          self.formatter, classes, members, detail=detail,
                          today=clock.today(), parent=self.parent)
        MemberDialogs.run_form(form)

    def record_leaving(self, detail: MemberDetail) -> None:
        """The form asking when and why member `detail` left."""
        form = LeavingForm(
            lambda date, reason: self._perform(
                RecordLeaving(detail.number, date, reason, detail.version), detail.number),
            self.formatter, detail, clock.today(), parent=self.parent)
        MemberDialogs.run_form(form)

    def _save_new_member(self, member: MemberInput,
                         _changes: dict[str, Any]) -> Sequence[str] | None:
        try:
            changes = self.context.host.run(add_numbered_member, member)
        except ValidationError as exc:
            return exc.problems
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return None
        self._show(MemberTarget(str(changes.result)))
        return []

    def _save_edit(self, detail: MemberDetail, changes: dict[str, Any]) -> Sequence[str] | None:
        action = EditMember(detail.number, changes, detail.version)
        problems = self._perform(action, detail.number)
        if problems == [] and action.after.get("number"):
            self._show(MemberTarget(action.after["number"]))  # renumbered
        return problems

    def _perform(self, action: EditMember | RecordLeaving, number: str) -> Sequence[str] | None:
        """Do `action` in one write and put it on the undo stack: [] when done, the core's
        problems to show at the fields, or None once the user was told why it was not done."""
        try:
            self.context.host.run(action.do)
        except ValidationError as exc:
            return exc.problems
        except EditConflict:
            self.context.tell(_(
                "Member {number} was changed elsewhere (in another window?) after you opened "
                "the form, so your changes were not saved. The member is shown again as they "
                "are now: please make your change again.").format(number=number))
            self._reload()
            return None
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return None
        if not isinstance(action, EditMember) or action.changed:
            self.context.undo_stack.push(ActionCommand(self.context, action))
        return []
